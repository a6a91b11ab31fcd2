/**
 * Rights from another system's table (CSV, or the rows of an XLSX sheet) into the model, through a column mapping
 * the office writes once (decision 0802): trademarks, industrial designs, patents and utility models, the mapping's
 * `kind` saying which columns it takes. The mapping is validated (`decodeMapping`: its kind, unknown fields, missing
 * required columns, bad date format), then against the file's header; each row becomes a right of that kind decoded
 * with the model's schema (`IpRight.Trademark`, `IndustrialDesign`, `Patent`, `UtilityModel`), and every problem is reported as `{ row, field, message }` (row 1 is the header). A table is taken
 * whole or not at all: the caller writes the records only when the report is empty.
 *
 * Hostile input is refused with the row and field: a cell a spreadsheet would run as a formula (it starts with `=`,
 * `+`, `-`, `@`, a tab or a carriage return: OWASP "CSV injection"), a file, a row count or a cell over the limits,
 * characters XML cannot hold. No IO: the caller reads the file.
 */
import { IpRight } from "@ipoffice/domain";
import { Readable } from "node:stream";
import { parse as parseStream } from "csv-parse";
import { parse } from "csv-parse/sync";
import { Result, Schema, SchemaIssue } from "effect";

const Column = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200));

/** The columns every kind takes: the source's number, dates, status, the first owner, a representative, … */
const commonColumns = {
  /** The source's number (required): kept as the application number; an import is idempotent by it. */
  number: Column,
  filingDate: Column,
  status: Schema.optional(Column),
  statusDate: Schema.optional(Column),
  owner: Column,
  ownerCountry: Column,
  ownerKind: Schema.optional(Column),
  ownerAddress: Schema.optional(Column),
  representative: Schema.optional(Column),
  representativeCountry: Schema.optional(Column),
  /** Priority claims in one cell: `FR 123456 05/01/2020 | US 98/765 01/02/2020` (country, number, date). */
  priorities: Schema.optional(Column),
  publicationDate: Schema.optional(Column),
  registrationNumber: Schema.optional(Column),
  registrationDate: Schema.optional(Column),
  expiryDate: Schema.optional(Column),
  st13: Schema.optional(Column),
};

/** Where each field of a trademark comes from: a column name of the file (its header), per field. */
export const Columns = Schema.Struct({
  ...commonColumns,
  markText: Schema.optional(Column),
  markType: Schema.optional(Column),
  markCategory: Schema.optional(Column),
  /** Classes and their terms in one cell: `25: clothing; footwear | 35: advertising`. */
  goodsAndServices: Column,
});
export type Columns = typeof Columns.Type;

/**
 * The columns of an industrial design application (ST.80 INID codes). Several designs in one row: `product`,
 * `locarnoClass`, `views` and `designDescription` hold one value per design separated by `|`, in design order.
 */
export const DesignColumns = Schema.Struct({
  ...commonColumns,
  title: Schema.optional(Column),
  /** Indication of the product (INID 54), per design. */
  product: Column,
  /** Locarno class and subclass (INID 51) such as `06-01`, per design. */
  locarnoClass: Column,
  /** Number of views (INID 55), per design (default 1: a design has at least one). */
  views: Schema.optional(Column),
  designDescription: Schema.optional(Column),
  /** Designers (INID 72): `Name (CC); Name`. */
  designers: Schema.optional(Column),
  /** Locarno edition such as `14-2023` (else the mapping's `locarnoEdition`, else none recorded). */
  locarnoEdition: Schema.optional(Column),
});
export type DesignColumns = typeof DesignColumns.Type;

/** The columns of a patent or a utility model (ST.9 INID codes). */
export const TechnicalColumns = Schema.Struct({
  ...commonColumns,
  /** Title of the invention (INID 54). */
  title: Column,
  /** Abstract (INID 57). */
  abstract: Schema.optional(Column),
  /** Number of claims. */
  claimsCount: Column,
  /** IPC symbols (INID 51): `A61K 31/00; H04L 9/32`. */
  ipc: Schema.optional(Column),
  /** Inventors (INID 72): `Name (CC); Name`. */
  inventors: Schema.optional(Column),
  /** Publication number of the application (INID 11 with kind code A, 43). */
  publicationNumber: Schema.optional(Column),
  /** PCT international application number and filing date (INID 86). */
  pctApplicationNumber: Schema.optional(Column),
  pctFilingDate: Schema.optional(Column),
  /** PCT international publication number and date (INID 87). */
  pctPublicationNumber: Schema.optional(Column),
  pctPublicationDate: Schema.optional(Column),
});
export type TechnicalColumns = typeof TechnicalColumns.Type;

