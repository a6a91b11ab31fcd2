/**
 * Application numbers: the office's own display format, written as a pattern in its configuration
 * (`"TM/{yyyy}/{serial:5}"`), with generation, formatting and parsing; and the WIPO ST.13 form
 * (office code, IP type, year, serial) used in ST.96 exchange and global databases.
 *
 * Pattern tokens:
 * - `{kind}`: the office's code for the kind of right, 1–5 capital letters (`TM`, `P`, `D`, `UM`);
 * - `{yyyy}`: the 4-digit year; `{yy}`: the 2-digit year, read as 2000–2099;
 * - `{serial:N}`: the serial number zero-padded to N digits (1–9); `{serial}`: the serial without padding;
 * - anything else is literal text (no braces, no control characters).
 *
 * A pattern has exactly one serial token, at most one year token and at most one `{kind}`, is at most 64
 * characters long and does not start or end with a space.
 */
import { Result, Schema } from "effect";
import { type CountryCode, isCountryCode } from "./Country.js";
import { IpKind } from "./IpRight.js";

/** Longest accepted pattern, and longest accepted text to parse. */
export const maxLength = 64;
/** Largest serial number (nine digits, the ST.13 serial length). */
export const maxSerial = 999_999_999;

// ---------------------------------------------------------------------------------------------------------------
// Patterns

type Token =
  | { readonly _tag: "Literal"; readonly text: string }
  | { readonly _tag: "Kind" }
  | { readonly _tag: "Year"; readonly digits: 2 | 4 }
  | { readonly _tag: "Serial"; readonly width: number | undefined };

/** A pattern split into tokens, ready to format and parse. */
export interface CompiledPattern {
  readonly source: string;
  readonly tokens: ReadonlyArray<Token>;
  readonly hasKind: boolean;
  readonly hasYear: boolean;
}

/** A pattern is malformed: `position` is the 1-based character where the problem starts. */
export class PatternError extends Schema.TaggedError<PatternError>()("PatternError", {
  pattern: Schema.String,
  position: Schema.Number,
  message: Schema.String,
}) {}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/;

const compileUncached = (source: string): Result.Result<CompiledPattern, PatternError> => {
  const shown = source.length > maxLength ? `${source.slice(0, maxLength)}…` : source;
  const fail = (position: number, message: string) =>
    Result.fail(new PatternError({ pattern: shown, position, message }));
  if (source.length === 0) return fail(1, "the pattern is empty");
  if (source.length > maxLength) return fail(maxLength + 1, `the pattern is longer than ${maxLength} characters`);
  if (source.trim() !== source) return fail(1, "the pattern starts or ends with a space");
  const tokens: Array<Token> = [];
  let literal = "";
  let kinds = 0;
  let years = 0;
  let serials = 0;
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === "}") return fail(i + 1, `"}" without a matching "{"`);
    if (controlCharacters.test(c)) return fail(i + 1, "control characters are not allowed");
    if (c !== "{") {
      literal += c;
      i++;
      continue;
    }
    const close = source.indexOf("}", i);
    if (close < 0) return fail(i + 1, `"{" without a matching "}"`);
    const name = source.slice(i + 1, close);
    if (name.includes("{")) return fail(i + 1, `"{" without a matching "}"`);
    let token: Token;
    if (name === "kind") {
      token = { _tag: "Kind" };
      kinds++;
    } else if (name === "yyyy" || name === "yy") {
      token = { _tag: "Year", digits: name === "yyyy" ? 4 : 2 };
      years++;
    } else if (name === "serial") {
      token = { _tag: "Serial", width: undefined };
      serials++;
    } else if (/^serial:[1-9]$/.test(name)) {
      token = { _tag: "Serial", width: Number(name.slice(7)) };
      serials++;
    } else {
      return fail(
        i + 1,
        `unknown token {${name.slice(0, 20)}}: use {kind}, {yyyy}, {yy}, {serial} or {serial:N} with N from 1 to 9`,
      );
    }
    if (kinds > 1) return fail(i + 1, "{kind} appears more than once");
    if (years > 1) return fail(i + 1, "the year appears more than once");
    if (serials > 1) return fail(i + 1, "the serial appears more than once");
    if (literal !== "") tokens.push({ _tag: "Literal", text: literal });
    literal = "";
    tokens.push(token);
    i = close + 1;
  }
  if (literal !== "") tokens.push({ _tag: "Literal", text: literal });
  if (serials === 0) return fail(source.length, "the pattern has no {serial} or {serial:N}");
  return Result.succeed({ source, tokens, hasKind: kinds === 1, hasYear: years === 1 });
};

