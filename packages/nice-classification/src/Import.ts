/**
 * Importers for Nice reference files, as pure parsers over text or parsed JSON (no file IO: the Node entry
 * `@ipoffice/nice-classification/node` reads files and calls these).
 *
 * The documented import format, which lets an office add a language from WIPO's files, is a CSV with the header
 * `basic_number,class_number,term,language` (RFC 4180 quoting, UTF-8, LF or CRLF), one row per term and language:
 *
 * ```csv
 * basic_number,class_number,term,language
 * 250103,25,"shirts",en
 * ```
 *
 * Errors are values naming the file, the line and the field.
 */
import { Result, Schema } from "effect";
import type { BasicNumber, ClassNumber, Edition, NiceClass, Provenance, Term, UnlinkedTerm } from "./Edition.js";
import { isBasicNumber, isClassNumber, kindOf, make } from "./Edition.js";
import { getOrInsert } from "./internal/collections.js";

/** One problem in an input file: where (line 1 is the first line; 0 for whole-file problems), which field, what. */
export const ImportIssue = Schema.Struct({
  line: Schema.Number,
  field: Schema.String,
  message: Schema.String,
});
export type ImportIssue = typeof ImportIssue.Type;

/** An input file could not be imported. `issues` lists up to 100 problems, each with line and field. */
export class ImportError extends Schema.TaggedError<ImportError>()("ImportError", {
  file: Schema.String,
  issues: Schema.Array(ImportIssue),
}) {
  override get message(): string {
    const first = this.issues[0];
    const more = this.issues.length > 1 ? ` (and ${this.issues.length - 1} more)` : "";
    return first === undefined
      ? `${this.file}: cannot import`
      : `${this.file}:${first.line}: ${first.field}: ${first.message}${more}`;
  }
}

const MAX_ISSUES = 100;
/** Longest term text accepted (the longest official English term is about 250 characters). */
export const MAX_TERM_LENGTH = 1000;

/** A row of the documented CSV format. */
export interface CsvRow {
  readonly basicNumber: BasicNumber;
  readonly classNumber: ClassNumber;
  readonly text: string;
  readonly language: string;
  readonly line: number;
}

/** Splits CSV text into records of fields (RFC 4180), each with the line number it starts on. */
export const parseCsvRecords = (
  text: string,
): { records: Array<{ line: number; fields: Array<string> }>; unterminatedQuoteLine: number | null } => {
  const records: Array<{ line: number; fields: Array<string> }> = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: Array<string> = [];
    let field = "";
    let inQuotes = false;
    let quoteLine = 0;
    let endOfRecord = false;
    while (i < n && !endOfRecord) {
      const ch = text[i]!;
      if (inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            inQuotes = false;
            i++;
          }
        } else {
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
      } else if (ch === '"' && field.length === 0) {
        inQuotes = true;
        quoteLine = line;
        i++;
      } else if (ch === ",") {
        fields.push(field);
        field = "";
        i++;
      } else if (ch === "\r" || ch === "\n") {
        if (ch === "\r" && text[i + 1] === "\n") i++;
        i++;
        line++;
        endOfRecord = true;
      } else {
        field += ch;
        i++;
      }
    }
    if (inQuotes) return { records, unterminatedQuoteLine: quoteLine };
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: startLine, fields });
  }
  return { records, unterminatedQuoteLine: null };
};

const COLUMNS = ["basic_number", "class_number", "term", "language"] as const;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/**
 * Parses the documented CSV format. Columns are found by header name (any order; extra columns ignored). Every row is
 * checked: 6-digit basic number, class 1..45 matching nothing else for the same number, non-empty term of at most
 * `MAX_TERM_LENGTH` characters, language code. A basic number repeated in the same language joins the texts with " / ".
 */
