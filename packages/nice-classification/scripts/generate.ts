/**
 * The maintainers' generator of the shipped edition (decision 0007): turns the CC0 Nice 10-2015 list of the reference
 * data (`nice/ncl10-2015-en.json`, from IPO_REFERENCE_DATA or ../shared/data) into the compact file committed in this
 * package, `data/ncl10-2015-en.json`, whose header names the source and its licence.
 *
 * Without the original it keeps the committed file and says so (exit 0): start, tests and builds never need it.
 * Run: pnpm --filter @ipoffice/nice-classification generate [--out <file>]
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { referenceDataDir, referenceFiles, shippedEditionFile } from "../src/node.js";
import { shippedEditionText } from "./shipped.js";

export interface GenerateResult {
  /** `kept`: no original, the file is left as it is; `failed`: the original was refused. */
  readonly outcome: "written" | "unchanged" | "kept" | "failed";
  readonly message: string;
}

/** Writes the shipped edition from the original in `dataDir` (default: see `referenceDataDir`) to `out`. */
export const generate = (
  options: { readonly dataDir?: string | undefined; readonly out?: string | undefined } = {},
): GenerateResult => {
  const out = options.out ?? fileURLToPath(shippedEditionFile);
  const shown = options.out ?? "data/ncl10-2015-en.json";
  const dataDir = referenceDataDir(options.dataDir);
  const source = referenceFiles.ncl10.file;
  const original = dataDir === undefined ? undefined : join(dataDir, source);
  if (original === undefined || !existsSync(original))
    return {
      outcome: "kept",
      message: `nice-classification: ${source} not found in ${dataDir ?? "(no reference-data folder)"} (IPO_REFERENCE_DATA or ../shared/data); kept the shipped data/ncl10-2015-en.json`,
    };
  const text = shippedEditionText(readFileSync(original));
  if (text._tag === "Failure") return { outcome: "failed", message: `nice-classification: ${text.failure.message}` };
  if (existsSync(out) && readFileSync(out, "utf8") === text.success)
    return { outcome: "unchanged", message: `nice-classification: ${source} → ${shown} (unchanged)` };
  writeFileSync(out, text.success);
  return { outcome: "written", message: `nice-classification: ${source} → ${shown} (written)` };
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf("--out");
  const result = generate({ out: at >= 0 ? process.argv[at + 1] : undefined });
  if (result.outcome === "kept" || result.outcome === "failed") console.warn(result.message);
  else console.log(result.message);
  if (result.outcome === "failed") process.exitCode = 1;
}
