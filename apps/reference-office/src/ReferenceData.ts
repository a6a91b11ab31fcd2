/**
 * Where the reference data (Nice lists, ST.96 schemas, real trademark records…) is read from: IPO_REFERENCE_DATA, or
 * the `shared/data` folder beside the repository. The app starts without it, says what it lacks, and seeds less.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

export interface ReferenceData {
  readonly dir: string;
  /** Path of a file inside the reference-data folder, or undefined when it is not there. */
  file(relative: string): string | undefined;
}

export const referenceData = (dir = process.env.IPO_REFERENCE_DATA ?? join(repositoryRoot, "..", "shared", "data")) => {
  const root = resolve(dir);
  return {
    dir: root,
    file: (relative: string) => {
      const path = join(root, relative);
      return existsSync(path) ? path : undefined;
    },
  } satisfies ReferenceData;
};