export const parseAlphabeticalCsv = (
  text: string,
  options: { readonly file: string },
): Result.Result<ReadonlyArray<CsvRow>, ImportError> => {
  const file = options.file;
  const fail = (issues: Array<ImportIssue>) => Result.fail(new ImportError({ file, issues }));
  // An empty file lacks its header: the first line is where it is missing.
  const empty = { line: 1, field: "header", message: `the file is empty; expected header "${COLUMNS.join(",")}"` };
  if (typeof text !== "string" || text.trim().length === 0) return fail([empty]);
  const { records, unterminatedQuoteLine } = parseCsvRecords(text);
  if (unterminatedQuoteLine !== null)
    return fail([{ line: unterminatedQuoteLine, field: "term", message: "a quoted field is never closed" }]);
  const header = records[0];
  if (header === undefined) return fail([empty]);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index: Record<string, number> = {};
  const missing: Array<string> = [];
  for (const c of COLUMNS) {
    const at = names.indexOf(c);
    if (at < 0) missing.push(c);
    index[c] = at;
  }
  if (missing.length > 0)
    return fail([
      {
        line: header.line,
        field: "header",
        message: `missing column(s) ${missing.join(", ")}; expected header "${COLUMNS.join(",")}"`,
      },
    ]);
  const issues: Array<ImportIssue> = [];
  const rows = new Map<string, { row: CsvRow }>();
  const classOfNumber = new Map<string, { classNumber: number; line: number }>();
  for (let r = 1; r < records.length && issues.length < MAX_ISSUES; r++) {
    const { line, fields } = records[r]!;
    const get = (c: (typeof COLUMNS)[number]) => (fields[index[c]!] ?? "").trim();
    if (fields.length < names.length) {
      issues.push({ line, field: "row", message: `expected ${names.length} fields, found ${fields.length}` });
      continue;
    }
    const basicNumber = get("basic_number");
    const classText = get("class_number");
    const term = get("term");
    const language = get("language");
    const before = issues.length;
    if (!isBasicNumber(basicNumber))
      issues.push({ line, field: "basic_number", message: `"${basicNumber.slice(0, 40)}" is not a 6-digit number` });
    const classNumber = /^\d{1,2}$/.test(classText) ? Number(classText) : Number.NaN;
    if (!isClassNumber(classNumber))
      issues.push({ line, field: "class_number", message: `"${classText.slice(0, 40)}" is not a class from 1 to 45` });
    if (term.length === 0) issues.push({ line, field: "term", message: "the term is empty" });
    else if (term.length > MAX_TERM_LENGTH)
      issues.push({ line, field: "term", message: `the term is longer than ${MAX_TERM_LENGTH} characters` });
    if (!LANGUAGE.test(language))
      issues.push({
        line,
        field: "language",
        message: `"${language.slice(0, 40)}" is not a language code like en or ar`,
      });
    if (issues.length > before) continue;
    const seen = classOfNumber.get(basicNumber);
    if (seen !== undefined && seen.classNumber !== classNumber) {
      issues.push({
        line,
        field: "class_number",
        message: `basic number ${basicNumber} is in class ${seen.classNumber} on line ${seen.line}, here in class ${classNumber}`,
      });
      continue;
    }
    if (seen === undefined) classOfNumber.set(basicNumber, { classNumber, line });
    const k = `${basicNumber}|${language}`;
    const previous = rows.get(k);
    if (previous !== undefined) {
      previous.row = { ...previous.row, text: `${previous.row.text} / ${term}` };
    } else {
      rows.set(k, {
        row: {
          basicNumber: basicNumber as BasicNumber,
          classNumber: classNumber as ClassNumber,
          text: term,
          language,
          line,
        },
      });
    }
  }
  if (issues.length > 0) return fail(issues);
  return Result.succeed([...rows.values()].map((r) => r.row));
};

/** Turns CSV rows into terms (one per basic number, texts per language). */
export const termsFromRows = (rows: ReadonlyArray<CsvRow>): Array<Term> => {
  const byNumber = new Map<
    string,
    { basicNumber: BasicNumber; classNumber: ClassNumber; texts: Record<string, string> }
  >();
  for (const r of rows) {
    const t = getOrInsert(byNumber, r.basicNumber, () => ({
      basicNumber: r.basicNumber,
      classNumber: r.classNumber,
      texts: {} as Record<string, string>,
    }));
    t.texts[r.language] = r.text;
  }
  return [...byNumber.values()];
};

/** What an edition read from CSV is called and where its file comes from (origin and licence, when known). */
export interface CsvEditionOptions {
  /** The file's name, for error messages and the provenance. */
  readonly file: string;
  readonly id: string;
  readonly label: string;
  /** Where the file comes from (default `unknown`). */
  readonly origin?: string | undefined;
  /** Its licence as an SPDX identifier (default `unknown`). */
  readonly licence?: string | undefined;
  /** Default `imported`. */
  readonly tier?: Provenance["tier"] | undefined;
}

/**
 * An edition from CSV text in the documented format, e.g. an office's conversion of WIPO's list of a newer edition.
 * The classes carry no headings (the CSV format has none); the languages are those of the rows.
 */
