import { readFileSync } from "node:fs";
import { ClassificationList as CL } from "@ipoffice/domain";
import { Result, Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { needs, referenceFile } from "../../../test-support/reference-data.js";
import { readCsv } from "../src/internal/csv.js";
import { readJson } from "../src/internal/json.js";

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r))
    throw new Error(`expected success, got ${String((r.failure as { message?: string }).message)}`);
  return r.success;
};
const failed = <A>(r: Result.Result<A, CL.ImportError>): CL.ImportError => {
  if (Result.isSuccess(r)) throw new Error("expected the file to be refused");
  return r.failure;
};
const code = (scheme: CL.Scheme, text: string) => ok(CL.parseCode(scheme, text));
const codeError = (scheme: CL.Scheme, text: string) => {
  const r = CL.parseCode(scheme, text);
  return Result.isFailure(r) ? r.failure.message : undefined;
};
const isValidList = Schema.is(CL.List);

describe("codes", () => {
  it("Locarno Agreement: class and class-subclass, classes 01 to 32, subclass 00 for a class without subclasses", () => {
    expect(code("locarno", "07-01")).toEqual({ scheme: "locarno", code: "07-01", parent: "07", level: 2 });
    expect(code("locarno", "07")).toEqual({ scheme: "locarno", code: "07", parent: null, level: 1 });
    expect(code("locarno", "7-1").code).toBe("07-01");
    expect(code("locarno", " 07.01 ").code).toBe("07-01");
    expect(code("locarno", "32-00").parent).toBe("32");
    for (const bad of ["33-01", "00-01", "07-001", "07/01", "A7", "", "07-"]) {
      expect(Result.isFailure(CL.parseCode("locarno", bad)), bad).toBe(true);
    }
    expect(codeError("locarno", "33-01")).toBe(
      '"33-01" is not a Locarno code: class 33 is not in the list: classes run from 01 to 32',
    );
  });

  it("Vienna Agreement: category.division.section, categories 01 to 29", () => {
    expect(code("vienna", "03.01.08")).toEqual({ scheme: "vienna", code: "03.01.08", parent: "03.01", level: 3 });
    expect(code("vienna", "030108").code).toBe("03.01.08");
    expect(code("vienna", "3.1.8").code).toBe("03.01.08");
    expect(code("vienna", "03.01")).toMatchObject({ parent: "03", level: 2 });
    expect(code("vienna", "03")).toMatchObject({ parent: null, level: 1 });
    for (const bad of ["30.01.01", "00.01", "03.00.01", "03.01.00", "0301081", "03-01-08", "03..01"]) {
      expect(Result.isFailure(CL.parseCode("vienna", bad)), bad).toBe(true);
    }
  });

  it("IPC Guide: section, class, subclass, main group, subgroup; a subgroup's parent is its main group", () => {
    expect(code("ipc", "A")).toEqual({ scheme: "ipc", code: "A", parent: null, level: 1 });
    expect(code("ipc", "A01")).toMatchObject({ parent: "A", level: 2 });
    expect(code("ipc", "A01B")).toMatchObject({ parent: "A01", level: 3 });
    expect(code("ipc", "A01B 1/00")).toMatchObject({ parent: "A01B", level: 4 });
    expect(code("ipc", "A01B 1/02")).toMatchObject({ parent: "A01B 1/00", level: 5 });
    expect(code("ipc", "a01b1/02").code).toBe("A01B 1/02");
    expect(code("ipc", "H04L  012 / 028").code).toBe("H04L 12/028");
    expect(CL.levelName("ipc", 4)).toBe("main group");
    for (const bad of ["I", "J01B", "A00", "A01B 0/00", "A01B 1000/00", "A01B 1/0", "A01B 1/000", "A01B1", "A1B"]) {
      expect(Result.isFailure(CL.parseCode("ipc", bad)), bad).toBe(true);
    }
    expect(codeError("ipc", "X01B")).toBe('"X01B" is not an IPC code: the section is a letter from A to H');
  });

  it("any text: never throws; a code read is canonical, and its parent a code one level up (property)", () => {
    const codeLike = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.stringMatching(/^[A-H]\d{2}[A-Z] ?\d{1,4}\/\d{1,6}$/),
      fc.stringMatching(/^\d{1,2}([.-]\d{1,2}){0,2}$/),
      fc.stringMatching(/^\d{2,6}$/),
    );
    fc.assert(
      fc.property(fc.constantFrom(...CL.schemes), codeLike, (scheme, text) => {
        const r = CL.parseCode(scheme, text);
        if (Result.isFailure(r)) return r.failure._tag === "InvalidCode" && r.failure.message.length > 0;
        const again = ok(CL.parseCode(scheme, r.success.code));
        expect(again).toEqual(r.success);
        if (r.success.parent === null) return r.success.level === 1;
        const parent = ok(CL.parseCode(scheme, r.success.parent));
        return parent.level === r.success.level - 1 && parent.code === r.success.parent;
      }),
      { numRuns: 2000 },
    );
  });
});