const cache = new Map<string, Result.Result<CompiledPattern, PatternError>>();

/** Splits a pattern into tokens, or says what is wrong with it. Results are cached. */
export const compile = (pattern: string): Result.Result<CompiledPattern, PatternError> => {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = compileUncached(typeof pattern === "string" ? pattern : String(pattern));
    // Only patterns that can be valid are kept: hostile input must not grow the cache.
    if (typeof pattern === "string" && pattern.length <= maxLength) {
      if (cache.size >= 10_000) cache.clear();
      cache.set(pattern, compiled);
    }
  }
  return compiled;
};

/** An office's application-number pattern, e.g. `"TM/{yyyy}/{serial:5}"` or `"{kind}{yyyy}{serial:6}"`. */
export const Pattern = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter(
      (text: string) => {
        const r = compile(text);
        return Result.isSuccess(r) || `${r.failure.message} (at character ${r.failure.position})`;
      },
      { expected: "an application-number pattern such as TM/{yyyy}/{serial:5}" },
    ),
  ),
  Schema.brand("ApplicationNumberPattern"),
);
export type Pattern = typeof Pattern.Type;

/** The kinds of IP right an office numbers (the ST.13 IP types): the rights model's `IpKind`. */
export const IpType = IpKind;
export type IpType = IpKind;

/** An office's numbering configuration: one pattern per kind of right it handles. */
export const Patterns = Schema.Struct({
  patent: Schema.optional(Pattern),
  utility_model: Schema.optional(Pattern),
  industrial_design: Schema.optional(Pattern),
  trademark: Schema.optional(Pattern),
});
export type Patterns = typeof Patterns.Type;

// ---------------------------------------------------------------------------------------------------------------
// Formatting and generation

/** The variable parts of an application number. Which ones are needed depends on the pattern's tokens. */
export interface Parts {
  /** The office's code for the kind of right (for `{kind}`), 1–5 capital letters. */
  readonly kind?: string | undefined;
  /** The year (for `{yyyy}`, 1–9999; for `{yy}`, 2000–2099). */
  readonly year?: number | undefined;
  /** The serial number, 1 to 999,999,999. */
  readonly serial: number;
}

/** The parts cannot be written with the pattern (missing year, serial too wide, bad kind code…). */
export class FormatError extends Schema.TaggedError<FormatError>()("FormatError", {
  pattern: Schema.String,
  message: Schema.String,
}) {}

const kindCode = /^[A-Z]{1,5}$/;

const formatCompiled = (p: CompiledPattern, parts: Parts): Result.Result<string, FormatError> => {
  const fail = (message: string) => Result.fail(new FormatError({ pattern: p.source, message }));
  let out = "";
  for (const t of p.tokens) {
    switch (t._tag) {
      case "Literal":
        out += t.text;
        break;
      case "Kind":
        if (parts.kind === undefined) return fail("the pattern has {kind} but no kind code was given");
        if (!kindCode.test(parts.kind)) {
          return fail(`kind code ${JSON.stringify(parts.kind.slice(0, 20))} must be 1 to 5 capital letters A–Z`);
        }
        out += parts.kind;
        break;
      case "Year": {
        const y = parts.year;
        if (y === undefined) return fail("the pattern has a year but no year was given");
        if (t.digits === 4 && !(Number.isInteger(y) && y >= 1 && y <= 9999)) {
          return fail(`year ${y} must be a whole number from 1 to 9999`);
        }
        if (t.digits === 2 && !(Number.isInteger(y) && y >= 2000 && y <= 2099)) {
          return fail(`year ${y} cannot be written as {yy}: it must be from 2000 to 2099`);
        }
        out += String(t.digits === 4 ? y : y - 2000).padStart(t.digits, "0");
        break;
      }
      case "Serial": {
        const s = parts.serial;
        if (!(Number.isInteger(s) && s >= 1 && s <= maxSerial)) {
          return fail(`serial ${s} must be a whole number from 1 to ${maxSerial}`);
        }
        const digits = String(s);
        if (t.width !== undefined && digits.length > t.width) {
          return fail(`serial ${s} does not fit in ${t.width} digits`);
        }
        out += t.width === undefined ? digits : digits.padStart(t.width, "0");
        break;
      }
    }
  }
  return Result.succeed(out);
};

