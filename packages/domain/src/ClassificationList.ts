/**
 * Classification lists of industrial designs, figurative elements and inventions: one list per scheme, each entry a
 * code with the scheme's own syntax, its parent and level derived from the code, and titles by language.
 *
 * - **Locarno** (industrial designs, Locarno Agreement of 1968, art. 1: a list of classes and subclasses): class `07`,
 *   subclass `07-01`. Classes run from 01 to 32; subclass `00` stands for a class without subclasses (31-00, 32-00).
 * - **Vienna** (figurative elements of marks, Vienna Agreement of 1973, art. 1: categories, divisions and sections):
 *   category `03`, division `03.01`, section `03.01.08`. Categories run from 01 to 29.
 * - **IPC** (inventions, Strasbourg Agreement of 1971; symbols as the IPC Guide writes them): section `A` (A to H),
 *   class `A01`, subclass `A01B`, main group `A01B 1/00` (one to three digits, the oblique stroke and 00), subgroup
 *   `A01B 1/02` (at least two digits other than 00 after the stroke). The parent of a subgroup is its main group: the
 *   dot hierarchy between subgroups is not in the symbol.
 *
 * The documented import format of an office (all three schemes) is a CSV with the header `code,title,language`
 * (RFC 4180 quoting, UTF-8, CRLF or LF line ends), one row per code and language:
 *
 * ```csv
 * # Locarno classification, 15th edition, English and Arabic (lines starting with # before the header are comments)
 * code,title,language
 * 07,"Household goods, not elsewhere specified",en
 * 07-01,"China, glassware, dishes and other articles of a similar nature",en
 * ```
 *
 * Every parent must be in the file (order does not matter), a code has at most one title per language, and a file is
 * taken whole or not at all: every problem comes back with its line and field. The reference-data files (the Locarno
 * list in JSON, EUIPO's Vienna codes in CSV, the IPC 2006 core tree in JSON) have their own readers here.
 *
 * Pure functions over text and values: no IO. Lookups (`find`, `children`, `search`) build an index once per list.
 */
import { Result, Schema } from "effect";
import { csvField, readCsv } from "./internal/csv.js";
import { type Located, readJson } from "./internal/json.js";

// ---------------------------------------------------------------------------------------------------------------
// Schemes and codes

/** The classification schemes an office keeps lists of (Nice has its own package). */
export const Scheme = Schema.Literals(["locarno", "vienna", "ipc"]);
export type Scheme = typeof Scheme.Type;

export const schemes: ReadonlyArray<Scheme> = Scheme.literals;

export const isScheme = (value: string): value is Scheme => (schemes as ReadonlyArray<string>).includes(value);

/** The name of each scheme, as a person reading a list or an error expects it. */
export const schemeNames: Readonly<Record<Scheme, string>> = {
  locarno: "Locarno classification (industrial designs)",
  vienna: "Vienna classification (figurative elements of marks)",
  ipc: "International Patent Classification (IPC)",
};

/** The short name of each scheme: Locarno, Vienna, IPC. */
export const shortNames: Readonly<Record<Scheme, string>> = { locarno: "Locarno", vienna: "Vienna", ipc: "IPC" };

/** The name of each level of a scheme, from the top (level 1). */
export const levelNames: Readonly<Record<Scheme, ReadonlyArray<string>>> = {
  locarno: ["class", "subclass"],
  vienna: ["category", "division", "section"],
  ipc: ["section", "class", "subclass", "main group", "subgroup"],
};

/** How codes of a scheme are written, for messages. */
export const codeSyntax: Readonly<Record<Scheme, string>> = {
  locarno: 'class "07" or class-subclass "07-01" (classes 01 to 32)',
  vienna: 'category "03", division "03.01" or section "03.01.08" (categories 01 to 29)',
  ipc: 'section "A", class "A01", subclass "A01B", main group "A01B 1/00" or subgroup "A01B 1/02"',
};

/** The name of a level, e.g. `levelName("ipc", 4)` is `"main group"`. */
export const levelName = (scheme: Scheme, level: number): string => levelNames[scheme][level - 1] ?? `level ${level}`;

/** A code read with its scheme's syntax: the canonical spelling, the parent's code and the level (1 is the top). */
export interface Code {
  readonly scheme: Scheme;
  readonly code: string;
  readonly parent: string | null;
  readonly level: number;
}