export const editionFromCsv = (text: string, options: CsvEditionOptions): Result.Result<Edition, ImportError> =>
  Result.map(parseAlphabeticalCsv(text, { file: options.file }), (rows) => {
    const languages = [...new Set(rows.map((r) => r.language))].sort();
    return make({
      id: options.id,
      label: options.label,
      sources: [options.file],
      provenance: [
        {
          content: `alphabetical list (${languages.join(", ")})`,
          file: options.file,
          origin: options.origin ?? "unknown",
          licence: options.licence ?? "unknown",
          tier: options.tier ?? "imported",
        },
      ],
      classes: [],
      terms: termsFromRows(rows),
      unlinkedTerms: [],
    });
  });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The format tag of the compact edition files this package ships (`data/*.json`). */
export const COMPACT_FORMAT = "ipoffice-nice-edition/1";

/**
 * Reads a compact edition file, the shape of the edition this package ships (`data/ncl10-2015-en.json`):
 *
 * ```json
 * { "format": "ipoffice-nice-edition/1", "notice": "…", "id": "10-2015", "label": "…", "language": "en",
 *   "source": { "content": "…", "file": "…", "origin": "…", "licence": "CC0-1.0", "sha256": "…" },
 *   "classes": { "25": { "heading": "Clothing, footwear, headgear.", "terms": { "250042": "shirts" } } } }
 * ```
 *
 * Alternative wordings of one basic number are joined with " / ", as in `Term`. The provenance of the edition is the
 * file's `source`, with the `tier` given (default `shipped`). Pure: a browser can read the same file.
 */
export const parseCompactEdition = (
  input: unknown,
  options: { readonly file: string; readonly tier?: Provenance["tier"] | undefined },
): Result.Result<Edition, ImportError> => {
  const file = options.file;
  const issues: Array<ImportIssue> = [];
  const issue = (field: string, message: string) => {
    if (issues.length < MAX_ISSUES) issues.push({ line: 0, field, message });
  };
  if (!isRecord(input))
    return Result.fail(new ImportError({ file, issues: [{ line: 0, field: "$", message: "expected a JSON object" }] }));
  if (input["format"] !== COMPACT_FORMAT) issue("format", `expected "${COMPACT_FORMAT}"`);
  const text = (v: unknown, field: string): string => {
    if (typeof v === "string" && v.trim() !== "") return v;
    issue(field, "expected a non-empty string");
    return "";
  };
  const id = text(input["id"], "id");
  const label = text(input["label"], "label");
  const language = text(input["language"], "language");
  const source = isRecord(input["source"]) ? input["source"] : {};
  if (!isRecord(input["source"])) issue("source", "expected an object naming the file, its origin and licence");
  const provenance: Provenance = {
    content: text(source["content"], "source.content"),
    file: text(source["file"], "source.file"),
    origin: text(source["origin"], "source.origin"),
    licence: text(source["licence"], "source.licence"),
    tier: options.tier ?? "shipped",
  };
  const classes: Array<NiceClass> = [];
  const terms: Array<Term> = [];
  const seen = new Map<string, number>();
  const classesIn = input["classes"];
  if (!isRecord(classesIn)) issue("classes", "expected an object keyed by class number");
  else
    for (const [key, c] of Object.entries(classesIn)) {
      const number = /^\d{1,2}$/.test(key) ? Number(key) : Number.NaN;
      if (!isClassNumber(number)) {
        issue(`classes.${key}`, "expected a class from 1 to 45");
        continue;
      }
      if (!isRecord(c)) {
        issue(`classes.${key}`, "expected an object");
        continue;
      }
      const heading = c["heading"];
      if (heading !== undefined && typeof heading !== "string") issue(`classes.${key}.heading`, "expected a string");
      classes.push({
        number,
        kind: kindOf(number),
        headings: typeof heading === "string" ? { [language]: heading } : {},
        notes: {},
        includes: [],
        excludes: [],
      });
      const termsIn = c["terms"] ?? {};
      if (!isRecord(termsIn)) {
        issue(`classes.${key}.terms`, "expected an object keyed by basic number");
        continue;
      }
      for (const [basicNumber, t] of Object.entries(termsIn)) {
        if (!isBasicNumber(basicNumber))
          issue(`classes.${key}.terms.${basicNumber}`, "expected a 6-digit basic number");
        else if (seen.has(basicNumber))
          issue(`classes.${key}.terms.${basicNumber}`, `basic number also in class ${seen.get(basicNumber)}`);
        else if (typeof t !== "string" || t.trim() === "" || t.length > MAX_TERM_LENGTH)
          issue(`classes.${key}.terms.${basicNumber}`, `expected a term of 1 to ${MAX_TERM_LENGTH} characters`);
        else {
          seen.set(basicNumber, number);
          terms.push({ basicNumber, classNumber: number, texts: { [language]: t } });
        }
      }
    }
  if (issues.length > 0) return Result.fail(new ImportError({ file, issues }));
  return Result.succeed(
    make({ id, label, sources: [provenance.file], provenance: [provenance], classes, terms, unlinkedTerms: [] }),
  );
};