export type Field = keyof Columns | keyof DesignColumns | keyof TechnicalColumns;

const DateFormat = Schema.Literals(["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY"]);

const mappingCommon = {
  /** The source system's name (`legacy-register`): recorded with every right it brought. */
  source: Schema.String.check(Schema.isPattern(/^[a-z0-9][a-z0-9._-]{0,62}$/, { message: "a lower-case name" })),
  /** How dates are written in the file (default `YYYY-MM-DD`). */
  dateFormat: Schema.optional(DateFormat),
  /** The file's values of a field → the model's: `status: { Registered: registered }`, `markType: { Word: word }`. */
  values: Schema.optional(
    Schema.Record(Schema.String, Schema.Record(Schema.String, Schema.String.check(Schema.isMaxLength(100)))),
  ),
  /**
   * The status of a row that names none (default: `registered` for a trademark or a design with a registration,
   * `in_force` for a patent or utility model with one, else `filed`: the default workflows' states).
   */
  defaultStatus: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100))),
};

/** A trademark mapping as an office writes it (YAML or JSON), once per source system. */
export const TrademarkMapping = Schema.Struct({
  ...mappingCommon,
  kind: Schema.Literal("trademark"),
  columns: Columns,
  /** Nice edition of the classes (default `12-2023`). */
  niceEdition: Schema.optional(Schema.String.check(Schema.isPattern(/^\d{1,2}-\d{4}$/))),
});
export type TrademarkMapping = typeof TrademarkMapping.Type;

/** An industrial design mapping. */
export const DesignMapping = Schema.Struct({
  ...mappingCommon,
  kind: Schema.Literal("industrial_design"),
  columns: DesignColumns,
  /** Locarno edition of rows without a `locarnoEdition` column (e.g. `14-2023`). */
  locarnoEdition: Schema.optional(Schema.String.check(Schema.isPattern(/^\d{1,2}-\d{4}$/))),
});
export type DesignMapping = typeof DesignMapping.Type;

/** A patent or utility model mapping. */
export const TechnicalMapping = Schema.Struct({
  ...mappingCommon,
  kind: Schema.Literals(["patent", "utility_model"]),
  columns: TechnicalColumns,
});
export type TechnicalMapping = typeof TechnicalMapping.Type;

/** A mapping of any kind: `kind` says which columns it takes. */
export type Mapping = TrademarkMapping | DesignMapping | TechnicalMapping;
/** The kinds a table can bring. */
export const kinds = ["trademark", "industrial_design", "patent", "utility_model"] as const;

/** The model's right of a mapping's kind. */
export type RightOf<K extends Mapping["kind"]> = K extends "trademark"
  ? IpRight.Trademark
  : K extends "industrial_design"
    ? IpRight.IndustrialDesign
    : K extends "patent"
      ? IpRight.Patent
      : IpRight.UtilityModel;

