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

const relative = (name: string) => `st96/schemas-v6_0/${name}_V6_0.xsd`;
/** The schemas the tests validate against. */
const names = [
  "Trademark",
  "DesignApplication",
  "DesignApplicationBag",
  "BibliographicData",
  "PatentLegalStatusData",
  "PatentPublication",
] as const;
export type SchemaName = (typeof names)[number];
export const schemaFile = (name: SchemaName): string => referenceFile(relative(name));
const schemas = needs(...names.map(relative));

export interface Validation {
  readonly valid: boolean;
  /** xmllint's messages (without the "validates" line). */
  readonly messages: ReadonlyArray<string>;
}

const xmllintAvailable = (() => {
  const probe = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  return probe.error === undefined && probe.status === 0;
})();

const lacking: ReadonlyArray<string> = [
  ...(xmllintAvailable ? [] : ["xmllint from libxml2-utils is not installed"]),
  ...(schemas.missing.length > 0
    ? [`needs ${schemas.missing.join(", ")} of the reference data, absent from IPO_REFERENCE_DATA or ../shared/data`]
    : []),
];

/** Schema checks run wherever xmllint and the schemas are present, and always in CI (where a missing one fails). */
export const skipSchemaTests = lacking.length > 0 && process.env.CI !== "true";

/** For a test that checks more than validity: its name says when the schema part of it is skipped, and why. */
export const withSchemaCheck = (title: string): string =>
  skipSchemaTests ? `${title} (schema check skipped: ${lacking.join("; ")})` : title;

/** Runs `xmllint --noout --nonet --schema <xsd>` on several documents at once (one file each). */
export const validateAll = (xsd: string, docs: ReadonlyArray<string>): Array<Validation> => {
  if (skipSchemaTests) return docs.map(() => ({ valid: true, messages: [] }));
  const dir = mkdtempSync(join(tmpdir(), "exchange-xmllint-"));
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
    const lines = `${run.stdout}${run.stderr}`.split("\n").filter((l) => l.trim() !== "");
    return files.map((f) => {
      const mine = lines.filter((l) => l.startsWith(f));
      return {
        valid: mine.some((l) => l === `${f} validates`),
        messages: mine.filter((l) => !l.endsWith(" validates")).map((l) => l.slice(f.length + 1)),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