/** Parsed `ncl10-2015-en.json`: classes with English headings, and terms (alternative wordings joined by " / "). */
export interface Ncl10 {
  readonly edition: string;
  readonly version: string;
  readonly classes: ReadonlyArray<NiceClass>;
  readonly terms: ReadonlyArray<Term>;
}

/**
 * Reads the `ncl10-2015-en.json` shape: `{ edition, version, classes: [{ number, type, heading }], goods: [{ number,
 * description }], services: [...] }`. A term's class is the first two digits of its basic number (true of that file).
 * Entries repeating a basic number are alternative wordings and are joined with " / ".
 */
export const parseNcl10Json = (
  input: unknown,
  options: { readonly file: string },
): Result.Result<Ncl10, ImportError> => {
  const file = options.file;
  const issues: Array<ImportIssue> = [];
  if (!isRecord(input))
    return Result.fail(new ImportError({ file, issues: [{ line: 0, field: "$", message: "expected a JSON object" }] }));
  const classesIn = input["classes"];
  const classes: Array<NiceClass> = [];
  if (!Array.isArray(classesIn)) issues.push({ line: 0, field: "classes", message: "expected an array" });
  else
    classesIn.forEach((c, i) => {
      const number = isRecord(c) ? Number(c["number"]) : Number.NaN;
      const heading = isRecord(c) ? c["heading"] : undefined;
      if (!isClassNumber(number))
        issues.push({ line: 0, field: `classes[${i}].number`, message: "expected a class from 1 to 45" });
      else if (typeof heading !== "string")
        issues.push({ line: 0, field: `classes[${i}].heading`, message: "expected a string" });
      else
        classes.push({
          number,
          kind: kindOf(number),
          headings: { en: heading },
          notes: {},
          includes: [],
          excludes: [],
        });
    });
  const byNumber = new Map<string, { basicNumber: BasicNumber; classNumber: ClassNumber; texts: { en: string } }>();
  for (const list of ["goods", "services"] as const) {
    const items = input[list];
    if (!Array.isArray(items)) {
      issues.push({ line: 0, field: list, message: "expected an array" });
      continue;
    }
    items.forEach((item, i) => {
      if (issues.length >= MAX_ISSUES) return;
      const number = isRecord(item) ? item["number"] : undefined;
      const description = isRecord(item) ? item["description"] : undefined;
      if (!isBasicNumber(number)) {
        issues.push({ line: 0, field: `${list}[${i}].number`, message: "expected a 6-digit basic number" });
        return;
      }
      if (typeof description !== "string" || description.trim() === "") {
        issues.push({ line: 0, field: `${list}[${i}].description`, message: "expected a non-empty string" });
        return;
      }
      const classNumber = Number(number.slice(0, 2));
      if (!isClassNumber(classNumber)) {
        issues.push({
          line: 0,
          field: `${list}[${i}].number`,
          message: `${number} does not start with a class 01..45`,
        });
        return;
      }
      const previous = byNumber.get(number);
      if (previous === undefined)
        byNumber.set(number, { basicNumber: number, classNumber, texts: { en: description.trim() } });
      else previous.texts.en = `${previous.texts.en} / ${description.trim()}`;
    });
  }
  if (issues.length > 0) return Result.fail(new ImportError({ file, issues: issues.slice(0, MAX_ISSUES) }));
  return Result.succeed({
    edition: String(input["edition"] ?? ""),
    version: String(input["version"] ?? ""),
    classes,
    terms: [...byNumber.values()],
  });
};

/**
 * Reads the `ncl13-2026-class-headings-en.json` shape: `[{ number, heading, note, includes: [], excludes: [] }]`
 * (English). Returns the classes (headings and explanatory notes in English).
 */
