/**
 * Reshapes shared by the kinds, between a record's wire shape (what the mapping tables read and write) and the
 * record: ST.13 numbers, a party's country, and the defaults every imported right needs.
 */
import { ApplicationNumber } from "@ipoffice/domain";
import { Result } from "effect";
import type { Supply } from "./engine.js";
import type { Obj } from "./mapping.js";

/** Options every kind's reader takes (each default used is listed in the report as supplied). */
export interface CommonOptions {
  /** Office code when the file names none. */
  readonly officeCode?: string;
  /** Workflow of imported rights (default: the domain's default workflow of the kind). */
  readonly workflowId?: string;
  /** Instant used as `statusSince` when the file gives no status date (default: midnight of the filing date). */
  readonly at?: string;
  /** ST.13 IP type codes (default WIPO's). */
  readonly ipTypeCodes?: ApplicationNumber.IpTypeCodes;
}

/** Fills the bookkeeping fields of an imported right that no ST.96 element holds, or that the file left out. */
export const rightDefaults = (
  right: Obj,
  ipType: ApplicationNumber.IpType,
  defaultWorkflow: string,
  options: CommonOptions,
  supply: Supply,
): void => {
  if (right.officeCode === undefined && options.officeCode !== undefined) {
    right.officeCode = supply("right.officeCode", options.officeCode, "the file names no office");
  }
  if (right.st13 === undefined && typeof right.officeCode === "string" && typeof right.applicationNumber === "string") {
    // The serial is the last group of digits ("D/2025/00007" gives 7), its last nine digits at most.
    const digits = right.applicationNumber.match(/\d+/g)?.at(-1) ?? "";
    const year = typeof right.filingDate === "string" ? Number(right.filingDate.slice(0, 4)) : 0;
    const made = ApplicationNumber.toSt13(
      { office: right.officeCode, ipType, year, serial: Number(digits.slice(-9) || "0") },
      options.ipTypeCodes,
    );
    if (Result.isSuccess(made))
      right.st13 = supply("right.st13", made.success, "made from office, filing year and the number's last digits");
  }
  if (right.status === undefined) right.status = supply("right.status", "imported", "the file gives no status");
  if (right.statusSince === undefined) {
    const at = options.at ?? (typeof right.filingDate === "string" ? `${right.filingDate}T00:00:00Z` : undefined);
    if (at !== undefined) right.statusSince = supply("right.statusSince", at, "the file gives no status date");
  }
  right.workflowId = supply("right.workflowId", options.workflowId ?? defaultWorkflow, "not exchanged in ST.96");
  right.version = 1;
  for (const field of ["owners", "representatives", "priorities"]) if (right[field] === undefined) right[field] = [];
};

/**
 * A party's country (residence or seat) is the country of its address, else its country of incorporation, else its
 * nationality, else unknown (ST.3 `XX`). See {@link withCountryAddress} for the writing side.
 */
export const partyCountry = (p: Obj, field: string, supply: Supply): void => {
  const address = p.address as Obj | undefined;
  if (p.kind === undefined && p.name !== undefined) {
    p.kind = supply(`${field}.kind`, "legal", "the file names the party without saying its kind");
  }
  if (address !== undefined) {
    p.country = address.country;
    if (Object.keys(address).length === 1) delete p.address;
  } else if (p.incorporationState !== undefined) {
    p.country = supply(`${field}.country`, p.incorporationState, "no address: the country of incorporation");
  } else if (p.nationality !== undefined) {
    p.country = supply(`${field}.country`, p.nationality, "no address: the nationality");
  } else if (p.name !== undefined) {
    p.country = supply(`${field}.country`, "XX", "the file gives no country for the party (ST.3 XX: unknown)");
  }
};

/**
 * A party written without an address, whose country is neither its incorporation country nor its nationality, gets
 * an address of its country alone, which reads back as no address (`XX`, unknown, is no address country in ST.96:
 * it reads back as unknown again).
 */
export const withCountryAddress = (p: Obj): Obj =>
  p.address !== undefined ||
  p.country === undefined ||
  p.country === "XX" ||
  p.country === (p.incorporationState ?? p.nationality)
    ? p
    : { ...p, address: { country: p.country } };

/** One difference between a record and what reading its own export gives back. */
export interface NotCarried {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** The fields (by dotted path) whose values differ between a record and the same record read back from its export. */
export const differences = (before: unknown, after: unknown): Array<NotCarried> => {
  const out: Array<NotCarried> = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    if (
      typeof a === "object" &&
      a !== null &&
      typeof b === "object" &&
      b !== null &&
      Array.isArray(a) === Array.isArray(b)
    ) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of keys) walk((a as Obj)[k], (b as Obj)[k], path === "" ? k : `${path}.${k}`);
      return;
    }
    out.push({ field: path, before: a, after: b });
  };
  walk(before, after, "");
  return out;
};