/** One problem: the file's row (1 is the header), the field (and column) at fault, what is wrong. */
export interface Problem {
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

export interface Limits {
  /** Characters of the whole file (default 50 MiB). */
  readonly maxChars: number;
  /** Data rows (default 100,000). */
  readonly maxRows: number;
  /** Characters of one cell (default 10,000). */
  readonly maxCellChars: number;
}
export const defaultLimits: Limits = { maxChars: 50 * 1024 * 1024, maxRows: 100_000, maxCellChars: 10_000 };

/** A table: its header and rows of text cells, as read from a CSV or an XLSX sheet. */
export interface Table {
  readonly header: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
}

/** A row made into a right: its row in the file and the source's number. */
export interface Converted<R extends IpRight.Right = IpRight.Right> {
  readonly row: number;
  readonly sourceNumber: string;
  readonly right: R;
}

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();
const issuesOf = (err: Schema.SchemaError) =>
  formatIssues(err.issue).issues.map((i) => ({
    path: (i.path ?? [])
      .map((p) => (typeof p === "object" && p !== null && "key" in p ? String(p.key) : String(p)))
      .join("."),
    message: i.message,
  }));

const decodeOptions = { errors: "all", onExcessProperty: "error" } as const;
const decoders = {
  trademark: Schema.decodeUnknownResult(TrademarkMapping, decodeOptions),
  industrial_design: Schema.decodeUnknownResult(DesignMapping, decodeOptions),
  patent: Schema.decodeUnknownResult(TechnicalMapping, decodeOptions),
  utility_model: Schema.decodeUnknownResult(TechnicalMapping, decodeOptions),
} as const;

/**
 * Checks a mapping as written; every problem is named (row 0: the mapping, not the file). `kind` is read first, then
 * the mapping is checked against that kind's columns (a column of another kind is named as unknown).
 */
export const decodeMapping = (input: unknown): Result.Result<Mapping, ReadonlyArray<Problem>> => {
  const kind =
    typeof input === "object" && input !== null && "kind" in input ? (input as { kind: unknown }).kind : undefined;
  if (typeof kind !== "string" || !(kinds as ReadonlyArray<string>).includes(kind)) {
    return Result.fail([
      {
        row: 0,
        field: "kind",
        message: `${kind === undefined ? "missing" : JSON.stringify(kind)}: one of ${kinds.join(", ")}`,
      },
    ]);
  }
  const decoded: Result.Result<Mapping, Schema.SchemaError> = decoders[kind as Mapping["kind"]](input);
  if (Result.isFailure(decoded)) {
    return Result.fail(
      issuesOf(decoded.failure).map((i) => ({ row: 0, field: i.path === "" ? "mapping" : i.path, message: i.message })),
    );
  }
  return Result.succeed(decoded.success);
};

const FORMULA = /^[=+\-@\t\r]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Reads CSV text (RFC 4180; a byte-order mark allowed; `,` or `;` as the header's first line shows). */
export const readCsv = (text: string, limits: Partial<Limits> = {}): Result.Result<Table, ReadonlyArray<Problem>> => {
  const l = { ...defaultLimits, ...limits };
  if (text.length > l.maxChars) {
    return Result.fail([
      { row: 0, field: "file", message: `the file is over ${l.maxChars.toLocaleString("en")} characters` },
    ]);
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: Array<Array<string>>;
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: false,
      skip_empty_lines: true,
      to_line: l.maxRows + 2,
    }) as Array<Array<string>>;
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    return Result.fail([{ row: e.lines ?? 0, field: "file", message: e.message ?? String(error) }]);
  }
  const [header, ...rows] = records;
  if (header === undefined) return Result.fail([{ row: 1, field: "file", message: "the file has no header row" }]);
  if (rows.length > l.maxRows) {
    return Result.fail([
      { row: l.maxRows + 2, field: "file", message: `more than ${l.maxRows.toLocaleString("en")} rows` },
    ]);
  }
  return Result.succeed({ header: header.map((h) => h.trim()), rows });
};

/** What {@link streamCsv} yields: the header, then each row with its number in the file, or a refusal that ends it. */
export type CsvEvent =
  | { readonly _tag: "Header"; readonly header: ReadonlyArray<string> }
  | { readonly _tag: "Row"; readonly row: number; readonly cells: ReadonlyArray<string> }
  | { readonly _tag: "Refused"; readonly problem: Problem };

/** Bytes read before the delimiter is chosen from the header line. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Reads CSV from chunks as they come (a file stream), memory flat in the file's size: the header, then the rows one
 * by one, numbered as {@link readCsv} numbers them (the header is row 1). The same dialect: RFC 4180, a byte-order
 * mark allowed, `,` or `;` as the header line shows. A malformed record, a record over `maxCellChars` × 100
 * characters (an unterminated quote cannot swallow the file) or more than `maxRows` rows end the stream with a
 * `Refused` naming the row: the caller keeps nothing of a refused file.
 */
