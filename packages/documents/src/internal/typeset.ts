/**
 * Lines of mixed-direction text on a pdfkit page. The Unicode Bidirectional Algorithm (UAX #9, through bidi-js) gives
 * each character its embedding level for the paragraph's base direction; each wrapped line is reordered for display
 * (rule L2) with mirrored brackets (rule L4), cut into runs of one font and one level, and every run is shaped by
 * fontkit (Arabic joining forms and ligatures from the font's GSUB/GPOS tables, ISO/IEC 14496-22). Each line is
 * marked with its logical text as `/ActualText` (ISO 32000-1, 14.9.4), so copying and text extraction read the
 * characters in the order they were written, whatever the order of glyphs on the page.
 */
import bidiModule, { type Bidi } from "bidi-js";
import type { Face, FontSet, Weight } from "../Fonts.js";

// bidi-js is a UMD file whose types declare an ES default export: Node hands ES modules the factory itself.
const bidiFactory = ((bidiModule as unknown as { default?: () => Bidi }).default ??
  (bidiModule as unknown as () => Bidi)) as () => Bidi;
const bidi = bidiFactory();

export type Direction = "ltr" | "rtl";
export type Align = "start" | "end" | "center";

export interface Style {
  readonly size: number;
  readonly weight: Weight;
}

/** A paragraph ready for wrapping: its text and each character's embedding level. */
export interface Prepared {
  readonly text: string;
  readonly levels: Uint8Array;
  readonly bidi: ReturnType<typeof bidi.getEmbeddingLevels>;
  readonly direction: Direction;
}

/** One wrapped line: the characters `start` to `end` (inclusive) of a prepared paragraph. */
export interface Line {
  readonly start: number;
  readonly end: number;
}

// Bidi formatting characters and other invisibles that take part in the algorithm but print nothing.
const invisible = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u00ad\ufeff]/;
const arabicScript = /\p{Script=Arabic}/u;
// Right-to-left scripts (Hebrew to N'Ko, Syriac, Thaana, Arabic presentation forms) and the controls that open a
// right-to-left level (RLM, RLE, RLO, RLI).
const rightToLeft = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]/;
// Characters the Arabic font should print even though they are common to several scripts (Arabic comma, semicolon,
// question mark, tatweel, joiners).
const arabicCommon = /[\u060c\u061b\u061f\u0640\u200c\u200d]/;

/**
 * Cleans text for printing: line ends become spaces (a paragraph is one string), other control characters become
 * `?`, and a character outside the Basic Multilingual Plane (emoji: no shipped font has them) becomes U+FFFD, which
 * prints as `?` and counts as missing.
 */
export const clean = (text: string): string =>
  text
    .replace(/\r\n|[\r\n\t\u2028\u2029]/g, " ")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "?")
    .replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g, "\ufffd");

/** The text as it reads, without the invisible bidi controls (for `/ActualText` and tests). */
export const logical = (text: string): string => text.replace(new RegExp(invisible.source, "g"), "");

interface Run {
  readonly text: string;
  readonly face: Face;
  readonly width: number;
  readonly glyphs: boolean;
  /** The run's characters as written (logical order, not mirrored). */
  readonly logical: string;
  readonly rtl: boolean;
}

const num = (n: number) => (Math.round(n * 1000) / 1000).toString();

/** A PDF text string: UTF-16BE with a byte order mark, in hex. */
const pdfText = (text: string): string => {
  if (text === "") return "()";
  let hex = "FEFF";
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, "0").toUpperCase();
  return `<${hex}>`;
};

/** The parts of pdfkit's document and embedded font used to write glyphs one by one (stable since pdfkit 0.12). */
interface PdfkitInternals {
  readonly _font: {
    readonly id: string;
    ref(): unknown;
    layout(text: string): {
      glyphs: ReadonlyArray<{ readonly codePoints: ReadonlyArray<number> }>;
      positions: ReadonlyArray<{ xAdvance: number; xOffset: number; yOffset: number }>;
    };
    encode(text: string): [ReadonlyArray<string>, unknown];
  };
  readonly page: { readonly height: number; readonly fonts: Record<string, unknown> };
  addContent(data: string): void;
}

const combining = /\p{M}/u;