const locarnoFixture = [
  "# Locarno classification, a few classes for the tests",
  "# lines starting with # before the header are comments",
  "code,title,language",
  '07,"Household goods, not elsewhere specified",en',
  "07-01,China; glassware; dishes,en",
  "07-01,Vaisselle,fr",
  '07-02,"Cooking appliances, utensils and containers",en',
  "32,Graphic symbols and logos,en",
  "32-00,Graphic symbols and logos,en",
  'ar-07,"""quoted"" is fine",en',
].join("\r\n");

describe("the office import format (code,title,language)", () => {
  it("reads a good file: comments, quoting, CRLF, titles by language, parents derived", () => {
    const list = ok(
      CL.parseCsv(locarnoFixture.replace('ar-07,"""quoted"" is fine",en', ""), {
        scheme: "locarno",
        file: "locarno.csv",
        edition: "15-2026",
      }),
    );
    expect(list).toMatchObject({ scheme: "locarno", edition: "15-2026", source: "locarno.csv" });
    expect(list.entries.map((e) => e.code)).toEqual(["07", "07-01", "07-02", "32", "32-00"]);
    expect(CL.find(list, "7-1")).toEqual({
      code: "07-01",
      parent: "07",
      level: 2,
      titles: { en: "China; glassware; dishes", fr: "Vaisselle" },
    });
    expect(CL.find(list, "07")?.titles.en).toBe("Household goods, not elsewhere specified");
    expect(CL.isKnown(list, "07-02")).toBe(true);
    expect(CL.isKnown(list, "07-03")).toBe(false);
    expect(CL.isKnown(list, "not a code")).toBe(false);
    expect(CL.children(list).map((e) => e.code)).toEqual(["07", "32"]);
    expect(CL.children(list, "07").map((e) => e.code)).toEqual(["07-01", "07-02"]);
    expect(CL.children(list, "07-01")).toEqual([]);
    expect(CL.ancestors(list, "07-02").map((e) => e.code)).toEqual(["07"]);
    expect(CL.languages(list)).toEqual(["en", "fr"]);
    expect(CL.title(CL.find(list, "07-01")!, "fr")).toEqual({ text: "Vaisselle", language: "fr" });
    expect(CL.title(CL.find(list, "07-02")!, "fr")).toEqual({
      text: "Cooking appliances, utensils and containers",
      language: "en",
    });
    expect(isValidList(list)).toBe(true);
  });

  it("finds columns by name in any order, ignores other columns, reads LF files with a byte-order mark", () => {
    const text = "\uFEFFlanguage,note,code,title\nEN,x,03,Animals\nen,y,03.01,Quadrupeds\npt-br,,03,Animais\n";
    const list = ok(CL.parseCsv(new TextEncoder().encode(text), { scheme: "vienna", file: "v.csv" }));
    expect(list.entries).toEqual([
      { code: "03", parent: null, level: 1, titles: { en: "Animals", "pt-BR": "Animais" } },
      { code: "03.01", parent: "03", level: 2, titles: { en: "Quadrupeds" } },
    ]);
  });

  it("searches by code, code prefix and words (case and diacritics ignored), within a language when asked", () => {
    const list = ok(
      CL.parseCsv(
        [
          "code,title,language",
          "A,Human necessities,en",
          "A01,Agriculture; forestry,en",
          "A01B,Soil working in agriculture,en",
          "A01B 1/00,Hand tools,en",
          "A01B 1/02,Spades; shovels,en",
          "A01B 1/02,Bêches; pelles,fr",
          "A01B 3/00,Ploughs with fixed plough-shares,en",
        ].join("\n"),
        { scheme: "ipc", file: "ipc.csv" },
      ),
    );
    const codes = (q: string, options?: { limit?: number; language?: string }) =>
      CL.search(list, q, options).map((h) => `${h.entry.code}:${h.match}`);
    expect(codes("a01b1/02")).toEqual(["A01B 1/02:code"]);
    expect(codes("A01B")).toEqual([
      "A01B:code",
      "A01B 1/00:code-prefix",
      "A01B 1/02:code-prefix",
      "A01B 3/00:code-prefix",
    ]);
    expect(codes("plough")).toEqual(["A01B 3/00:words"]);
    expect(codes("ploug")).toEqual(["A01B 3/00:word-prefixes"]);
    expect(codes("hand tools")).toEqual(["A01B 1/00:words"]);
    expect(codes("AGRIC")).toEqual(["A01:word-prefixes", "A01B:word-prefixes"]);
    expect(codes("beches")).toEqual(["A01B 1/02:words"]);
    expect(codes("beches", { language: "en" })).toEqual([]);
    expect(codes("spades", { language: "xx" })).toEqual(["A01B 1/02:words"]);
    expect(codes("a", { limit: 2 })).toHaveLength(2);
    expect(codes("", {})).toEqual([]);
    expect(codes("tools", { limit: 0 })).toEqual([]);
    expect(codes("tools", { limit: Number.NaN })).toEqual(["A01B 1/00:words"]);
  });

  it("refuses a bad file whole, naming the line and field of every problem", () => {
    const text = [
      "code,title,language", // 1
      "07,Household goods,en", // 2
      "07-1x,Bad code,en", // 3
      "07-01,,en", // 4
      "07-02,Cooking,english", // 5
      "07-03,Too,many,fields", // 6
      "07-04,Pots,en", // 7
      "07-04,Pans,en", // 8
      "08-01,Tools,en", // 9: class 08 is not in the file
      "33-01,Nowhere,en", // 10
    ].join("\n");
    const error = failed(CL.parseCsv(text, { scheme: "locarno", file: "bad.csv" }));
    expect(error._tag).toBe("ClassificationImportError");
    expect(error.file).toBe("bad.csv");
    expect(error.issues.map((i) => `${i.line}:${i.field}`)).toEqual([
      "3:code",
      "4:title",
      "5:language",
      "6:row",
      "8:code",
      "9:code",
      "10:code",
    ]);
    expect(error.issues.find((i) => i.line === 8)?.message).toBe("07-04 has a title in en already (line 7)");
    expect(error.issues.find((i) => i.line === 9)?.message).toBe("the class 08 above 08-01 is not in the list");
    expect(error.issues.find((i) => i.line === 10)?.message).toMatch(/classes run from 01 to 32/);
    expect(CL.formatIssue(error.file, error.issues[0]!)).toMatch(/^bad\.csv:3: code: "07-1x" is not a Locarno code/);
    expect(error.message).toMatch(/^bad\.csv: 7 problems; line 3, code:/);
  });

  it("names the line of malformed quoting, of a byte that is not UTF-8, and of a missing header column", () => {
    const stray = failed(
      CL.parseCsv('code,title,language\n07,Household,en\n07-01,Ch"ina,en\n', { scheme: "locarno", file: "q.csv" }),
    );
    expect(stray.issues).toEqual([
      { line: 3, field: "title", message: expect.stringMatching(/double quote inside an unquoted field/) },
    ]);
    const unclosed = failed(
      CL.parseCsv('code,title,language\n07,Household,en\n07-01,"China,en\n07-02,x,en\n', {
        scheme: "locarno",
        file: "q.csv",
      }),
    );
    expect(unclosed.issues).toEqual([{ line: 3, field: "title", message: expect.stringMatching(/never closed/) }]);
    const after = failed(
      CL.parseCsv('code,title,language\n07,"Household"x,en\n', { scheme: "locarno", file: "q.csv" }),
    );
    expect(after.issues[0]).toMatchObject({ line: 2, field: "title" });
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode("code,title,language\n07,House,en\n07-01,Caf"),
      0xe9,
      0x0a,
    ]);
    const encoding = failed(CL.parseCsv(latin1, { scheme: "locarno", file: "latin1.csv" }));
    expect(encoding.issues).toEqual([{ line: 3, field: "encoding", message: expect.stringMatching(/not UTF-8/) }]);
    const header = failed(CL.parseCsv("code,name,lang\n07,House,en\n", { scheme: "locarno", file: "h.csv" }));
    expect(header.issues).toEqual([
      { line: 1, field: "header", message: "missing columns title, language; the header is code,title,language" },
    ]);
    const empty = failed(CL.parseCsv("  \n", { scheme: "locarno", file: "e.csv" }));
    expect(empty.issues[0]).toMatchObject({ line: 0, field: "file" });
    const headerOnly = failed(CL.parseCsv("# note\ncode,title,language\n", { scheme: "locarno", file: "e.csv" }));
    expect(headerOnly.issues[0]).toMatchObject({ line: 3, field: "row", message: "the file has a header but no rows" });
    const edition = failed(
      CL.parseCsv("code,title,language\n07,House,en\n", { scheme: "locarno", file: "e.csv", edition: "\n" }),
    );
    expect(edition.issues[0]).toMatchObject({ line: 0, field: "edition" });
  });

  it("a comment after the header is a row like any other (and refused)", () => {
    const error = failed(
      CL.parseCsv("code,title,language\n07,House,en\n# note,x,en\n", { scheme: "locarno", file: "c.csv" }),
    );
    expect(error.issues).toEqual([{ line: 3, field: "code", message: expect.stringMatching(/not a Locarno code/) }]);
  });

  it(`has clear limits: ${CL.MAX_FILE_BYTES / 1024 / 1024} MiB, ${CL.MAX_ROWS} rows, ${CL.MAX_ISSUES} problems listed`, () => {
    const big = failed(CL.parseCsv(new Uint8Array(CL.MAX_FILE_BYTES + 1), { scheme: "vienna", file: "big.csv" }));
    expect(big.issues).toEqual([{ line: 0, field: "file", message: "the file is larger than 32 MiB" }]);
    const rows = `code,title,language\n${"03,x,en\n".repeat(CL.MAX_ROWS + 1)}`;
    const many = failed(CL.parseCsv(rows, { scheme: "vienna", file: "rows.csv" }));
    expect(many.issues.at(-1)).toMatchObject({ line: CL.MAX_ROWS + 2, field: "row" });
    expect(many.issues.at(-1)?.message).toMatch(/more than 500,000 rows/);
    const bad = `code,title,language\n${"99,x,en\n".repeat(1500)}`;
    const capped = failed(CL.parseCsv(bad, { scheme: "vienna", file: "bad.csv" }));
    expect(capped.issues).toHaveLength(CL.MAX_ISSUES);
    expect(capped.omitted).toBe(500);
    expect(capped.message).toMatch(/^bad\.csv: 1500 problems/);
  });
});

