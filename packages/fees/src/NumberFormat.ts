/**
 * How an office writes its invoice and receipt numbers: a format of literal characters (capital letters, digits,
 * `.`, `_`, `-`) and the tokens `{office}` (the office's code), `{yyyy}` or `{yy}` (the year) and `{serial}` or
 * `{serial:N}` (the sequence, zero-padded to at least N digits). A format with the year restarts its sequence every year; one
 * without runs on. The numbers stay one URL path segment (no `/`), so they address their invoice or receipt.
 *
 * `format("{office}-{yyyy}-{serial:6}", { office: "BG", year: 2026, serial: 42 })` is `BG-2026-000042`.
 */
import { Result, Schema } from "effect";

/** The formats used where the office names none. */
export const defaultInvoiceFormat = "{office}-{yyyy}-{serial:6}";
export const defaultReceiptFormat = "{office}-R-{yyyy}-{serial:6}";

const token = /\{(office|yyyy|yy|serial)(?::(\d+))?\}/g;
const literal = /^[A-Z0-9._-]*$/;

/** What is wrong with a format, or undefined when it is a valid one. */
export const problem = (format: string): string | undefined => {
  if (format.length === 0 || format.length > 40) return "a format of 1 to 40 characters";
  let serials = 0;
  let years = 0;
  let offices = 0;
  let rest = "";
  let last = 0;
  for (const match of format.matchAll(token)) {
    rest += format.slice(last, match.index);
    last = match.index + match[0].length;
    const [, name, width] = match;
    if (name === "serial") {
      serials += 1;
      if (width !== undefined && (Number(width) < 1 || Number(width) > 12))
        return `{serial:${width}}: the width is 1 to 12 digits`;
    } else if (width !== undefined) return `{${name}} takes no width`;
    if (name === "yyyy" || name === "yy") years += 1;
    if (name === "office") offices += 1;
  }
  rest += format.slice(last);
  if (!literal.test(rest))
    return `"${[...new Set(rest.replace(/[A-Z0-9._-]/g, ""))].join("").slice(0, 10)}" is not allowed: use capital letters, digits, ".", "_", "-" and the tokens {office}, {yyyy}, {yy}, {serial} or {serial:N}`;
  if (serials !== 1) return "exactly one {serial} or {serial:N} token";
  if (years > 1) return "at most one year token ({yyyy} or {yy})";
  if (offices > 1) return "at most one {office} token";
  return undefined;
};

/** A valid number format (see the module's comment). */
export const NumberFormat = Schema.String.pipe(
  Schema.check(Schema.makeFilter((format: string) => problem(format) ?? true)),
  Schema.brand("NumberFormat"),
);
export type NumberFormat = typeof NumberFormat.Type;

/** True when the format shows the year, so its sequence restarts every year. */
export const restartsYearly = (format: string): boolean => /\{yyyy\}|\{yy\}/.test(format);

export class InvalidNumber extends Schema.TaggedError<InvalidNumber>()("InvalidNumber", {
  format: Schema.String,
  reason: Schema.String,
}) {
  override get message(): string {
    return `Cannot write a number in the format ${this.format}: ${this.reason}`;
  }
}

/** Writes a number: the office's code (2 capital letters), the year (1000–9999), the serial (1 or more). */
export const format = (
  format: string,
  parts: { readonly office: string; readonly year: number; readonly serial: number },
): Result.Result<string, InvalidNumber> => {
  const wrong = problem(format);
  if (wrong !== undefined) return Result.fail(new InvalidNumber({ format, reason: wrong }));
  if (!/^[A-Z]{2}$/.test(parts.office))
    return Result.fail(new InvalidNumber({ format, reason: `office ${parts.office} is not 2 capital letters` }));
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999)
    return Result.fail(new InvalidNumber({ format, reason: `year ${parts.year} is not 1000–9999` }));
  if (!Number.isSafeInteger(parts.serial) || parts.serial < 1)
    return Result.fail(new InvalidNumber({ format, reason: `serial ${parts.serial} is not 1 or more` }));
  const text = format.replace(token, (_, name: string, width: string | undefined) => {
    if (name === "office") return parts.office;
    if (name === "yyyy") return String(parts.year);
    if (name === "yy") return String(parts.year % 100).padStart(2, "0");
    const digits = String(parts.serial);
    return width === undefined ? digits : digits.padStart(Number(width), "0");
  });
  if (!/^[A-Z0-9][A-Z0-9._-]{2,63}$/.test(text))
    return Result.fail(
      new InvalidNumber({ format, reason: `"${text}" is not 3 to 64 characters starting with a letter or digit` }),
    );
  return Result.succeed(text);
};

/** A number an invoice or receipt may carry: 3–64 capital letters, digits, `.`, `_`, `-`, one URL path segment. */
export const isNumber = (value: string): boolean => /^[A-Z0-9][A-Z0-9._-]{2,63}$/.test(value);
