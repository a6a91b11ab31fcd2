/**
 * The fonts documents embed, installed from the npm registry with the package (SIL Open Font License 1.1):
 * Noto Naskh Arabic for Arabic script and Noto Sans (Latin and Latin Extended subsets) for Latin letters, digits and
 * punctuation. A character takes the first font of the set that has a glyph for it, Arabic script the Arabic font
 * first; a character no font covers prints as `?` and is counted in the render's report.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import * as fontkit from "fontkit";

export type Weight = "regular" | "bold";

/** One face: its bytes (TrueType, OpenType, WOFF or WOFF2) and the code points it has glyphs for. */
export interface Face {
  readonly name: string;
  readonly bytes: Buffer;
  readonly covers: (codePoint: number) => boolean;
}

/** Faces tried in order for each character; `arabic` is tried first for characters of the Arabic script. */
export interface FontSet {
  readonly arabic: Record<Weight, Face>;
  readonly others: ReadonlyArray<Record<Weight, Face>>;
}

const require = createRequire(import.meta.url);

/**
 * A WOFF 1.0 font (W3C Recommendation, 2012) unpacked into the TrueType/OpenType file it wraps; other formats are
 * returned as they are. fontkit reads WOFF too, but inflates a table again on every access: unpacked once, a page of
 * Arabic shapes about ten times faster.
 */
export const unwrapWoff = (bytes: Buffer): Buffer => {
  if (bytes.length < 44 || bytes.toString("latin1", 0, 4) !== "wOFF") return bytes;
  const flavor = bytes.readUInt32BE(4);
  const numTables = bytes.readUInt16BE(12);
  if (44 + numTables * 20 > bytes.length) throw new Error("WOFF table directory past the end of the file");
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = bytes.readUInt32BE(at + 4);
    const compLength = bytes.readUInt32BE(at + 8);
    const origLength = bytes.readUInt32BE(at + 12);
    if (offset + compLength > bytes.length) throw new Error("WOFF table past the end of the file");
    const stored = bytes.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(stored) : stored;
    if (data.length !== origLength) throw new Error("WOFF table of the wrong length");
    return { tag: bytes.readUInt32BE(at), checksum: bytes.readUInt32BE(at + 16), data };
  });
  let power = 1;
  let log = 0;
  while (power * 2 <= numTables) {
    power *= 2;
    log += 1;
  }
  const headerLength = 12 + numTables * 16;
  const total = tables.reduce((sum, t) => sum + ((t.data.length + 3) & ~3), headerLength);
  const out = Buffer.alloc(total);
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(power * 16, 6);
  out.writeUInt16BE(log, 8);
  out.writeUInt16BE(numTables * 16 - power * 16, 10);
  let offset = headerLength;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    out.writeUInt32BE(t.tag, at);
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += (t.data.length + 3) & ~3;
  });
  return out;
};

/** Opens a font from its bytes (TrueType, OpenType, WOFF, WOFF2 or a collection's first font). */
export const face = (name: string, raw: Buffer): Face => {
  const bytes = unwrapWoff(raw);
  const opened = fontkit.create(bytes);
  const font = "fonts" in opened ? opened.fonts[0] : opened;
  if (font === undefined) throw new Error(`${name}: the font collection is empty`);
  const set = new Set(font.characterSet);
  return { name, bytes, covers: (codePoint) => set.has(codePoint) };
};

const packaged = (pkg: string, file: string, name: string): Face =>
  face(name, readFileSync(require.resolve(`${pkg}/files/${file}`)));

let defaults: FontSet | undefined;

/** The fonts shipped with the package (read once per process). */
export const noto = (): FontSet => {
  defaults ??= {
    arabic: {
      regular: packaged("@fontsource/noto-naskh-arabic", "noto-naskh-arabic-arabic-400-normal.woff", "ar-400"),
      bold: packaged("@fontsource/noto-naskh-arabic", "noto-naskh-arabic-arabic-700-normal.woff", "ar-700"),
    },
    others: [
      {
        regular: packaged("@fontsource/noto-sans", "noto-sans-latin-400-normal.woff", "latin-400"),
        bold: packaged("@fontsource/noto-sans", "noto-sans-latin-700-normal.woff", "latin-700"),
      },
      {
        regular: packaged("@fontsource/noto-sans", "noto-sans-latin-ext-400-normal.woff", "latin-ext-400"),
        bold: packaged("@fontsource/noto-sans", "noto-sans-latin-ext-700-normal.woff", "latin-ext-700"),
      },
    ],
  };
  return defaults;
};
