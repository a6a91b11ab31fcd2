import { fileURLToPath } from "node:url";
import type { Edition } from "../src/index.js";
import { TermIndex } from "../src/index.js";
import { addLanguageFromCsv, loadEdition } from "../src/node.js";

/** The reference data, read in place (../shared/data from the repository root). */
export const dataDir = fileURLToPath(new URL("../../../../shared/data/", import.meta.url));
export const arabicFixture = fileURLToPath(new URL("./fixtures/ar-class-25-35.csv", import.meta.url));

const cache = new Map<string, Edition.Edition>();

/** An edition read from the source files (not the artifacts), cached per test file. */
export const edition = (id: "12" | "10-2015" | "13-2026"): Edition.Edition => {
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const r = loadEdition(id, { dataDir, ignoreArtifacts: true });
  if (r._tag === "Failure") throw new Error(r.failure.message);
  cache.set(id, r.success.edition);
  return r.success.edition;
};

/** Edition 12 with the Arabic fixture added as language `ar`. */
export const edition12WithArabic = (): Edition.Edition => {
  const hit = cache.get("12+ar");
  if (hit !== undefined) return hit;
  const r = addLanguageFromCsv(edition("12"), arabicFixture);
  if (r._tag === "Failure") throw new Error(r.failure.message);
  if (r.success.unknown.length > 0)
    throw new Error(`unknown basic numbers in the fixture: ${r.success.unknown.length}`);
  cache.set("12+ar", r.success.edition);
  return r.success.edition;
};

let index12: TermIndex.TermIndex | undefined;
/** The index of edition 12 (English, Bulgarian, Arabic fixture). */
export const index = (): TermIndex.TermIndex => {
  index12 ??= TermIndex.make(edition12WithArabic());
  return index12;
};