/** Writes an application number: `format("TM/{yyyy}/{serial:5}", { year: 2026, serial: 42 })` → `TM/2026/00042`. */
export const format = (pattern: Pattern, parts: Parts): Result.Result<string, FormatError> => {
  const compiled = compile(pattern);
  return Result.isFailure(compiled)
    ? Result.fail(new FormatError({ pattern: compiled.failure.pattern, message: compiled.failure.message }))
    : formatCompiled(compiled.success, parts);
};

/**
 * The next application number after the last one issued. The serial restarts at 1 each year when the pattern shows
 * the year (and `last` is from an earlier year); otherwise it continues. With no `last`, the serial is 1.
 */
export const next = (
  pattern: Pattern,
  current: { readonly kind?: string | undefined; readonly year: number },
  last?: { readonly year: number; readonly serial: number } | undefined,
): Result.Result<{ readonly text: string; readonly parts: Parts }, FormatError> => {
  const compiled = compile(pattern);
  if (Result.isFailure(compiled)) {
    return Result.fail(new FormatError({ pattern: compiled.failure.pattern, message: compiled.failure.message }));
  }
  const continues = last !== undefined && (!compiled.success.hasYear || last.year === current.year);
  const parts: Parts = { kind: current.kind, year: current.year, serial: continues ? last.serial + 1 : 1 };
  const text = formatCompiled(compiled.success, parts);
  return Result.isFailure(text) ? Result.fail(text.failure) : Result.succeed({ text: text.success, parts });
};

// ---------------------------------------------------------------------------------------------------------------
// Parsing

/** A text is not an application number of the pattern: `position` is the 1-based character where it goes wrong. */
export class ParseError extends Schema.TaggedError<ParseError>()("ParseError", {
  pattern: Schema.String,
  text: Schema.String,
  position: Schema.Number,
  message: Schema.String,
}) {}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const allDigits = (text: string, from: number, to: number): boolean => {
  if (to > text.length) return false;
  for (let k = from; k < to; k++) {
    const code = text.charCodeAt(k);
    if (code < 48 || code > 57) return false;
  }
  return true;
};
const isLetter = (c: string | undefined): boolean =>
  c !== undefined && ((c >= "A" && c <= "Z") || (c >= "a" && c <= "z"));

/** How many characters of class `is` the tokens after index `i` need right after it (to bound a greedy run). */
const reserved = (tokens: ReadonlyArray<Token>, i: number, is: (c: string | undefined) => boolean): number => {
  let n = 0;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (t._tag === "Literal") {
      let k = 0;
      while (k < t.text.length && is(t.text[k])) k++;
      n += k;
      if (k < t.text.length) return n;
    } else if (is === isDigit && t._tag === "Year") n += t.digits;
    else if (is === isDigit && t._tag === "Serial" && t.width !== undefined) n += t.width;
    else return n;
  }
  return n;
};

const describe = (text: string, at: number, length: number): string =>
  at >= text.length ? "the end of the text" : JSON.stringify(text.slice(at, at + Math.max(1, length)));

/** Builds a parse failure (module level: no closure is made per call on the hot path). */
function parseFailure(p: CompiledPattern, text: string, at: number, message: string): Result.Result<never, ParseError> {
  const shown = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  return Result.fail(new ParseError({ pattern: p.source, text: shown, position: at + 1, message }));
}

