import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Normalize } from "../src/index.js";

describe("Normalize.fold", () => {
  it("folds case and Latin diacritics", () => {
    expect(Normalize.fold("Café CRÈCHE Papier Mâché Straße")).toBe("cafe creche papier mache strasse");
    expect(Normalize.fold("cafe\u0301")).toBe("cafe"); // decomposed input
  });

  it("keeps Cyrillic letters as they are, only lower-cased", () => {
    expect(Normalize.fold("Чай ЁЖИК")).toBe("чай ёжик");
    expect(Normalize.fold("и\u0306")).toBe("й"); // decomposed й composes, keeps its breve
  });

  it("normalises Arabic alef and hamza forms", () => {
    expect(Normalize.fold("أ إ آ ٱ")).toBe("ا ا ا ا");
    expect(Normalize.fold("مؤسسة")).toBe("موسسه");
    expect(Normalize.fold("رئيس")).toBe("رييس");
  });

  it("normalises taa marbuta and alef maqsura", () => {
    expect(Normalize.fold("مدرسة")).toBe("مدرسه");
    expect(Normalize.fold("مستشفى")).toBe("مستشفي");
  });

  it("removes tatweel and harakat, and reads Arabic-Indic digits", () => {
    expect(Normalize.fold("قمـــصان")).toBe("قمصان");
    expect(Normalize.fold("قُمْصَانٌ")).toBe("قمصان");
    expect(Normalize.fold("شدّة")).toBe("شده");
    expect(Normalize.fold("الرحمٰن")).toBe("الرحمن");
    expect(Normalize.fold("٢٥ ۳۵")).toBe("25 35");
  });

  it("normalizeArabic leaves other scripts alone", () => {
    expect(Normalize.normalizeArabic("Café أحذية")).toBe("Café احذيه");
  });

  it("is total and idempotent on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        const once = Normalize.fold(s);
        expect(Normalize.fold(once)).toBe(once);
        expect(Array.isArray(Normalize.tokens(s))).toBe(true);
      }),
    );
  });
});

describe("Normalize.singular", () => {
  it.each([
    ["shirts", "shirt"],
    ["batteries", "battery"],
    ["boxes", "box"],
    ["brushes", "brush"],
    ["glasses", "glass"],
    ["glass", "glass"],
    ["gas", "gas"],
    ["cactus", "cactus"],
    ["analysis", "analysis"],
    ["hats", "hat"],
    ["кафе", "кафе"],
  ])("%s → %s", (plural, singular) => {
    expect(Normalize.singular(plural)).toBe(singular);
  });

  it("gives the same loose key to plural and singular wordings", () => {
    expect(Normalize.looseKey("Shirts, cotton")).toBe(Normalize.looseKey("shirt cotton"));
    expect(Normalize.key("Shirts, cotton")).toBe("shirts cotton");
  });
});
