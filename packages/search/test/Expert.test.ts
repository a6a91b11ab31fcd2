import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Expert } from "../src/index.js";
import { clause } from "./arbitraries.js";

const ok = (text: string) => {
  const r = Expert.parse(text);
  if (r._tag === "Failure") throw new Error(r.failure.message);
  return r.success;
};
const error = (text: string) => {
  const r = Expert.parse(text);
  if (r._tag === "Success") throw new Error(`parsed: ${JSON.stringify(r.success)}`);
  return r.failure.message;
};

describe("Expert.parse", () => {
  it("reads field tags, groups, lists and NOT", () => {
    expect(ok('TM=(NOOR OR NUR) AND CL=25 AND OW="Al Wadi" AND NOT ST=refused')).toEqual({
      _tag: "And",
      clauses: [
        {
          _tag: "Or",
          clauses: [
            { _tag: "Text", field: "mark", value: "NOOR", mode: "similar" },
            { _tag: "Text", field: "mark", value: "NUR", mode: "similar" },
          ],
        },
        { _tag: "Nice", classes: [25] },
        { _tag: "Name", role: "owner", values: ["Al Wadi"], mode: "contains" },
        { _tag: "Not", clause: { _tag: "Status", scheme: "office", values: ["refused"] } },
      ],
    });
  });

  it("reads numbered result sets", () => {
    expect(ok("#1 AND NOT #2")).toEqual({
      _tag: "And",
      clauses: [
        { _tag: "ResultSet", number: 1 },
        { _tag: "Not", clause: { _tag: "ResultSet", number: 2 } },
      ],
    });
  });

  it("NOT binds tighter than AND, AND than OR; side-by-side terms are joined by AND", () => {
    expect(ok("#1 OR #2 #3")).toEqual({
      _tag: "Or",
      clauses: [
        { _tag: "ResultSet", number: 1 },
        {
          _tag: "And",
          clauses: [
            { _tag: "ResultSet", number: 2 },
            { _tag: "ResultSet", number: 3 },
          ],
        },
      ],
    });
  });

  it("normalises numbers, codes, classes, dates and states", () => {
    expect(ok("AN=tm/2024/00123")).toEqual({ _tag: "Number", kind: "application", value: "TM/2024/123" });
    expect(ok('PCT="PCT/US99/12345"')).toEqual({ _tag: "Number", kind: "pct", value: "PCT/US1999/012345" });
    expect(ok("IC=a61k31/00,A61K")).toEqual({ _tag: "Classification", scheme: "ipc", codes: ["A61K 31/00", "A61K"] });
    expect(ok("VC=030108")).toEqual({ _tag: "Classification", scheme: "vienna", codes: ["03.01.08"] });
    expect(ok("CL=25,35:refused")).toEqual({ _tag: "Nice", classes: [25, 35], status: "refused" });
    expect(ok("FD=2024-02")).toEqual({ _tag: "Date", field: "filing", from: "2024-02-01", to: "2024-02-29" });
    expect(ok("RD>=2020-01-01")).toEqual({ _tag: "Date", field: "registration", from: "2020-01-01" });
    expect(ok("DG=bg,ro")).toEqual({ _tag: "DesignatedState", states: ["BG", "RO"] });
    expect(ok("TM==NOOR")).toEqual({ _tag: "Text", field: "mark", value: "NOOR", mode: "exact" });
  });

  it.each([
    ["TM=NOOR AND XY=3", "at column 13: unknown field tag XY"],
    ['TM="NOOR', "at column 4: the quotation mark opened here is not closed"],
    ["TM=(NOOR OR NUR", 'at column 16: expected ")" to close the "(" at column 4'],
    ["CL=46", "at column 4: a Nice class is a number from 1 to 45 (e.g. CL=25 or CL=25:refused)"],
    ["FD=2024-02-30", 'at column 4: "2024-02-30" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY'],
    ["AND TM=X", "at column 1: AND needs a term before it"],
    ["TM=NOOR)", 'at column 8: unexpected ")"'],
    ["", "at column 1: the expression is empty"],
    ["IC=Z99", 'at column 4: "Z99" is not an IPC code: the section is a letter from A to H'],
    ["DG=BG,QQ", "at column 7: QQ is not a WIPO ST.3 code"],
    ["TM=NOT", 'at column 4: NOT is an operator: quote it to search for it ("NOT")'],
  ])("%s → %s", (text, message) => {
    expect(error(text)).toBe(message);
  });

  it("limits depth and size", () => {
    expect(error(`${"(".repeat(50)}#1${")".repeat(50)}`)).toMatch(/nested more than 12 levels deep/);
    expect(error("NOT ".repeat(400) + "#1")).toMatch(/nested more than/);
    expect(error(Array.from({ length: 70 }, (_, i) => `#${i + 1}`).join(" OR "))).toMatch(/at most 64 terms/);
    expect(error("x".repeat(3000))).toMatch(/longer than 2000/);
  });

  it("any string parses or gives a tagged error with a column inside the text, never throws", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.string({ unit: "binary", maxLength: 60 }),
          fc
            .array(
              fc.constantFrom(
                "TM",
                "=",
                "==",
                "~=",
                "(",
                ")",
                " ",
                "AND",
                "OR",
                "NOT",
                '"',
                "NOOR",
                "#1",
                ",",
                "CL",
                "25",
                "FD",
                "2024",
                "..",
                "IC",
                "A61K",
                "XY",
                "\\",
              ),
              { maxLength: 20 },
            )
            .map((p) => p.join("")),
        ),
        (text) => {
          const r = Expert.parse(text);
          if (r._tag === "Failure") {
            expect(r.failure._tag).toBe("ExpertError");
            expect(r.failure.column).toBeGreaterThanOrEqual(1);
            expect(r.failure.column).toBeLessThanOrEqual(Array.from(text).length + 1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("printing and parsing again gives the same tree", () => {
    fc.assert(
      fc.property(clause, (tree) => {
        const printed = Expert.print(tree);
        const back = Expert.parse(printed);
        expect(back._tag === "Success" ? back.success : back.failure.message).toEqual(tree);
      }),
      { numRuns: 300 },
    );
  });
});