export async function* streamCsv(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  limits: Partial<Limits> = {},
): AsyncGenerator<CsvEvent> {
  const l = { ...defaultLimits, ...limits };
  const iterator = (Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : toAsync(chunks)) as AsyncIterator<
    Uint8Array | string
  >;
  // The header line chooses the delimiter: read until it is whole (or the sniffing budget is spent).
  const head: Array<Buffer> = [];
  let headBytes = 0;
  for (;;) {
    if (head.some((b) => b.includes(10))) break;
    if (headBytes >= SNIFF_BYTES) break;
    const next = await iterator.next();
    if (next.done === true) break;
    const buffer = typeof next.value === "string" ? Buffer.from(next.value, "utf8") : Buffer.from(next.value);
    head.push(buffer);
    headBytes += buffer.length;
  }
  const start = Buffer.concat(head);
  const lineEnd = start.indexOf(10);
  const firstLine = start.subarray(0, lineEnd < 0 ? start.length : lineEnd).toString("utf8");
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  async function* rest(): AsyncGenerator<Buffer> {
    if (start.length > 0) yield start;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield typeof next.value === "string" ? Buffer.from(next.value, "utf8") : Buffer.from(next.value);
    }
  }
  const parser = Readable.from(rest()).pipe(
    parseStream({
      bom: true,
      delimiter,
      relax_column_count: false,
      skip_empty_lines: true,
      max_record_size: l.maxCellChars * 100,
    }),
  );
  let index = 0;
  try {
    for await (const record of parser as AsyncIterable<Array<string>>) {
      index += 1;
      if (index === 1) {
        yield { _tag: "Header", header: record.map((h) => h.trim()) };
        continue;
      }
      if (index - 1 > l.maxRows) {
        yield {
          _tag: "Refused",
          problem: { row: index, field: "file", message: `more than ${l.maxRows.toLocaleString("en")} rows` },
        };
        parser.destroy();
        return;
      }
      yield { _tag: "Row", row: index, cells: record };
    }
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    yield {
      _tag: "Refused",
      problem: { row: e.lines ?? index + 1, field: "file", message: e.message ?? String(error) },
    };
    return;
  }
  if (index === 0) yield { _tag: "Refused", problem: { row: 1, field: "file", message: "the file has no header row" } };
}

async function* toAsync<A>(items: Iterable<A>): AsyncGenerator<A> {
  yield* items;
}

const dateOf = (text: string, format: NonNullable<Mapping["dateFormat"]>): string | undefined => {
  const m =
    format === "YYYY-MM-DD"
      ? /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
      : /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (m === null) return undefined;
  const [y, mo, d] =
    format === "YYYY-MM-DD" ? [m[1], m[2], m[3]] : format === "MM/DD/YYYY" ? [m[3], m[1], m[2]] : [m[3], m[2], m[1]];
  const iso = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? undefined : iso;
};

const dateFields: ReadonlyArray<Field> = [
  "filingDate",
  "statusDate",
  "publicationDate",
  "registrationDate",
  "expiryDate",
  "pctFilingDate",
  "pctPublicationDate",
];

/** `25: clothing; footwear | 35: advertising` → classes with their terms. */
const classesOf = (text: string): Array<{ classNumber: number; terms: Array<string> }> | string => {
  const out: Array<{ classNumber: number; terms: Array<string> }> = [];
  for (const part of text.split("|")) {
    const m = /^\s*(\d{1,2})\s*:\s*(.*)$/s.exec(part);
    if (m === null) return `"${part.trim().slice(0, 60)}" is not "class: term; term"`;
    const terms = (m[2] ?? "")
      .split(";")
      .map((t) => t.trim())
      .filter((t) => t !== "");
    out.push({ classNumber: Number(m[1]), terms });
  }
  return out.sort((a, b) => a.classNumber - b.classNumber);
};

/** `a; b; c` → the parts, trimmed, without empty ones. */
const listOf = (text: string, separator: string): Array<string> =>
  text
    .split(separator)
    .map((t) => t.trim())
    .filter((t) => t !== "");

/** `Name (CC); Name` → creators (inventors, designers): a trailing two-letter code in brackets is the country. */
const creatorsOf = (text: string): Array<{ name: string; country?: string }> =>
  listOf(text, ";").map((part) => {
    const m = /^(.*?)\s*\(([A-Z]{2})\)$/.exec(part);
    return m === null ? { name: part } : { name: m[1] as string, country: m[2] as string };
  });