describe("lists from values", () => {
  it("fromEntries checks codes, titles and parents like a file, naming the entry", () => {
    const list = ok(
      CL.fromEntries(
        {
          scheme: "vienna",
          edition: "9",
          source: "db",
          entries: [
            { code: "030108", titles: { en: "Cats" } },
            { code: "03.01", titles: {} },
            { code: "3", titles: { en: "Animals" } },
          ],
        },
        { file: "database" },
      ),
    );
    expect(list.entries.map((e) => e.code)).toEqual(["03", "03.01", "03.01.08"]);
    expect(CL.title(CL.find(list, "03.01")!)).toEqual({ text: "03.01", language: "" });
    const error = failed(
      CL.fromEntries(
        {
          scheme: "vienna",
          source: "db",
          entries: [
            { code: "03.01", titles: { en: "x" } },
            { code: "X", titles: { en: "y" } },
            { code: "04", titles: { EN: "z" } },
          ],
        },
        { file: "database" },
      ),
    );
    expect(error.issues.map((i) => i.field).sort()).toEqual([
      "entries[0].code",
      "entries[1].code",
      "entries[2].titles.EN",
    ]);
  });

  it("the List schema refuses inconsistent lists (a parent that does not follow from the code, a missing parent)", () => {
    const base = { scheme: "locarno", edition: null, source: "x" } as const;
    expect(isValidList({ ...base, entries: [{ code: "07", parent: null, level: 1, titles: { en: "a" } }] })).toBe(true);
    expect(isValidList({ ...base, entries: [{ code: "07-01", parent: "07", level: 2, titles: { en: "a" } }] })).toBe(
      false,
    );
    expect(isValidList({ ...base, entries: [{ code: "07", parent: "06", level: 1, titles: { en: "a" } }] })).toBe(
      false,
    );
    expect(isValidList({ ...base, entries: [{ code: "7", parent: null, level: 1, titles: { en: "a" } }] })).toBe(false);
  });
});