/**
 * The characters each glyph of a shaped run stands for. fontkit keeps no glyph-to-character map (its glyph objects
 * are cached per glyph id, with the characters of their first use), so the map is rebuilt in logical order: a glyph
 * stands for the next character, a ligature for as many characters as it joins, combining marks go with the letter
 * they follow, and a zero-width glyph (a mark, or a part the font split off a letter such as the dots of a dotless
 * form) stands for nothing. Characters left over (a font doing something else) go to the last glyph, so no text is ever lost.
 */
export const actualTexts = (
  run: Pick<Run, "logical" | "rtl">,
  glyphs: ReadonlyArray<{ readonly codePoints: ReadonlyArray<number> }>,
  positions: ReadonlyArray<{ readonly xAdvance: number }>,
): string[] => {
  const chars = [...run.logical];
  const out: string[] = new Array(glyphs.length).fill("");
  const order = glyphs.map((_, i) => i);
  if (run.rtl) order.reverse();
  let next = 0;
  let last = -1;
  for (const i of order) {
    const glyph = glyphs[i];
    if (glyph === undefined) continue;
    if (next >= chars.length || (positions[i]?.xAdvance ?? 0) === 0) continue;
    const take = Math.max(1, Math.min(glyph.codePoints.length, chars.length - next));
    let text = chars.slice(next, next + take).join("");
    next += take;
    // Combining marks (harakat) ride with their letter: extraction places them by position, which a mark shares.
    while (next < chars.length && combining.test(chars[next] as string)) text += chars[next++] as string;
    out[i] = text;
    last = i;
  }
  if (next < chars.length) {
    const target = last >= 0 ? last : (order[0] ?? 0);
    out[target] = (out[target] ?? "") + chars.slice(next).join("");
  }
  return out;
};

export interface Doc {
  font(name: string): this;
  fontSize(size: number): this;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options: object): this;
  markContent(tag: string, options: object): this;
  endMarkedContent(): this;
  registerFont(name: string, src: Buffer): this;
}

export class Typesetter {
  readonly doc: Doc;
  readonly fonts: FontSet;
  /** Characters no font had a glyph for (printed as `?`). */
  missing = 0;
  private readonly pick = new Map<number, number>();

  constructor(doc: Doc, fonts: FontSet) {
    this.doc = doc;
    this.fonts = fonts;
    const faces = [fonts.arabic, ...fonts.others];
    for (const f of faces) {
      doc.registerFont(f.regular.name, f.regular.bytes);
      doc.registerFont(f.bold.name, f.bold.bytes);
    }
  }

  /** Index of the face set for a character: 0 the Arabic font, 1… the others in order, -1 none. */
  private faceIndex(ch: string): number {
    const code = ch.charCodeAt(0);
    const known = this.pick.get(code);
    if (known !== undefined) return known;
    let index = -1;
    if (code === 0xfffd) index = -1;
    else if ((arabicScript.test(ch) || arabicCommon.test(ch)) && this.fonts.arabic.regular.covers(code)) index = 0;
    else {
      const other = this.fonts.others.findIndex((f) => f.regular.covers(code));
      if (other >= 0) index = other + 1;
      else if (this.fonts.arabic.regular.covers(code)) index = 0;
    }
    this.pick.set(code, index);
    return index;
  }

  private face(index: number, weight: Weight): Face {
    const set = index <= 0 ? (index === 0 ? this.fonts.arabic : this.fonts.others[0]) : this.fonts.others[index - 1];
    return (set ?? this.fonts.arabic)[weight];
  }

  /** Runs the bidi algorithm over one paragraph with the given base direction. */
  prepare(raw: string, direction: Direction): Prepared {
    const text = clean(raw);
    // Left-to-right text with nothing of a right-to-left script or control stays in order at level 0 (rules W7, L2):
    // the algorithm's result is known without running it (most cells of a Latin invoice).
    if (direction === "ltr" && !rightToLeft.test(text)) {
      const levels = new Uint8Array(text.length);
      return {
        text,
        levels,
        bidi: { levels, paragraphs: [{ start: 0, end: text.length - 1, level: 0 }] },
        direction,
      };
    }
    const result = bidi.getEmbeddingLevels(text, direction);
    return { text, levels: result.levels, bidi: result, direction };
  }

  private width(text: string, face: Face, size: number): number {
    return this.doc.font(face.name).fontSize(size).widthOfString(text);
  }

