/**
 * Vitest global setup: one PGlite data directory, freshly initialised with the extensions the project uses, dumped as
 * a tarball that every embedded test database of the run starts from (`IPO_PGLITE_TEMPLATE`, read by the reference
 * office's `openDatabase` and the search package's test support). initdb takes seconds on each start; loading the
 * tarball a fraction of that, and the suite opens hundreds of databases.
 *
 * The tarball is made anew for each run (a PGlite upgrade cannot leave a stale one behind) in the system's temporary
 * folder, and removed at the end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "ipoffice-pglite-"));
  const file = join(dir, "template.tar");
  const pglite = await PGlite.create({ extensions: { pg_trgm } });
  const dump = await pglite.dumpDataDir("none");
  await pglite.close();
  writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
  process.env.IPO_PGLITE_TEMPLATE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}

let loaded: { readonly path: string; readonly blob: Blob } | undefined;

/** The run's template as PGlite's `loadDataDir` takes it, or nothing outside the test runner. */
export const pgliteTemplate = (): Blob | undefined => {
  const path = process.env.IPO_PGLITE_TEMPLATE;
  if (path === undefined || path === "") return undefined;
  if (loaded?.path !== path) loaded = { path, blob: new Blob([readFileSync(path)]) };
  return loaded.blob;
};