function parseCompiled(p: CompiledPattern, input: string): Result.Result<Parts, ParseError> {
  const text = input.trim();
  if (text.length === 0) return parseFailure(p, text, 0, "the application number is empty");
  if (text.length > maxLength)
    return parseFailure(p, text, maxLength, `the application number is longer than ${maxLength} characters`);
  let kind: string | undefined;
  let year: number | undefined;
  let serial = 0;
  let pos = 0;
  for (let i = 0; i < p.tokens.length; i++) {
    const t = p.tokens[i] as Token;
    switch (t._tag) {
      case "Literal":
        if (!text.startsWith(t.text, pos)) {
          return parseFailure(
            p,
            text,
            pos,
            `expected ${JSON.stringify(t.text)}, found ${describe(text, pos, t.text.length)}`,
          );
        }
        pos += t.text.length;
        break;
      case "Kind": {
        let end = pos;
        while (isLetter(text[end])) end++;
        end -= reserved(p.tokens, i, isLetter);
        const value = text.slice(pos, end);
        if (!kindCode.test(value)) {
          return parseFailure(
            p,
            text,
            pos,
            `expected a kind code of 1 to 5 capital letters, found ${describe(text, pos, end - pos)}`,
          );
        }
        kind = value;
        pos = end;
        break;
      }
      case "Year": {
        if (!allDigits(text, pos, pos + t.digits)) {
          return parseFailure(
            p,
            text,
            pos,
            `expected a ${t.digits}-digit year, found ${describe(text, pos, t.digits)}`,
          );
        }
        const value = Number(text.slice(pos, pos + t.digits));
        year = t.digits === 4 ? value : 2000 + value;
        if (year < 1) return parseFailure(p, text, pos, "year 0000 does not exist");
        pos += t.digits;
        break;
      }
      case "Serial": {
        let end: number;
        if (t.width !== undefined) {
          end = pos + t.width;
          if (!allDigits(text, pos, end)) {
            return parseFailure(
              p,
              text,
              pos,
              `expected a ${t.width}-digit serial number, found ${describe(text, pos, t.width)}`,
            );
          }
        } else {
          end = pos;
          while (isDigit(text[end])) end++;
          end -= reserved(p.tokens, i, isDigit);
          if (end <= pos)
            return parseFailure(p, text, pos, `expected a serial number, found ${describe(text, pos, 1)}`);
          if (text[pos] === "0") return parseFailure(p, text, pos, "the serial number must not start with 0");
          if (end - pos > 9)
            return parseFailure(p, text, pos, `the serial number ${text.slice(pos, end)} has more than 9 digits`);
        }
        serial = Number(text.slice(pos, end));
        if (serial < 1) return parseFailure(p, text, pos, "the serial number must be at least 1");
        pos = end;
        break;
      }
    }
  }
  if (pos < text.length)
    return parseFailure(p, text, pos, `unexpected ${describe(text, pos, text.length - pos)} after the number`);
  const parts: { kind?: string; year?: number; serial: number } = { serial };
  if (kind !== undefined) parts.kind = kind;
  if (year !== undefined) parts.year = year;
  return Result.succeed(parts);
}

/**
 * Reads an application number written with a pattern (surrounding spaces ignored). Never throws: malformed,
 * oversized or hostile text gives a {@link ParseError} saying what is wrong and where.
 */
export const parse = (pattern: Pattern, text: string): Result.Result<Parts, ParseError> => {
  const compiled = compile(pattern);
  if (Result.isFailure(compiled)) {
    const e = compiled.failure;
    return Result.fail(new ParseError({ pattern: e.pattern, text: "", position: e.position, message: e.message }));
  }
  if (typeof text !== "string") {
    return Result.fail(
      new ParseError({ pattern: compiled.success.source, text: "", position: 1, message: "not a string" }),
    );
  }
  return parseCompiled(compiled.success, text);
};

// ---------------------------------------------------------------------------------------------------------------
// WIPO ST.13

/** A two-digit ST.13 IP type code. */
export const IpTypeCode = Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{2}$/)));

/**
 * ST.13 IP type codes by kind of right. Defaults: patents 10, utility models 20, industrial designs 40,
 * trademarks 50 (trademark 50 as used in WIPO's Global Brand Database and TMview identifiers, e.g. US502025099551004).
 * An office that uses other codes passes its own table.
 */
export const IpTypeCodes = Schema.Struct({
  patent: IpTypeCode,
  utility_model: IpTypeCode,
  industrial_design: IpTypeCode,
  trademark: IpTypeCode,
});
export type IpTypeCodes = typeof IpTypeCodes.Type;

export const defaultIpTypeCodes: IpTypeCodes = {
  patent: "10",
  utility_model: "20",
  industrial_design: "40",
  trademark: "50",
};

/**
 * An ST.13 application number with its office code: ST.3 office (2 letters) + IP type (2 digits) + year (4 digits)
 * + serial (9 digits, zero-padded), e.g. `OM502026000001234`. The 15 digits after the office code are what ST.96
 * puts in `com:ST13ApplicationNumber`.
 */
export const St13 = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[A-Z]{2}\d{15}$/, {
      expected: "an ST.13 number: 2-letter office code, 2-digit IP type, 4-digit year, 9-digit serial",
    }),
    Schema.makeFilter((s: string) => isCountryCode(s.slice(0, 2)) || `${s.slice(0, 2)} is not a WIPO ST.3 code`),
  ),
  Schema.brand("St13"),
);
export type St13 = typeof St13.Type;

