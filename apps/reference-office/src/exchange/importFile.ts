/**
 * A file from another system made into rights for the register (decision 0802): CSV or XLSX through the office's
 * column mapping (`@ipoffice/exchange`'s `TableImport`), or ST.96 XML (`TrademarkSt96`, `DesignSt96`, `PatentSt96`:
 * no DOCTYPE, size and depth limits). The result is every right with its row, or every problem with its row and field:
 * the rights service writes them all or none.
 */
import { readFile, stat } from "node:fs/promises";
import { ApplicationNumber, type IpRight } from "@ipoffice/domain";
import { DesignSt96, PatentSt96, type Refusal, TableImport, TrademarkSt96 } from "@ipoffice/exchange";
import ExcelJS from "exceljs";
import { Result } from "effect";
import YAML from "yaml";
import { type OfficeConfig, workflowsOf } from "../config/OfficeConfig.js";
import type { ImportItem, ImportProblem } from "../rights/Rights.js";
import { statusTranslator } from "./statuses.js";

/** Largest file an import reads (bytes). */
export const maxImportBytes = 50 * 1024 * 1024;

/**
 * A refused ST.96 file as an import problem: the record it stopped at (1, 2, … in file order; 0 when the file as a
 * whole is wrong, before or outside any record), the element and field, and the line.
 */
export const st96Refusal = (
  r: Pick<Refusal.Refused, "reason" | "message" | "element" | "field" | "record" | "line">,
): ImportProblem => ({
  row: r.record === undefined ? 0 : r.record + 1,
  line: r.line,
  field: [r.element, r.field].filter((x) => x !== undefined).join(" ") || "file",
  message: `${r.reason}: ${r.message}`,
});

export type St96Kind = "trademark" | "industrial_design" | "patent" | "utility_model";

export type ImportSpec =
  | { readonly format: "table"; readonly mapping: TableImport.Mapping }
  | { readonly format: "st96"; readonly source: string; readonly kind: St96Kind };

export interface Prepared {
  readonly source: string;
  readonly items: ReadonlyArray<ImportItem>;
  readonly problems: ReadonlyArray<ImportProblem>;
}

/** Reads and checks a mapping file (YAML or JSON): the mapping, or its problems (row 0). */
export const readMapping = async (
  file: string,
): Promise<Result.Result<TableImport.Mapping, ReadonlyArray<ImportProblem>>> => {
  let raw: unknown;
  try {
    raw = YAML.parse(await readFile(file, "utf8"), { maxAliasCount: 10 });
  } catch (error) {
    return Result.fail([{ row: 0, field: "mapping", message: `${file}: ${(error as Error).message}` }]);
  }
  return TableImport.decodeMapping(raw);
};

/** The first worksheet of an XLSX as a table of text; a formula cell is a problem (never evaluated, never kept). */
export const xlsxTable = async (
  bytes: Buffer,
): Promise<Result.Result<TableImport.Table, ReadonlyArray<ImportProblem>>> => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return Result.fail([{ row: 0, field: "file", message: `not an XLSX workbook: ${(error as Error).message}` }]);
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return Result.fail([{ row: 0, field: "file", message: "the workbook has no sheet" }]);
  const problems: Array<ImportProblem> = [];
  const rows: Array<Array<string>> = [];
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: Array<string> = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      let text: string;
      if (cell.type === ExcelJS.ValueType.Formula) {
        problems.push({ row: number, field: `column ${column}`, message: "a formula: refused, not evaluated" });
        text = "";
      } else if (cell.value instanceof Date) {
        text = cell.value.toISOString().slice(0, 10);
      } else text = cell.text ?? "";
      cells[column - 1] = text;
    });
    if (number === 1) width = cells.length;
    rows[number - 1] = Array.from({ length: Math.max(width, cells.length) }, (_, i) => cells[i] ?? "");
  });
  if (problems.length > 0) return Result.fail(problems);
  const [header, ...data] = rows;
  if (header === undefined) return Result.fail([{ row: 1, field: "file", message: "the sheet has no header row" }]);
  return Result.succeed({ header: header.map((h) => h.trim()), rows: data.map((r) => r ?? []) });
};

/** What {@link streamXlsx} yields: the table's events, and a cell's problem beside them (the row is left out). */
export type XlsxEvent = TableImport.CsvEvent | { readonly _tag: "Problem"; readonly problem: ImportProblem };

/**
 * The first worksheet of an XLSX, streamed from the file (exceljs's streaming `WorkbookReader`: the ZIP's entries read
 * in order, a worksheet stored before the shared strings spooled to a temporary file, never the whole sheet in
 * memory; the shared strings table is held, as every reader of the format must): the header, then each row with
 * its number. A formula cell is a problem of its row (never evaluated, never kept); a file that is not an XLSX
 * workbook, or holds no sheet or no header, ends it refused. More than `maxRows` rows end it refused too.
 */