/** Text that is not a code of the scheme. */
export class InvalidCode extends Schema.TaggedError<InvalidCode>()("InvalidCode", {
  scheme: Scheme,
  code: Schema.String,
  reason: Schema.String,
}) {
  override get message(): string {
    return `${JSON.stringify(this.code)} is not a${this.scheme === "ipc" ? "n" : ""} ${shortNames[this.scheme]} code: ${this.reason}`;
  }
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const shownCode = (text: string) => text.slice(0, 40);

const LOCARNO = /^(\d{1,2})(?:\s*[-.]\s*(\d{1,2}))?$/;
const VIENNA_DIGITS = /^\d{2}(?:\d{2}){0,2}$/;
const VIENNA_DOTTED = /^\d{1,2}(?:\.\d{1,2}){0,2}$/;
const IPC_SECTION = /^[A-H]$/;
const IPC_CLASS = /^[A-H]\d{2}$/;
const IPC_SUBCLASS = /^[A-H]\d{2}[A-Z]$/;
const IPC_GROUP = /^([A-H]\d{2}[A-Z])\s*0*(\d{1,3})\s*\/\s*(\d{2,6})$/;
const ZEROS = /^0+$/;

const locarnoCode = (text: string): Result.Result<Code, InvalidCode> => {
  const fail = (reason: string) => Result.fail(new InvalidCode({ scheme: "locarno", code: shownCode(text), reason }));
  const m = LOCARNO.exec(text.trim());
  if (m === null) return fail(`write ${codeSyntax.locarno}`);
  const cls = Number(m[1]);
  // Locarno Agreement, art. 1(3) and the list of classes: classes 1 to 32.
  if (cls < 1 || cls > 32) return fail(`class ${m[1]} is not in the list: classes run from 01 to 32`);
  const cc = pad2(cls);
  if (m[2] === undefined) return Result.succeed({ scheme: "locarno", code: cc, parent: null, level: 1 });
  return Result.succeed({ scheme: "locarno", code: `${cc}-${pad2(Number(m[2]))}`, parent: cc, level: 2 });
};

const viennaCode = (text: string): Result.Result<Code, InvalidCode> => {
  const fail = (reason: string) => Result.fail(new InvalidCode({ scheme: "vienna", code: shownCode(text), reason }));
  const t = text.trim();
  let parts: Array<string>;
  if (VIENNA_DIGITS.test(t))
    parts =
      t.length === 2 ? [t] : t.length === 4 ? [t.slice(0, 2), t.slice(2)] : [t.slice(0, 2), t.slice(2, 4), t.slice(4)];
  else if (VIENNA_DOTTED.test(t)) parts = t.split(".");
  else return fail(`write ${codeSyntax.vienna}`);
  const [category, division, section] = parts.map(Number);
  // Vienna Agreement, art. 1 and the list: 29 categories, each divided into divisions and sections numbered from 1.
  if (category === undefined || category < 1 || category > 29)
    return fail(`category ${parts[0]} is not in the list: categories run from 01 to 29`);
  if (division === 0) return fail("divisions are numbered from 01");
  if (section === 0) return fail("sections are numbered from 01");
  const code = parts.map((p) => pad2(Number(p))).join(".");
  const parent = parts.length === 1 ? null : code.slice(0, code.lastIndexOf("."));
  return Result.succeed({ scheme: "vienna", code, parent, level: parts.length });
};

const ipcCode = (text: string): Result.Result<Code, InvalidCode> => {
  const fail = (reason: string) => Result.fail(new InvalidCode({ scheme: "ipc", code: shownCode(text), reason }));
  const t = text.trim().toUpperCase();
  const ok = (code: string, parent: string | null, level: number) =>
    Result.succeed<Code>({ scheme: "ipc", code, parent, level });
  // IPC Guide: section (a capital letter A to H), class (the section and two digits), subclass (the class and a
  // capital letter), group (the subclass, one to three digits, an oblique stroke and at least two digits; 00 for a
  // main group, any other number for a subgroup).
  const first = t.charCodeAt(0);
  if (first >= 0x49 && first <= 0x5a) return fail("the section is a letter from A to H");
  if (t.length === 1 && IPC_SECTION.test(t)) return ok(t, null, 1);
  if (t.length === 3 && IPC_CLASS.test(t))
    return t.endsWith("00") ? fail("classes are numbered from 01") : ok(t, t[0]!, 2);
  if (t.length === 4 && IPC_SUBCLASS.test(t))
    return t.slice(1, 3) === "00" ? fail("classes are numbered from 01") : ok(t, t.slice(0, 3), 3);
  const g = IPC_GROUP.exec(t);
  if (g === null) return fail(`write ${codeSyntax.ipc}`);
  const subclass = g[1]!;
  const group = Number(g[2]);
  const sub = g[3]!;
  if (subclass.slice(1, 3) === "00") return fail("classes are numbered from 01");
  if (group === 0) return fail("main groups are numbered from 1");
  const mainGroup = `${subclass} ${group}/00`;
  if (sub === "00") return ok(mainGroup, subclass, 4);
  if (ZEROS.test(sub)) return fail("a subgroup number is at least two digits other than 00");
  return ok(`${subclass} ${group}/${sub}`, mainGroup, 5);
};

/**
 * Reads a code with its scheme's syntax. Besides the canonical form it accepts the usual variants: `7-1` and `07.01`
 * (Locarno), `030108` and `3.1.8` (Vienna), lower case and any spacing (`a01b1/02`, IPC).
 */
export const parseCode = (scheme: Scheme, text: string): Result.Result<Code, InvalidCode> => {
  if (typeof text !== "string" || text.length > 40)
    return Result.fail(
      new InvalidCode({ scheme, code: String(text).slice(0, 40), reason: `write ${codeSyntax[scheme]}` }),
    );
  return scheme === "locarno" ? locarnoCode(text) : scheme === "vienna" ? viennaCode(text) : ipcCode(text);
};

/** The canonical spelling of a code, or undefined when the text is not a code of the scheme. */
export const normalizeCode = (scheme: Scheme, text: string): string | undefined => {
  const r = parseCode(scheme, text);
  return Result.isSuccess(r) ? r.success.code : undefined;
};

const IPC_GROUP_CODE = /^(\S{4}) (\d+)\/(\d+)$/;

/** A key that sorts codes in the order of the printed classification (IPC subgroups as decimal fractions). */
const sortKey = (scheme: Scheme, code: string): string => {
  if (scheme !== "ipc" || code.length <= 4) return code;
  const m = IPC_GROUP_CODE.exec(code);
  return m === null ? code : `${m[1]} ${m[2]!.padStart(3, "0")}/${m[3]!.padEnd(6, "0")}`;
};

/** Entries in the order of the printed classification (each key computed once). */
const inCodeOrder = <E extends { readonly code: string }>(scheme: Scheme, entries: ReadonlyArray<E>): Array<E> =>
  entries
    .map((e) => ({ e, key: sortKey(scheme, e.code) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.e.code < b.e.code ? -1 : a.e.code > b.e.code ? 1 : 0))
    .map((k) => k.e);

// ---------------------------------------------------------------------------------------------------------------
// Lists

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what titles may not hold
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A language tag in its usual case: `EN` → `en`, `pt-br` → `pt-BR`, `sr-latn` → `sr-Latn` (BCP 47). */
export const canonicalLanguage = (tag: string): string =>
  tag
    .split("-")
    .map((part, i) =>
      i === 0
        ? part.toLowerCase()
        : part.length === 2
          ? part.toUpperCase()
          : part.length === 4
            ? part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()
            : part.toLowerCase(),
    )
    .join("-");

/** Longest title accepted (the longest IPC 2006 core title has about 1,000 characters). */
export const MAX_TITLE_LENGTH = 2_000;
/** Largest import file: 32 MiB (the whole IPC at subgroup level in two languages is about 16 MiB). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Most rows in an import file. */
export const MAX_ROWS = 500_000;
/** Problems listed in an error; beyond them only a count (`omitted`). */
export const MAX_ISSUES = 1_000;

/** A language tag such as `en`, `ar` or `pt-BR`. */
export const Language = Schema.String.check(
  Schema.isPattern(LANGUAGE, { message: "a language code such as en, fr or ar" }),
);

/** A title: one line of text, trimmed, at most `MAX_TITLE_LENGTH` characters. */
export const Title = Schema.String.check(
  Schema.makeFilter((t: string) =>
    t.trim() === ""
      ? "a title is not empty"
      : t !== t.trim()
        ? "a title has no spaces at either end"
        : CONTROL.test(t)
          ? "a title is one line without control characters"
          : t.length > MAX_TITLE_LENGTH
            ? `a title has at most ${MAX_TITLE_LENGTH} characters`
            : undefined,
  ),
);

/** Titles by language (none when the source has the code without a title). */
export const Titles = Schema.Record(Language, Title);
export type Titles = typeof Titles.Type;

/** An edition or version of a list, as the office names it (`15-2026`, `2026.01`). */
export const Edition = Schema.String.check(
  Schema.isPattern(/^[\p{L}\p{N}][\p{L}\p{N} ._()/-]{0,39}$/u, {
    message: "an edition is 1 to 40 letters, digits, spaces and . _ - / ( ), e.g. 15-2026 or 2026.01",
  }),
);

/** One entry of a list. */
export const Entry = Schema.Struct({
  /** The code in its scheme's canonical spelling. */
  code: Schema.String,
  /** The code of the entry above it (derived from the code), null at the top. */
  parent: Schema.NullOr(Schema.String),
  /** 1 at the top (Locarno class, Vienna category, IPC section). */
  level: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 5 })),
  titles: Titles,
});
export type Entry = typeof Entry.Type;

