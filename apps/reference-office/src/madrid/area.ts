/**
 * Area `madrid`: the Madrid desk (import of IB batches, designations with their time limits, decisions that write the
 * office → IB documents, the fee calculator) and its dashboard. API under `/api/v1/madrid`, pages under `/madrid`.
 */
import type { Area } from "../Area.js";
import { createMadridApi, operations } from "./api.js";
import { createMadridPages } from "./pages.js";

export const madridArea: Area = {
  name: "madrid",
  api: createMadridApi,
  operations,
  pages: createMadridPages,
  // Uploads of IB batches are spooled to disk up to 50 MiB by the routes themselves.
  ownBodyLimit: ["/madrid/transactions"],
  ownPageBodyLimit: ["/madrid/import"],
};