export async function* streamXlsx(path: string, maxRows: number): AsyncGenerator<XlsxEvent> {
  const refused = (row: number, message: string): XlsxEvent => ({
    _tag: "Refused",
    problem: { row, field: "file", message },
  });
  let sheets = 0;
  let header: ReadonlyArray<string> | undefined;
  let width = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: "emit",
      sharedStrings: "cache",
      styles: "cache",
      hyperlinks: "ignore",
      entries: "ignore",
    });
    for await (const sheet of reader) {
      sheets += 1;
      // the first worksheet only; the others are read past
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (sheets > 1) continue;
        const number = row.number;
        if (number - 1 > maxRows) {
          yield refused(number, `more than ${maxRows.toLocaleString("en")} rows`);
          return;
        }
        const cells: Array<string> = [];
        const formulas: Array<number> = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          if (cell.type === ExcelJS.ValueType.Formula) {
            formulas.push(column);
            cells[column - 1] = "";
          } else {
            cells[column - 1] = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : (cell.text ?? "");
          }
        });
        for (const column of formulas) {
          yield {
            _tag: "Problem",
            problem: { row: number, field: `column ${column}`, message: "a formula: refused, not evaluated" },
          };
        }
        if (formulas.length > 0) continue;
        if (header === undefined) {
          if (number !== 1) {
            yield refused(1, "the sheet has no header row");
            return;
          }
          width = cells.length;
          header = Array.from({ length: width }, (_, i) => (cells[i] ?? "").trim());
          yield { _tag: "Header", header };
          continue;
        }
        yield {
          _tag: "Row",
          row: number,
          cells: Array.from({ length: Math.max(width, cells.length) }, (_, i) => cells[i] ?? ""),
        };
      }
    }
  } catch (error) {
    yield refused(0, `not an XLSX workbook: ${(error as Error).message}`);
    return;
  }
  if (sheets === 0) yield refused(0, "the workbook has no sheet");
  else if (header === undefined) yield refused(1, "the sheet has no header row");
}

/** Reads the file as the spec says and makes its rights: all of them, or the problems. */
export const prepareImport = async (
  /** A path, or a path and the name the file had (an upload spooled to a temporary file). */
  input: string | { readonly path: string; readonly name: string },
  spec: ImportSpec,
  config: OfficeConfig,
  maxBytes: number = maxImportBytes,
): Promise<Prepared> => {
  const file = typeof input === "string" ? input : input.path;
  const name = typeof input === "string" ? input : input.name;
  const source = spec.format === "table" ? spec.mapping.source : spec.source;
  const refuse = (problems: ReadonlyArray<ImportProblem>): Prepared => ({ source, items: [], problems });
  const size = (await stat(file)).size;
  if (size > maxBytes) {
    return refuse([{ row: 0, field: "file", message: `${size} bytes: over the limit of ${maxBytes} bytes` }]);
  }
  const bytes = await readFile(file);
  const officeCode = config.office.code;
  const workflows = workflowsOf(config);
  const ipTypeCodes = config.numbering.ipTypeCodes;

  if (spec.format === "table") {
    const table = /\.xlsx$/i.test(name)
      ? await xlsxTable(bytes)
      : TableImport.readCsv(new TextDecoder("utf-8", { fatal: false }).decode(bytes));
    if (Result.isFailure(table)) return refuse(table.failure);
    const kind = spec.mapping.kind;
    const { records, problems } = TableImport.convert(table.success, spec.mapping, {
      officeCode,
      workflowId: workflows[kind].id,
      states: workflows[kind].states.map((s) => s.id),
      st13: (number, filingDate) => {
        const digits = number.match(/\d+/g)?.at(-1) ?? "";
        const made = ApplicationNumber.toSt13(
          {
            office: officeCode,
            ipType: kind,
            year: Number(filingDate.slice(0, 4)),
            serial: Number(digits.slice(-9) || "0"),
          },
          ipTypeCodes,
        );
        return Result.isSuccess(made) ? made.success : undefined;
      },
    });
    if (problems.length > 0) return refuse(problems);
    return {
      source,
      items: records.map((r) => ({ row: r.row, sourceNumber: r.sourceNumber, right: r.right })),
      problems: [],
    };
  }

  const options = {
    officeCode,
    workflowId: workflows[spec.kind].id,
    ...(ipTypeCodes === undefined ? {} : { ipTypeCodes }),
    limits: { maxInputChars: maxBytes },
  };
  type Read = Result.Result<
    {
      readonly records: ReadonlyArray<{
        readonly record: { readonly right: IpRight.Right };
        readonly report: { readonly line: number };
      }>;
    },
    Refusal.Refused
  >;
  const read: Read =
    spec.kind === "trademark"
      ? TrademarkSt96.read([bytes], options)
      : spec.kind === "industrial_design"
        ? DesignSt96.read([bytes], options)
        : PatentSt96.read([bytes], { ...options, kind: spec.kind });
  if (Result.isFailure(read)) return refuse([st96Refusal(read.failure)]);
  const problems: Array<ImportProblem> = [];
  const seen = new Map<string, number>();
  const items: Array<ImportItem> = [];
  const translate = statusTranslator(config);
  for (const [index, { record, report }] of read.success.records.entries()) {
    const { right } = translate(record.right);
    // The record's position in the file is its row; the line it starts on goes beside (one line may hold them all).
    const row = index + 1;
    const line = report.line;
    if (right.officeCode !== officeCode) {
      problems.push({
        row,
        line,
        field: "com:IPOfficeCode",
        message: `${right.officeCode} is not office ${officeCode}`,
      });
    }
    const before = seen.get(right.applicationNumber);
    if (before !== undefined) {
      problems.push({
        row,
        line,
        field: "com:ApplicationNumberText",
        message: `${right.applicationNumber} is also the number of record ${before}`,
      });
    }
    seen.set(right.applicationNumber, row);
    items.push({ row, line, sourceNumber: right.applicationNumber, right });
  }
  if (items.length === 0) problems.push({ row: 0, field: "file", message: "no record in the file" });
  return problems.length > 0 ? refuse(problems) : { source, items, problems: [] };
};
