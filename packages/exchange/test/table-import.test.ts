import { TableImport } from "@ipoffice/exchange";
import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const mapping: TableImport.TrademarkMapping = {
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

const designMapping: TableImport.DesignMapping = {
  source: "legacy-designs",
  kind: "industrial_design",
  dateFormat: "DD/MM/YYYY",
  locarnoEdition: "14-2023",
  columns: {
    number: "No",
    filingDate: "Filed",
    title: "Title",
    product: "Products",
    locarnoClass: "Locarno",
    views: "Views",
    designers: "Designers",
    owner: "Owner",
    ownerCountry: "Country",
    priorities: "Priority",
    registrationNumber: "Reg No",
    registrationDate: "Registered",
  },
};

const technicalMapping = (kind: "patent" | "utility_model"): TableImport.TechnicalMapping => ({
  source: "legacy-patents",
  kind,
  columns: {
    number: "No",
    filingDate: "Filed",
    title: "Title",
    abstract: "Abstract",
    claimsCount: "Claims",
    ipc: "IPC",
    inventors: "Inventors",
    owner: "Applicant",
    ownerCountry: "Country",
    priorities: "Priority",
    publicationNumber: "Pub No",
    publicationDate: "Published",
    registrationNumber: "Grant No",
    registrationDate: "Granted",
    pctApplicationNumber: "PCT No",
    pctFilingDate: "PCT Filed",
    pctPublicationNumber: "WO No",
    pctPublicationDate: "WO Date",
  },
});

describe("table import of industrial designs, patents and utility models (the kind's fields, the same checks)", () => {
  it("makes each row a design application: several designs separated by |, Locarno (ST.80 INID 51), designers (INID 72), priorities", () => {
    const csv = [
      "No,Filed,Title,Products,Locarno,Views,Designers,Owner,Country,Priority,Reg No,Registered",
      'D-1,05/01/2020,Seating,Chair | Stool,06-01 | 06-01,4 | 2,"Lina Saleh (JO); Omar Haddad",Salt Co,OM,FR 2019-0042 05/08/2019,DR-9,01/06/2020',
      "D-2,17/03/2021,,Lamp,26-05,,,Noor LLC,AE,,,",
    ].join("\n");
    const { records, problems } = TableImport.convert(table(csv), designMapping, {
      ...options,
      states: ["filed", "registered"],
    });
    expect(problems).toEqual([]);
    const [d1, d2] = records.map((r) => r.right);
    expect(d1).toMatchObject({
      kind: "industrial_design",
      applicationNumber: "D-1",
      status: "registered",
      workflowId: "industrial_design_default",
      title: "Seating",
      locarnoEdition: "14-2023",
      designs: [
        { number: 1, product: "Chair", locarnoClass: "06-01", views: 4 },
        { number: 2, product: "Stool", locarnoClass: "06-01", views: 2 },
      ],
      designers: [{ name: "Lina Saleh", country: "JO" }, { name: "Omar Haddad" }],
      priorities: [{ country: "FR", number: "2019-0042", date: "2019-08-05" }],
      registration: { number: "DR-9", date: "2020-06-01" },
    });
    // a design without a views column value has one view (the model needs at least one)
    expect(d2?.designs).toEqual([{ number: 1, product: "Lamp", locarnoClass: "26-05", views: 1 }]);
    expect(d2?.status).toBe("filed");
  });

  it("reports a design row's problems by field and column: a Locarno class, counts that do not match, a priority", () => {
    const csv = [
      "No,Filed,Title,Products,Locarno,Views,Designers,Owner,Country,Priority,Reg No,Registered",
      "D-1,05/01/2020,,Chair | Stool,06-01,x | 2,,Salt Co,OM,FR 2019-0042,,",
      "D-2,05/01/2020,,Chair,33-01,1,,Salt Co,OM,FR 7 31/02/2019,,",
    ].join("\n");
    const { records, problems } = TableImport.convert(table(csv), designMapping, options);
    expect(records).toEqual([]);
    expect(problems).toEqual([
      { row: 2, field: "priorities (Priority)", message: '"FR 2019-0042" is not "country number date"' },
      {
        row: 2,
        field: "locarnoClass (Locarno)",
        message: '1 value(s) separated by "|" for 2 design(s) in product (Products)',
      },
      { row: 2, field: "views (Views)", message: '"x" is not a whole number' },
      {
        row: 3,
        field: "priorities (Priority)",
        message: '"31/02/2019" in "FR 7 31/02/2019" is not a date DD/MM/YYYY',
      },
      expect.objectContaining({ row: 3, field: "locarnoClass (Locarno)" }),
    ]);
  });

  for (const kind of ["patent", "utility_model"] as const) {
    it(`makes each row a ${kind}: title, abstract, claims, IPC (INID 51), inventors (INID 72), PCT data (INID 86/87), grant`, () => {
      const csv = [
        "No,Filed,Title,Abstract,Claims,IPC,Inventors,Applicant,Country,Priority,Pub No,Published,Grant No,Granted,PCT No,PCT Filed,WO No,WO Date",
        '2020/17,2020-01-05,Solar still,"A still, with a lens.",12,"C02F 1/14; B01D 5/00","Sara Nasser (OM); Ali Said",Desal LLC,OM,US 62/123456 2019-01-07,OM-A-17,2021-07-05,OM-B-17,2023-02-01,PCT/OM2020/000017,2020-01-05,WO 2020/123456,2020-07-16',
        "2021/3,2021-03-17,Water pump,,1,,,Pump Co,AE,,,,,,,,,",
      ].join("\n");
      const { records, problems } = TableImport.convert(table(csv), technicalMapping(kind), {
        ...options,
        states: ["filed", "in_force"],
      });
      expect(problems).toEqual([]);
      const [p1, p2] = records.map((r) => r.right);
      expect(p1).toMatchObject({
        kind,
        applicationNumber: "2020/17",
        workflowId: `${kind}_default`,
        // a granted right with no status column: the default workflows' state after grant
        status: "in_force",
        title: "Solar still",
        abstract: "A still, with a lens.",
        claimsCount: 12,
        ipc: ["C02F 1/14", "B01D 5/00"],
        inventors: [{ name: "Sara Nasser", country: "OM" }, { name: "Ali Said" }],
        priorities: [{ country: "US", number: "62/123456", date: "2019-01-07" }],
        publication: { number: "OM-A-17", date: "2021-07-05" },
        registration: { number: "OM-B-17", date: "2023-02-01" },
        pct: {
          applicationNumber: "PCT/OM2020/000017",
          filingDate: "2020-01-05",
          publicationNumber: "WO 2020/123456",
          publicationDate: "2020-07-16",
        },
      });
      expect(p2).toMatchObject({ status: "filed", claimsCount: 1, ipc: [], inventors: [] });
      expect(p2).not.toHaveProperty("pct");
    });
  }

  it("reports a patent row's problems: an IPC symbol, claims, PCT data without its date, as the model checks them", () => {
    const csv = [
      "No,Filed,Title,Abstract,Claims,IPC,Inventors,Applicant,Country,Priority,Pub No,Published,Grant No,Granted,PCT No,PCT Filed,WO No,WO Date",
      "P-1,2020-01-05,Still,,many,C02F,,Desal LLC,OM,,,,,,PCT/OM2020/1,,,",
      "P-2,2020-01-05,,,0,Z99Z 1/00,,Desal LLC,OM,,,,,,,,,",
    ].join("\n");
    const { records, problems } = TableImport.convert(table(csv), technicalMapping("patent"), options);
    expect(records).toEqual([]);
    const named = problems.map((p) => [p.row, p.field]);
    expect(named).toEqual(
      expect.arrayContaining([
        [2, "claimsCount (Claims)"],
        [2, "pctFilingDate (PCT Filed)"],
        [3, "title (Title)"],
        [3, "claimsCount (Claims)"],
        [3, "ipc (IPC)"],
      ]),
    );
    expect(problems.find((p) => p.row === 2 && p.field === "claimsCount (Claims)")?.message).toBe(
      '"many" is not a whole number',
    );
  });

  it("checks the mapping against its kind's columns: a design column in a patent mapping is named", () => {
    const bad = TableImport.decodeMapping({
      ...technicalMapping("patent"),
      columns: { ...technicalMapping("patent").columns, product: "P" },
    });
    expect(Result.isFailure(bad) && bad.failure.map((p) => p.field)).toEqual(["columns.product"]);
    const noKind = TableImport.decodeMapping({ source: "x", columns: {} });
    expect(Result.isFailure(noKind) && noKind.failure).toEqual([
      { row: 0, field: "kind", message: "missing: one of trademark, industrial_design, patent, utility_model" },
    ]);
    const missing = TableImport.decodeMapping({ source: "x", kind: "industrial_design", columns: { number: "No" } });
    expect(Result.isFailure(missing) && missing.failure.map((p) => p.field)).toEqual(
      expect.arrayContaining(["columns.product", "columns.locarnoClass", "columns.owner"]),
    );
    expect(Result.isSuccess(TableImport.decodeMapping(designMapping))).toBe(true);
  });

  it("never throws on any row of any kind: records or problems naming a row and a field (property)", () => {
    const kinds = [
      {
        mapping: designMapping as TableImport.Mapping,
        header: "No,Filed,Title,Products,Locarno,Views,Designers,Owner,Country,Priority,Reg No,Registered",
      },
      {
        mapping: technicalMapping("patent") as TableImport.Mapping,
        header:
          "No,Filed,Title,Abstract,Claims,IPC,Inventors,Applicant,Country,Priority,Pub No,Published,Grant No,Granted,PCT No,PCT Filed,WO No,WO Date",
      },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.string({ maxLength: 300 }), ({ mapping, header }, text) => {
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
      { numRuns: 200 },
    );
  });
});

describe("table import as a stream: CSV read chunk by chunk, rows converted one at a time", () => {
  const collect = async (chunks: Iterable<Uint8Array | string>, limits: Partial<TableImport.Limits> = {}) => {
    const events: Array<TableImport.CsvEvent> = [];
    for await (const e of TableImport.streamCsv(chunks, limits)) events.push(e);
    return events;
  };
  /** The text's UTF-8 bytes cut at the given offsets (a cut may fall inside a character). */
  const cut = (text: string, offsets: ReadonlyArray<number>) => {
    const bytes = Buffer.from(text, "utf8");
    const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
    const out: Array<Uint8Array> = [];
    let at = 0;
    for (const p of [...points, bytes.length]) {
      out.push(bytes.subarray(at, p));
      at = p;
    }
    return out;
  };

  it("reads the same header and rows as the whole-file reader, wherever the chunks are cut (property)", async () => {
    const text = `\uFEFF${header}\r\nT-1,05/01/2020,"QAHWA, ""the"" café",Registered,عمر حداد,OM,"30: coffee; tea",R-77,01/06/2020\r\n\r\nT-2,17/03/2021,NOOR,Pending,Noor Trading,AE,25: clothing,,\n`;
    const whole = TableImport.readCsv(text);
    if (Result.isFailure(whole)) throw new Error("readCsv refused the fixture");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (offsets) => {
        const events = await collect(cut(text, offsets));
        expect(events[0]).toEqual({ _tag: "Header", header: whole.success.header });
        expect(events.slice(1)).toEqual(whole.success.rows.map((cells, i) => ({ _tag: "Row", row: i + 2, cells })));
      }),
      { numRuns: 60 },
    );
  });

  it("converts streamed rows as the whole-file convert does (same records, same problems)", async () => {
    const csv = [
      header,
      "T-1,05/01/2020,A,Registered,A LLC,OM,25: x,R-1,01/06/2020",
      "T-1,31/02/2020,=B,Pending,B LLC,OM,25: x,,",
    ].join("\n");
    const events = await collect([csv]);
    const first = events[0];
    if (first?._tag !== "Header") throw new Error("no header");
    const converter = TableImport.makeConverter(first.header, mapping, options);
    const streamed = events.slice(1).map((e) => (e._tag === "Row" ? converter.row(e.cells, e.row) : { problems: [] }));
    const whole = TableImport.convert(table(csv), mapping, options);
    expect(streamed.flatMap((r) => (r.record ? [r.record] : []))).toEqual(whole.records);
    expect(streamed.flatMap((r) => r.problems)).toEqual(whole.problems);
  });

  it("ends with a refusal naming the row: a malformed record, too many rows, an unterminated quote over the size limit", async () => {
    const bad = await collect([`${header}\nT-1,01/02/2020`]);
    expect(bad.at(-1)).toMatchObject({ _tag: "Refused", problem: { row: 2, field: "file" } });
    const many = await collect([`${header}\n${"T,1,2,3,4,5,6,7,8\n".repeat(3)}`], { maxRows: 2 });
    expect(many.at(-1)).toEqual({ _tag: "Refused", problem: { row: 4, field: "file", message: "more than 2 rows" } });
    const open = await collect([`${header}\n"T-1`, "x".repeat(5_000)], { maxCellChars: 10 });
    expect(open.at(-1)).toMatchObject({ _tag: "Refused", problem: { field: "file" } });
    expect(await collect([""])).toEqual([
      { _tag: "Refused", problem: { row: 1, field: "file", message: "the file has no header row" } },
    ]);
  });
});
