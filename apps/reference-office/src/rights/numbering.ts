/**
 * How the office numbers applications and registrations: the pattern of each kind (`numbering` in the office
 * configuration) says whether its serial restarts every year (the pattern shows the year: `TM/{yyyy}/{serial:6}`) or
 * runs on for ever (no year: Jordan's `{serial}`, a registration number `{serial:6}`). The counters are rows of
 * `number_sequences`, one per office, series and year (decision 0693); a continuous series has one row, year 0.
 */
import { ApplicationNumber } from "@ipoffice/domain";
import { Result } from "effect";
import type { Kysely, Transaction } from "kysely";
import type { IpKind, OfficeConfig } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { allocateSerials, CONTINUOUS } from "./RightsRepository.js";

/** What a number is for: the application (on filing) or the registration (on the registering action). */
export type Purpose = "application" | "registration";

/** The codes `{kind}` writes, per kind of right, where the office's `numbering.kindCodes` names none. */
export const defaultKindCodes: Readonly<Record<IpKind, string>> = {
  trademark: "TM",
  patent: "P",
  industrial_design: "D",
  utility_model: "U",
};

/** The code `{kind}` writes for a kind in this office: its `numbering.kindCodes`, else the default (TM, P, D, U). */
export const kindCodeOf = (config: OfficeConfig, kind: IpKind): string =>
  config.numbering.kindCodes?.[kind] ?? defaultKindCodes[kind];

const yearly = "{yyyy}{serial}" as ApplicationNumber.Pattern;

/** True when the pattern restarts its serial each year (it shows the year, as `{yyyy}` or `{yy}`). */
export const restartsYearly = (pattern: ApplicationNumber.Pattern): boolean =>
  Result.match(ApplicationNumber.compile(pattern), { onSuccess: (p) => p.hasYear, onFailure: () => true });

/** The pattern of a purpose and kind in the office's configuration (none for a kind the office does not handle). */
export const patternOf = (
  config: OfficeConfig,
  purpose: Purpose,
  kind: IpKind,
): ApplicationNumber.Pattern | undefined =>
  purpose === "application" ? config.numbering.applications[kind] : config.numbering.registrations[kind];

/** The counter a number of `year` draws from: `{ series, year }`, the year 0 for a continuous serial. */
export const counterOf = (
  config: OfficeConfig,
  purpose: Purpose,
  kind: IpKind,
  year: number,
): { readonly series: string; readonly year: number } => ({
  series: `${purpose}:${kind}`,
  year: restartsYearly(patternOf(config, purpose, kind) ?? yearly) ? year : CONTINUOUS,
});

/**
 * Reserves `count` consecutive serials for numbers of a purpose and kind issued in `year`, inside the caller's
 * transaction; returns the first.
 */
export const reserveSerials = (
  trx: Kysely<Database> | Transaction<Database>,
  config: OfficeConfig,
  purpose: Purpose,
  kind: IpKind,
  year: number,
  count: number,
): Promise<number> => {
  const counter = counterOf(config, purpose, kind, year);
  return allocateSerials(trx, config.office.code, counter.series, counter.year, count);
};
