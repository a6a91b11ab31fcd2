import fc from "fast-check";
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import {
  buildRequest,
  decodeRequest,
  fieldOf,
  goodsAndServicesOf,
  goodsText,
  parseGoodsText,
  parsePeople,
  parsePickerValue,
  parsePriorities,
  readValues,
} from "../src/efiling/form.js";

describe("the goods-and-services textarea (no JavaScript)", () => {
  it("reads one class per line, joining lines of the same class", () => {
    const { classes, errors } = parseGoodsText("25: shirts; hats\n\nClass 35 - advertising\n25: shoes;");
    expect(errors).toEqual([]);
    expect(classes).toEqual([
      { classNumber: 25, terms: ["shirts", "hats", "shoes"] },
      { classNumber: 35, terms: ["advertising"] },
    ]);
  });

  it("reads Arabic digits and the Arabic semicolon", () => {
    expect(parseGoodsText("الفئة ٢٥: قمصان؛ قبعات").classes).toEqual([{ classNumber: 25, terms: ["قمصان", "قبعات"] }]);
  });

  it("names each line that does not start with a class number", () => {
    const { errors } = parseGoodsText("25: shirts\nshoes and boots\n\nhats");
    expect(errors.map((e) => e.error)).toEqual([
      { code: "goodsLine", line: 2 },
      { code: "goodsLine", line: 4 },
    ]);
  });

  it("round-trips through its textarea form", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            classNumber: fc.integer({ min: 1, max: 45 }),
            terms: fc.array(
              fc
                .string({ minLength: 1, maxLength: 20 })
                .map((s) => s.replace(/[;\n\r\u061b]/g, "").trim())
                .filter((s) => s !== ""),
              { minLength: 1, maxLength: 4 },
            ),
          }),
          { selector: (c) => c.classNumber, maxLength: 6 },
        ),
        (classes) => {
          const parsed = parseGoodsText(goodsText(classes));
          expect(parsed.errors).toEqual([]);
          const sorted = [...classes].sort((a, b) => a.classNumber - b.classNumber);
          expect(parsed.classes).toEqual(sorted);
        },
      ),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        const { classes, errors } = parseGoodsText(text);
        expect(Array.isArray(classes) && Array.isArray(errors)).toBe(true);
      }),
    );
  });
});

describe("the picker's value", () => {
  it("is preferred to the textarea when it holds terms", () => {
    const got = goodsAndServicesOf({
      goodsAndServices: '[{"classNumber":25,"terms":["shirts"]}]',
      goodsAndServicesText: "35: advertising",
    });
    expect(got.classes).toEqual([{ classNumber: 25, terms: ["shirts"] }]);
    expect(goodsAndServicesOf({ goodsAndServices: "[]", goodsAndServicesText: "35: advertising" }).classes).toEqual([
      { classNumber: 35, terms: ["advertising"] },
    ]);
  });

  it("refuses values of another shape", () => {
    for (const bad of ["{", "{}", '[{"classNumber":"25","terms":[]}]', "[null]", '[{"classNumber":25}]']) {
      expect(parsePickerValue(bad), bad).toBeUndefined();
    }
    expect(goodsAndServicesOf({ goodsAndServices: "{" }).errors[0]?.error.code).toBe("goodsJson");
  });
});

