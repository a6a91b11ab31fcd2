/**
 * Test helper: validates XML text against an ST.96 V6_0 schema with the system `xmllint` (libxml2-utils).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const schemaDir = fileURLToPath(new URL("../../../../shared/data/st96/schemas-v6_0/", import.meta.url));
export const ibSchema = join(schemaDir, "MadridIBToOfficeTransaction_V6_0.xsd");
export const officeSchema = join(schemaDir, "MadridOfficeToIBTransaction_V6_0.xsd");

export interface Validation {
  readonly valid: boolean;
  /** xmllint's messages (without the "validates" line). */
  readonly messages: ReadonlyArray<string>;
}

/** Whether the system `xmllint` is installed (CI installs libxml2-utils; a developer machine may not have it). */
export const xmllintAvailable = (() => {
  const probe = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  return probe.error === undefined && probe.status === 0;
})();

/**
 * Schema-validation tests run wherever xmllint is installed, and always in CI (where a missing xmllint fails them);
 * elsewhere they are skipped and their name says why.
 */
export const skipSchemaTests = !xmllintAvailable && process.env.CI !== "true";
export const withXmllint = (title: string): string =>
  skipSchemaTests ? `${title} (skipped: xmllint from libxml2-utils is not installed)` : title;

/** Runs `xmllint --noout --schema <xsd> <file>` on the text (several documents at once: one file each). */
export const validateAll = (xsd: string, docs: ReadonlyArray<string>): Array<Validation> => {
  if (skipSchemaTests) return [];
  const dir = mkdtempSync(join(tmpdir(), "madrid-xmllint-"));
  try {
    const files = docs.map((d, i) => {
      const f = join(dir, `doc-${i}.xml`);
      writeFileSync(f, d);
      return f;
    });
    const run = spawnSync("xmllint", ["--noout", "--nonet", "--schema", xsd, ...files], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) throw run.error;
    const output = `${run.stdout}${run.stderr}`;
    const lines = output.split("\n").filter((l) => l.trim() !== "");
    return files.map((f) => {
      const mine = lines.filter((l) => l.startsWith(f));
      const valid = mine.some((l) => l === `${f} validates`);
      return { valid, messages: mine.filter((l) => !l.endsWith(" validates")).map((l) => l.slice(f.length + 1)) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export const validate = (xsd: string, doc: string): Validation => {
  const [v] = validateAll(xsd, [doc]);
  if (!v) throw new Error("no validation result");
  return v;
};
