/**
 * Editions for the tests. The shipped 10-2015 edition is always there, so search, validation, translation and
 * diff are tested on it on a bare clone; the 12th-edition list and the Bulgarian lists are tier-2 reference data, and
 * the tests of those files ask for them through `need` (skipped where absent, naming the file; never in CI).
 */
import { fileURLToPath } from "node:url";
import type { Edition } from "../src/index.js";
import { TermIndex } from "../src/index.js";
import { addLanguageFromCsv, loadEdition, loadShippedEdition, referenceFiles } from "../src/node.js";
import { needs, referenceDataDir, referenceFile } from "../../../test-support/reference-data.js";

/** The reference-data folder (it may not exist). */
export const dataDir = referenceDataDir;
export { referenceFile };
export const arabicFixture = fileURLToPath(new URL("./fixtures/ar-class-25-35.csv", import.meta.url));

/** What the tests of tier-2 files need. */
export const need = {
  ncl12: needs(referenceFiles.ncl12En.file),
  ncl12AndBg: needs(referenceFiles.ncl12En.file, referenceFiles.bg.file),
  bg: needs(referenceFiles.bg.file),
  ncl10Original: needs(referenceFiles.ncl10.file),
  ncl13: needs(referenceFiles.ncl13Headings.file),
  allNice: needs(referenceFiles.ncl12En.file, referenceFiles.bg.file, referenceFiles.ncl13Headings.file),
};

const cache = new Map<string, Edition.Edition>();
const cached = (key: string, make: () => Edition.Edition): Edition.Edition => {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const made = make();
  cache.set(key, made);
  return made;
};

/** The shipped edition, 10-2015 (English, CC0). */
export const shipped = (): Edition.Edition => loadShippedEdition();

/** An edition read from the reference-data folder (only in tests that `need` its files). */
export const edition = (id: "12" | "13-2026"): Edition.Edition =>
  cached(id, () => {
    const r = loadEdition(id, { dataDir });
    if (r._tag === "Failure") throw new Error(r.failure.message);
    return r.success.edition;
  });

const withArabic = (e: Edition.Edition): Edition.Edition => {
  const r = addLanguageFromCsv(e, arabicFixture);
  if (r._tag === "Failure") throw new Error(r.failure.message);
  if (r.success.unknown.length > 0)
    throw new Error(`unknown basic numbers in the fixture: ${r.success.unknown.length}`);
  return r.success.edition;
};

/** The shipped edition with the Arabic fixture added as language `ar`. */
export const shippedWithArabic = (): Edition.Edition => cached("10-2015+ar", () => withArabic(shipped()));

/** Edition 12 (English list and Bulgarian lists) with the Arabic fixture. */
export const edition12WithArabic = (): Edition.Edition => cached("12+ar", () => withArabic(edition("12")));

const indexes = new Map<string, TermIndex.TermIndex>();
/** The index of the shipped edition with the Arabic fixture. */
export const index = (): TermIndex.TermIndex => {
  let ix = indexes.get("10-2015+ar");
  if (ix === undefined) {
    ix = TermIndex.make(shippedWithArabic());
    indexes.set("10-2015+ar", ix);
  }
  return ix;
};

/** The index of edition 12 (English, Bulgarian, Arabic fixture). */
export const index12 = (): TermIndex.TermIndex => {
  let ix = indexes.get("12+ar");
  if (ix === undefined) {
    ix = TermIndex.make(edition12WithArabic());
    indexes.set("12+ar", ix);
  }
  return ix;
};
