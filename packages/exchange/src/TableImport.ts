/**
 * Trademarks from another system's table (CSV, or the rows of an XLSX sheet) into the model, through a column mapping
 * the office writes once (decision 0802). The mapping is validated (`decodeMapping`: unknown fields, missing number
 * column, bad date format), then against the file's header; each row becomes an `IpRight.Trademark` decoded with the
 * model's schema, and every problem is reported as `{ row, field, message }` (row 1 is the header). A table is taken
 * whole or not at all: the caller writes the records only when the report is empty.
 *
 * Hostile input is refused with the row and field: a cell a spreadsheet would run as a formula (it starts with `=`,
 * `+`, `-`, `@`, a tab or a carriage return: OWASP "CSV injection"), a file, a row count or a cell over the limits,
 * characters XML cannot hold. No IO: the caller reads the file.
 */
import { IpRight } from "@ipoffice/domain";
import { parse } from "csv-parse/sync";
import { Result, Schema, SchemaIssue } from "effect";

const Column = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200));

/** Where each field of a trademark comes from: a column name of the file (its header), per field. */
export const Columns = Schema.Struct({
  /** The source's number (required): kept as the application number; an import is idempotent by it. */
  number: Column,
  filingDate: Column,
  markText: Schema.optional(Column),
  markType: Schema.optional(Column),
  markCategory: Schema.optional(Column),
  status: Schema.optional(Column),
  statusDate: Schema.optional(Column),
  owner: Column,
  ownerCountry: Column,
  ownerKind: Schema.optional(Column),
  ownerAddress: Schema.optional(Column),
  representative: Schema.optional(Column),
  representativeCountry: Schema.optional(Column),
  /** Classes and their terms in one cell: `25: clothing; footwear | 35: advertising`. */
  goodsAndServices: Column,
  publicationDate: Schema.optional(Column),
  registrationNumber: Schema.optional(Column),
  registrationDate: Schema.optional(Column),
  expiryDate: Schema.optional(Column),
  st13: Schema.optional(Column),
});
export type Columns = typeof Columns.Type;
export type Field = keyof Columns;

const DateFormat = Schema.Literals(["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY"]);

/** A mapping as an office writes it (YAML or JSON), once per source system. */
export const Mapping = Schema.Struct({
  /** The source system's name (`legacy-register`): recorded with every right it brought. */
  source: Schema.String.check(Schema.isPattern(/^[a-z0-9][a-z0-9._-]{0,62}$/, { message: "a lower-case name" })),
  kind: Schema.Literal("trademark"),
  columns: Columns,
  /** How dates are written in the file (default `YYYY-MM-DD`). */
  dateFormat: Schema.optional(DateFormat),
  /** The file's values of a field → the model's: `status: { Registered: registered }`, `markType: { Word: word }`. */
  values: Schema.optional(
    Schema.Record(Schema.String, Schema.Record(Schema.String, Schema.String.check(Schema.isMaxLength(100)))),
  ),
  /** Nice edition of the classes (default `12-2023`). */
  niceEdition: Schema.optional(Schema.String.check(Schema.isPattern(/^\d{1,2}-\d{4}$/))),
  /** The status of a row that names none (default `registered` when it has a registration, else `filed`). */
  defaultStatus: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100))),
});
export type Mapping = typeof Mapping.Type;

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
export interface Converted {
  readonly row: number;
  readonly sourceNumber: string;
  readonly right: IpRight.Trademark;
}

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();
const issuesOf = (err: Schema.SchemaError) =>
  formatIssues(err.issue).issues.map((i) => ({
    path: (i.path ?? [])
      .map((p) => (typeof p === "object" && p !== null && "key" in p ? String(p.key) : String(p)))
      .join("."),
    message: i.message,
  }));

const decodeMappingResult = Schema.decodeUnknownResult(Mapping, { errors: "all", onExcessProperty: "error" });

