/**
 * What changed between two editions: terms added, removed, moved to another class (same basic number), and removed
 * terms whose wording reappears under another basic number in another class (reclassified), so that records classified
 * under the old edition can be reclassified.
 */
import type { BasicNumber, ClassNumber, Edition, Term } from "./Edition.js";
import { key } from "./Normalize.js";

export interface Moved {
  readonly basicNumber: BasicNumber;
  readonly fromClass: ClassNumber;
  readonly toClass: ClassNumber;
  readonly text: string;
}

export interface Reclassified {
  /** The wording shared by the old and the new term (in the compared language). */
  readonly text: string;
  readonly from: { readonly basicNumber: BasicNumber; readonly classNumber: ClassNumber };
  readonly to: { readonly basicNumber: BasicNumber; readonly classNumber: ClassNumber };
}

export interface TextChanged {
  readonly basicNumber: BasicNumber;
  readonly classNumber: ClassNumber;
  readonly fromText: string;
  readonly toText: string;
}

export interface EditionDiff {
  readonly from: string;
  readonly to: string;
  readonly language: string;
  /** Basic numbers only in `to`. */
  readonly added: ReadonlyArray<Term>;
  /** Basic numbers only in `from`. */
  readonly removed: ReadonlyArray<Term>;
  /** Same basic number, other class. */
  readonly moved: ReadonlyArray<Moved>;
  /** A removed term whose wording is an added term of another class. */
  readonly reclassified: ReadonlyArray<Reclassified>;
  /** Same basic number and class, other wording in `language`. */
  readonly textChanged: ReadonlyArray<TextChanged>;
}

const variantKeys = (text: string): Array<string> =>
  text
    .split(" / ")
    .map(key)
    .filter((k) => k.length > 0);

/** Compares two editions (texts compared in `language`, default English). Lists are sorted by basic number. */
export const diff = (from: Edition, to: Edition, language = "en"): EditionDiff => {
  const byNumber = (a: Term, b: Term) => (a.basicNumber < b.basicNumber ? -1 : a.basicNumber > b.basicNumber ? 1 : 0);
  const added = to.terms.filter((t) => !from.termsByNumber.has(t.basicNumber)).sort(byNumber);
  const removed = from.terms.filter((t) => !to.termsByNumber.has(t.basicNumber)).sort(byNumber);
  const moved: Array<Moved> = [];
  const textChanged: Array<TextChanged> = [];
  for (const t of [...from.terms].sort(byNumber)) {
    const next = to.termsByNumber.get(t.basicNumber);
    if (next === undefined) continue;
    if (next.classNumber !== t.classNumber)
      moved.push({
        basicNumber: t.basicNumber,
        fromClass: t.classNumber,
        toClass: next.classNumber,
        text: next.texts[language] ?? t.texts[language] ?? "",
      });
    else {
      const a = t.texts[language];
      const b = next.texts[language];
      if (a !== undefined && b !== undefined && variantKeys(a).join("|") !== variantKeys(b).join("|"))
        textChanged.push({ basicNumber: t.basicNumber, classNumber: t.classNumber, fromText: a, toText: b });
    }
  }
  const addedByKey = new Map<string, Term>();
  for (const t of added) for (const k of variantKeys(t.texts[language] ?? "")) addedByKey.set(k, t);
  const reclassified: Array<Reclassified> = [];
  for (const t of removed) {
    const text = t.texts[language];
    if (text === undefined) continue;
    for (const [i, k] of variantKeys(text).entries()) {
      const target = addedByKey.get(k);
      if (target !== undefined && target.classNumber !== t.classNumber) {
        reclassified.push({
          text: text.split(" / ")[i]?.trim() ?? text,
          from: { basicNumber: t.basicNumber, classNumber: t.classNumber },
          to: { basicNumber: target.basicNumber, classNumber: target.classNumber },
        });
        break;
      }
    }
  }
  return { from: from.id, to: to.id, language, added, removed, moved, reclassified, textChanged };
};

/** Where a term of the old edition goes in the new one. */
export type Reclassification =
  | { readonly kind: "unchanged"; readonly basicNumber: BasicNumber; readonly classNumber: ClassNumber }
  | { readonly kind: "moved"; readonly basicNumber: BasicNumber; readonly classNumber: ClassNumber }
  | { readonly kind: "reclassified"; readonly basicNumber: BasicNumber; readonly classNumber: ClassNumber }
  | { readonly kind: "removed" }
  | { readonly kind: "unknown" };

/** Looks up what became of an old basic number, using a diff and the new edition. */
export const reclassify = (d: EditionDiff, to: Edition, basicNumber: string): Reclassification => {
  const now = to.termsByNumber.get(basicNumber);
  if (now !== undefined) {
    const m = d.moved.find((x) => x.basicNumber === basicNumber);
    return {
      kind: m === undefined ? "unchanged" : "moved",
      basicNumber: now.basicNumber,
      classNumber: now.classNumber,
    };
  }
  const r = d.reclassified.find((x) => x.from.basicNumber === basicNumber);
  if (r !== undefined) return { kind: "reclassified", basicNumber: r.to.basicNumber, classNumber: r.to.classNumber };
  return d.removed.some((x) => x.basicNumber === basicNumber) ? { kind: "removed" } : { kind: "unknown" };
};