export const parseClassHeadingsJson = (
  input: unknown,
  options: { readonly file: string; readonly language?: string },
): Result.Result<ReadonlyArray<NiceClass>, ImportError> => {
  const file = options.file;
  const language = options.language ?? "en";
  if (!Array.isArray(input))
    return Result.fail(new ImportError({ file, issues: [{ line: 0, field: "$", message: "expected a JSON array" }] }));
  const issues: Array<ImportIssue> = [];
  const classes: Array<NiceClass> = [];
  const strings = (v: unknown): Array<string> | null =>
    v === undefined ? [] : Array.isArray(v) && v.every((s) => typeof s === "string") ? (v as Array<string>) : null;
  input.forEach((c, i) => {
    if (!isRecord(c)) {
      issues.push({ line: 0, field: `[${i}]`, message: "expected an object" });
      return;
    }
    const number = Number(c["number"]);
    const heading = c["heading"];
    const note = c["note"];
    const includes = strings(c["includes"]);
    const excludes = strings(c["excludes"]);
    if (!isClassNumber(number))
      issues.push({ line: 0, field: `[${i}].number`, message: "expected a class from 1 to 45" });
    else if (typeof heading !== "string")
      issues.push({ line: 0, field: `[${i}].heading`, message: "expected a string" });
    else if (note !== undefined && typeof note !== "string")
      issues.push({ line: 0, field: `[${i}].note`, message: "expected a string" });
    else if (includes === null) issues.push({ line: 0, field: `[${i}].includes`, message: "expected strings" });
    else if (excludes === null) issues.push({ line: 0, field: `[${i}].excludes`, message: "expected strings" });
    else
      classes.push({
        number,
        kind: kindOf(number),
        headings: { [language]: heading },
        notes: typeof note === "string" ? { [language]: note } : {},
        includes,
        excludes,
      });
  });
  if (issues.length > 0) return Result.fail(new ImportError({ file, issues: issues.slice(0, MAX_ISSUES) }));
  return Result.succeed(classes);
};

/**
 * Reads per-class alphabetical lists without basic numbers, the shape of `bg-alphabetical-lists-by-class.json`:
 * `[{ Language: "BG", AlphaLists: [{ ClassNbr: 1, AlphaListTermText: "term; term; ..." }] }]`. Terms are split on
 * "; " and kept per class as unlinked terms.
 */
export const parseClassLists = (
  input: unknown,
  options: { readonly file: string },
): Result.Result<ReadonlyArray<UnlinkedTerm>, ImportError> => {
  const file = options.file;
  if (!Array.isArray(input))
    return Result.fail(new ImportError({ file, issues: [{ line: 0, field: "$", message: "expected a JSON array" }] }));
  const issues: Array<ImportIssue> = [];
  const out: Array<UnlinkedTerm> = [];
  input.forEach((block, b) => {
    const language = isRecord(block) && typeof block["Language"] === "string" ? block["Language"].toLowerCase() : "";
    if (!LANGUAGE.test(language)) {
      issues.push({ line: 0, field: `[${b}].Language`, message: "expected a language code such as BG" });
      return;
    }
    const lists = isRecord(block) ? block["AlphaLists"] : undefined;
    if (!Array.isArray(lists)) {
      issues.push({ line: 0, field: `[${b}].AlphaLists`, message: "expected an array" });
      return;
    }
    lists.forEach((l, i) => {
      const classNumber = isRecord(l) ? Number(l["ClassNbr"]) : Number.NaN;
      const text = isRecord(l) ? l["AlphaListTermText"] : undefined;
      if (!isClassNumber(classNumber)) {
        issues.push({ line: 0, field: `[${b}].AlphaLists[${i}].ClassNbr`, message: "expected a class from 1 to 45" });
        return;
      }
      if (typeof text !== "string") {
        issues.push({ line: 0, field: `[${b}].AlphaLists[${i}].AlphaListTermText`, message: "expected a string" });
        return;
      }
      for (const piece of text.split(";")) {
        const t = piece.trim();
        if (t.length > 0 && t.length <= MAX_TERM_LENGTH) out.push({ classNumber, language, text: t });
      }
    });
  });
  if (issues.length > 0) return Result.fail(new ImportError({ file, issues: issues.slice(0, MAX_ISSUES) }));
  return Result.succeed(out);
};
