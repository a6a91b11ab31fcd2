import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { needs, referenceDataDir } from "../../../test-support/reference-data.js";

const script = fileURLToPath(new URL("../scripts/generate.mjs", import.meta.url));
const internal = fileURLToPath(new URL("../src/internal/", import.meta.url));
const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
const shipped = ["st27.generated.ts", "st3.generated.ts", "st96Mark.generated.ts"];
const scratch = mkdtempSync(join(tmpdir(), "ipo-domain-generate-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (env: Record<string, string>, out: string) =>
  spawnSync(process.execPath, [script, "--out", out], { env: { ...process.env, ...env }, encoding: "utf8" });

/** A folder holding a copy of the shipped lists, for runs that must not touch the package's own files. */
const copyOfShipped = (name: string): string => {
  const out = join(scratch, name);
  mkdirSync(out, { recursive: true });
  for (const f of shipped) copyFileSync(join(internal, f), join(out, f));
  return out;
};

const standards = needs(
  "standards/st3-country-codes.csv",
  "standards/st27-patent-legal-status-codes.json",
  "standards/st96-trademark-and-madrid-code-lists.json",
);

describe("the shipped code lists", () => {
  it("name their source, the original and its status, and how to reproduce them, with no machine path", () => {
    for (const f of shipped) {
      const text = readFileSync(join(internal, f), "utf8");
      expect(text).toMatch(/^\/\/ WIPO ST\.(3|27|96): /);
      expect(text).toMatch(/\n\/\/ Source: standards\/st[\w-]+\.(csv|json) of the reference data,\n/);
      expect(text).toMatch(/\n\/\/ extracted from the WIPO ST\.96 V6_0 schema \w+_V6_0\.xsd\.\n/);
      expect(text).toMatch(
        /\n\/\/ Status: WIPO standard ST\.(3|27|96); code lists? as published in the ST\.96 V6_0 schemas\.\n/,
      );
      expect(text).toContain("`pnpm --filter @ipoffice/domain generate`");
      expect(text).not.toMatch(/(^|[\s"'(])\/(?!\/)\w|[A-Z]:\\/m); // no absolute path of any machine
      expect(text).not.toContain(repositoryRoot);
    }
  });
});

describe("generate script", () => {
  describe.skipIf(standards.skip)(standards.title("with the reference data"), () => {
    it("writes the same files as the shipped ones, and a second run changes nothing", () => {
      const out = join(scratch, "a");
      const first = run({ IPO_REFERENCE_DATA: referenceDataDir }, out);
      expect(first.stderr).toBe("");
      expect(first.status).toBe(0);
      expect(first.stdout).toContain("3 of 3 files written");
      const files = readdirSync(out).sort();
      expect(files).toEqual(shipped);
      for (const f of files) {
        const text = readFileSync(join(out, f), "utf8");
        expect(text, `${f} differs from the shipped file: run the generator and commit it`).toBe(
          readFileSync(join(internal, f), "utf8"),
        );
        expect(text).not.toContain(referenceDataDir); // no machine paths in the files
      }
      const mtimes = files.map((f) => statSync(join(out, f)).mtimeMs);
      const second = run({ IPO_REFERENCE_DATA: referenceDataDir }, out);
      expect(second.status).toBe(0);
      expect(second.stdout).toContain("0 of 3 files written");
      expect(files.map((f) => statSync(join(out, f)).mtimeMs)).toEqual(mtimes);
    });

    it("resolves a relative IPO_REFERENCE_DATA from the repository root", () => {
      const out = join(scratch, "b");
      const r = run({ IPO_REFERENCE_DATA: relative(repositoryRoot, referenceDataDir) }, out);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("3 of 3 files written");
      expect(readdirSync(out).sort()).toEqual(shipped);
    });
  });

  it("keeps the shipped files and exits 0 when the reference data is absent, naming each missing file", () => {
    const empty = join(scratch, "empty");
    mkdirSync(empty, { recursive: true });
    const out = copyOfShipped("kept");
    const mtimes = shipped.map((f) => statSync(join(out, f)).mtimeMs);
    const r = run({ IPO_REFERENCE_DATA: empty }, out);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    for (const source of [
      "standards/st3-country-codes.csv",
      "standards/st27-patent-legal-status-codes.json",
      "standards/st96-trademark-and-madrid-code-lists.json",
    ]) {
      expect(r.stdout).toContain(`is absent from IPO_REFERENCE_DATA`);
      expect(r.stdout).toContain(source);
    }
    expect(r.stdout).toContain("keeps the shipped st3.generated.ts");
    expect(r.stdout).toContain("3 shipped files kept");
    for (const f of shipped) expect(readFileSync(join(out, f), "utf8")).toBe(readFileSync(join(internal, f), "utf8"));
    expect(shipped.map((f) => statSync(join(out, f)).mtimeMs)).toEqual(mtimes);
  });

  it("fails on a malformed CSV naming the file, the line and the field, and writes nothing", () => {
    const data = join(scratch, "malformed");
    mkdirSync(join(data, "standards"), { recursive: true });
    writeFileSync(
      join(data, "standards/st3-country-codes.csv"),
      'code,name\nAD,Andorra\n"BQ","Bonaire, Sint"\nO1,Oman\n',
    );
    const out = copyOfShipped("untouched");
    const r = run({ IPO_REFERENCE_DATA: data }, out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('standards/st3-country-codes.csv line 4, field code: "O1" is not two capital letters');
    for (const f of shipped) expect(readFileSync(join(out, f), "utf8")).toBe(readFileSync(join(internal, f), "utf8"));

    writeFileSync(join(data, "standards/st3-country-codes.csv"), "code;name\nAD;Andorra\n");
    const header = run({ IPO_REFERENCE_DATA: data }, out);
    expect(header.status).toBe(1);
    expect(header.stderr).toContain('standards/st3-country-codes.csv line 1, header: expected "code,name"');
  });

  it("fails on a JSON list item without its code, naming the file, list, item and field", () => {
    const data = join(scratch, "malformed-json");
    mkdirSync(join(data, "standards"), { recursive: true });
    writeFileSync(
      join(data, "standards/st27-patent-legal-status-codes.json"),
      JSON.stringify({
        KeyEventCodeType: [{ code: "A10", documentation: "Application filed" }, { documentation: "x" }],
      }),
    );
    const r = run({ IPO_REFERENCE_DATA: data }, copyOfShipped("untouched-json"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "standards/st27-patent-legal-status-codes.json, list KeyEventCodeType item 2, field code: missing or empty",
    );
  });
});
