import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { Fonts } from "../src/node.js";

const require = createRequire(import.meta.url);
const woff = readFileSync(
  require.resolve("@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff"),
);

describe("the shipped fonts", () => {
  it("a WOFF 1.0 file unpacks into the font it wraps: same glyphs, same shaping (W3C WOFF 1.0, 2012)", () => {
    const sfnt = Fonts.unwrapWoff(woff);
    expect(sfnt.readUInt32BE(0)).toBe(0x00010000); // TrueType outlines
    const a = fontkit.create(woff) as fontkit.Font;
    const b = fontkit.create(sfnt) as fontkit.Font;
    expect(b.numGlyphs).toBe(a.numGlyphs);
    const text = "شهادة تسجيل لا";
    expect(b.layout(text).glyphs.map((g) => g.id)).toEqual(a.layout(text).glyphs.map((g) => g.id));
  });

  it("a file that is not WOFF is returned as it is; a truncated WOFF is refused with a message", () => {
    const other = Buffer.from("OTTO0000");
    expect(Fonts.unwrapWoff(other)).toBe(other);
    expect(() => Fonts.unwrapWoff(woff.subarray(0, 100))).toThrow(/past the end/);
  });

  it("the set covers Arabic letters, Arabic-Indic digits, Latin, French accents and the euro sign", () => {
    const set = Fonts.noto();
    for (const ch of "بة٣،") expect(set.arabic.regular.covers(ch.codePointAt(0) ?? 0)).toBe(true);
    for (const ch of "Aé€ŒÇ") expect(set.others.some((f) => f.regular.covers(ch.codePointAt(0) ?? 0))).toBe(true);
  });
});
