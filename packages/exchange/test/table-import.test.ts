import { TableImport } from "@ipoffice/exchange";
import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const mapping: TableImport.Mapping = {
  source: "legacy-register",
  kind: "trademark",
  dateFormat: "DD/MM/YYYY",
  columns: {
    number: "App No",
    filingDate: "Filed",
    markText: "Mark",
    status: "Status",
    owner: "Owner",
    ownerCountry: "Country",
    goodsAndServices: "Goods",
    registrationNumber: "Reg No",
    registrationDate: "Registered",
  },
  values: { status: { Registered: "registered", Pending: "filed" } },
};

const options: TableImport.ConvertOptions = {
  officeCode: "OM",
  states: ["filed", "registered", "refused"],
  st13: (number, date) => `OM50${date.slice(0, 4)}${number.replace(/\D/g, "").padStart(9, "0").slice(-9)}`,
};

const header = "App No,Filed,Mark,Status,Owner,Country,Goods,Reg No,Registered";
const good = [
  header,
  'T-1001,05/01/2020,QAHWA,Registered,Omar Haddad LLC,OM,"30: coffee; tea | 43: cafés",R-77,01/06/2020',
  "T-1002,17/03/2021,NOOR,Pending,Noor Trading,AE,25: clothing,,",
].join("\r\n");

const table = (csv: string) => {
  const r = TableImport.readCsv(csv);
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure));
  return r.success;
};

