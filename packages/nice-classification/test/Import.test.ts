import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Edition, Import } from "../src/index.js";
import { need, referenceFile } from "./helpers.js";

const header = "basic_number,class_number,term,language\n";
const parse = (body: string) => Import.parseAlphabeticalCsv(header + body, { file: "fr.csv" });
const issues = (body: string) => {
  const r = parse(body);
  if (r._tag === "Success") throw new Error("expected a failure");
  return r.failure;
};

describe("Import.parseAlphabeticalCsv", () => {
  it.skipIf(need.ncl12.skip)(need.ncl12.title("reads the real English list: 10,029 terms in 45 classes"), () => {
    const text = readFileSync(referenceFile("nice/ncl12-en-alphabetical-list.csv"), "utf8");
    const r = Import.parseAlphabeticalCsv(text, { file: "ncl12-en-alphabetical-list.csv" });
    if (r._tag === "Failure") throw new Error(r.failure.message);
    expect(r.success).toHaveLength(10029);
    expect(new Set(r.success.map((x) => x.classNumber)).size).toBe(45);
    expect(r.success[0]).toMatchObject({
      basicNumber: "010008",
      classNumber: 1,
      text: "acetate of cellulose, unprocessed",
      language: "en",
      line: 2,
    });
  });

  it("handles quotes, doubled quotes, CRLF, BOM, column order and repeated numbers", () => {
    const text =
      '\uFEFFlanguage,term,class_number,basic_number\r\nfr,"chemises, en coton",25,250042\r\nfr,"dit ""x""",25,250043\r\nfr,chemisettes,25,250042\r\n';
    const r = Import.parseAlphabeticalCsv(text, { file: "fr.csv" });
    if (r._tag === "Failure") throw new Error(r.failure.message);
    expect(r.success.map((x) => x.text)).toEqual(["chemises, en coton / chemisettes", 'dit "x"']);
  });

  it("names the file, line and field of each bad value", () => {
    const e = issues("250042,25,chemises,fr\n25004,25,x,fr\n250044,46,x,fr\n250045,25,,fr\n250046,25,x,French\n");
    expect(e.file).toBe("fr.csv");
    expect(e.issues).toEqual([
      { line: 3, field: "basic_number", message: '"25004" is not a 6-digit number' },
      { line: 4, field: "class_number", message: '"46" is not a class from 1 to 45' },
      { line: 5, field: "term", message: "the term is empty" },
      { line: 6, field: "language", message: '"French" is not a language code like en or ar' },
    ]);
    expect(e.message).toBe('fr.csv:3: basic_number: "25004" is not a 6-digit number (and 3 more)');
  });

  it("reports a basic number given two classes, a missing column, a short row and an open quote", () => {
    expect(issues("250042,25,a,fr\n250042,24,b,fr\n").issues[0]).toMatchObject({ line: 3, field: "class_number" });
    const noLanguage = Import.parseAlphabeticalCsv("basic_number,class_number,term\n250042,25,a\n", { file: "x.csv" });
    expect(noLanguage._tag === "Failure" && noLanguage.failure.issues[0]).toMatchObject({ line: 1, field: "header" });
    expect(issues("250042,25\n").issues[0]).toMatchObject({ line: 2, field: "row" });
    expect(issues('250042,25,"open,fr\n').issues[0]).toMatchObject({ line: 2, field: "term" });
    const empty = Import.parseAlphabeticalCsv(" \n", { file: "empty.csv" });
    expect(empty._tag === "Failure" && empty.failure.message).toBe(
      'empty.csv:1: header: the file is empty; expected header "basic_number,class_number,term,language"',
    );
  });

  it("counts lines inside quoted fields so later errors point at the right line", () => {
    expect(issues('250042,25,"two\nlines",fr\n25004x,25,a,fr\n').issues[0]).toMatchObject({ line: 4 });
  });

  it("never throws on arbitrary input, and reads back what it is given", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = Import.parseAlphabeticalCsv(s, { file: "f.csv" });
        expect(["Success", "Failure"]).toContain(r._tag);
      }),
    );
    const row = fc.record({
      basicNumber: fc.integer({ min: 10000, max: 459999 }).map((n) => String(n).padStart(6, "0")),
      classNumber: fc.integer({ min: 1, max: 45 }),
      text: fc.string({ minLength: 1, maxLength: 30 }).filter((t) => t.trim() === t && t.length > 0),
    });
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.basicNumber, maxLength: 20 }), (rows) => {
        const csv = rows
          .map((r) => `${r.basicNumber},${r.classNumber},"${r.text.replaceAll('"', '""')}",ar`)
          .join("\n");
        const parsed = Import.parseAlphabeticalCsv(header + csv, { file: "f.csv" });
        if (parsed._tag === "Failure") throw new Error(parsed.failure.message);
        expect(parsed.success.map((p) => [p.basicNumber, p.classNumber, p.text])).toEqual(
          rows.map((r) => [r.basicNumber, r.classNumber, r.text]),
        );
      }),
    );
  });
});

