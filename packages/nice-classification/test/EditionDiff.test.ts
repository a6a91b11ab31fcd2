import { describe, expect, it } from "vitest";
import { Edition, EditionDiff } from "../src/index.js";
import { edition, need, shipped } from "./helpers.js";

describe.skipIf(need.ncl12.skip)(need.ncl12.title("EditionDiff between 10-2015 and the 12th-edition list"), () => {
  const from = shipped();
  const to = need.ncl12.skip ? shipped() : edition("12");
  const d = EditionDiff.diff(from, to);

  it("partitions the basic numbers of both editions", () => {
    const kept = from.terms.filter((t) => to.termsByNumber.has(t.basicNumber)).length;
    expect(kept + d.removed.length).toBe(from.terms.length);
    expect(kept + d.added.length).toBe(to.terms.length);
    expect(d.added.every((t) => !from.termsByNumber.has(t.basicNumber))).toBe(true);
    expect(d.removed.every((t) => !to.termsByNumber.has(t.basicNumber))).toBe(true);
    expect(d.added.length).toBeGreaterThan(1000);
  });

  it("finds terms reclassified under a new basic number", () => {
    expect(d.reclassified).toContainEqual({
      text: "benzene",
      from: { basicNumber: "040082", classNumber: 4 },
      to: { basicNumber: "010713", classNumber: 1 },
    });
    expect(d.reclassified).toContainEqual({
      text: "nutcrackers",
      from: { basicNumber: "080215", classNumber: 8 },
      to: expect.objectContaining({ classNumber: 21 }),
    });
    expect(EditionDiff.reclassify(d, to, "030080")).toEqual({
      kind: "reclassified",
      basicNumber: "050479",
      classNumber: 5,
    });
    expect(EditionDiff.reclassify(d, to, "250042")).toEqual({
      kind: "unchanged",
      basicNumber: "250042",
      classNumber: 25,
    });
    expect(EditionDiff.reclassify(d, to, "123456").kind).toBe("unknown");
  });

  it("lists wording changes of kept terms", () => {
    expect(d.textChanged).toContainEqual({
      basicNumber: "010005",
      classNumber: 1,
      fromText: "vulcanisation accelerators",
      toText: "vulcanization accelerators",
    });
  });
});

describe("EditionDiff from the shipped edition to an office's later list", () => {
  // A later list made from the shipped one: a term reworded, a term moved, a term reclassified under a new number,
  // a term removed and one added, as WIPO's yearly versions do.
  const from = shipped();
  const changed = from.terms
    .filter((t) => t.basicNumber !== "250042" && t.basicNumber !== "040082" && t.basicNumber !== "350039")
    .map((t) =>
      t.basicNumber === "010005"
        ? { ...t, texts: { en: "vulcanization accelerators" } }
        : t.basicNumber === "090648"
          ? { ...t, classNumber: 10 as Edition.ClassNumber }
          : t,
    );
  const to = Edition.make({
    ...Edition.toData(from),
    id: "10-2016",
    terms: [
      ...changed,
      { basicNumber: "010713" as Edition.BasicNumber, classNumber: 1 as Edition.ClassNumber, texts: { en: "benzene" } },
      { basicNumber: "250200" as Edition.BasicNumber, classNumber: 25 as Edition.ClassNumber, texts: { en: "shirts" } },
    ],
  });
  const d = EditionDiff.diff(from, to);

  it("finds each change", () => {
    expect(d.added.map((t) => t.basicNumber).sort()).toEqual(["010713", "250200"]);
    expect(d.removed.map((t) => t.basicNumber).sort()).toEqual(["040082", "250042", "350039"]);
    expect(d.moved).toEqual([{ basicNumber: "090648", fromClass: 9, toClass: 10, text: "sunglasses" }]);
    expect(d.textChanged).toEqual([
      {
        basicNumber: "010005",
        classNumber: 1,
        fromText: "vulcanisation accelerators",
        toText: "vulcanization accelerators",
      },
    ]);
    expect(d.reclassified).toContainEqual({
      text: "benzene",
      from: { basicNumber: "040082", classNumber: 4 },
      to: { basicNumber: "010713", classNumber: 1 },
    });
  });

  it("tells what became of an old record's term", () => {
    expect(EditionDiff.reclassify(d, to, "040082")).toEqual({
      kind: "reclassified",
      basicNumber: "010713",
      classNumber: 1,
    });
    expect(EditionDiff.reclassify(d, to, "250043")).toEqual({
      kind: "unchanged",
      basicNumber: "250043",
      classNumber: 25,
    });
    expect(EditionDiff.reclassify(d, to, "090648")).toEqual({ kind: "moved", basicNumber: "090648", classNumber: 10 });
    expect(EditionDiff.reclassify(d, to, "350039")).toEqual({ kind: "removed" });
  });
});

describe("EditionDiff on small editions", () => {
  const make = (id: string, terms: Array<[string, number, string]>) =>
    Edition.make({
      id,
      label: id,
      sources: [],
      classes: [],
      unlinkedTerms: [],
      terms: terms.map(([b, c, en]) => ({
        basicNumber: b as Edition.BasicNumber,
        classNumber: c as Edition.ClassNumber,
        texts: { en },
      })),
    });

  it("reports a term moved to another class under the same number, and removed terms", () => {
    const a = make("a", [
      ["090001", 9, "sunglasses"],
      ["250001", 25, "hats"],
      ["350001", 35, "advertising"],
    ]);
    const b = make("b", [
      ["090001", 10, "sunglasses"],
      ["250001", 25, "hats"],
    ]);
    const d = EditionDiff.diff(a, b);
    expect(d.moved).toEqual([{ basicNumber: "090001", fromClass: 9, toClass: 10, text: "sunglasses" }]);
    expect(d.removed.map((t) => t.basicNumber)).toEqual(["350001"]);
    expect(d.added).toEqual([]);
    expect(EditionDiff.reclassify(d, b, "090001")).toEqual({ kind: "moved", basicNumber: "090001", classNumber: 10 });
    expect(EditionDiff.reclassify(d, b, "350001")).toEqual({ kind: "removed" });
  });
});
