/**
 * Test helper: validates XML text against an ST.96 V6_0 schema with the system `xmllint` (libxml2-utils).
 *
 * The schemas are reference data the project does not ship (`st96/schemas-v6_0/` under `IPO_REFERENCE_DATA` or
 * `../shared/data`). Where they or xmllint are absent the schema tests are skipped and say which; in CI they run.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { needs, referenceFile } from "../../../test-support/reference-data.js";

const ibRelative = "st96/schemas-v6_0/MadridIBToOfficeTransaction_V6_0.xsd";
const officeRelative = "st96/schemas-v6_0/MadridOfficeToIBTransaction_V6_0.xsd";
export const ibSchema = referenceFile(ibRelative);
export const officeSchema = referenceFile(officeRelative);
/** The schemas the tests validate against (each includes its `_Common` part and the MathML and OASIS table schemas). */
export const schemas = needs(ibRelative, officeRelative);

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

/** What schema validation lacks here: xmllint, the schemas, or nothing. */
const lacking: ReadonlyArray<string> = [
  ...(xmllintAvailable ? [] : ["xmllint from libxml2-utils is not installed"]),
  ...(schemas.missing.length > 0
    ? [`needs ${schemas.missing.join(", ")} of the reference data, absent from IPO_REFERENCE_DATA or ../shared/data`]
    : []),
];

/**
 * Schema-validation tests run wherever xmllint and the schemas are present, and always in CI (where a missing one
 * fails them); elsewhere they are skipped and their name says what is lacking.
 */
export const skipSchemaTests = lacking.length > 0 && process.env.CI !== "true";
export const withXmllint = (title: string): string =>
  skipSchemaTests ? `${title} (skipped: ${lacking.join("; ")})` : title;

/** For a test that checks more than validity: its name says when the schema part of it is skipped, and why. */
export const withSchemaCheck = (title: string): string =>
  skipSchemaTests ? `${title} (schema check skipped: ${lacking.join("; ")})` : title;

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