/** The parts of an ST.13 number. `ipType` is absent when the code is not in the table used. */
export interface St13Parts {
  readonly office: CountryCode;
  readonly ipTypeCode: string;
  readonly ipType: IpType | undefined;
  /** 0 when the office does not know the year (ST.13 writes 0000). */
  readonly year: number;
  readonly serial: number;
}

/** An ST.13 number cannot be made or read. */
export class St13Error extends Schema.TaggedError<St13Error>()("St13Error", {
  input: Schema.String,
  message: Schema.String,
}) {}

/** Writes the ST.13 form: `toSt13({ office: "OM", ipType: "trademark", year: 2026, serial: 1234 })` → `OM502026000001234`. */
export const toSt13 = (
  parts: { readonly office: string; readonly ipType: IpType; readonly year: number; readonly serial: number },
  codes: IpTypeCodes = defaultIpTypeCodes,
): Result.Result<St13, St13Error> => {
  const input = `${String(parts.office).slice(0, 20)}/${String(parts.ipType).slice(0, 20)}/${parts.year}/${parts.serial}`;
  const fail = (message: string) => Result.fail(new St13Error({ input, message }));
  if (!isCountryCode(parts.office)) {
    return fail(`${JSON.stringify(String(parts.office).slice(0, 20))} is not a WIPO ST.3 office code`);
  }
  const code = codes[parts.ipType];
  if (code === undefined || !/^\d{2}$/.test(code)) return fail(`no two-digit ST.13 code for ${input.split("/")[1]}`);
  if (!(Number.isInteger(parts.year) && parts.year >= 0 && parts.year <= 9999)) {
    return fail(`year ${parts.year} must be a whole number from 0 to 9999`);
  }
  if (!(Number.isInteger(parts.serial) && parts.serial >= 0 && parts.serial <= maxSerial)) {
    return fail(`serial ${parts.serial} must be a whole number from 0 to ${maxSerial}`);
  }
  return Result.succeed(
    `${parts.office}${code}${String(parts.year).padStart(4, "0")}${String(parts.serial).padStart(9, "0")}` as St13,
  );
};

/** Reads an ST.13 number with its office code (17 characters; spaces ignored). */
export const fromSt13 = (
  text: string,
  codes: IpTypeCodes = defaultIpTypeCodes,
): Result.Result<St13Parts, St13Error> => {
  const input = typeof text === "string" ? text.slice(0, maxLength) : "";
  const fail = (message: string) => Result.fail(new St13Error({ input, message }));
  if (typeof text !== "string") return fail("not a string");
  if (text.length > maxLength) return fail(`longer than ${maxLength} characters`);
  const compact = text.replace(/\s+/g, "");
  const m = /^([A-Z]{2})(\d{2})(\d{4})(\d{9})$/.exec(compact);
  if (m === null) {
    return fail("expected 2 capital letters (office), then 15 digits: IP type (2), year (4), serial (9)");
  }
  const office = m[1] as string;
  if (!isCountryCode(office)) return fail(`${office} is not a WIPO ST.3 office code`);
  const ipTypeCode = m[2] as string;
  const ipType = (Object.keys(codes) as Array<IpType>).find((k) => codes[k] === ipTypeCode);
  return Result.succeed({ office, ipTypeCode, ipType, year: Number(m[3]), serial: Number(m[4]) });
};

/** The 15 digits of an ST.13 number without its office code, as ST.96 `com:ST13ApplicationNumber` holds them. */
export const st96Digits = (st13: St13): string => st13.slice(2);

/**
 * Reads an office-format number and writes its ST.13 form. A pattern without a year gives the year 0000, as WIPO's
 * global databases do for offices whose numbers carry no year (EUIPO trademarks: EM500000018123456).
 */
export const officeToSt13 = (
  pattern: Pattern,
  text: string,
  office: CountryCode,
  ipType: IpType,
  codes: IpTypeCodes = defaultIpTypeCodes,
): Result.Result<St13, ParseError | St13Error> => {
  const parsed = parse(pattern, text);
  if (Result.isFailure(parsed)) return Result.fail(parsed.failure);
  return toSt13({ office, ipType, year: parsed.success.year ?? 0, serial: parsed.success.serial }, codes);
};
