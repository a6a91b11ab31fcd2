import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Edition } from "../src/index.js";
import { editionIds, generate, loadEdition, loadEditions, readCsvFile, sources } from "../src/node.js";
import { dataDir } from "./helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "nice-node-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("generate and loadEdition", () => {
  it("writes one compact artifact per source, naming it, and loads the same edition from it", () => {
    const outDir = join(scratch, "generated");
    const report = generate({ dataDir, outDir });
    expect(report.missing).toEqual([]);
    expect(report.written.map((w) => w.source).sort()).toEqual(Object.values(sources).sort());
    const artifact = JSON.parse(readFileSync(join(outDir, "ncl12-en-alphabetical-list.json"), "utf8"));
    expect(artifact.source).toBe("nice/ncl12-en-alphabetical-list.csv");
    for (const id of editionIds) {
      const fromArtifacts = loadEdition(id, { dataDir: join(scratch, "nowhere"), generatedDir: outDir });
      const fromSources = loadEdition(id, { dataDir, ignoreArtifacts: true });
      if (fromArtifacts._tag === "Failure" || fromSources._tag === "Failure") throw new Error(`edition ${id}`);
      const a = fromArtifacts.success.edition;
      const b = fromSources.success.edition;
      expect(a.terms).toEqual(b.terms);
      expect(a.classes).toEqual(b.classes);
      expect(a.unlinkedTerms).toEqual(b.unlinkedTerms);
    }
  });

  it("reports a missing language and missing editions, and still loads what it can", () => {
    const partial = join(scratch, "partial");
    mkdirSync(join(partial, "nice"), { recursive: true });
    symlinkSync(join(dataDir, sources.ncl12En), join(partial, sources.ncl12En));
    const options = { dataDir: partial, generatedDir: join(scratch, "no-artifacts") };
    const r = loadEdition("12", options);
    if (r._tag === "Failure") throw new Error(r.failure.message);
    expect(Edition.size(r.success.edition)).toBe(10029);
    expect(r.success.unavailable).toEqual([
      expect.objectContaining({ edition: "12", language: "bg", source: sources.bg }),
    ]);
    const all = loadEditions(options);
    expect([...all.editions.keys()]).toEqual(["12"]);
    expect(all.unavailable.map((u) => [u.edition, u.language])).toEqual([
      ["12", "bg"],
      ["10-2015", null],
      ["13-2026", null],
    ]);
    const none = loadEdition("10-2015", options);
    expect(none._tag === "Failure" && none.failure.message).toContain("nice/ncl10-2015-en.json not found");
  });

  it("generate carries on when sources are missing", () => {
    const report = generate({ dataDir: join(scratch, "empty"), outDir: join(scratch, "gen2") });
    expect(report.written).toEqual([]);
    expect(report.missing).toHaveLength(4);
  });

  it("reports an invalid source with its file, line and field", () => {
    const bad = join(scratch, "bad");
    mkdirSync(join(bad, "nice"), { recursive: true });
    writeFileSync(
      join(bad, sources.ncl12En),
      "basic_number,class_number,term,language\n250042,25,shirts,en\n25x,25,a,en\n",
    );
    const r = loadEdition("12", { dataDir: bad, ignoreArtifacts: true });
    expect(r._tag === "Failure" && r.failure.message).toContain(
      'nice/ncl12-en-alphabetical-list.csv:3: basic_number: "25x" is not a 6-digit number',
    );
    expect(readCsvFile(join(bad, "absent.csv"))._tag).toBe("Failure");
  });
});
