/**
 * The areas of the reference office beyond the core register (see Area.ts). Order matters only for overlapping
 * routes, which areas should not have.
 */
import { adminArea } from "./admin/area.js";
import type { Area } from "./Area.js";
import type { OfficeConfig } from "./config/OfficeConfig.js";
import { authArea } from "./auth/area.js";
import { classificationsArea } from "./classifications/area.js";
import { documentsArea } from "./documents/area.js";
import { efilingArea } from "./efiling/area.js";
import { filerAccountsArea, outboxArea } from "./efiling/accountsArea.js";
import { filerPaymentsArea } from "./efiling/paymentsArea.js";
import { feesArea } from "./fees/area.js";
import { gatewaySimulatorArea } from "./fees/simulator.js";
import { madridArea } from "./madrid/area.js";
import { niceArea } from "./nice/area.js";
import { officeArea } from "./office/area.js";
import { publishArea } from "./publish/area.js";

export const areas: ReadonlyArray<Area> = [
  publishArea,
  officeArea,
  niceArea,
  feesArea,
  gatewaySimulatorArea,
  madridArea,
  efilingArea,
  filerAccountsArea,
  filerPaymentsArea,
  outboxArea,
  classificationsArea,
  documentsArea,
  authArea,
  adminArea,
];

/** The areas the office runs (`Area.enabled`: its products and fees). */
export const areasOf = (config: OfficeConfig): ReadonlyArray<Area> =>
  areas.filter((area) => area.enabled === undefined || area.enabled(config));
