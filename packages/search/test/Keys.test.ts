import { skeletonVariants } from "../src/internal/compile.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Keys } from "../src/index.js";

describe("Keys.fold, words and compact", () => {
  it("folds and collapses spacing; apostrophes do not split words", () => {
    expect(Keys.fold("  Café   NOUR!  ")).toBe("cafe nour");
    expect(Keys.words("McDONALD'S Al-Waha")).toEqual(["mcdonalds", "al", "waha"]);
    expect(Keys.compact("Sahar Al-Wadi")).toBe("saharalwadi");
    expect(Keys.compact("SAHAR AL WADI")).toBe(Keys.compact("SAHARALWADI"));
  });

  it("reads Arabic-Indic digits", () => {
    expect(Keys.fold("نور ٢٠٢٤")).toBe("نور 2024");
  });
});

describe("Keys.skeleton: the cross-script transliteration skeleton", () => {
  it.each([
    [["نور", "NOOR", "NUR", "NOUR", "Nour"], "nr"],
    [["واحه", "الواحة", "واحة", "AL WAHA", "Al-Waha", "EL WAHA"], "wh"],
    [["محمد", "MOHAMMED", "MUHAMMAD", "MOHAMED"], "mhmd"],
    [["خان", "KHAN"], "xn"],
    [["شوكو", "SHOKO", "CHOCO", "ШОКО"], "ck"],
    [["وادي", "WADI", "OUADI"], "wd"],
    [["سحر الوادي", "SAHAR AL WADI", "Sahar El Wadi"], "shr wd"],
    [["عمر", "OMAR", "UMAR"], "mr"],
  ])("%j share the skeleton %s", (texts, expected) => {
    for (const text of texts) expect(Keys.skeleton(text), text).toBe(expected);
  });

  it("keeps apart what differs in consonants", () => {
    expect(Keys.skeleton("NOOR")).not.toBe(Keys.skeleton("NOON"));
    expect(Keys.skeleton("KHAN")).not.toBe(Keys.skeleton("HAN"));
    expect(Keys.skeleton("SAHAR")).not.toBe(Keys.skeleton("SHAR"));
  });

  it("reads Latin digraphs as the Arabic letters they render", () => {
    expect(Keys.skeleton("GHAZAL")).toBe(Keys.skeleton("غزال"));
    expect(Keys.skeleton("THAMER")).toBe(Keys.skeleton("ثامر"));
    expect(Keys.skeleton("DHAHAB")).toBe(Keys.skeleton("ذهب"));
    expect(Keys.skeleton("SHAMS")).toBe(Keys.skeleton("شمس"));
    expect(Keys.skeleton("CHAMS")).toBe(Keys.skeleton("شمس"));
    expect(Keys.skeleton("KHALED")).toBe(Keys.skeleton("خالد"));
  });
});

describe("Keys.phonetic: Double Metaphone per word", () => {
  it("gives sound-alikes a shared key", () => {
    expect(Keys.phonetic("NIKKO")).toEqual(Keys.phonetic("NIKO"));
    expect(Keys.phonetic("نور")).toEqual(["NR"]);
    expect(Keys.phonetic("NOOR")).toEqual(["NR"]);
    expect(Keys.phonetic("Schmidt")).toEqual(["XMT", "SMT"]);
  });

  it("leaves out the article assimilated to a sun letter (ash shams, an nour), not English words", () => {
    expect(Keys.skeleton("ASH SHAMS")).toBe(Keys.skeleton("الشمس"));
    expect(Keys.skeleton("AN NOUR")).toBe("nr");
    expect(Keys.skeleton("AN APPLE")).toBe(`${Keys.skeleton("AN")} ${Keys.skeleton("APPLE")}`);
  });

  it("leaves out the Arabic article", () => {
    expect(Keys.phonetic("الواحة")).toEqual(Keys.phonetic("AL WAHA"));
    expect(Keys.phonetic("AL")).toEqual([]);
  });
});

describe("Keys.latin", () => {
  it("romanises Arabic and Cyrillic words", () => {
    expect(Keys.latin("نور")).toBe("nur");
    expect(Keys.latin("الواحة")).toBe("al waha");
    expect(Keys.latin("Щастие Хан")).toBe("shtastie han");
  });
});

describe("Keys are total", () => {
  const all = (text: string) => {
    const doc = Keys.forDocument(text);
    expect(doc.fold).toBe(Keys.fold(text));
    expect(doc.words).toEqual(Keys.words(text));
    expect(doc.phonetic).toEqual(Keys.phonetic(text));
    expect(doc.skeleton).toBe(Keys.skeleton(text));
    expect(doc.compact).toBe(Keys.compact(text));
    expect(doc.latin).toBe(Keys.latin(text));
    return doc;
  };

  it("on any string: binary units, lone surrogates, emoji, mixed scripts", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 80 }),
          fc.string({ unit: "grapheme", maxLength: 40 }),
          fc
            .array(fc.constantFrom("نور", "ال", "NOOR", "Щ", "😀", "\ud800", " ", "-", "ّ", "ـ", "٣", "'"), {
              maxLength: 12,
            })
            .map((parts) => parts.join("")),
        ),
        (text) => {
          const doc = all(text);
          expect(doc.compact.includes(" ")).toBe(false);
          expect(/^[a-z0-9 ]*$/.test(doc.latin)).toBe(true);
          expect(/^[a-z0-9 ]*$/.test(doc.skeleton)).toBe(true);
        },
      ),
    );
  });

  it("fold is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        const once = Keys.fold(text);
        expect(Keys.fold(once)).toBe(once);
        expect(Keys.skeleton(once)).toBe(Keys.skeleton(text));
      }),
    );
  });

  it("on the empty string and on 1 MB of text", () => {
    expect(Keys.forDocument("")).toEqual({ fold: "", words: [], latin: "", phonetic: [], skeleton: "", compact: "" });
    const huge = "نور NOOR Щастие 😀 ".repeat(60_000);
    const started = Date.now();
    const doc = Keys.forDocument(huge);
    expect(doc.phonetic).toContain("NR");
    expect(Keys.forDocument("x".repeat(1_000_000)).compact.length).toBe(1_000_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("skeletonVariants: the skeletons a similar mark may have stored", () => {
  it.each([
    ["xld", ["xld", "hld"]],
    ["kwk", ["kwk", "kfk"]],
    ["hn", ["hn", "xn"]],
    ["lksr", ["lksr", "ksr"]],
    ["nr", ["nr"]],
  ])("%s gives %j", (skeleton, expected) => {
    expect(skeletonVariants(skeleton).sort()).toEqual([...expected].sort());
  });

  it("gives the skeleton itself first and at most 17 forms, however many loose letters", () => {
    const forms = skeletonVariants("xhwf xhwf lxhw");
    expect(forms[0]).toBe("xhwf xhwf lxhw");
    expect(forms.length).toBeLessThanOrEqual(17);
    expect(skeletonVariants("")).toEqual([]);
  });
});