const consistency = (list: {
  readonly scheme: Scheme;
  readonly entries: ReadonlyArray<{ readonly code: string; readonly parent: string | null; readonly level: number }>;
}) => {
  const issues: Array<{ path: ReadonlyArray<PropertyKey>; issue: string }> = [];
  const codes = new Set<string>();
  for (const e of list.entries) codes.add(e.code);
  const seen = new Set<string>();
  list.entries.forEach((e, i) => {
    if (issues.length >= MAX_ISSUES) return;
    const parsed = parseCode(list.scheme, e.code);
    if (Result.isFailure(parsed)) issues.push({ path: ["entries", i, "code"], issue: parsed.failure.message });
    else if (parsed.success.code !== e.code)
      issues.push({ path: ["entries", i, "code"], issue: `write ${e.code} as ${parsed.success.code}` });
    else if (parsed.success.parent !== e.parent)
      issues.push({ path: ["entries", i, "parent"], issue: `the parent of ${e.code} is ${parsed.success.parent}` });
    else if (parsed.success.level !== e.level)
      issues.push({ path: ["entries", i, "level"], issue: `${e.code} is at level ${parsed.success.level}` });
    else if (e.parent !== null && !codes.has(e.parent))
      issues.push({ path: ["entries", i, "parent"], issue: `${e.parent} is not in the list` });
    if (seen.has(e.code)) issues.push({ path: ["entries", i, "code"], issue: `${e.code} is in the list twice` });
    seen.add(e.code);
  });
  return issues;
};

/** A classification list of one scheme: entries with codes, parents, levels and titles by language. */
export const List = Schema.Struct({
  scheme: Scheme,
  /** The edition or version the list belongs to, when known. */
  edition: Schema.NullOr(Edition),
  /** Where the list comes from (a file name, `reference data: …`). */
  source: Schema.String.check(Schema.isMaxLength(500)),
  /** In the order of the printed classification, parents before their children. */
  entries: Schema.Array(Entry),
}).check(Schema.makeFilter(consistency));
export type List = typeof List.Type;

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** One problem of an input file: where (line 1 is the first line; 0 for the whole file), which field, what. */
export const ImportIssue = Schema.Struct({
  line: Schema.Number,
  field: Schema.String,
  message: Schema.String,
});
export type ImportIssue = typeof ImportIssue.Type;

/** A file that cannot be taken as a list: every problem with its line and field (up to `MAX_ISSUES`). */
export class ImportError extends Schema.TaggedError<ImportError>()("ClassificationImportError", {
  file: Schema.String,
  scheme: Scheme,
  issues: Schema.Array(ImportIssue),
  /** Problems found beyond those listed. */
  omitted: Schema.Number,
}) {
  override get message(): string {
    const n = this.issues.length + this.omitted;
    const first = this.issues[0];
    return first === undefined
      ? `${this.file}: cannot be read as a ${schemeNames[this.scheme]} list`
      : `${this.file}: ${n} problem${n === 1 ? "" : "s"}; line ${first.line}, ${first.field}: ${first.message}`;
  }
}

/** `file:line: field: message`, the form editors and terminals link to. */
export const formatIssue = (file: string, issue: ImportIssue): string =>
  `${file}:${issue.line}: ${issue.field}: ${issue.message}`;

class Issues {
  readonly listed: Array<ImportIssue> = [];
  omitted = 0;
  add(line: number, field: string, message: string): void {
    if (this.listed.length < MAX_ISSUES) this.listed.push({ line, field, message });
    else this.omitted++;
  }
  get count(): number {
    return this.listed.length + this.omitted;
  }
  error(file: string, scheme: Scheme): ImportError {
    const issues = [...this.listed].sort((a, b) => a.line - b.line);
    return new ImportError({ file, scheme, issues, omitted: this.omitted });
  }
}

