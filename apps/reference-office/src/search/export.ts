/**
 * Exports of search results as CSV and XLSX, streamed row by row (decision 0691): csv-stringify writes the CSV,
 * exceljs's streaming workbook writer the XLSX, so an export of the cap's worth of rows never holds the file in
 * memory. The route decides the cap and says so before it streams (a search that matches more is answered with a
 * problem naming the cap, not a silently cut file).
 *
 * Cells are text or numbers, never formulas: a CSV cell that a spreadsheet would run as a formula (it starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return: OWASP "CSV injection") is written with a leading apostrophe;
 * XLSX cells are typed strings, written as given. The CSV starts with a byte-order mark so spreadsheets read its Arabic as UTF-8.
 */
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";

export type Cell = string | number | null | undefined;

export interface Column<R> {
  readonly header: string;
  readonly value: (row: R) => Cell;
  /** Column width in characters (XLSX only). */
  readonly width?: number;
}

export type ExportFormat = "csv" | "xlsx";

export const contentTypes: Readonly<Record<ExportFormat, string>> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as a spreadsheet shows it, never runs it. */
export const safeCell = (value: Cell): string | number => {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  return FORMULA_START.test(value) ? `'${value}` : value;
};

/** Characters XML 1.0 cannot hold (controls, non-characters, lone surrogates): an XLSX sheet is XML. */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being removed
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A cell for the XLSX sheet: what XML cannot hold becomes U+FFFD, the replacement character. */
const xlsxCell = (value: Cell): string | number =>
  value === null || value === undefined
    ? ""
    : typeof value === "number"
      ? Number.isFinite(value)
        ? value
        : ""
      : value.replace(NOT_XML, "\uFFFD");

/** The rows as CSV (RFC 4180, CRLF line ends, a byte-order mark first). */
export const csvStream = <R>(columns: ReadonlyArray<Column<R>>, rows: AsyncIterable<R>): Readable => {
  const out = new PassThrough();
  out.write("\uFEFF");
  const csv = stringify({ header: true, columns: columns.map((c) => c.header), record_delimiter: "windows" });
  csv.pipe(out);
  (async () => {
    try {
      for await (const row of rows) {
        const record = columns.map((c) => safeCell(c.value(row)));
        if (!csv.write(record)) await new Promise((resolve) => csv.once("drain", resolve));
      }
      csv.end();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
};

/** The rows as one XLSX worksheet, header row first, written as they come. */
export const xlsxStream = <R>(
  columns: ReadonlyArray<Column<R>>,
  rows: AsyncIterable<R>,
  sheetName = "Results",
): Readable => {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Results", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({ key: String(i), width: c.width ?? 20 }));
  (async () => {
    try {
      const header = sheet.addRow(columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for await (const row of rows) {
        // Strings stay strings, as given: exceljs writes a string cell as text, never as a formula.
        sheet.addRow(columns.map((c) => xlsxCell(c.value(row)))).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
};

export const exportStream = <R>(
  format: ExportFormat,
  columns: ReadonlyArray<Column<R>>,
  rows: AsyncIterable<R>,
): Readable => (format === "csv" ? csvStream(columns, rows) : xlsxStream(columns, rows));

/** A Node stream as a web stream for a `Response` body. */
export const webStream = (stream: Readable): ReadableStream<Uint8Array> =>
  Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