describe("Import JSON readers", () => {
  it.skipIf(need.ncl10Original.skip)(
    need.ncl10Original.title("reads ncl10-2015-en.json, joining repeated basic numbers as alternative wordings"),
    () => {
      const json = JSON.parse(readFileSync(referenceFile("nice/ncl10-2015-en.json"), "utf8"));
      const r = Import.parseNcl10Json(json, { file: "ncl10-2015-en.json" });
      if (r._tag === "Failure") throw new Error(r.failure.message);
      expect(r.success.classes).toHaveLength(45);
      expect(r.success.terms).toHaveLength(8137);
      expect(r.success.terms.find((t) => t.basicNumber === "010025")?.texts.en).toBe(
        "activated carbon / activated charcoal",
      );
    },
  );

  it.skipIf(need.ncl13.skip)(need.ncl13.title("reads the 13-2026 headings with notes, includes and excludes"), () => {
    const json = JSON.parse(readFileSync(referenceFile("nice/ncl13-2026-class-headings-en.json"), "utf8"));
    const r = Import.parseClassHeadingsJson(json, { file: "h.json" });
    if (r._tag === "Failure") throw new Error(r.failure.message);
    expect(r.success).toHaveLength(45);
    expect(r.success[0]?.excludes).toContain("caulking putty (Cl. 17);");
    expect(r.success[34]?.kind).toBe("services");
  });

  it.skipIf(need.bg.skip)(need.bg.title("reads the Bulgarian per-class lists: 9,343 unlinked terms"), () => {
    const json = JSON.parse(readFileSync(referenceFile("nice/bg-alphabetical-lists-by-class.json"), "utf8"));
    const r = Import.parseClassLists(json, { file: "bg.json" });
    if (r._tag === "Failure") throw new Error(r.failure.message);
    expect(r.success).toHaveLength(9343);
    expect(r.success[0]).toEqual({ classNumber: 1, language: "bg", text: "агар [агар-агар] за промишлени цели" });
  });

  it("names the field of a malformed JSON entry", () => {
    const r = Import.parseClassLists([{ Language: "BG", AlphaLists: [{ ClassNbr: 50, AlphaListTermText: "x" }] }], {
      file: "bg.json",
    });
    expect(r._tag === "Failure" && r.failure.issues[0]).toEqual({
      line: 0,
      field: "[0].AlphaLists[0].ClassNbr",
      message: "expected a class from 1 to 45",
    });
    const n = Import.parseNcl10Json(
      { classes: [], goods: [{ number: "01001", description: "x" }], services: [] },
      {
        file: "n.json",
      },
    );
    expect(n._tag === "Failure" && n.failure.issues[0]?.field).toBe("goods[0].number");
    expect(Import.parseClassHeadingsJson({}, { file: "h.json" })._tag).toBe("Failure");
  });
});

describe("Import.editionFromCsv", () => {
  it("makes an edition of the rows, naming the file, origin and licence", () => {
    const r = Import.editionFromCsv(`${header}250042,25,chemises,fr\n350039,35,publicité,fr\n250042,25,shirts,en\n`, {
      file: "ncl-fr.csv",
      id: "12-2025",
      label: "Nice 12-2025 (French), office's file",
      origin: "converted by the office from WIPO's file",
      licence: "unknown",
    });
    if (r._tag === "Failure") throw new Error(r.failure.message);
    const e = r.success;
    expect(e.id).toBe("12-2025");
    expect(Edition.size(e)).toBe(2);
    expect(Edition.languages(e)).toEqual(["en", "fr"]);
    expect(Edition.termText(e, "250042", "fr")).toBe("chemises");
    expect(e.provenance).toEqual([
      {
        content: "alphabetical list (en, fr)",
        file: "ncl-fr.csv",
        origin: "converted by the office from WIPO's file",
        licence: "unknown",
        tier: "imported",
      },
    ]);
    expect(Edition.hasHeadings(e)).toBe(false);
  });

  it("refuses a bad file with its line and field", () => {
    const r = Import.editionFromCsv(`${header}250042,25,chemises,fr\n250042,26,x,fr\n`, {
      file: "ncl-fr.csv",
      id: "x",
      label: "x",
    });
    expect(r._tag === "Failure" && r.failure.message).toBe(
      "ncl-fr.csv:3: class_number: basic number 250042 is in class 25 on line 2, here in class 26",
    );
  });
});

describe("Import.parseCompactEdition", () => {
  const compact = (classes: unknown, more: Record<string, unknown> = {}) => ({
    format: "ipoffice-nice-edition/1",
    notice: "test",
    id: "t-1",
    label: "test edition",
    language: "en",
    source: { content: "terms (en)", file: "t.json", origin: "the project", licence: "CC0-1.0", sha256: "0" },
    classes,
    ...more,
  });

  it("reads classes, headings and terms keyed by basic number", () => {
    const r = Import.parseCompactEdition(
      compact({ "25": { heading: "Clothing.", terms: { "250042": "shirts", "250046": "hats" } }, "35": { terms: {} } }),
      { file: "t.json" },
    );
    if (r._tag === "Failure") throw new Error(r.failure.message);
    expect(Edition.size(r.success)).toBe(2);
    expect(Edition.classOf(r.success, 25)?.heading).toBe("Clothing.");
    expect(Edition.classOf(r.success, 35)?.heading).toBeNull();
    expect(r.success.provenance[0]).toMatchObject({ licence: "CC0-1.0", tier: "shipped" });
  });

  it("names the field of every bad value", () => {
    const r = Import.parseCompactEdition(
      compact(
        {
          "46": { terms: {} },
          "25": { terms: { "25004": "x", "250042": "" } },
          "24": { terms: { "250046": "hats" } },
          "26": { terms: { "250046": "hats" } },
        },
        { format: "other", source: undefined },
      ),
      { file: "t.json" },
    );
    expect(r._tag === "Failure" && r.failure.issues.map((i) => i.field)).toEqual([
      "format",
      "source",
      "source.content",
      "source.file",
      "source.origin",
      "source.licence",
      "classes.25.terms.25004",
      "classes.25.terms.250042",
      "classes.26.terms.250046",
      "classes.46",
    ]);
    expect(r._tag === "Failure" && r.failure.issues[8]?.message).toBe("basic number also in class 24");
    expect(Import.parseCompactEdition([], { file: "t.json" })._tag).toBe("Failure");
  });
});
