/**
 * Numbers people search by, in any common written form, reduced to one canonical form each so a query meets the
 * stored number: application and registration numbers in the office's own format, WIPO ST.13 application numbers,
 * Madrid international registrations, PCT applications and publications, priority numbers.
 *
 * Arabic-Indic and Eastern Arabic-Indic digits read as ASCII digits (`Text.fold`); case, spaces and the usual
 * separators do not matter. The engine stores `normalise(kind, number)` beside each number and compares canonical
 * forms.
 */
import { ApplicationNumber, Text } from "@ipoffice/domain";
import { Result, Schema } from "effect";

/** The kinds of number a query can name. */
export const NumberKind = Schema.Literals([
  "application",
  "registration",
  "st13",
  "internationalRegistration",
  "pct",
  "priority",
]);
export type NumberKind = typeof NumberKind.Type;
export const numberKinds: ReadonlyArray<NumberKind> = NumberKind.literals;

/** Longest number accepted. */
export const maxLength = 64;

/** A number cannot be read: `reason` says what form is expected. */
export class NumberError extends Schema.TaggedError<NumberError>()("NumberError", {
  kind: NumberKind,
  input: Schema.String,
  reason: Schema.String,
}) {
  override get message(): string {
    return `${JSON.stringify(this.input)} is not a valid ${this.kind} number: ${this.reason}`;
  }
}

const SEPARATORS = /[\s\-./_,:\\|]+/g;

/** Digits folded, upper case, and only letters, digits and single `/` separators left. */
const clean = (text: string): string =>
  Text.fold(text)
    .toUpperCase()
    .replace(/[\u200e\u200f\u061c]/g, "")
    .trim()
    .replace(SEPARATORS, "/")
    .replace(/^\/+|\/+$/g, "");

/** Office numbers: groups of letters and of digits, separated by `/`, leading zeros dropped from digit groups. */
const officeNumber = (text: string): string | undefined => {
  const c = clean(text);
  if (!/^[A-Z0-9/]+$/.test(c) || !/[0-9]/.test(c)) return undefined;
  const groups = c
    .replace(/([A-Z])(?=[0-9])|([0-9])(?=[A-Z])/g, "$1$2/")
    .split("/")
    .filter((g) => g !== "");
  return groups.map((g) => (/^[0-9]+$/.test(g) ? g.replace(/^0+(?=\d)/, "") : g)).join("/");
};

/** PCT application `PCT/IB2024/050123` (WIPO PCT Applicant's Guide: the new format since 1 January 2004). */
const pctApplication = /^PCT\/?([A-Z]{2})\/?(\d{2}|\d{4})\/?(\d{1,6})$/;
/** PCT publication `WO2024/123456` (WIPO: "WO" + four-digit year + six-digit serial; two-digit year before 2004). */
const pctPublication = /^WO\/?(\d{2}|\d{4})\/?(\d{1,6})(?:\/?[A-Z]\d?)?$/;

/** A two-digit PCT year: PCT filings began in 1978, so 78–99 are 19xx and the rest 20xx. */
const fullYear = (yy: string): string => (yy.length === 4 ? yy : Number(yy) >= 78 ? `19${yy}` : `20${yy}`);

/**
 * The canonical form of a number of the given kind, or an error saying what form is expected:
 * - `application`, `registration`, `priority`: letters and digit groups in order, separated by `/`, leading zeros of
 *   digit groups dropped: `"tm 2024-00123"`, `"TM/2024/123"`, `"TM٢٠٢٤/١٢٣"` → `"TM/2024/123"`;
 * - `st13`: the 17-character ST.13 form (`OM 50 2026 000001234` → `OM502026000001234`; a shorter serial is padded);
 * - `internationalRegistration`: the Madrid number's digits without leading zeros (`IR 1 234 567` → `1234567`);
 * - `pct`: `PCT/IB2024/050123` for applications (two-digit years and five-digit serials of the format used before 2004
 *   are converted) and `WO2024/123456` for publications (a kind code like `A1` is dropped).
 */
export const normalise = (kind: NumberKind, text: string): Result.Result<string, NumberError> => {
  const input = typeof text === "string" ? text.slice(0, maxLength) : "";
  const fail = (reason: string) => Result.fail(new NumberError({ kind, input, reason }));
  if (typeof text !== "string" || text.trim() === "") return fail("it is empty");
  if (text.length > maxLength) return fail(`it is longer than ${maxLength} characters`);
  const c = clean(text);
  switch (kind) {
    case "st13": {
      const compact = c.replaceAll("/", "");
      const m = /^([A-Z]{2})(\d{2})(\d{4})(\d{1,9})$/.exec(compact);
      if (m === null) return fail("write the office code, then 15 digits: IP type (2), year (4), serial (up to 9)");
      const padded = `${m[1]}${m[2]}${m[3]}${(m[4] as string).padStart(9, "0")}`;
      const parsed = ApplicationNumber.fromSt13(padded);
      return Result.isSuccess(parsed) ? Result.succeed(padded) : fail(parsed.failure.message);
    }
    case "internationalRegistration": {
      const m = /^(?:IR|WO|NO|N)?\/?(\d[\d/]*)$/.exec(c);
      const digits = m === null ? "" : (m[1] as string).replaceAll("/", "").replace(/^0+(?=\d)/, "");
      if (digits === "" || digits.length > 8)
        return fail("write the international registration's digits (e.g. 1234567)");
      return Result.succeed(digits);
    }
    case "pct": {
      const compact = c.replaceAll("/", "");
      const a = pctApplication.exec(c) ?? pctApplication.exec(compact);
      if (a !== null)
        return Result.succeed(`PCT/${a[1]}${fullYear(a[2] as string)}/${(a[3] as string).padStart(6, "0")}`);
      const p = pctPublication.exec(c) ?? /^WO(\d{4})(\d{6})(?:[A-Z]\d?)?$/.exec(compact);
      if (p !== null) return Result.succeed(`WO${fullYear(p[1] as string)}/${(p[2] as string).padStart(6, "0")}`);
      return fail("write a PCT application (PCT/IB2024/050123) or publication (WO 2024/123456)");
    }
    default: {
      const n = officeNumber(text);
      return n === undefined ? fail("write letters and digits, e.g. TM/2024/00123") : Result.succeed(n);
    }
  }
};
