import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Text } from "../src/index.js";

describe("Text.fold", () => {
  it("folds case and Latin diacritics, decomposed or composed", () => {
    expect(Text.fold("Café CRÈCHE Straße Œuvre")).toBe("cafe creche strasse oeuvre");
    expect(Text.fold("cafe\u0301")).toBe("cafe");
  });

  it("keeps Cyrillic letters, only lower-cased", () => {
    expect(Text.fold("ЁЖИК Й")).toBe("ёжик й");
  });

  it("unifies Arabic letter forms and drops harakat and tatweel", () => {
    expect(Text.fold("أإآٱ")).toBe("اااا");
    expect(Text.fold("واحة")).toBe("واحه");
    expect(Text.fold("مستشفى")).toBe("مستشفي");
    expect(Text.fold("نُـــور")).toBe("نور");
  });

  it("reads Arabic-Indic and Eastern Arabic-Indic digits", () => {
    expect(Text.fold("٢٠٢٤/۱۲۳")).toBe("2024/123");
  });

  it("is total and idempotent on any string, lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => {
        const once = Text.fold(s);
        expect(Text.fold(once)).toBe(once);
        expect(Text.words(s).every((w) => w.length > 0)).toBe(true);
      }),
    );
    expect(Text.fold("\ud800x\udfff")).toBe("\ud800x\udfff");
  });
});

describe("Text.words and Text.key", () => {
  it("splits on anything that is not a letter or a digit", () => {
    expect(Text.words("  Café, NOUR-2  ")).toEqual(["cafe", "nour", "2"]);
    expect(Text.key("Al-Waha  (Oasis)")).toBe("al waha oasis");
    expect(Text.split("")).toEqual([]);
  });
});
