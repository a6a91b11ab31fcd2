/**
 * Normalised forms of the codes a right carries, shared by indexing and querying so both sides agree: numbers
 * (letters and digits only, upper case), IPC symbols with every hierarchy prefix, Vienna codes and Locarno classes
 * with their parents, and an ASCII code of Arabic letters for trigram indexes that must work in any `LC_CTYPE`.
 */

import { Result } from "effect";
import * as Numbers from "../Numbers.js";

/** Letters and digits only, upper case: the form a number falls back to when `Numbers.normalise` cannot read it. */
export const numberForm = (text: string): string =>
  text
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "");

/**
 * The keys under which a number of a kind is stored and looked up: `kind:canonical` (`Numbers.normalise`), and
 * `kind:~RAW` (letters and digits only) so a number in a form `normalise` does not read is still found as written.
 */
export const numberKeys = (kind: Numbers.NumberKind, text: string | undefined): ReadonlyArray<string> => {
  if (text === undefined) return [];
  const keys: string[] = [];
  const canonical = Numbers.normalise(kind, text);
  if (Result.isSuccess(canonical)) keys.push(`${kind}:${canonical.success}`);
  const raw = numberForm(text);
  if (raw !== "") keys.push(`${kind}:~${raw}`);
  return keys;
};

const ipcPattern = /^([A-H])(?:(\d{2})(?:([A-Z])(?:(\d{1,4})(?:\/(\d{1,6}))?)?)?)?$/;

/**
 * An IPC symbol and its ancestors, shortest first: "A61K 31/00" → A, A61, A61K, A61K31, A61K31/00 (section, class,
 * subclass, main group, group; WIPO IPC Guide, §§ 12–27). Leading zeros of the group number are dropped.
 * Returns an empty list when the text is not an IPC symbol.
 */
export const ipcPath = (symbol: string): ReadonlyArray<string> => {
  const compact = symbol.normalize("NFKC").toUpperCase().replace(/\s+/g, "");
  const m = ipcPattern.exec(compact);
  if (!m) return [];
  const [, section, klass, subclass, group, subgroup] = m;
  const path = [section as string];
  if (klass) path.push(`${section}${klass}`);
  if (klass && subclass) path.push(`${section}${klass}${subclass}`);
  if (klass && subclass && group) {
    const main = `${section}${klass}${subclass}${Number(group)}`;
    path.push(main);
    if (subgroup) path.push(`${main}/${subgroup.length === 1 ? `${subgroup}0` : subgroup}`);
  }
  return path;
};

/** A Vienna code and its category and division: "26.4.1" → 26, 26.04, 26.04.01 (Vienna Agreement, art. 3). */
export const viennaPath = (code: string): ReadonlyArray<string> => {
  const parts = code
    .trim()
    .split(/[.\s]+/)
    .filter((p) => p !== "");
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => !/^\d{1,2}$/.test(p))) return [];
  const padded = parts.map((p) => p.padStart(2, "0"));
  return padded.map((_, i) => padded.slice(0, i + 1).join("."));
};

/** A Locarno class or subclass and its class: "6-1" → 06, 06-01 (Locarno Agreement, art. 1). */
export const locarnoPath = (code: string): ReadonlyArray<string> => {
  const parts = code
    .trim()
    .split(/[-.\s/]+/)
    .filter((p) => p !== "");
  if (parts.length === 0 || parts.length > 2 || parts.some((p) => !/^\d{1,2}$/.test(p))) return [];
  const padded = parts.map((p) => p.padStart(2, "0"));
  return padded.map((_, i) => padded.slice(0, i + 1).join("-"));
};

/**
 * One ASCII character per Arabic letter (after folding), so the exact Arabic spelling can be compared by pg_trgm in a
 * database whose `LC_CTYPE` is `C`, where pg_trgm drops every non-ASCII letter. The digits follow the Arabic chat
 * alphabet where it has a custom (2 ء, 3 ع, 5 خ, 6 ط, 7 ح, 8 ق, 9 ص). Other characters become spaces.
 */
const arabicLetters: ReadonlyArray<readonly [string, string]> = [
  ["ا", "a"],
  ["أ", "a"],
  ["إ", "a"],
  ["آ", "a"],
  ["ٱ", "a"],
  ["ب", "b"],
  ["ت", "t"],
  ["ث", "v"],
  ["ج", "j"],
  ["ح", "7"],
  ["خ", "5"],
  ["د", "d"],
  ["ذ", "4"],
  ["ر", "r"],
  ["ز", "z"],
  ["س", "s"],
  ["ش", "c"],
  ["ص", "9"],
  ["ض", "0"],
  ["ط", "6"],
  ["ظ", "1"],
  ["ع", "3"],
  ["غ", "g"],
  ["ف", "f"],
  ["ق", "8"],
  ["ك", "k"],
  ["ل", "l"],
  ["م", "m"],
  ["ن", "n"],
  ["ه", "h"],
  ["ة", "h"],
  ["و", "w"],
  ["ؤ", "w"],
  ["ي", "y"],
  ["ى", "y"],
  ["ئ", "y"],
  ["ء", "2"],
  ["پ", "p"],
  ["چ", "x"],
  ["ژ", "e"],
  ["ڤ", "u"],
  ["گ", "q"],
  ["ک", "k"],
  ["ی", "y"],
];
const arabicMap = new Map(arabicLetters);

/** The ASCII code of the Arabic letters of a text; empty when it has none. */
export const arabicCode = (text: string): string => {
  let out = "";
  let any = false;
  for (const ch of text) {
    const code = arabicMap.get(ch);
    if (code !== undefined) {
      out += code;
      any = true;
    } else if (/[\u064B-\u065F\u0670\u0640]/.test(ch)) {
      // harakat, superscript alef and tatweel carry no letter
    } else out += " ";
  }
  return any ? out.replace(/\s+/g, " ").trim() : "";
};
