/**
 * Area `classifications`: the office's Locarno, Vienna and IPC lists (`/api/v1/classifications`). Reads only; lists
 * are imported with the command line (`cli classifications import`) until accounts and roles arrive.
 */
import type { Area } from "../Area.js";
import { createClassificationsApi, operations } from "./api.js";

export const classificationsArea: Area = { name: "classifications", api: createClassificationsApi, operations };
