/**
 * Tests that need tier-2 reference data (files not shipped with the project: the 12th-edition Nice list, the
 * Bulgarian lists, the ST.96 schemas, real records…) ask for them here. Where a file is absent the test is skipped and
 * its name says which file it lacks; in CI (`CI=true`, where the data is always beside the clone) nothing is skipped,
 * so a missing file fails the test instead of hiding it.
 *
 * The folder is `IPO_REFERENCE_DATA` (a relative value resolves from the repository root), else `../shared/data`
 * beside the repository, the same rule the packages and the app follow.
 */
import { spawnSync } from "node:child_process";
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

/**
 * What a test needs from the machine: a command such as `xmllint` (Debian package libxml2-utils), which `.ci/run`
 * installs. Absent on a developer's machine, the test is skipped naming the package; in CI it fails instead.
 */
export const needsCommand = (command: string, debianPackage: string): DataNeed => {
  const present = spawnSync(command, ["--version"], { stdio: "ignore" }).error === undefined;
  const skip = !present && !inCi;
  return {
    missing: present ? [] : [command],
    skip,
    title: (title) => (skip ? `${title} (skipped: needs ${command}, from the ${debianPackage} package)` : title),
  };
};

/** Both needs: skipped when either is, the title naming everything lacking. */
export const needsAll = (...all: ReadonlyArray<DataNeed>): DataNeed => {
  const skip = all.some((need) => need.skip);
  return {
    missing: all.flatMap((need) => need.missing),
    skip,
    title: (title) => all.reduce((named, need) => need.title(named), title),
  };
};