describe("reference-data formats (small files written by the test)", () => {
  it("Locarno JSON: names the line and JSON path of a bad code, and the line of broken JSON", () => {
    const good = JSON.stringify(
      [
        {
          Language: "EN",
          Classification: [
            {
              ClassCode: "32",
              ClassDescription: "Graphic symbols",
              LocarnoSubClasses: [{ SubClassCode: "00", SubClassDescription: "00" }],
            },
          ],
        },
      ],
      null,
      2,
    );
    const list = ok(CL.parseLocarnoJson(good, { file: "locarno.json" }));
    expect(list.entries).toEqual([
      { code: "32", parent: null, level: 1, titles: { en: "Graphic symbols" } },
      { code: "32-00", parent: "32", level: 2, titles: { en: "Graphic symbols" } },
    ]);
    const bad = good.replace('"SubClassCode": "00"', '"SubClassCode": "0x"');
    const line = bad.split("\n").findIndex((l) => l.includes('"0x"')) + 1;
    expect(line).toBeGreaterThan(1);
    const error = failed(CL.parseLocarnoJson(bad, { file: "locarno.json" }));
    expect(error.issues).toEqual([
      {
        line,
        field: "[0].Classification[0].LocarnoSubClasses[0].SubClassCode",
        message: "expected a two-digit subclass",
      },
    ]);
    const truncated = failed(CL.parseLocarnoJson(good.slice(0, 120), { file: "locarno.json" }));
    expect(truncated.issues[0]).toMatchObject({ field: "(json)", line: good.slice(0, 120).split("\n").length });
    const notAList = failed(CL.parseLocarnoJson("{}", { file: "locarno.json" }));
    expect(notAList.issues[0]).toMatchObject({ line: 1, field: "$" });
  });

  it("EUIPO Vienna CSV: codes as digits, categories 98 and 99 left out, a code without a title kept", () => {
    const text =
      "idcategory,categdesc\n26,GEOMETRICAL FIGURES\n2601,CIRCLES\n260109,\n98,OTHER MARKS\n9801,SMELL MARK\n";
    const list = ok(CL.parseViennaEuipoCsv(text, { file: "vienna.csv" }));
    expect(list.entries.map((e) => [e.code, e.titles.en])).toEqual([
      ["26", "GEOMETRICAL FIGURES"],
      ["26.01", "CIRCLES"],
      ["26.01.09", undefined],
    ]);
    const error = failed(CL.parseViennaEuipoCsv(`${text}2601x1,Bad\n260200,No division\n`, { file: "vienna.csv" }));
    expect(error.issues.map((i) => `${i.line}:${i.field}`)).toEqual(["7:idcategory", "8:idcategory"]);
  });

  it("IPC trees: a node filed under the wrong parent is refused with its path", () => {
    const tree = {
      symbol: "A",
      text: "SECTION A",
      children: [
        {
          symbol: "A01",
          text: "AGRICULTURE",
          children: [
            {
              symbol: "A01B",
              text: "SOIL WORKING",
              children: [
                {
                  symbol: "A01B 1/00",
                  text: "Hand tools",
                  children: [
                    { symbol: "A01B 1/02", text: "Spades", children: [{ symbol: "A01B 1/04", text: "with teeth" }] },
                  ],
                },
                { symbol: "A01B 3/00", text: "Ploughs" },
              ],
            },
          ],
        },
      ],
    };
    const list = ok(
      CL.parseIpcJson([{ file: "A.json", text: JSON.stringify(tree) }], { source: "ipc", edition: "2006.01" }),
    );
    expect(list.entries.map((e) => e.code)).toEqual([
      "A",
      "A01",
      "A01B",
      "A01B 1/00",
      "A01B 1/02",
      "A01B 1/04",
      "A01B 3/00",
    ]);
    expect(CL.find(list, "A01B 1/04")?.parent).toBe("A01B 1/00");
    const moved = JSON.stringify(tree).replace('"A01B 1/04"', '"A01B 3/04"');
    const error = failed(
      CL.parseIpcJson(
        [
          { file: "B.json", text: "{}" },
          { file: "A.json", text: moved },
        ],
        { source: "ipc" },
      ),
    );
    expect(error.file).toBe("B.json");
    const onlyA = failed(CL.parseIpcJson([{ file: "A.json", text: moved }], { source: "ipc" }));
    expect(onlyA.issues).toEqual([
      {
        line: 1,
        field: "$.children[0].children[0].children[0].children[0].children[0].symbol",
        message: "A01B 3/04 stands under A01B 1/02, but its symbol puts it under A01B 3/00",
      },
    ]);
  });
});

