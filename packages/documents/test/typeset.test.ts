import { describe, expect, it } from "vitest";
import { actualTexts } from "../src/internal/typeset.js";

const g = (...codePoints: number[]) => ({ codePoints });
const adv = (...xs: number[]) => xs.map((xAdvance) => ({ xAdvance }));

describe("the characters each glyph stands for (ISO 32000-1, 14.9.4 ActualText)", () => {
  it("a right-to-left run: glyphs in display order map to the characters read from the right", () => {
    // "بت" shaped: [teh.fina, beh.init] on the page, left to right
    expect(actualTexts({ logical: "بت", rtl: true }, [g(0x62a), g(0x628)], adv(300, 250))).toEqual(["ت", "ب"]);
  });

  it("a dotless form with its dots as a zero-width mark: the letter on the form, nothing on the dots", () => {
    // "يت": yeh.init split into dotless + two dots below (cached code points of another letter do not matter)
    const out = actualTexts({ logical: "يت", rtl: true }, [g(0x62a), g(0x62a), g()], adv(300, 250, 0));
    expect(out).toEqual(["ت", "ي", ""]);
  });

  it("a ligature stands for all the letters it joins (lam-alef)", () => {
    expect(actualTexts({ logical: "لا", rtl: true }, [g(0x644, 0x627)], adv(400))).toEqual(["لا"]);
  });

  it("harakat go with their letter", () => {
    expect(actualTexts({ logical: "مُ", rtl: true }, [g(0x64f), g(0x645)], adv(0, 400))).toEqual(["", "مُ"]);
  });

  it("characters left over go to the last glyph: no text is lost", () => {
    expect(actualTexts({ logical: "abc", rtl: false }, [g(0x61)], adv(500))).toEqual(["abc"]);
  });
});