/** `FR 123456 05/01/2020 | US 98/765 01/02/2020` → priority claims (dates in the mapping's format), or a problem. */
const prioritiesOf = (
  text: string,
  format: NonNullable<Mapping["dateFormat"]>,
): Array<{ country: string; number: string; date: string }> | string => {
  const out: Array<{ country: string; number: string; date: string }> = [];
  for (const part of listOf(text, "|")) {
    const m = /^([A-Z]{2})\s+(.+?)\s+(\S+)$/.exec(part);
    if (m === null) return `"${part.slice(0, 60)}" is not "country number date"`;
    const date = dateOf(m[3] as string, format);
    if (date === undefined) return `"${m[3]}" in "${part.slice(0, 60)}" is not a date ${format}`;
    out.push({ country: m[1] as string, number: m[2] as string, date });
  }
  return out;
};

export interface ConvertOptions {
  readonly officeCode: string;
  /** The workflow of imported rights (default the kind's default workflow, e.g. `trademark_default`). */
  readonly workflowId?: string;
  /** The workflow's states: a status outside them is a problem. */
  readonly states?: ReadonlyArray<string>;
  /** ST.13 of a row without one: made from office, filing year and the number's digits. */
  readonly st13: (applicationNumber: string, filingDate: string) => string | undefined;
}

const defaultWorkflows: Readonly<Record<Mapping["kind"], string>> = {
  trademark: "trademark_default",
  industrial_design: "industrial_design_default",
  patent: "patent_default",
  utility_model: "utility_model_default",
};

/** The column of each field of a mapping, whatever its kind. */
const columnsOf = (mapping: Mapping): Readonly<Partial<Record<Field, string>>> => mapping.columns;

/**
 * Makes every row of the table a right of the mapping's kind, or says what is wrong with each. `records` are the rows
 * that convert; `problems` the others' (and the header's): take the records only when `problems` is empty.
 */
export const convert = <M extends Mapping>(
  table: Table,
  mapping: M,
  options: ConvertOptions,
  limits: Partial<Limits> = {},
): {
  readonly records: ReadonlyArray<Converted<RightOf<M["kind"]>>>;
  readonly problems: ReadonlyArray<Problem>;
} => {
  const converter = makeConverter(table.header, mapping, options, limits);
  if (converter.problems.length > 0) return { records: [], problems: converter.problems };
  const records: Array<Converted<RightOf<M["kind"]>>> = [];
  const problems: Array<Problem> = [];
  table.rows.forEach((cells, i) => {
    const r = converter.row(cells, i + 2);
    if (r.record !== undefined) records.push(r.record);
    else problems.push(...r.problems);
  });
  if (table.rows.length === 0) problems.push({ row: 2, field: "file", message: "the file has no data rows" });
  return { records, problems };
};

/** Converts rows one at a time (a file read as a stream): the header's problems, and each row's right or problems. */
export interface Converter<R extends IpRight.Right> {
  /** The header's problems (a column the mapping names and the header lacks): no row converts when there are any. */
  readonly problems: ReadonlyArray<Problem>;
  /**
   * One row (`row`: its number in the file, the header being 1): its right, or its problems. Numbers met twice are
   * found across rows, so rows are given in file order, each once.
   */
  readonly row: (
    cells: ReadonlyArray<string>,
    row: number,
  ) => { readonly record?: Converted<R>; readonly problems: ReadonlyArray<Problem> };
}