  /** Width of the characters `start`..`end` (inclusive), measured in logical runs of one font (shaped). */
  measure(p: Prepared, start: number, end: number, style: Style): number {
    let total = 0;
    let run = "";
    let runFace = -2;
    for (let i = start; i <= end; i++) {
      const ch = p.text[i] as string;
      if (invisible.test(ch)) continue;
      const index = this.faceIndex(ch);
      if (index !== runFace && run !== "") {
        total += this.width(run, this.face(runFace, style.weight), style.size);
        run = "";
      }
      runFace = index;
      run += index < 0 ? "?" : ch;
    }
    if (run !== "") total += this.width(run, this.face(runFace, style.weight), style.size);
    return total;
  }

  private readonly widths = new Map<string, number>();

  /** Width of the characters `start`..`end`, remembered by text and style (words repeat across a batch). */
  private measureCached(p: Prepared, start: number, end: number, style: Style): number {
    const key = `${style.weight}|${style.size}|${p.text.slice(start, end + 1)}`;
    const known = this.widths.get(key);
    if (known !== undefined) return known;
    const width = this.measure(p, start, end, style);
    if (this.widths.size > 50_000) this.widths.clear();
    this.widths.set(key, width);
    return width;
  }

  /**
   * Greedy line breaking at spaces (UAX #14's simplest opportunity). Words are measured one by one (shaping never
   * joins across a space); a word longer than the line is cut where it overflows. Spaces at a break belong to neither
   * line.
   */
  wrap(p: Prepared, style: Style, maxWidth: number): Line[] {
    const n = p.text.length;
    if (n === 0) return [{ start: 0, end: -1 }];
    const lines: Line[] = [];
    const spaceWidth = this.measure({ ...p, text: " " }, 0, 0, style);
    let lineStart = 0;
    let lineEnd = -1; // last character of the last word on the line, -1 while it has none
    let lineWidth = 0;
    let i = 0;
    while (i < n) {
      if (p.text[i] === " ") {
        i++;
        continue;
      }
      let j = i;
      while (j < n && p.text[j] !== " ") j++;
      // A word of more than 400 characters overflows any page at a readable size: no need to shape it whole.
      let width = j - i > 400 ? Number.POSITIVE_INFINITY : this.measureCached(p, i, j - 1, style);
      const gap = lineEnd >= 0 ? (i - lineEnd - 1) * spaceWidth : 0;
      if (lineEnd >= 0 && lineWidth + gap + width > maxWidth) {
        lines.push({ start: lineStart, end: lineEnd });
        lineStart = i;
        lineEnd = -1;
        lineWidth = 0;
      }
      let wordStart = i;
      while (width > maxWidth && lineEnd < 0) {
        // Cut the word: the longest prefix that fits (at least one character), found by halving.
        let lo = wordStart;
        let hi = Math.min(j - 1, wordStart + 400);
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (this.measure(p, wordStart, mid, style) <= maxWidth) lo = mid;
          else hi = mid - 1;
        }
        lines.push({ start: lineStart, end: lo });
        wordStart = lo + 1;
        lineStart = wordStart;
        if (wordStart >= j) break;
        width = j - wordStart > 400 ? Number.POSITIVE_INFINITY : this.measure(p, wordStart, j - 1, style);
      }
      if (wordStart < j) {
        lineWidth += (lineEnd >= 0 ? (wordStart - lineEnd - 1) * spaceWidth : 0) + width;
        lineEnd = j - 1;
      }
      i = j;
    }
    if (lineEnd >= 0) lines.push({ start: lineStart, end: lineEnd });
    return lines.length === 0 ? [{ start: 0, end: -1 }] : lines;
  }

  /** The runs of a line in display order: text as pdfkit must receive it, its face and width. */
  private runs(p: Prepared, line: Line, style: Style): Run[] {
    if (line.end < line.start) return [];
    const order: number[] = [];
    for (let i = line.start; i <= line.end; i++) order.push(i);
    for (const [a = 0, b = 0] of bidi.getReorderSegments(p.text, p.bidi, line.start, line.end)) {
      const lo = a - line.start;
      const hi = b - line.start;
      const part = order.slice(lo, hi + 1).reverse();
      order.splice(lo, part.length, ...part);
    }
    const mirrored = bidi.getMirroredCharactersMap(p.text, p.levels, line.start, line.end);
    const out: Run[] = [];
    let visual = "";
    let written = "";
    let runFace = -2;
    let runLevel = -1;
    const flush = () => {
      if (visual === "") return;
      const face = this.face(runFace, style.weight);
      // fontkit shapes a string containing Arabic script right to left and reverses its glyphs itself: such a run is
      // handed over in logical order (its visual characters reversed back); every other run in display order.
      const arabic = arabicScript.test(visual);
      const text = arabic ? [...visual].reverse().join("") : visual;
      // Runs read right to left and Arabic runs go out glyph by glyph with their text (see `glyphs`).
      const rtl = runLevel % 2 === 1;
      out.push({
        text,
        face,
        width: this.width(text, face, style.size),
        glyphs: arabic || rtl,
        logical: rtl ? [...written].reverse().join("") : written,
        rtl,
      });
      visual = "";
      written = "";
    };
    for (const i of order) {
      const ch = p.text[i] as string;
      if (invisible.test(ch)) continue;
      const index = this.faceIndex(ch);
      const level = p.levels[i] ?? 0;
      if (index !== runFace || level !== runLevel) {
        flush();
        runFace = index;
        runLevel = level;
      }
      if (index < 0) this.missing += 1;
      visual += index < 0 ? "?" : (mirrored.get(i) ?? ch);
      written += index < 0 ? "?" : ch;
    }
    flush();
    return out;
  }

  /**
   * Draws one line in the box from `x` to `x + width`, its alphabetic baseline at `baseline`. `start` alignment is
   * the left edge for a left-to-right paragraph and the right edge for a right-to-left one.
   */
  draw(p: Prepared, line: Line, x: number, baseline: number, width: number, style: Style, align: Align, lang?: string) {
    const runs = this.runs(p, line, style);
    if (runs.length === 0) return;
    const total = runs.reduce((sum, r) => sum + r.width, 0);
    const leftAligned = (align === "start") === (p.direction === "ltr");
    let cursor = align === "center" ? x + (width - total) / 2 : leftAligned ? x : x + width - total;
    for (const run of runs) {
      if (run.glyphs) this.glyphs(run, style.size, cursor, baseline);
      else
        this.doc
          .font(run.face.name)
          .fontSize(style.size)
          .text(run.text, cursor, baseline, { lineBreak: false, baseline: "alphabetic" });
      cursor += run.width;
    }
    void lang;
  }

  /**
   * Writes a shaped run glyph by glyph, each glyph marked with the characters it stands for as `/ActualText`
   * (ISO 32000-1, 14.9.4): the font's own character map cannot say it, since Arabic fonts share one glyph between
   * letters (a dotless medial form, its dots a separate mark) and a ligature stands for several letters. A mark added
   * by shaping stands for nothing (empty text). Brackets mirrored for display read as written.
   */
  private glyphs(run: Run, size: number, x: number, baseline: number) {
    const doc = this.doc.font(run.face.name).fontSize(size) as unknown as PdfkitInternals;
    const font = doc._font;
    const { glyphs, positions } = font.layout(run.text);
    const [encoded] = font.encode(run.text);
    const actual = actualTexts(run, glyphs, positions);
    const height = doc.page.height;
    const y = height - baseline;
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
    const scale = size / 1000;
    const out: string[] = ["q", `1 0 0 -1 0 ${num(height)} cm`, "BT", `/${font.id} ${num(size)} Tf`];
    let cx = x;
    for (let i = 0; i < glyphs.length; i++) {
      const pos = positions[i];
      if (pos === undefined) continue;
      out.push(
        `/Span <</ActualText ${pdfText(actual[i] ?? "")}>> BDC`,
        `1 0 0 1 ${num(cx + pos.xOffset * scale)} ${num(y + pos.yOffset * scale)} Tm`,
        `<${encoded[i]}> Tj`,
        "EMC",
      );
      cx += pos.xAdvance * scale;
    }
    out.push("ET", "Q");
    doc.addContent(out.join("\n"));
  }

  /** Width of a whole single-line text (for columns and right alignment). */
  widthOf(text: string, style: Style, direction: Direction = "ltr"): number {
    const p = this.prepare(text, direction);
    return p.text.length === 0 ? 0 : this.measure(p, 0, p.text.length - 1, style);
  }
}