const locarnoRef = needs("classifications/locarno-en.json");
describe.skipIf(locarnoRef.skip)(locarnoRef.title("the real Locarno list (reference data)"), () => {
  it("reads 32 classes and 236 subclasses, and writes them back through the import format unchanged", () => {
    const list = ok(
      CL.parseLocarnoJson(readFileSync(referenceFile("classifications/locarno-en.json"), "utf8"), {
        file: "locarno-en.json",
      }),
    );
    expect(CL.children(list)).toHaveLength(32);
    expect(list.entries.filter((e) => e.level === 2)).toHaveLength(236);
    expect(CL.find(list, "01-01")?.titles.en).toMatch(/^Bakers' products/);
    expect(CL.find(list, "32-00")?.titles.en).toBe(CL.find(list, "32")?.titles.en);
    expect(CL.search(list, "seats").map((h) => h.entry.code)).toContain("06-01");
    expect(ok(CL.parseCsv(CL.toCsv(list), { scheme: "locarno", file: "x.csv", source: list.source }))).toEqual(list);
  });
});

const viennaRef = needs("classifications/vienna-codes-euipo.csv");
describe.skipIf(viennaRef.skip)(viennaRef.title("EUIPO's Vienna codes (reference data)"), () => {
  it("reads the 29 categories of the Vienna Agreement with their divisions and sections", () => {
    const list = ok(
      CL.parseViennaEuipoCsv(readFileSync(referenceFile("classifications/vienna-codes-euipo.csv"), "utf8"), {
        file: "vienna-codes-euipo.csv",
      }),
    );
    expect(CL.children(list).map((e) => e.code)).toEqual(
      Array.from({ length: 29 }, (_, i) => String(i + 1).padStart(2, "0")),
    );
    expect(list.entries.filter((e) => e.level === 3).length).toBeGreaterThan(1700);
    expect(CL.find(list, "010101")?.titles.en).toBe("Stars");
    expect(CL.find(list, "26.01.09")?.titles).toEqual({});
    expect(isValidList(list)).toBe(true);
  });
});

const ipcRef = needs(
  ...["A", "B", "C", "D", "E", "F", "G", "H"].map((s) => `classifications/ipc-2006-core-en/${s}.json`),
);
describe.skipIf(ipcRef.skip)(ipcRef.title("the IPC 2006.01 core level (reference data)"), () => {
  it("reads 8 sections, 129 classes, 633 subclasses, 7,066 main groups and 10,047 subgroups", () => {
    const files = ["A", "B", "C", "D", "E", "F", "G", "H"].map((s) => ({
      file: `${s}.json`,
      text: readFileSync(referenceFile(`classifications/ipc-2006-core-en/${s}.json`), "utf8"),
    }));
    const list = ok(CL.parseIpcJson(files, { source: "ipc-2006-core-en", edition: "2006.01" }));
    const perLevel = [1, 2, 3, 4, 5].map((l) => list.entries.filter((e) => e.level === l).length);
    expect(perLevel).toEqual([8, 129, 633, 7066, 10047]);
    expect(CL.find(list, "A01B 1/00")?.titles.en).toBe("Hand tools");
    expect(CL.search(list, "ploughs", { limit: 3 }).map((h) => h.entry.code)[0]).toBe("A01B 3/00");
    expect(
      ok(CL.parseCsv(CL.toCsv(list), { scheme: "ipc", file: "x.csv", source: list.source, edition: "2006.01" })),
    ).toEqual(list);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

const levelCodes: Record<CL.Scheme, fc.Arbitrary<string>> = {
  locarno: fc
    .tuple(fc.integer({ min: 1, max: 32 }), fc.integer({ min: 0, max: 99 }))
    .map(([c, s]) => `${String(c).padStart(2, "0")}-${String(s).padStart(2, "0")}`),
  vienna: fc
    .tuple(fc.integer({ min: 1, max: 29 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }))
    .map((parts) => parts.map((p) => String(p).padStart(2, "0")).join(".")),
  ipc: fc
    .tuple(
      fc.constantFrom(..."ABCDEFGH"),
      fc.integer({ min: 1, max: 99 }),
      fc.constantFrom(..."ABCDHKLMNQ"),
      fc.integer({ min: 1, max: 999 }),
      fc.oneof(
        fc.constant("00"),
        fc.stringMatching(/^\d{2,4}$/).filter((s) => !/^0+$/.test(s)),
      ),
    )
    .map(([s, c, sc, g, sub]) => `${s}${String(c).padStart(2, "0")}${sc} ${g}/${sub}`),
};

const titleArb = fc
  .string({ minLength: 1, maxLength: 24, unit: "grapheme" })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a title may not hold
  .map((t) => t.replace(/[\u0000-\u001f\u007f]/g, " ").trim())
  .filter((t) => t !== "");

/** A valid list: random leaf codes closed under their parents, a title in one to three languages each. */
const listArb = fc.constantFrom(...CL.schemes).chain((scheme) =>
  fc
    .uniqueArray(levelCodes[scheme], { minLength: 1, maxLength: 12 })
    .chain((leaves) => {
      const codes = new Set<string>();
      for (const leaf of leaves) {
        let at: string | null = leaf;
        while (at !== null) {
          const c: CL.Code = ok(CL.parseCode(scheme, at));
          codes.add(c.code);
          at = c.parent;
        }
      }
      return fc.tuple(
        ...[...codes].map((c) =>
          fc
            .uniqueArray(fc.constantFrom("en", "fr", "ar", "pt-BR"), { minLength: 1, maxLength: 3 })
            .chain((langs) => fc.tuple(...langs.map((l) => titleArb.map((t) => [l, t] as const))))
            .map((titles) => ({ code: c, titles: Object.fromEntries(titles) })),
        ),
      );
    })
    .map((entries) => ok(CL.fromEntries({ scheme, source: "test.csv", entries }, { file: "test" }))),
);

/** Every issue names a line of the text (0 for the whole file) and a field. */
const wellFormed = (error: CL.ImportError, lines: number) =>
  error.issues.length > 0 &&
  error.issues.every(
    (i) => Number.isInteger(i.line) && i.line >= 0 && i.line <= lines && i.field.length > 0 && i.message.length > 0,
  );

const lineCount = (text: string) => text.split(/\r\n|\r|\n/).length;

describe("properties of the import format", () => {
  it("toCsv then parseCsv gives the same list back", () => {
    fc.assert(
      fc.property(listArb, (list) => {
        expect(ok(CL.parseCsv(CL.toCsv(list), { scheme: list.scheme, file: "test.csv" }))).toEqual(list);
      }),
      { numRuns: 300 },
    );
  });

  it("arbitrary text or bytes never throw: a consistent list, or an error naming line and field", () => {
    const input = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ maxLength: 300, unit: "binary" }).map((s) => `code,title,language\n${s}`),
      fc.uint8Array({ maxLength: 300 }),
      fc
        .array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 4 })))
        .map((rows) => `code,title,language\n${rows.map((r) => r.join(",")).join("\n")}`),
    );
    fc.assert(
      fc.property(fc.constantFrom(...CL.schemes), input, (scheme, raw) => {
        const r = CL.parseCsv(raw, { scheme, file: "any.csv" });
        const text = typeof raw === "string" ? raw : new TextDecoder().decode(raw);
        if (Result.isSuccess(r)) return isValidList(r.success) && r.success.entries.length > 0;
        return wellFormed(r.failure, lineCount(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("a mangled good file is taken whole (every row in the list) or refused whole, never in part", () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
      fc.record({
        kind: fc.constant("insert" as const),
        at: fc.nat(),
        text: fc.oneof(
          fc.constantFrom('"', ",", "\n", "\r\n", "#", "\u0000", "é", "99-99"),
          fc.string({ maxLength: 4 }),
        ),
      }),
      fc.record({ kind: fc.constant("duplicateLine" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("dropLine" as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(listArb, fc.array(mutation, { minLength: 1, maxLength: 4 }), (list, mutations) => {
        let text = CL.toCsv(list);
        for (const m of mutations) {
          if (m.kind === "delete" || m.kind === "insert") {
            const at = m.at % (text.length + 1);
            text =
              m.kind === "delete"
                ? text.slice(0, at) + text.slice(at + m.length)
                : text.slice(0, at) + m.text + text.slice(at);
          } else {
            const lines = text.split("\r\n");
            const at = m.at % lines.length;
            if (m.kind === "duplicateLine") lines.splice(at, 0, lines[at]!);
            else lines.splice(at, 1);
            text = lines.join("\r\n");
          }
        }
        const r = CL.parseCsv(text, { scheme: list.scheme, file: "mangled.csv" });
        if (Result.isFailure(r)) return wellFormed(r.failure, lineCount(text));
        // Taken whole: as many titles in the list as data rows in the file.
        const rows = readCsv(text, { leadingComments: true }).records.length - 1;
        const titles = r.success.entries.reduce((n, e) => n + Object.keys(e.titles).length, 0);
        return isValidList(r.success) && titles === rows;
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the JSON reader of the reference files", () => {
  it("agrees with JSON.parse on any text: the same value, or a fault with a line (property)", () => {
    const text = fc.oneof(
      fc.json(),
      fc.json().map((j) => JSON.stringify(JSON.parse(j), null, 2)),
      fc
        .tuple(fc.json(), fc.nat(), fc.string({ maxLength: 3 }))
        .map(([j, at, s]) => j.slice(0, at % (j.length + 1)) + s + j.slice(at % (j.length + 1))),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        fc.pre(!t.startsWith("\uFEFF"));
        let expected: { ok: true; value: unknown } | { ok: false };
        try {
          expected = { ok: true, value: JSON.parse(t) };
        } catch {
          expected = { ok: false };
        }
        const read = readJson(t);
        expect(read.ok).toBe(expected.ok);
        if (read.ok && expected.ok) expect(read.value).toEqual(expected.value);
        if (!read.ok) expect(read.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses nesting deeper than 256 levels instead of overflowing the stack", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(readJson(deep)).toMatchObject({ ok: false, line: 1, message: "nested deeper than 256 levels" });
    expect(readJson(`${"[".repeat(256)}${"]".repeat(256)}`).ok).toBe(true);
  });
});