/** Checks a mapping as written; every problem is named (row 0: the mapping, not the file). */
export const decodeMapping = (input: unknown): Result.Result<Mapping, ReadonlyArray<Problem>> => {
  const decoded = decodeMappingResult(input);
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

export interface ConvertOptions {
  readonly officeCode: string;
  /** The workflow of imported rights (default `trademark_default`). */
  readonly workflowId?: string;
  /** The workflow's states: a status outside them is a problem. */
  readonly states?: ReadonlyArray<string>;
  /** ST.13 of a row without one: made from office, filing year and the number's digits. */
  readonly st13: (applicationNumber: string, filingDate: string) => string | undefined;
}

/**
 * Makes every row of the table a trademark, or says what is wrong with each. `records` are the rows that convert;
 * `problems` the others' (and the header's): take the records only when `problems` is empty.
 */
export const convert = (
  table: Table,
  mapping: Mapping,
  options: ConvertOptions,
  limits: Partial<Limits> = {},
): { readonly records: ReadonlyArray<Converted>; readonly problems: ReadonlyArray<Problem> } => {
  const l = { ...defaultLimits, ...limits };
  const problems: Array<Problem> = [];
  const index = new Map<Field, number>();
  for (const [field, column] of Object.entries(mapping.columns) as Array<[Field, string | undefined]>) {
    if (column === undefined) continue;
    const at = table.header.indexOf(column);
    if (at < 0) problems.push({ row: 1, field, message: `no column "${column}" in the header` });
    else index.set(field, at);
  }
  if (problems.length > 0) return { records: [], problems };
  const format = mapping.dateFormat ?? "YYYY-MM-DD";
  const records: Array<Converted> = [];
  const seen = new Map<string, number>();
  table.rows.forEach((cells, i) => {
    const row = i + 2;
    const rowProblems: Array<Problem> = [];
    const name = (field: Field) => `${field} (${mapping.columns[field]})`;
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
    let classes: ReturnType<typeof classesOf> = [];
    const gs = values.get("goodsAndServices");
    if (gs !== undefined) classes = classesOf(gs);
    if (typeof classes === "string") {
      rowProblems.push({ row, field: name("goodsAndServices"), message: classes });
      classes = [];
    }
    const status =
      values.get("status") ??
      mapping.defaultStatus ??
      (values.get("registrationNumber") !== undefined ? "registered" : "filed");
    if (options.states !== undefined && !options.states.includes(status)) {
      rowProblems.push({
        row,
        field: values.has("status") ? name("status") : "defaultStatus",
        message: `"${status}" is not a state of the workflow (${options.states.join(", ")})`,
      });
    }
    const filingDate = values.get("filingDate");
    const text = values.get("markText");
    const regNumber = values.get("registrationNumber");
    const regDate = values.get("registrationDate");
    const classStatus = regNumber !== undefined ? "registered" : "pending";
    const candidate = {
      kind: "trademark",
      officeCode: options.officeCode,
      applicationNumber: number,
      st13:
        values.get("st13") ??
        (number !== undefined && filingDate !== undefined ? options.st13(number, filingDate) : undefined),
      filingDate,
      status,
      statusSince: `${values.get("statusDate") ?? filingDate ?? ""}T00:00:00Z`,
      workflowId: options.workflowId ?? "trademark_default",
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
      priorities: [],
      ...(values.has("publicationDate") ? { publication: { date: values.get("publicationDate") } } : {}),
      ...(regNumber !== undefined || regDate !== undefined
        ? { registration: { number: regNumber, date: regDate } }
        : {}),
      ...(values.has("expiryDate") ? { expiryDate: values.get("expiryDate") } : {}),
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
    // The model's checks run on every row, so a row's report is whole; a field already reported is not named twice.
    const decoded = decodeTrademark(candidate);
    const reported = new Set(rowProblems.map((x) => x.field.replace(/ \(.*$/, "")));
    // The ST.13 number is made from the number and the filing date, the status date defaults to the filing date.
    if (reported.has("number") || reported.has("filingDate")) reported.add("st13");
    if (reported.has("filingDate")) reported.add("statusDate");
    if (Result.isFailure(decoded)) {
      for (const issue of issuesOf(decoded.failure)) {
        const field = fieldOfPath(issue.path, mapping);
        if (!reported.has(field.replace(/ \(.*$/, ""))) rowProblems.push({ row, field, message: issue.message });
      }
    }
    if (rowProblems.length > 0 || Result.isFailure(decoded)) {
      problems.push(...rowProblems);
      return;
    }
    records.push({ row, sourceNumber: number as string, right: decoded.success });
  });
  if (table.rows.length === 0) problems.push({ row: 2, field: "file", message: "the file has no data rows" });
  return { records, problems };
};

const decodeTrademark = Schema.decodeUnknownResult(IpRight.Trademark, { errors: "all" });

/** The model's path of an issue, named by the mapping's field and column where one maps to it. */
const fieldOfPath = (path: string, mapping: Mapping): string => {
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
    [/^goodsAndServices/, "goodsAndServices"],
    [/^publication/, "publicationDate"],
    [/^registration\.number$/, "registrationNumber"],
    [/^registration\.date$/, "registrationDate"],
    [/^expiryDate$/, "expiryDate"],
  ];
  const field = byPath.find(([re]) => re.test(path))?.[1];
  const column = field === undefined ? undefined : mapping.columns[field];
  return field === undefined ? path || "row" : column === undefined ? `${field} (${path})` : `${field} (${column})`;
};
