/**
 * Writes the compact edition format that `Import.parseCompactEdition` reads: the form in which this package ships the
 * CC0 Nice 10-2015 list (`data/ncl10-2015-en.json`, decision 0007). Used by the maintainers' generator
 * (`scripts/generate.ts`) and by the test that checks the shipped file is what the generator makes of the original.
 *
 * The layout is `JSON.stringify(…, null, 2)` of objects, strings and numbers only (no arrays), which is also how the
 * project's formatter writes it: the file passes the lint unchanged, and a change to the list is a readable diff,
 * one term per line.
 */
import type { Ncl10 } from "../Import.js";
import { COMPACT_FORMAT } from "../Import.js";

export interface CompactSource {
  /** What the file gives the edition. */
  readonly content: string;
  /** The original file, relative to the reference-data folder. */
  readonly file: string;
  /** Repository and commit the original comes from. */
  readonly origin: string;
  readonly licence: string;
  /** SHA-256 of the original file, hex. */
  readonly sha256: string;
}

export interface CompactEditionOptions {
  readonly id: string;
  readonly label: string;
  readonly language: string;
  readonly notice: string;
  readonly source: CompactSource;
}

/** The text of the compact file for an edition read from the `ncl10-2015-en.json` shape. */
export const compactEditionText = (parsed: Ncl10, options: CompactEditionOptions): string => {
  const classes: Record<string, { heading?: string; terms: Record<string, string> }> = {};
  for (const c of [...parsed.classes].sort((a, b) => a.number - b.number)) {
    const heading = c.headings[options.language];
    classes[String(c.number)] = { ...(heading === undefined ? {} : { heading }), terms: {} };
  }
  const terms = [...parsed.terms].sort((a, b) => (a.basicNumber < b.basicNumber ? -1 : 1));
  for (const t of terms) {
    const text = t.texts[options.language];
    if (text === undefined) continue;
    classes[String(t.classNumber)] ??= { terms: {} };
    (classes[String(t.classNumber)] as { terms: Record<string, string> }).terms[t.basicNumber] = text;
  }
  const file = {
    format: COMPACT_FORMAT,
    notice: options.notice,
    id: options.id,
    label: options.label,
    language: options.language,
    source: options.source,
    counts: { classes: parsed.classes.length, terms: terms.length },
    classes,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
};
