/**
 * Where the reference data (Nice lists, ST.96 schemas, real trademark records…) is read from: IPO_REFERENCE_DATA, or
 * the `shared/data` folder beside the repository. A relative IPO_REFERENCE_DATA resolves from the repository root (as
 * for the tests and the packages' generators), whatever folder the command runs in. The app starts without it, says
 * what it lacks, and seeds less.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

export interface ReferenceData {
  readonly dir: string;
  /** Path of a file inside the reference-data folder, or undefined when it is not there. */
  file(relative: string): string | undefined;
}

const defaultDir = (): string => {
  const chosen = process.env.IPO_REFERENCE_DATA;
  if (chosen !== undefined && chosen !== "") return isAbsolute(chosen) ? chosen : resolve(repositoryRoot, chosen);
  return join(repositoryRoot, "..", "shared", "data");
};

export const referenceData = (dir = defaultDir()) => {
  const root = resolve(dir);
  return {
    dir: root,
    file: (relative: string) => {
      const path = join(root, relative);
      return existsSync(path) ? path : undefined;
    },
  } satisfies ReferenceData;
};
