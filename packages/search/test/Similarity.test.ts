import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Similarity } from "../src/index.js";

describe("Similarity.trigrams matches pg_trgm", () => {
  it("pads each word with two spaces before and one after (PostgreSQL docs, F.35 pg_trgm)", () => {
    expect([...Similarity.trigrams("cat")].sort()).toEqual(["  c", " ca", "at ", "cat"]);
    expect([...Similarity.trigrams("foo|bar")].sort()).toEqual(
      ["  b", "  f", " ba", " fo", "ar ", "bar", "foo", "oo "].sort(),
    );
  });

  it("gives the documented similarity('word', 'two words') = 0.363636", () => {
    expect(Similarity.trigramSimilarity("word", "two words")).toBeCloseTo(0.363636, 5);
    expect(Similarity.trigramSimilarity("", "")).toBe(0);
  });
});

const tags = (a: string, b: string) => Similarity.compare(a, b).evidence.map((e) => e._tag);

describe("Similarity.compare explains why", () => {
  it("identical after folding", () => {
    expect(Similarity.compare("Nour", "NOUR")).toEqual({
      score: 1,
      evidence: [{ _tag: "Identical", strength: 1, text: "nour" }],
    });
  });

  it("joined and split words", () => {
    expect(tags("SAHAR AL WADI", "SAHARALWADI")[0]).toBe("Joined");
    expect(tags("SAHARALWADI", "SAHAR AL WADI")[0]).toBe("Split");
    expect(tags("سحر الوادي", "SAHARALWADI")[0]).toBe("Joined");
  });

  it("across scripts, with the skeletons and scripts", () => {
    const c = Similarity.compare("NOOR", "نور");
    expect(c.score).toBeGreaterThanOrEqual(0.85);
    expect(c.evidence[0]).toMatchObject({
      _tag: "CrossScript",
      scripts: ["latin", "arabic"],
      skeletons: { query: "nr", mark: "nr" },
      equal: true,
    });
    expect(tags("الواحة", "AL WAHA")[0]).toBe("CrossScript");
  });

  it("sound-alikes name the shared Double Metaphone key", () => {
    const c = Similarity.compare("NIKKO", "NIKO");
    expect(c.evidence[0]).toMatchObject({
      _tag: "SoundsLike",
      keys: ["NK"],
      words: [{ query: "nikko", mark: "niko" }],
    });
  });

  it("only identical texts score 1: reordered words or an article score just under", () => {
    expect(Similarity.compare("BLUE OCEAN", "OCEAN BLUE").score).toBe(0.97);
    expect(Similarity.compare("NOOR", "AL NOOR").score).toBe(0.97);
  });

  it("added and dropped words", () => {
    const c = Similarity.compare("NOOR", "NOOR CAFE");
    expect(c.evidence.map((e) => e._tag)).toEqual(expect.arrayContaining(["ContainsWord", "AddedWords"]));
    expect(c.evidence.find((e) => e._tag === "AddedWords")).toMatchObject({ words: ["cafe"] });
    const d = Similarity.compare("NOOR CAFE", "NOOR");
    expect(d.evidence.find((e) => e._tag === "DroppedWords")).toMatchObject({ words: ["cafe"] });
  });

  it("vowels heard differently weaken a shared skeleton (NOOR / نار)", () => {
    expect(Similarity.compare("NOOR", "نار").score).toBeLessThan(Similarity.compare("NOOR", "نور").score);
  });

  it("letters that look alike (0/O, l/I)", () => {
    expect(Similarity.compare("NOOR", "N00R").evidence[0]).toMatchObject({ _tag: "LooksLike", strength: 0.88 });
    expect(Similarity.compare("KARIM", "KARlM").score).toBeGreaterThanOrEqual(0.85);
  });

  it("pseudo-mark readings: 4U reads as FOR YOU", () => {
    expect(Similarity.compare("4U", "FOR YOU").evidence[0]).toMatchObject({
      _tag: "ReadsAs",
      query: "for you",
      mark: "for you",
    });
  });

  it("the article kept in the skeleton when the Latin form keeps it (LUXOR / الأقصر)", () => {
    expect(Similarity.compare("LUXOR", "الأقصر").evidence[0]).toMatchObject({ _tag: "CrossScript", equal: true });
  });

  it("transliterations that disagree on kh/h and w/v still meet (KHALED / ХАЛИД, WADI / ВАДИ)", () => {
    expect(Similarity.compare("KHALED", "ХАЛИД").score).toBeGreaterThanOrEqual(Similarity.defaultThreshold);
    expect(Similarity.compare("WADI", "ВАДИ").score).toBeGreaterThanOrEqual(Similarity.defaultThreshold);
  });

  it("unrelated marks score 0 with no evidence", () => {
    expect(Similarity.compare("NOOR", "APPLE")).toEqual({ score: 0, evidence: [] });
  });

  it("is total, bounded, and puts the strongest evidence first", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.string({ unit: "binary", maxLength: 40 }),
        (a, b) => {
          const c = Similarity.compare(a, b);
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(1);
          for (let i = 1; i < c.evidence.length; i++)
            expect(c.evidence[i - 1]?.strength ?? 0).toBeGreaterThanOrEqual(c.evidence[i]?.strength ?? 0);
        },
      ),
    );
    expect(Similarity.compare("x".repeat(1_000_000), "x").score).toBeGreaterThanOrEqual(0);
  });

  it("a text compared with itself is identical whenever it has a letter or digit", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (a) => {
        const c = Similarity.compare(a, a);
        expect(c.score).toBe(/[\p{L}\p{N}]/u.test(a) ? 1 : 0);
      }),
    );
  });
});

describe("Similarity.rank", () => {
  it("orders by score and cuts at the threshold", () => {
    const ranked = Similarity.rank("NOOR", ["APPLE", "NOOR CAFE", "نور", "NOOR"], (m) => m);
    expect(ranked.map((r) => r.mark)).toEqual(["NOOR", "نور", "NOOR CAFE"]);
  });
});