/** A code with a title in one language (or none), where it was read. */
interface Item {
  readonly code: Code;
  /** null: the source has the code without a title. */
  readonly title: string | null;
  readonly language: string;
  readonly line: number;
  /** The field to name when the code is at fault (`code`, a JSON path…). */
  readonly field: string;
}

/** Joins items into entries: one title per code and language, every parent present, canonical order. */
const assemble = (scheme: Scheme, items: ReadonlyArray<Item>, issues: Issues): Array<Entry> => {
  const byCode = new Map<string, { code: Code; titles: Record<string, string>; line: number; field: string }>();
  const titleLines = new Map<string, number>();
  for (const item of items) {
    let known = byCode.get(item.code.code);
    if (known === undefined) {
      known = { code: item.code, titles: {}, line: item.line, field: item.field };
      byCode.set(item.code.code, known);
    }
    if (item.title === null) continue;
    const key = `${item.code.code}\u0000${item.language}`;
    const before = titleLines.get(key);
    if (before !== undefined) {
      issues.add(
        item.line,
        item.field,
        `${item.code.code} has a title in ${item.language} already${before > 0 ? ` (line ${before})` : ""}`,
      );
      continue;
    }
    titleLines.set(key, item.line);
    known.titles[item.language] = item.title;
  }
  const entries: Array<Entry> = [];
  for (const e of byCode.values()) {
    const parent = e.code.parent;
    if (parent !== null && !byCode.has(parent))
      issues.add(
        e.line,
        e.field,
        `the ${levelName(scheme, e.code.level - 1)} ${parent} above ${e.code.code} is not in the list`,
      );
    entries.push({ code: e.code.code, parent, level: e.code.level, titles: sortedTitles(e.titles) });
  }
  return inCodeOrder(scheme, entries);
};

const sortedTitles = (titles: Record<string, string>): Titles => {
  const languages = Object.keys(titles);
  if (languages.length < 2) return titles;
  return Object.fromEntries(languages.sort().map((l) => [l, titles[l]!]));
};

const titleProblem = (title: string): string | undefined =>
  title === ""
    ? "the title is empty"
    : CONTROL.test(title)
      ? "the title holds a line break, tab or other control character"
      : title.length > MAX_TITLE_LENGTH
        ? `the title is longer than ${MAX_TITLE_LENGTH} characters`
        : undefined;

const editionProblem = (edition: string | null | undefined): string | undefined =>
  edition === null || edition === undefined || Result.isSuccess(Schema.decodeUnknownResult(Edition)(edition))
    ? undefined
    : `"${String(edition).slice(0, 40)}" is not an edition name: 1 to 40 letters, digits, spaces and . _ - / ( )`;

// ---------------------------------------------------------------------------------------------------------------
// Reading the office's import format

export interface ReadOptions {
  readonly scheme: Scheme;
  /** The file's name, for errors and (by default) the list's source. */
  readonly file: string;
  readonly edition?: string | null | undefined;
  /** The list's source; the file name when absent. */
  readonly source?: string | undefined;
}

/** The offset of the first byte that is not UTF-8, or -1. */
const invalidUtf8At = (bytes: Uint8Array): number => {
  let i = 0;
  const n = bytes.length;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => k < n && bytes[k]! >= lo && bytes[k]! <= hi;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) i++;
    else if (b >= 0xc2 && b <= 0xdf) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return i;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return i;
      i += 4;
    } else return i;
  }
  return -1;
};

