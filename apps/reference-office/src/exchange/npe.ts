/**
 * National phase entries (NPE) of PCT applications, as an office receives or keeps them in a table: each row names a
 * national application and the international application it continues (PCT art. 22 and 39; INID 86 and 87), so the
 * register shows them and the public finds the national application by its WO or PCT number. Columns, by header:
 *
 * | column | meaning |
 * | --- | --- |
 * | `national_number` | the office's application number (required) |
 * | `pct_application` | the international application, `PCT/CC2025/012345` (required) |
 * | `international_filing_date` | its filing date, `YYYY-MM-DD` (required) |
 * | `wo_publication` | the international publication, `WO 2025/123456` (optional) |
 * | `wo_publication_date` | its date (optional; only with `wo_publication`) |
 * | `entry_date` | the date it entered the national phase (required) |
 *
 * Every row is read before anything is written; a problem is reported as row (the file's line, header = 1), column
 * and message, and refuses the whole file.
 */
import { Calendar, type IpRight } from "@ipoffice/domain";
import { parse } from "csv-parse/sync";
import { Result } from "effect";
import type { ImportProblem } from "../rights/Rights.js";

export interface NationalPhaseEntry {
  /** The file's line of the row (the header is line 1). */
  readonly row: number;
  readonly applicationNumber: string;
  readonly pct: IpRight.Pct;
}

/** Largest file read (10 MiB) and most rows: a national phase list is a few thousand rows a year. */
export const maxBytes = 10 * 1024 * 1024;
export const maxRows = 100_000;

const columns = [
  "national_number",
  "pct_application",
  "international_filing_date",
  "wo_publication",
  "wo_publication_date",
  "entry_date",
] as const;
const required = ["national_number", "pct_application", "international_filing_date", "entry_date"] as const;

/** PCT Rule 20.1 / Administrative Instructions §307: `PCT/` receiving office, year, six-digit serial. */
const pctPattern = /^PCT\/[A-Z]{2}\d{4}\/\d{6}$/;
/** The international publication number (Administrative Instructions §406): `WO 2025/123456`. */
const woPattern = /^WO ?\d{4}\/\d{6}$/;

/** A control character (C0 or DEL), never part of an application number. */
const hasControl = (text: string) => [...text].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20 || ch === "\u007f");

const isDate = (text: string): text is Calendar.IsoDate =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) &&
  Result.isSuccess(Calendar.make(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))));

/** Reads a national phase table; the entries, or every problem found. */
export const readNationalPhaseCsv = (
  bytes: Uint8Array,
): Result.Result<ReadonlyArray<NationalPhaseEntry>, ReadonlyArray<ImportProblem>> => {
  if (bytes.byteLength > maxBytes) {
    return Result.fail([{ row: 0, field: "file", message: `larger than ${maxBytes} bytes` }]);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return Result.fail([{ row: 0, field: "file", message: "not UTF-8 text" }]);
  }
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, to: maxRows + 2 }) as string[][];
  } catch (error) {
    return Result.fail([{ row: 0, field: "file", message: `not CSV: ${(error as Error).message}` }]);
  }
  const [header, ...rows] = records;
  if (header === undefined) return Result.fail([{ row: 1, field: "file", message: "empty: no header row" }]);
  if (rows.length > maxRows) return Result.fail([{ row: 0, field: "file", message: `more than ${maxRows} rows` }]);
  const names = header.map((h) => h.trim().toLowerCase());
  const problems: ImportProblem[] = [];
  names.forEach((name, i) => {
    if (!(columns as ReadonlyArray<string>).includes(name))
      problems.push({ row: 1, field: name || `column ${i + 1}`, message: `not a column (${columns.join(", ")})` });
  });
  for (const name of required)
    if (!names.includes(name)) problems.push({ row: 1, field: name, message: "missing column" });
  if (problems.length > 0) return Result.fail(problems);
  const entries: NationalPhaseEntry[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const cell = (name: (typeof columns)[number]) => (cells[names.indexOf(name)] ?? "").trim();
    const fail = (field: string, message: string) => problems.push({ row, field, message });
    const national = cell("national_number");
    const pct = cell("pct_application").toUpperCase();
    const filed = cell("international_filing_date");
    const wo = cell("wo_publication").toUpperCase();
    const woDate = cell("wo_publication_date");
    const entered = cell("entry_date");
    if (national === "" || national.length > 100 || hasControl(national))
      fail("national_number", "an application number of up to 100 characters is required");
    if (!pctPattern.test(pct)) fail("pct_application", "not an international application number (PCT/CC2025/012345)");
    if (!isDate(filed)) fail("international_filing_date", "not a date (YYYY-MM-DD)");
    if (wo !== "" && !woPattern.test(wo)) fail("wo_publication", "not a publication number (WO 2025/123456)");
    if (woDate !== "" && (wo === "" || !isDate(woDate)))
      fail("wo_publication_date", wo === "" ? "given without wo_publication" : "not a date (YYYY-MM-DD)");
    if (!isDate(entered)) fail("entry_date", "not a date (YYYY-MM-DD)");
    else if (isDate(filed) && entered < filed) fail("entry_date", `before the international filing date ${filed}`);
    const earlier = seen.get(national);
    if (earlier !== undefined) fail("national_number", `also on row ${earlier}`);
    seen.set(national, row);
    if (problems.some((p) => p.row === row)) return;
    entries.push({
      row,
      applicationNumber: national,
      pct: {
        applicationNumber: pct,
        filingDate: filed as Calendar.IsoDate,
        ...(wo === "" ? {} : { publicationNumber: wo.replace(/^WO ?/, "WO ") }),
        ...(woDate === "" ? {} : { publicationDate: woDate as Calendar.IsoDate }),
        nationalPhaseEntryDate: entered as Calendar.IsoDate,
      },
    });
  });
  return problems.length > 0 ? Result.fail(problems) : Result.succeed(entries);
};
