/**
 * Area `nice`: the Nice classification API of the office (`/api/v1/nice/*`).
 */
import type { Area } from "../Area.js";
import { createNiceApi, operations } from "./api.js";

export const niceArea: Area = { name: "nice", api: createNiceApi, operations };