/** A converter of rows under `header` through `mapping`: `convert` for a table read whole, this for a stream. */
export const makeConverter = <M extends Mapping>(
  header: ReadonlyArray<string>,
  mapping: M,
  options: ConvertOptions,
  limits: Partial<Limits> = {},
): Converter<RightOf<M["kind"]>> => {
  const l = { ...defaultLimits, ...limits };
  const columns = columnsOf(mapping);
  const headerProblems: Array<Problem> = [];
  const index = new Map<Field, number>();
  for (const [field, column] of Object.entries(columns) as Array<[Field, string | undefined]>) {
    if (column === undefined) continue;
    const at = header.indexOf(column);
    if (at < 0) headerProblems.push({ row: 1, field, message: `no column "${column}" in the header` });
    else index.set(field, at);
  }
  const format = mapping.dateFormat ?? "YYYY-MM-DD";
  const seen = new Map<string, number>();
  const convertRow = (cells: ReadonlyArray<string>, row: number) => {
    if (headerProblems.length > 0) return { problems: headerProblems };
    const rowProblems: Array<Problem> = [];
    const name = (field: Field) => `${field} (${columns[field]})`;
    const cell = (field: Field): string | undefined => {
      const at = index.get(field);
      if (at === undefined) return undefined;
      const raw = cells[at] ?? "";
      if (raw.length > l.maxCellChars) {
        rowProblems.push({ row, field: name(field), message: `over ${l.maxCellChars} characters` });
        return undefined;
      }
      if (FORMULA.test(raw)) {
        rowProblems.push({
          row,
          field: name(field),
          message: "starts like a spreadsheet formula (=, +, -, @, tab): refused, not run",
        });
        return undefined;
      }
      if (NOT_XML.test(raw)) {
        rowProblems.push({ row, field: name(field), message: "holds a control character" });
        return undefined;
      }
      const text = raw.trim();
      if (text === "") return undefined;
      const mapped = mapping.values?.[field]?.[text];
      return mapped ?? text;
    };
    const values = new Map<Field, string>();
    for (const field of index.keys()) {
      const v = cell(field);
      if (v !== undefined) values.set(field, v);
    }
    for (const field of dateFields) {
      const v = values.get(field);
      if (v === undefined) continue;
      const iso = dateOf(v, format);
      if (iso === undefined) rowProblems.push({ row, field: name(field), message: `"${v}" is not a date ${format}` });
      else values.set(field, iso);
    }
    const number = values.get("number");
    if (number !== undefined) {
      const before = seen.get(number);
      if (before !== undefined) {
        rowProblems.push({ row, field: name("number"), message: `"${number}" is also the number of row ${before}` });
      }
      seen.set(number, row);
    }
    const registered = values.get("registrationNumber") !== undefined;
    const status =
      values.get("status") ??
      mapping.defaultStatus ??
      (registered
        ? mapping.kind === "patent" || mapping.kind === "utility_model"
          ? "in_force"
          : "registered"
        : "filed");
    if (options.states !== undefined && !options.states.includes(status)) {
      rowProblems.push({
        row,
        field: values.has("status") ? name("status") : "defaultStatus",
        message: `"${status}" is not a state of the workflow (${options.states.join(", ")})`,
      });
    }
    let priorities: ReturnType<typeof prioritiesOf> = [];
    const priorityCell = values.get("priorities");
    if (priorityCell !== undefined) priorities = prioritiesOf(priorityCell, format);
    if (typeof priorities === "string") {
      rowProblems.push({ row, field: name("priorities"), message: priorities });
      priorities = [];
    }
    const filingDate = values.get("filingDate");
    const regNumber = values.get("registrationNumber");
    const regDate = values.get("registrationDate");
    const common = {
      kind: mapping.kind,
      officeCode: options.officeCode,
      applicationNumber: number,
      st13:
        values.get("st13") ??
        (number !== undefined && filingDate !== undefined ? options.st13(number, filingDate) : undefined),
      filingDate,
      status,
      statusSince: `${values.get("statusDate") ?? filingDate ?? ""}T00:00:00Z`,
      workflowId: options.workflowId ?? defaultWorkflows[mapping.kind],
      version: 1,
      owners: [
        {
          name: values.get("owner"),
          kind: values.get("ownerKind") ?? "legal",
          country: values.get("ownerCountry"),
          ...(values.has("ownerAddress")
            ? { address: { street: values.get("ownerAddress"), country: values.get("ownerCountry") } }
            : {}),
        },
      ],
      representatives: values.has("representative")
        ? [
            {
              name: values.get("representative"),
              kind: "legal",
              country: values.get("representativeCountry") ?? values.get("ownerCountry"),
            },
          ]
        : [],
      priorities,
      ...(values.has("publicationDate")
        ? {
            publication: {
              date: values.get("publicationDate"),
              ...(values.has("publicationNumber") ? { number: values.get("publicationNumber") } : {}),
            },
          }
        : {}),
      ...(regNumber !== undefined || regDate !== undefined
        ? { registration: { number: regNumber, date: regDate } }
        : {}),
      ...(values.has("expiryDate") ? { expiryDate: values.get("expiryDate") } : {}),
    };
    const candidate = (() => {
      switch (mapping.kind) {
        case "trademark":
          return trademarkOf(common, values, mapping, row, name, rowProblems);
        case "industrial_design":
          return designOf(common, values, mapping, row, name, rowProblems);
        default:
          return technicalOf(common, values, row, name, rowProblems);
      }
    })();
    // The model's checks run on every row, so a row's report is whole; a field already reported is not named twice.
    const decoded = decoderOf[mapping.kind](candidate);
    const reported = new Set(rowProblems.map((x) => x.field.replace(/ \(.*$/, "")));
    // The ST.13 number is made from the number and the filing date, the status date defaults to the filing date.
    if (reported.has("number") || reported.has("filingDate")) reported.add("st13");
    if (reported.has("filingDate")) reported.add("statusDate");
    if (Result.isFailure(decoded)) {
      for (const issue of issuesOf(decoded.failure)) {
        const field = fieldOfPath(issue.path, columns);
        if (!reported.has(field.replace(/ \(.*$/, ""))) rowProblems.push({ row, field, message: issue.message });
      }
    }
    if (rowProblems.length > 0 || Result.isFailure(decoded)) return { problems: rowProblems };
    return {
      record: { row, sourceNumber: number as string, right: decoded.success as RightOf<M["kind"]> },
      problems: [],
    };
  };
  return { problems: headerProblems, row: convertRow };
};

type Values = ReadonlyMap<Field, string>;
type Namer = (field: Field) => string;

const trademarkOf = (
  common: object,
  values: Values,
  mapping: TrademarkMapping,
  row: number,
  name: Namer,
  problems: Array<Problem>,
) => {
  let classes: ReturnType<typeof classesOf> = [];
  const gs = values.get("goodsAndServices");
  if (gs !== undefined) classes = classesOf(gs);
  if (typeof classes === "string") {
    problems.push({ row, field: name("goodsAndServices"), message: classes });
    classes = [];
  }
  const text = values.get("markText");
  const classStatus = values.get("registrationNumber") !== undefined ? "registered" : "pending";
  return {
    ...common,
    mark: {
      ...(text !== undefined ? { text } : {}),
      type: values.get("markType") ?? (text !== undefined ? "word" : "figurative"),
      category: values.get("markCategory") ?? "individual",
    },
    goodsAndServices: classes.map((c) => ({
      classNumber: c.classNumber,
      edition: mapping.niceEdition ?? "12-2023",
      status: classStatus,
      terms: c.terms.map((t) => ({ text: t })),
    })),
  };
};

/** A whole number of a cell (`"12"`), or undefined with a problem. */
const wholeNumber = (text: string, field: Field, row: number, name: Namer, problems: Array<Problem>) => {
  if (/^\d{1,9}$/.test(text)) return Number(text);
  problems.push({ row, field: name(field), message: `"${text.slice(0, 60)}" is not a whole number` });
  return undefined;
};

const designOf = (
  common: object,
  values: Values,
  mapping: DesignMapping,
  row: number,
  name: Namer,
  problems: Array<Problem>,
) => {
  const products = listOf(values.get("product") ?? "", "|");
  const classes = listOf(values.get("locarnoClass") ?? "", "|");
  const views = values.has("views") ? listOf(values.get("views") ?? "", "|") : [];
  const descriptions = values.has("designDescription")
    ? (values.get("designDescription") ?? "").split("|").map((d) => d.trim())
    : [];
  const count = Math.max(products.length, 1);
  for (const [field, list] of [
    ["locarnoClass", classes],
    ["views", views],
    ["designDescription", descriptions],
  ] as const) {
    if (values.has(field) && list.length !== count) {
      problems.push({
        row,
        field: name(field),
        message: `${list.length} value(s) separated by "|" for ${count} design(s) in ${name("product")}`,
      });
    }
  }
  const edition = values.get("locarnoEdition") ?? mapping.locarnoEdition;
  return {
    ...common,
    ...(values.has("title") ? { title: values.get("title") } : {}),
    designs: products.map((product, i) => {
      const v = views[i];
      const description = descriptions[i];
      return {
        number: i + 1,
        product,
        locarnoClass: classes[i],
        views: v === undefined ? 1 : wholeNumber(v, "views", row, name, problems),
        ...(description !== undefined && description !== "" ? { description } : {}),
      };
    }),
    designers: creatorsOf(values.get("designers") ?? ""),
    ...(edition !== undefined ? { locarnoEdition: edition } : {}),
  };
};

const technicalOf = (common: object, values: Values, row: number, name: Namer, problems: Array<Problem>) => {
  const claims = values.get("claimsCount");
  const pctNumber = values.get("pctApplicationNumber");
  const pctDate = values.get("pctFilingDate");
  const pctPublication = values.get("pctPublicationNumber");
  const pctPublicationDate = values.get("pctPublicationDate");
  const anyPct = [pctNumber, pctDate, pctPublication, pctPublicationDate].some((v) => v !== undefined);
  return {
    ...common,
    title: values.get("title"),
    ...(values.has("abstract") ? { abstract: values.get("abstract") } : {}),
    claimsCount: claims === undefined ? undefined : wholeNumber(claims, "claimsCount", row, name, problems),
    ipc: listOf(values.get("ipc") ?? "", ";"),
    inventors: creatorsOf(values.get("inventors") ?? ""),
    ...(anyPct
      ? {
          pct: {
            applicationNumber: pctNumber,
            filingDate: pctDate,
            ...(pctPublication !== undefined ? { publicationNumber: pctPublication } : {}),
            ...(pctPublicationDate !== undefined ? { publicationDate: pctPublicationDate } : {}),
          },
        }
      : {}),
  };
};

const decoderOf: Readonly<
  Record<Mapping["kind"], (input: unknown) => Result.Result<IpRight.Right, Schema.SchemaError>>
> = {
  trademark: Schema.decodeUnknownResult(IpRight.Trademark, { errors: "all" }),
  industrial_design: Schema.decodeUnknownResult(IpRight.IndustrialDesign, { errors: "all" }),
  patent: Schema.decodeUnknownResult(IpRight.Patent, { errors: "all" }),
  utility_model: Schema.decodeUnknownResult(IpRight.UtilityModel, { errors: "all" }),
};

/** The model's path of an issue, named by the mapping's field and column where one maps to it. */
const fieldOfPath = (path: string, columns: Readonly<Partial<Record<Field, string>>>): string => {
  const byPath: ReadonlyArray<[RegExp, Field]> = [
    [/^applicationNumber$/, "number"],
    [/^filingDate$/, "filingDate"],
    [/^st13$/, "st13"],
    [/^status(Since)?$/, "statusDate"],
    [/^mark\.text$/, "markText"],
    [/^mark\.type$/, "markType"],
    [/^mark\.category$/, "markCategory"],
    [/^owners\.0\.name$/, "owner"],
    [/^owners\.0\.country$/, "ownerCountry"],
    [/^owners\.0\.kind$/, "ownerKind"],
    [/^owners\.0\.address/, "ownerAddress"],
    [/^representatives\.0\.name$/, "representative"],
    [/^representatives\.0\.country$/, "representativeCountry"],
    [/^priorities/, "priorities"],
    [/^goodsAndServices/, "goodsAndServices"],
    [/^publication\.number$/, "publicationNumber"],
    [/^publication/, "publicationDate"],
    [/^registration\.number$/, "registrationNumber"],
    [/^registration\.date$/, "registrationDate"],
    [/^expiryDate$/, "expiryDate"],
    [/^title$/, "title"],
    [/^abstract$/, "abstract"],
    [/^claimsCount$/, "claimsCount"],
    [/^ipc/, "ipc"],
    [/^inventors/, "inventors"],
    [/^designers/, "designers"],
    [/^pct\.applicationNumber$/, "pctApplicationNumber"],
    [/^pct\.filingDate$/, "pctFilingDate"],
    [/^pct\.publicationNumber$/, "pctPublicationNumber"],
    [/^pct\.publicationDate$/, "pctPublicationDate"],
    [/^designs\.\d+\.product$/, "product"],
    [/^designs\.\d+\.locarnoClass$/, "locarnoClass"],
    [/^designs\.\d+\.views$/, "views"],
    [/^designs\.\d+\.description$/, "designDescription"],
    [/^designs$/, "product"],
    [/^locarnoEdition$/, "locarnoEdition"],
  ];
  const field = byPath.find(([re]) => re.test(path))?.[1];
  const column = field === undefined ? undefined : columns[field];
  return field === undefined ? path || "row" : column === undefined ? `${field} (${path})` : `${field} (${column})`;
};
