/**
 * Exports of search results (decision 0691): what goes in comes out, in CSV and XLSX, whatever the text (quotes,
 * line breaks, Arabic, text a spreadsheet would run as a formula).
 */
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Column, csvStream, safeCell, xlsxStream } from "../src/search/export.js";

interface Row {
  readonly number: string;
  readonly mark: string;
  readonly classes: number;
}

const columns: ReadonlyArray<Column<Row>> = [
  { header: "Application number", value: (r) => r.number },
  { header: "Mark", value: (r) => r.mark },
  { header: "Classes", value: (r) => r.classes },
];

async function* each<T>(items: ReadonlyArray<T>): AsyncIterable<T> {
  for (const item of items) yield item;
}

const collect = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
};

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 10, unit: "binary" }),
  fc.constantFrom('=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "نور الواحة", 'say "hi", then\r\nbye', "\tx"),
);
const rowArb = fc.record({ number: text, mark: text, classes: fc.integer({ min: 1, max: 45 }) });

/** What XML 1.0 can hold of `s`, the rest as U+FFFD (controls but tab and line ends, U+FFFE/F, lone surrogates). */
const xmlText = (s: string): string => {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s.slice(i, i + 2);
        i++;
      } else out += "\uFFFD";
    } else if ((c >= 0xdc00 && c <= 0xdfff) || (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c >= 0xfffe) {
      out += "\uFFFD";
    } else out += s[i];
  }
  return out;
};

describe("search result exports", () => {
  it("CSV: a byte-order mark, the header, then every row as given, formulas shown as text (OWASP CSV injection)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { maxLength: 20 }), async (rows) => {
        const bytes = await collect(csvStream(columns, each(rows)));
        expect(bytes.subarray(0, 3).toString("hex")).toBe("efbbbf");
        const records = parse(bytes.subarray(3).toString("utf8"), { relax_column_count: false }) as string[][];
        expect(records[0]).toEqual(["Application number", "Mark", "Classes"]);
        // UTF-8 has no lone surrogates: they are written as U+FFFD.
        const utf8 = (s: string) => Buffer.from(s, "utf8").toString("utf8");
        expect(records.slice(1)).toEqual(
          rows.map((r) => [utf8(String(safeCell(r.number))), utf8(String(safeCell(r.mark))), String(r.classes)]),
        );
        for (const record of records.slice(1)) for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 60 },
    );
  });

  it("a cell a spreadsheet would run is written with a leading apostrophe; others as they are", () => {
    expect(safeCell("=1+1")).toBe("'=1+1");
    expect(safeCell("@cmd")).toBe("'@cmd");
    expect(safeCell("-5")).toBe("'-5");
    expect(safeCell("NOOR")).toBe("NOOR");
    expect(safeCell(12)).toBe(12);
    expect(safeCell(Number.NaN)).toBe("");
    expect(safeCell(null)).toBe("");
  });

  it("XLSX: one worksheet, a bold header row, every row as given with numbers as numbers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { maxLength: 12 }), async (rows) => {
        const bytes = await collect(xlsxStream(columns, each(rows)));
        expect(bytes.subarray(0, 2).toString()).toBe("PK");
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(bytes as unknown as ArrayBuffer);
        const sheet = book.worksheets[0]!;
        expect(sheet.getRow(1).values).toEqual([undefined, "Application number", "Mark", "Classes"]);
        expect(sheet.getRow(1).font?.bold).toBe(true);
        // XML reads every line end as a line feed (XML 1.0 §2.11), so a cell's CR LF comes back as LF.
        const lf = (s: string) => xmlText(s.replace(/\r\n?/g, "\n"));
        rows.forEach((r, i) => {
          const row = sheet.getRow(i + 2);
          // exceljs reads an empty string cell back as no cell.
          expect(row.getCell(1).value ?? "").toBe(lf(r.number));
          expect(row.getCell(2).value ?? "").toBe(lf(r.mark));
          expect(row.getCell(3).value).toBe(r.classes);
        });
        expect(sheet.rowCount).toBe(rows.length + 1);
      }),
      { numRuns: 15 },
    );
  });

  it("streams a large export without building it first: 50,000 rows", async () => {
    async function* many(): AsyncIterable<Row> {
      for (let i = 0; i < 50_000; i++)
        yield { number: `TM/2026/${String(i).padStart(6, "0")}`, mark: "نور", classes: 25 };
    }
    const bytes = await collect(csvStream(columns, many()));
    const lines = bytes.toString("utf8").trimEnd().split("\r\n");
    expect(lines).toHaveLength(50_001);
    expect(lines[50_000]).toBe("TM/2026/049999,نور,25");
  });
});
