/**
 * Tests that need tier-2 reference data (files not shipped with the project: the 12th-edition Nice list, the
 * Bulgarian lists, the ST.96 schemas, real records…) ask for them here. Where a file is absent the test is skipped and
 * its name says which file it lacks; in CI (`CI=true`, where the data is always beside the clone) nothing is skipped,
 * so a missing file fails the test instead of hiding it.
 *
 * The folder is `IPO_REFERENCE_DATA` (a relative value resolves from the repository root), else `../shared/data`
 * beside the repository, the same rule the packages and the app follow.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));

/** The reference-data folder (it may not exist). */
export const referenceDataDir: string = (() => {
  const chosen = process.env.IPO_REFERENCE_DATA;
  if (chosen !== undefined && chosen !== "") return isAbsolute(chosen) ? chosen : resolve(repositoryRoot, chosen);
  return resolve(repositoryRoot, "..", "shared", "data");
})();

/** The absolute path of a file (or folder) of the reference data, whether or not it is there. */
export const referenceFile = (relative: string): string => join(referenceDataDir, relative);

const inCi = process.env.CI === "true";

export interface DataNeed {
  /** The files asked for that are absent. */
  readonly missing: ReadonlyArray<string>;
  /** True when the tests needing these files must be skipped (never in CI). */
  readonly skip: boolean;
  /** The test or suite title, followed by what is lacking when it is skipped. */
  title(title: string): string;
}

/**
 * What a test needs from the reference data. Use with vitest:
 * `const ncl12 = needs("nice/ncl12-en-alphabetical-list.csv");`
 * `describe.skipIf(ncl12.skip)(ncl12.title("reads the real English list"), …)`.
 */
export const needs = (...relatives: ReadonlyArray<string>): DataNeed => {
  const missing = relatives.filter((r) => !existsSync(referenceFile(r)));
  const skip = missing.length > 0 && !inCi;
  return {
    missing,
    skip,
    title: (title) =>
      skip
        ? `${title} (skipped: needs ${missing.join(", ")} of the reference data, absent from IPO_REFERENCE_DATA or ../shared/data)`
        : title,
  };
};