describe("building and decoding the filing request", () => {
  it("keeps only the known string fields of a post", () => {
    expect(readValues({ markText: "  NAKHLA ", other: "x", ownerName: ["A", "B"], file: new Blob(["x"]) })).toEqual({
      markText: "NAKHLA",
      ownerName: "A",
    });
  });

  it("decodes a complete trademark form", () => {
    const values = { markText: "NAKHLA", markType: "word", ownerName: "Nakhla LLC", ownerCountry: "OM" };
    const classes = [{ classNumber: 25, terms: ["shirts"] }];
    const decoded = decodeRequest("trademark", buildRequest("trademark", values, classes));
    expect(Result.isSuccess(decoded)).toBe(true);
  });

  it("puts every problem beside its field, in the words of the form", () => {
    const request = buildRequest(
      "trademark",
      { markType: "word", ownerName: "", ownerCountry: "", repName: "Agent", repCountry: "ZZ" },
      [
        { classNumber: 46, terms: ["hats"] },
        { classNumber: 3, terms: [] },
      ],
    );
    const decoded = decodeRequest("trademark", request);
    if (Result.isSuccess(decoded)) throw new Error("expected errors");
    expect(decoded.failure).toEqual([
      { field: "markText", error: { code: "markText" } },
      { field: "ownerName", error: { code: "required" } },
      { field: "ownerCountry", error: { code: "required" } },
      { field: "goodsAndServices", error: { code: "classRange", classNumber: "46" } },
      { field: "goodsAndServices", error: { code: "classEmpty", classNumber: 3 } },
      { field: "repCountry", error: { code: "country" } },
    ]);
    const none = decodeRequest("trademark", buildRequest("trademark", { markType: "figurative" }, []));
    expect(Result.isFailure(none) && none.failure.some((e) => e.error.code === "goodsNone")).toBe(true);
  });

  it("decodes patents and designs with their own fields", () => {
    const patent = decodeRequest(
      "patent",
      buildRequest(
        "patent",
        { title: "", claimsCount: "many", ipc: "A61K 31/00, X1", ownerName: "A", ownerCountry: "OM" },
        [],
      ),
    );
    expect(Result.isFailure(patent) && patent.failure.map((e) => [e.field, e.error.code])).toEqual([
      ["title", "required"],
      ["claimsCount", "number"],
      ["ipc", "ipc"],
      ["inventors", "required"],
    ]);
    const design = decodeRequest(
      "industrial_design",
      buildRequest(
        "industrial_design",
        {
          product: "Coffee pot",
          locarnoClass: "07-01",
          views: "4",
          ownerName: "A",
          ownerCountry: "OM",
          designers: "Bob (om)",
        },
        [],
      ),
    );
    expect(Result.isSuccess(design) && design.success).toMatchObject({
      kind: "industrial_design",
      designs: [{ product: "Coffee pot", locarnoClass: "07-01", views: 4 }],
      designers: [{ name: "Bob", country: "OM" }],
    });
  });

  it("reads Arabic-Indic digits in numbers and Locarno classes", () => {
    const design = decodeRequest(
      "industrial_design",
      buildRequest(
        "industrial_design",
        { product: "إبريق قهوة", locarnoClass: "٠٧-٠١", views: "٤", ownerName: "A", ownerCountry: "OM" },
        [],
      ),
    );
    expect(Result.isSuccess(design) && design.success).toMatchObject({
      designs: [{ locarnoClass: "07-01", views: 4 }],
    });
    const patent = buildRequest("patent", { claimsCount: "۱۲" }, []) as { claimsCount: unknown };
    expect(patent.claimsCount).toBe(12);
  });

  it("maps schema paths to fields", () => {
    expect(fieldOf("owners[0].country")).toBe("ownerCountry");
    expect(fieldOf("applicants[0].name")).toBe("ownerName");
    expect(fieldOf("representatives[0].registrationNumber")).toBe("repNumber");
    expect(fieldOf("designs[0].locarnoClass")).toBe("locarnoClass");
    expect(fieldOf("goodsAndServices[3].terms[2]")).toBe("goodsAndServices");
    expect(fieldOf("ipc[1]")).toBe("ipc");
    expect(fieldOf("surprise")).toBeUndefined();
  });

  it("reads people with an optional country in brackets", () => {
    expect(parsePeople("Said Al Rawahi (OM)\n\n  Anna Berg  \n(OM)")).toEqual([
      { name: "Said Al Rawahi", country: "OM" },
      { name: "Anna Berg" },
      { name: "(OM)" },
    ]);
  });
});

describe("priority claims on the form (no JavaScript)", () => {
  it("reads one claim per line: country, number, date; several claims; Arabic digits", () => {
    expect(parsePriorities("FR 26/01234 2026-05-24\n\n  de DE 10 2026 000 777.1 ٢٠٢٦-٠٦-٠١ ")).toEqual({
      claims: [
        { country: "FR", number: "26/01234", date: "2026-05-24" },
        { country: "DE", number: "DE 10 2026 000 777.1", date: "2026-06-01" },
      ],
      errors: [],
    });
  });

  it("names each line not in that shape", () => {
    expect(parsePriorities("FR 2026-05-24\nFR 1 24/05/2026").errors).toEqual([
      { field: "priorities", error: { code: "priorityLine", line: 1 } },
      { field: "priorities", error: { code: "priorityLine", line: 2 } },
    ]);
  });

  it("puts the claims in the request of every kind, and their problems beside the field", () => {
    const values = {
      markText: "NAKHLA",
      markType: "word",
      ownerName: "Nakhla LLC",
      ownerCountry: "OM",
      priorities: "ZZ 1 2026-05-24\nFR 2 2026-02-30",
    };
    const decoded = decodeRequest(
      "trademark",
      buildRequest("trademark", values, [{ classNumber: 25, terms: ["shirts"] }]),
    );
    expect(Result.isFailure(decoded) && decoded.failure.map((e) => [e.field, e.error.code])).toEqual([
      ["priorities", "country"],
      ["priorities", "invalid"],
    ]);
    const patent = buildRequest("patent", { priorities: "JO JO/P/2026/7 2026-01-10" }, []) as { priorities: unknown };
    expect(patent.priorities).toEqual([{ country: "JO", number: "JO/P/2026/7", date: "2026-01-10" }]);
    expect(fieldOf("priorities[1].date")).toBe("priorities");
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const { claims, errors } = parsePriorities(text);
        expect(claims.length + errors.length).toBeLessThanOrEqual(text.split("\n").length);
      }),
    );
  });
});