/** The text of a file's bytes (UTF-8, strictly), or the line holding the first byte that is not UTF-8. */
const decodeBytes = (
  input: string | Uint8Array,
): Result.Result<string, { line: number; field: string; message: string }> => {
  if (typeof input === "string") return Result.succeed(input);
  if (input.length > MAX_FILE_BYTES)
    return Result.fail({
      line: 0,
      field: "file",
      message: `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
    });
  const bad = invalidUtf8At(input);
  if (bad >= 0) {
    let line = 1;
    for (let k = 0; k < bad; k++) if (input[k] === 0x0a) line++;
    return Result.fail({
      line,
      field: "encoding",
      message: `byte ${bad + 1} is not UTF-8 (save the file as UTF-8; it may be in a legacy encoding such as Windows-1252)`,
    });
  }
  return Result.succeed(new TextDecoder("utf-8").decode(input));
};

const COLUMNS = ["code", "title", "language"] as const;

/**
 * Reads the office import format (`code,title,language`, see the module documentation) into a list of `scheme`.
 * Bytes must be UTF-8; text is taken as it is. Columns are found by their header name (any order; other columns are
 * ignored); values are trimmed; language codes are read in their usual case (`EN` as `en`, `pt-br` as `pt-BR`).
 * The whole file or nothing: a failure lists every bad row (line and field), repeated titles, and codes whose parent
 * is missing.
 */
export const parseCsv = (input: string | Uint8Array, options: ReadOptions): Result.Result<List, ImportError> => {
  const { scheme, file } = options;
  const issues = new Issues();
  const failWith = (line: number, field: string, message: string) => {
    issues.add(line, field, message);
    return Result.fail(issues.error(file, scheme));
  };
  const edition = editionProblem(options.edition);
  if (edition !== undefined) return failWith(0, "edition", edition);
  const decoded = decodeBytes(input);
  if (Result.isFailure(decoded)) return failWith(decoded.failure.line, decoded.failure.field, decoded.failure.message);
  const text = decoded.success;
  if (text.length > MAX_FILE_BYTES)
    return failWith(0, "file", `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
  if (text.trim() === "")
    return failWith(0, "file", `the file is empty: its first line is the header ${COLUMNS.join(",")}`);
  const csv = readCsv(text, { leadingComments: true });
  const header = csv.records[0];
  const early = csv.problems.filter((p) => header === undefined || p.line <= header.line);
  if (header === undefined || early.length > 0) {
    for (const p of early) issues.add(p.line, "header", p.message);
    if (issues.count === 0) issues.add(0, "header", `no header: the first line is ${COLUMNS.join(",")}`);
    return Result.fail(issues.error(file, scheme));
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = COLUMNS.filter((c) => !names.includes(c));
  const repeated = COLUMNS.filter((c) => names.indexOf(c) !== names.lastIndexOf(c));
  if (missing.length > 0 || repeated.length > 0)
    return failWith(
      header.line,
      "header",
      [
        missing.length > 0 ? `missing column${missing.length === 1 ? "" : "s"} ${missing.join(", ")}` : "",
        repeated.length > 0 ? `column${repeated.length === 1 ? "" : "s"} ${repeated.join(", ")} given twice` : "",
      ]
        .filter((s) => s !== "")
        .join("; ") + `; the header is ${COLUMNS.join(",")}`,
    );
  const column = (c: (typeof COLUMNS)[number]) => names.indexOf(c);
  const [codeAt, titleAt, languageAt] = [column("code"), column("title"), column("language")];
  for (const p of csv.problems) issues.add(p.line, names[p.index] ?? "row", p.message);
  const items: Array<Item> = [];
  for (let r = 1; r < csv.records.length; r++) {
    const { line, fields } = csv.records[r]!;
    if (r > MAX_ROWS) {
      issues.add(line, "row", `more than ${MAX_ROWS.toLocaleString("en")} rows: a list has at most that many`);
      break;
    }
    if (fields.length !== names.length) {
      issues.add(
        line,
        "row",
        `expected ${names.length} fields (${names.join(",")}), found ${fields.length}${fields.length > names.length ? ": quote a field holding a comma" : ""}`,
      );
      continue;
    }
    const before = issues.count;
    const code = parseCode(scheme, (fields[codeAt] ?? "").trim());
    if (Result.isFailure(code)) issues.add(line, "code", code.failure.message);
    const title = (fields[titleAt] ?? "").trim();
    const bad = titleProblem(title);
    if (bad !== undefined) issues.add(line, "title", bad);
    const language = canonicalLanguage((fields[languageAt] ?? "").trim());
    if (!LANGUAGE.test(language))
      issues.add(line, "language", `"${language.slice(0, 20)}" is not a language code such as en, fr or ar`);
    if (issues.count > before || Result.isFailure(code)) continue;
    items.push({ code: code.success, title, language, line, field: "code" });
  }
  if (csv.records.length <= 1 && issues.count === 0)
    return failWith(header.line + 1, "row", "the file has a header but no rows");
  const entries = assemble(scheme, items, issues);
  if (issues.count > 0) return Result.fail(issues.error(file, scheme));
  return Result.succeed({ scheme, edition: options.edition ?? null, source: options.source ?? file, entries });
};

/**
 * Writes a list in the office import format (CRLF line ends, RFC 4180 quoting): `parseCsv` reads it back equal. A code
 * without any title has no row (the format has one row per title).
 */
export const toCsv = (list: List): string => {
  const lines = [COLUMNS.join(",")];
  for (const e of list.entries)
    for (const [language, title] of Object.entries(e.titles))
      lines.push(`${csvField(e.code)},${csvField(title)},${csvField(language)}`);
  return `${lines.join("\r\n")}\r\n`;
};

// ---------------------------------------------------------------------------------------------------------------
// Building a list from values (the app's stored lists)

/**
 * A list from entries given as values (codes in any accepted spelling, titles by language), checked like a file:
 * problems name the entry (`entries[3].code`) on line 0.
 */
export const fromEntries = (
  input: {
    readonly scheme: Scheme;
    readonly edition?: string | null | undefined;
    readonly source: string;
    readonly entries: ReadonlyArray<{ readonly code: string; readonly titles: Readonly<Record<string, string>> }>;
  },
  options: { readonly file: string },
): Result.Result<List, ImportError> => {
  const { scheme } = input;
  const issues = new Issues();
  const edition = editionProblem(input.edition);
  if (edition !== undefined) issues.add(0, "edition", edition);
  const items: Array<Item> = [];
  input.entries.forEach((e, i) => {
    const code = parseCode(scheme, e.code);
    if (Result.isFailure(code)) {
      issues.add(0, `entries[${i}].code`, code.failure.message);
      return;
    }
    const titles = Object.entries(e.titles ?? {});
    if (titles.length === 0)
      items.push({ code: code.success, title: null, language: "", line: 0, field: `entries[${i}].code` });
    for (const [language, title] of titles) {
      const bad = LANGUAGE.test(language) ? titleProblem(title) : `"${language.slice(0, 20)}" is not a language code`;
      if (bad !== undefined) issues.add(0, `entries[${i}].titles.${language.slice(0, 20)}`, bad);
      else items.push({ code: code.success, title, language, line: 0, field: `entries[${i}].code` });
    }
  });
  const entries = assemble(scheme, items, issues);
  if (issues.count > 0) return Result.fail(issues.error(options.file, scheme));
  return Result.succeed({ scheme, edition: input.edition ?? null, source: input.source, entries });
};

// ---------------------------------------------------------------------------------------------------------------
// Reading the reference-data files

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** JSON text parsed with the line of each object and key. */
const jsonOf = (
  text: string,
  file: string,
  scheme: Scheme,
): Result.Result<{ value: unknown; lineOf: (container: unknown, key?: string) => number }, ImportError> => {
  if (text.length > MAX_FILE_BYTES) {
    const issues = new Issues();
    issues.add(0, "file", `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
    return Result.fail(issues.error(file, scheme));
  }
  const read = readJson(text);
  if (!read.ok) {
    const issues = new Issues();
    issues.add(read.line, "(json)", `not valid JSON: ${read.message}`);
    return Result.fail(issues.error(file, scheme));
  }
  const lineOf = (container: unknown, key?: string): number => {
    if (typeof container !== "object" || container === null) return 0;
    const at: Located | undefined = read.where.get(container);
    return (key === undefined ? undefined : at?.keys.get(key)) ?? at?.line ?? 0;
  };
  return Result.succeed({ value: read.value, lineOf });
};

/**
 * Reads the Locarno list in the reference-data JSON shape (`locarno-en.json`):
 * `[{ Language: "EN", Classification: [{ ClassCode: "01", ClassDescription, LocarnoSubClasses: [{ SubClassCode,
 * SubClassDescription }] }] }]`, one block per language. A subclass whose description only repeats its number
 * (`32-00` reads "00") takes its class's title.
 */
export const parseLocarnoJson = (
  text: string,
  options: { readonly file: string; readonly edition?: string | null; readonly source?: string },
): Result.Result<List, ImportError> => {
  const { file } = options;
  const json = jsonOf(text, file, "locarno");
  if (Result.isFailure(json)) return Result.fail(json.failure);
  const { value, lineOf } = json.success;
  const issues = new Issues();
  const items: Array<Item> = [];
  const str = (o: Record<string, unknown>, key: string, path: string): string | undefined => {
    const v = o[key];
    if (typeof v === "string" && v.trim() !== "") return v.trim();
    if (typeof v === "number" && Number.isInteger(v)) return String(v);
    issues.add(lineOf(o, key), `${path}.${key}`, v === undefined ? "missing" : "expected a non-empty string");
    return undefined;
  };
  const take = (codeText: string, title: string, language: string, line: number, field: string, level: number) => {
    const code = parseCode("locarno", codeText);
    const bad = titleProblem(title);
    if (Result.isFailure(code)) issues.add(line, field, code.failure.message);
    else if (code.success.level !== level)
      issues.add(line, field, `expected a ${levelName("locarno", level)}, found ${code.success.code}`);
    else if (bad !== undefined) issues.add(line, field, bad);
    else items.push({ code: code.success, title, language, line, field });
  };
  const blocks = Array.isArray(value) ? value : [];
  if (!Array.isArray(value)) issues.add(lineOf(value), "$", "expected an array of language blocks");
  for (const [b, block] of blocks.entries()) {
    if (!isRecord(block)) {
      issues.add(lineOf(value), `[${b}]`, "expected an object");
      continue;
    }
    const given = str(block, "Language", `[${b}]`);
    const language = given === undefined ? undefined : canonicalLanguage(given);
    if (language !== undefined && !LANGUAGE.test(language))
      issues.add(lineOf(block, "Language"), `[${b}].Language`, "expected a language code such as EN");
    const classes = block["Classification"];
    if (!Array.isArray(classes)) {
      issues.add(lineOf(block, "Classification"), `[${b}].Classification`, "expected an array of classes");
      continue;
    }
    for (const [i, c] of classes.entries()) {
      const path = `[${b}].Classification[${i}]`;
      if (!isRecord(c)) {
        issues.add(lineOf(classes), path, "expected an object");
        continue;
      }
      const classCode = str(c, "ClassCode", path);
      const classTitle = str(c, "ClassDescription", path);
      if (classCode !== undefined && classTitle !== undefined && language !== undefined)
        take(classCode, classTitle, language, lineOf(c, "ClassCode"), `${path}.ClassCode`, 1);
      const subs = c["LocarnoSubClasses"];
      if (!Array.isArray(subs)) {
        issues.add(lineOf(c, "LocarnoSubClasses"), `${path}.LocarnoSubClasses`, "expected an array");
        continue;
      }
      for (const [j, s] of subs.entries()) {
        const subPath = `${path}.LocarnoSubClasses[${j}]`;
        if (!isRecord(s)) {
          issues.add(lineOf(subs), subPath, "expected an object");
          continue;
        }
        const subCode = str(s, "SubClassCode", subPath);
        const subTitle = str(s, "SubClassDescription", subPath);
        if (subCode === undefined || subTitle === undefined || classCode === undefined || language === undefined)
          continue;
        const line = lineOf(s, "SubClassCode");
        if (!/^\d{1,2}$/.test(subCode)) issues.add(line, `${subPath}.SubClassCode`, "expected a two-digit subclass");
        else {
          const title = subTitle === subCode && classTitle !== undefined ? classTitle : subTitle;
          take(`${classCode}-${subCode}`, title, language, line, `${subPath}.SubClassCode`, 2);
        }
      }
    }
  }
  const entries = assemble("locarno", items, issues);
  if (issues.count > 0) return Result.fail(issues.error(file, "locarno"));
  if (entries.length === 0) return Result.fail(emptyList(file, "locarno"));
  return Result.succeed({
    scheme: "locarno",
    edition: options.edition ?? null,
    source: options.source ?? file,
    entries,
  });
};

const emptyList = (file: string, scheme: Scheme) => {
  const issues = new Issues();
  issues.add(0, "file", "the file holds no entries");
  return issues.error(file, scheme);
};

/** EUIPO's own categories of other marks (sound, smell, hologram, motion…): not part of the Vienna classification. */
const EUIPO_ONLY_CATEGORIES = new Set(["98", "99"]);

/**
 * Reads EUIPO's Vienna codes (`vienna-codes-euipo.csv`): header `idcategory,categdesc`, codes as digits without dots
 * (`01`, `0101`, `010101`), English titles. EUIPO's own categories 98 and 99 (other marks) are left out: the Vienna
 * Agreement's list has categories 01 to 29. A code the file gives without a title (EUIPO's has one, 26.01.09) is kept
 * without a title: it is a code of the classification all the same.
 */
export const parseViennaEuipoCsv = (
  text: string,
  options: { readonly file: string; readonly edition?: string | null; readonly source?: string },
): Result.Result<List, ImportError> => {
  const { file } = options;
  const issues = new Issues();
  if (text.length > MAX_FILE_BYTES) {
    issues.add(0, "file", `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`);
    return Result.fail(issues.error(file, "vienna"));
  }
  const csv = readCsv(text);
  const header = csv.records[0];
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  if (header === undefined || !names.includes("idcategory") || !names.includes("categdesc")) {
    issues.add(header?.line ?? 0, "header", "expected the header idcategory,categdesc");
    return Result.fail(issues.error(file, "vienna"));
  }
  for (const p of csv.problems) issues.add(p.line, names[p.index] ?? "row", p.message);
  const codeAt = names.indexOf("idcategory");
  const titleAt = names.indexOf("categdesc");
  const items: Array<Item> = [];
  for (const { line, fields } of csv.records.slice(1)) {
    if (fields.length !== names.length) {
      issues.add(line, "row", `expected ${names.length} fields, found ${fields.length}`);
      continue;
    }
    const raw = (fields[codeAt] ?? "").trim();
    if (!/^\d{2}(\d{2}){0,2}$/.test(raw)) {
      issues.add(line, "idcategory", `"${raw.slice(0, 20)}" is not a code of 2, 4 or 6 digits`);
      continue;
    }
    if (EUIPO_ONLY_CATEGORIES.has(raw.slice(0, 2))) continue;
    const code = parseCode("vienna", raw);
    if (Result.isFailure(code)) {
      issues.add(line, "idcategory", code.failure.message);
      continue;
    }
    const title = (fields[titleAt] ?? "").trim();
    const bad = title === "" ? undefined : titleProblem(title);
    if (bad !== undefined) {
      issues.add(line, "categdesc", bad);
      continue;
    }
    items.push({ code: code.success, title: title === "" ? null : title, language: "en", line, field: "idcategory" });
  }
  const entries = assemble("vienna", items, issues);
  if (issues.count > 0) return Result.fail(issues.error(file, "vienna"));
  if (entries.length === 0) return Result.fail(emptyList(file, "vienna"));
  return Result.succeed({
    scheme: "vienna",
    edition: options.edition ?? null,
    source: options.source ?? file,
    entries,
  });
};

/**
 * Reads the IPC as trees of `{ symbol, text, children? }` in JSON, one file per section (`ipc-2006-core-en/A.json` …
 * `H.json`), English titles. Each node's symbol must sit under its parent's: a class under its section, a main group
 * under its subclass, a subgroup under its main group or another subgroup of it (the dot hierarchy). The first file
 * with a problem is named in the error, with every problem in it.
 */
export const parseIpcJson = (
  files: ReadonlyArray<{ readonly file: string; readonly text: string }>,
  options: { readonly edition?: string | null; readonly source: string; readonly language?: string },
): Result.Result<List, ImportError> => {
  const language = options.language ?? "en";
  const all: Array<Entry> = [];
  const where = new Map<string, string>();
  for (const { file, text } of files) {
    const json = jsonOf(text, file, "ipc");
    if (Result.isFailure(json)) return Result.fail(json.failure);
    const { value, lineOf } = json.success;
    const issues = new Issues();
    const items: Array<Item> = [];
    // Depth first without recursion: [node, path, tree parent]
    const stack: Array<[unknown, string, Code | null, unknown]> = [[value, "$", null, undefined]];
    while (stack.length > 0) {
      const [node, path, treeParent, container] = stack.pop()!;
      if (!isRecord(node)) {
        issues.add(lineOf(container), path, "expected an object { symbol, text, children }");
        continue;
      }
      const symbol = node["symbol"];
      const title = typeof node["text"] === "string" ? node["text"].trim() : undefined;
      const line = lineOf(node, "symbol");
      let code: Code | undefined;
      if (typeof symbol !== "string") issues.add(line, `${path}.symbol`, "expected the IPC symbol as a string");
      else {
        const parsed = parseCode("ipc", symbol);
        if (Result.isFailure(parsed)) issues.add(line, `${path}.symbol`, parsed.failure.message);
        else code = parsed.success;
      }
      if (title === undefined) issues.add(lineOf(node, "text"), `${path}.text`, "expected the title as a string");
      else {
        const bad = titleProblem(title);
        if (bad !== undefined) issues.add(lineOf(node, "text"), `${path}.text`, bad);
      }
      if (code !== undefined && treeParent !== null) {
        const fits =
          code.level <= 4
            ? code.parent === treeParent.code
            : treeParent.level >= 4 && (treeParent.level === 4 ? treeParent.code : treeParent.parent) === code.parent;
        if (!fits)
          issues.add(
            line,
            `${path}.symbol`,
            `${code.code} stands under ${treeParent.code}, but its symbol puts it under ${code.parent}`,
          );
      }
      if (code !== undefined && title !== undefined && titleProblem(title) === undefined)
        items.push({ code, title, language, line, field: `${path}.symbol` });
      const children = node["children"];
      if (children === undefined) continue;
      if (!Array.isArray(children)) {
        issues.add(lineOf(node, "children"), `${path}.children`, "expected an array");
        continue;
      }
      for (let k = children.length - 1; k >= 0; k--)
        stack.push([children[k], `${path}.children[${k}]`, code ?? null, children]);
    }
    const entries = assemble("ipc", items, issues);
    for (const e of entries) {
      const other = where.get(e.code);
      if (other !== undefined) issues.add(0, "symbol", `${e.code} is in ${other} too`);
      where.set(e.code, file);
    }
    if (issues.count > 0) return Result.fail(issues.error(file, "ipc"));
    all.push(...entries);
  }
  if (all.length === 0) return Result.fail(emptyList(files[0]?.file ?? options.source, "ipc"));
  return Result.succeed({
    scheme: "ipc",
    edition: options.edition ?? null,
    source: options.source,
    entries: inCodeOrder("ipc", all),
  });
};

// ---------------------------------------------------------------------------------------------------------------
// Lookups

interface Index {
  readonly byCode: ReadonlyMap<string, Entry>;
  readonly children: ReadonlyMap<string | null, ReadonlyArray<Entry>>;
  /** Per entry (in list order): its code without separators. */
  readonly compact: ReadonlyArray<string>;
  /** Per language, per entry: the words of its title joined by spaces, with a space at both ends (" dish cover "). */
  readonly words: ReadonlyMap<string, ReadonlyArray<string | undefined>>;
}

const indexes = new WeakMap<List, Index>();

const ASCII = /^[\u0020-\u007e]*$/;
const ASCII_SEPARATORS = /[^a-z0-9]+/;
const MARKS = /\p{M}+/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Lower case, without diacritics, split on anything but letters and digits. */
const wordsOf = (text: string): Array<string> =>
  (ASCII.test(text)
    ? text.toLowerCase().split(ASCII_SEPARATORS)
    : text.normalize("NFKD").replace(MARKS, "").toLowerCase().split(SEPARATORS)
  ).filter((w) => w !== "");

const compactCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");

const indexOf = (list: List): Index => {
  let index = indexes.get(list);
  if (index !== undefined) return index;
  const byCode = new Map<string, Entry>();
  const children = new Map<string | null, Array<Entry>>();
  const words = new Map<string, Array<string | undefined>>();
  list.entries.forEach((e, i) => {
    byCode.set(e.code, e);
    const siblings = children.get(e.parent);
    if (siblings === undefined) children.set(e.parent, [e]);
    else siblings.push(e);
    for (const l in e.titles) {
      let column = words.get(l);
      if (column === undefined) {
        column = new Array<string | undefined>(list.entries.length);
        words.set(l, column);
      }
      column[i] = ` ${wordsOf(e.titles[l]!).join(" ")} `;
    }
  });
  index = { byCode, children, compact: list.entries.map((e) => compactCode(e.code)), words };
  indexes.set(list, index);
  return index;
};

/** The entry of a code (any spelling `parseCode` accepts), or undefined. */
export const find = (list: List, code: string): Entry | undefined => {
  const canonical = normalizeCode(list.scheme, code);
  return canonical === undefined ? undefined : indexOf(list).byCode.get(canonical);
};

/** Whether the list has the code. */
export const isKnown = (list: List, code: string): boolean => find(list, code) !== undefined;

/** The entries directly under a code, in order; the top level when `code` is null or absent. */
export const children = (list: List, code?: string | null): ReadonlyArray<Entry> => {
  const index = indexOf(list);
  if (code === undefined || code === null) return index.children.get(null) ?? [];
  const canonical = normalizeCode(list.scheme, code);
  return canonical === undefined ? [] : (index.children.get(canonical) ?? []);
};

/** The entries above a code, from the top down (empty for an unknown code or a top-level one). */
export const ancestors = (list: List, code: string): ReadonlyArray<Entry> => {
  const index = indexOf(list);
  const out: Array<Entry> = [];
  let at = find(list, code)?.parent ?? null;
  while (at !== null) {
    const e = index.byCode.get(at);
    if (e === undefined) break;
    out.unshift(e);
    at = e.parent;
  }
  return out;
};

/** Number of entries. */
export const size = (list: List): number => list.entries.length;

/** The languages of the list's titles, sorted. */
export const languages = (list: List): ReadonlyArray<string> => [...indexOf(list).words.keys()].sort();

/** The title of an entry in a language, else in English, else in its first language, with the language it is in. */
export const title = (entry: Entry, language?: string): { readonly text: string; readonly language: string } => {
  const pick = [language, "en", ...Object.keys(entry.titles)].find((l) => l !== undefined && entry.titles[l]);
  return pick === undefined ? { text: entry.code, language: "" } : { text: entry.titles[pick]!, language: pick };
};

/** One search result: `code` (the code itself), `code-prefix` (codes starting so), `words`, `word-prefixes`. */
export interface Hit {
  readonly entry: Entry;
  readonly match: "code" | "code-prefix" | "words" | "word-prefixes";
}

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 1_000;

/**
 * Finds entries by code or by words of their titles. A code (any accepted spelling) comes first, then codes starting
 * with the text when it looks like one (`A01B`, `07-0`), then entries whose title has every word of the text as a
 * word or the start of one (case and diacritics ignored): whole words before prefixes, upper levels before lower ones,
 * then list order. `language` limits the titles searched when the list has titles in it.
 */
export const search = (
  list: List,
  text: string,
  options: { readonly limit?: number; readonly language?: string } = {},
): ReadonlyArray<Hit> => {
  const limit = Number.isFinite(options.limit)
    ? Math.max(0, Math.min(MAX_SEARCH_LIMIT, Math.floor(options.limit as number)))
    : DEFAULT_SEARCH_LIMIT;
  const query = typeof text === "string" ? text.trim().slice(0, 500) : "";
  if (query === "" || limit === 0) return [];
  const index = indexOf(list);
  const hits: Array<Hit> = [];
  const seen = new Set<string>();
  const add = (entry: Entry, match: Hit["match"]) => {
    if (hits.length < limit && !seen.has(entry.code)) {
      hits.push({ entry, match });
      seen.add(entry.code);
    }
  };
  const exact = find(list, query);
  if (exact !== undefined) add(exact, "code");
  const compact = compactCode(query);
  if (/\d/.test(query) && /^[A-Za-z0-9 ./-]{1,20}$/.test(query) && compact !== "") {
    list.entries.forEach((e, i) => {
      if (index.compact[i]!.startsWith(compact)) add(e, "code-prefix");
    });
  }
  const wanted = wordsOf(query);
  if (wanted.length === 0 || hits.length >= limit) return hits;
  const columns =
    options.language !== undefined && index.words.has(options.language)
      ? [index.words.get(options.language)!]
      : [...index.words.values()];
  const whole = wanted.map((w) => ` ${w} `);
  const prefix = wanted.map((w) => ` ${w}`);
  const scored: Array<{ entry: Entry; whole: boolean; level: number; order: number }> = [];
  list.entries.forEach((e, i) => {
    for (const column of columns) {
      const words = column[i];
      if (words === undefined || !prefix.every((p) => words.includes(p))) continue;
      scored.push({ entry: e, whole: whole.every((w) => words.includes(w)), level: e.level, order: i });
      return;
    }
  });
  scored.sort((a, b) => Number(b.whole) - Number(a.whole) || a.level - b.level || a.order - b.order);
  for (const s of scored) add(s.entry, s.whole ? "words" : "word-prefixes");
  return hits;
};
