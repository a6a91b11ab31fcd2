/** Text extraction with poppler's `pdftotext` (Debian `poppler-utils`, installed by CI), for tests. */
import { spawnSync } from "node:child_process";

export const hasPdftotext = spawnSync("pdftotext", ["-v"]).status === 0;
/** Skip tests that need pdftotext when it is absent, except in CI where it must be there. */
export const needsPdftotext = !hasPdftotext && process.env.CI !== "true";

/** The text of a PDF in reading order, bidi controls and doubled spaces removed, one string per non-empty line. */
export const extract = (pdf: Uint8Array): string[] => {
  const run = spawnSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr.toString()}`);
  return run.stdout
    .toString("utf8")
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\f]/g, "")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line !== "");
};
