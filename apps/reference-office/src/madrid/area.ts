/**
 * Area `madrid`: the Madrid desk (import of IB batches, designations with their time limits, decisions that write the
 * office → IB documents, the fee calculator) and its dashboard. API under `/api/v1/madrid`, pages under `/madrid`.
 */
import type { Area } from "../Area.js";
import { createMadridApi, operations } from "./api.js";
import { createMadridPages } from "./pages.js";
import { needs } from "../http/access.js";
import { hasProduct } from "../config/OfficeConfig.js";

export const madridArea: Area = {
  name: "madrid",
  // The Madrid desk is a product: an office without it has no desk, no Madrid API and no links to them.
  enabled: (config) => hasProduct(config, "madrid"),
  api: createMadridApi,
  operations,
  pages: createMadridPages,
  pageRoutes: [
    { method: "get", path: "/madrid", access: needs("madrid.read"), summary: "Madrid desk: designations" },
    { method: "get", path: "/madrid/designations/{irn}", access: needs("madrid.read"), summary: "A designation" },
    {
      method: "post",
      path: "/madrid/designations/{irn}/decide",
      access: needs("madrid.decide"),
      summary: "Decide on a designation",
    },
    { method: "get", path: "/madrid/import", access: needs("madrid.import"), summary: "Import IB transactions: form" },
    { method: "post", path: "/madrid/import", access: needs("madrid.import"), summary: "Import IB transactions" },
    { method: "get", path: "/madrid/dashboard", access: needs("madrid.read"), summary: "Madrid dashboard" },
  ],
  // Uploads of IB batches are spooled to disk up to 50 MiB by the routes themselves.
  ownBodyLimit: ["/madrid/transactions"],
  ownPageBodyLimit: ["/madrid/import"],
};