describe("table import: another system's CSV into the model through a mapping written once", () => {
  it("makes each row a trademark of the model, keeping the source's number", () => {
    const { records, problems } = TableImport.convert(table(good), mapping, options);
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.row, r.sourceNumber])).toEqual([
      [2, "T-1001"],
      [3, "T-1002"],
    ]);
    const first = records[0]?.right;
    expect(first).toMatchObject({
      applicationNumber: "T-1001",
      st13: "OM502020000001001",
      filingDate: "2020-01-05",
      status: "registered",
      registration: { number: "R-77", date: "2020-06-01" },
      mark: { text: "QAHWA", type: "word", category: "individual" },
      owners: [{ name: "Omar Haddad LLC", country: "OM", kind: "legal" }],
    });
    expect(first?.goodsAndServices.map((c) => [c.classNumber, c.status, c.terms.map((t) => t.text)])).toEqual([
      [30, "registered", ["coffee", "tea"]],
      [43, "registered", ["cafés"]],
    ]);
    expect(records[1]?.right.status).toBe("filed");
  });

  it("validates the mapping itself: unknown fields, a missing number column, a bad date format", () => {
    const bad = TableImport.decodeMapping({
      source: "Legacy Register",
      kind: "trademark",
      dateFormat: "D/M/Y",
      columns: { filingDate: "Filed", owner: "Owner", ownerCountry: "C", goodsAndServices: "G", colour: "Colour" },
    });
    expect(Result.isFailure(bad)).toBe(true);
    const fields = Result.isFailure(bad) ? bad.failure.map((p) => p.field) : [];
    expect(fields).toEqual(expect.arrayContaining(["source", "dateFormat", "columns.number", "columns.colour"]));
    expect(Result.isSuccess(TableImport.decodeMapping(mapping))).toBe(true);
  });

  it("names a column the mapping wants and the file lacks, in the header row", () => {
    const { problems } = TableImport.convert(table(good.replace("Reg No", "Registration")), mapping, options);
    expect(problems).toEqual([{ row: 1, field: "registrationNumber", message: 'no column "Reg No" in the header' }]);
  });

  it("reports row by row what is wrong: row, field (and column), message; nothing is taken from a bad file", () => {
    const csv = [
      header,
      "T-1,31/02/2020,ALPHA,Registered,A LLC,OM,25: clothing,R-1,01/06/2020",
      "T-2,01/02/2020,,Pending,B LLC,OM,25: clothing,,",
      "T-3,01/02/2020,GAMMA,Lapsed,C LLC,OM,25: clothing,,",
      "T-1,01/02/2020,DELTA,Pending,D LLC,ZZZ,clothing,,",
      "T-5,01/02/2020,ECHO,Registered,E LLC,OM,25: clothing,R-5,",
    ].join("\n");
    const { records, problems } = TableImport.convert(table(csv), mapping, options);
    expect(problems).toEqual([
      { row: 2, field: "filingDate (Filed)", message: '"31/02/2020" is not a date DD/MM/YYYY' },
      {
        row: 4,
        field: "status (Status)",
        message: '"Lapsed" is not a state of the workflow (filed, registered, refused)',
      },
      { row: 5, field: "number (App No)", message: '"T-1" is also the number of row 2' },
      { row: 5, field: "goodsAndServices (Goods)", message: '"clothing" is not "class: term; term"' },
      // the model's checks run on a row with problems too: its report is whole
      { row: 5, field: "ownerCountry (Country)", message: '"ZZZ" is not a WIPO ST.3 code' },
      expect.objectContaining({ row: 6, field: "registrationDate (Registered)" }),
    ]);
    // row 3: a figurative mark without its text is a right of the model
    expect(records.map((r) => r.row)).toEqual([3]);
  });

  it("refuses hostile cells: formulas (OWASP CSV injection), control characters, oversized cells and files", () => {
    const csv = [
      header,
      '"=HYPERLINK(""http://x.example"",""click"")",01/02/2020,A,Pending,A LLC,OM,25: clothing,,',
      "T-2,01/02/2020,@SUM(1+1),Pending,B LLC,OM,25: clothing,,",
      "T-3,01/02/2020,C\u0007,Pending,C LLC,OM,25: clothing,,",
    ].join("\n");
    const { records, problems } = TableImport.convert(table(csv), mapping, options);
    expect(records).toEqual([]);
    expect(problems.map((p) => [p.row, p.field, p.message.slice(0, 30)])).toEqual([
      [2, "number (App No)", "starts like a spreadsheet form"],
      [3, "markText (Mark)", "starts like a spreadsheet form"],
      [4, "markText (Mark)", "holds a control character"],
    ]);
    const long = TableImport.convert(table(good), mapping, options, { maxCellChars: 10 });
    expect(long.problems).toContainEqual({ row: 2, field: "goodsAndServices (Goods)", message: "over 10 characters" });
    expect(long.records).toEqual([]);
    const big = TableImport.readCsv(good, { maxChars: 100 });
    expect(Result.isFailure(big) && big.failure[0]?.message).toBe("the file is over 100 characters");
    const many = TableImport.readCsv(good, { maxRows: 1 });
    expect(Result.isFailure(many) && many.failure[0]?.message).toBe("more than 1 rows");
  });

  it("names the line of a CSV that cannot be read", () => {
    const r = TableImport.readCsv(`${header}\nT-1,"01/02/2020,A\nT-2,x`);
    expect(Result.isFailure(r) && r.failure[0]?.field).toBe("file");
    const ragged = TableImport.readCsv(`${header}\nT-1,01/02/2020`);
    expect(Result.isFailure(ragged) && ragged.failure[0]?.row).toBe(2);
  });

  it("never throws on any text: a table or problems, and every problem names a row and a field (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        const read = TableImport.readCsv(`${header}\n${text}`);
        const problems = Result.isFailure(read)
          ? read.failure
          : TableImport.convert(read.success, mapping, options).problems;
        for (const p of problems) {
          expect(typeof p.row).toBe("number");
          expect(p.field).not.toBe("");
          expect(p.message).not.toBe("");
        }
      }),
      { numRuns: 300 },
    );
  });

  const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,20}[A-Za-z0-9]$/);
  const rowArb = fc.record({
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 1990, max: 2030 }),
    mark: word,
    owner: word,
    country: fc.constantFrom("OM", "AE", "JO", "FR"),
    classes: fc.uniqueArray(fc.integer({ min: 1, max: 45 }), { minLength: 1, maxLength: 3 }),
    formula: fc.option(fc.constantFrom("=", "+", "-", "@"), { nil: undefined }),
  });

  it("keeps every field of every row it takes, and takes no row with a formula (property)", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 8 }), (rows) => {
        const lines = rows.map((r, i) => {
          const d = `${String(r.day).padStart(2, "0")}/${String(r.month).padStart(2, "0")}/${r.year}`;
          const goods = r.classes.map((c) => `${c}: goods of ${c}`).join(" | ");
          return `T-${i},${d},${r.formula ?? ""}${r.mark},Pending,"${r.owner}",${r.country},"${goods}",,`;
        });
        const { records, problems } = TableImport.convert(table([header, ...lines].join("\n")), mapping, options);
        const hostile = rows.flatMap((r, i) => (r.formula === undefined ? [] : [i + 2]));
        expect(problems.map((p) => p.row)).toEqual(hostile);
        const taken = rows.flatMap((r, i) => (r.formula === undefined ? [{ r, i }] : []));
        expect(records.map((x) => x.sourceNumber)).toEqual(taken.map(({ i }) => `T-${i}`));
        records.forEach((x, k) => {
          const { r } = taken[k] as (typeof taken)[number];
          expect(x.right.mark.text).toBe(r.mark);
          expect(x.right.owners[0]?.name).toBe(r.owner);
          expect(x.right.filingDate).toBe(
            `${r.year}-${String(r.month).padStart(2, "0")}-${String(r.day).padStart(2, "0")}`,
          );
          expect(x.right.goodsAndServices.map((c) => c.classNumber)).toEqual([...r.classes].sort((a, b) => a - b));
        });
      }),
      { numRuns: 100 },
    );
  });
});
