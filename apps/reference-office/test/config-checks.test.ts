/**
 * The configuration's cross-references are checked at load (decision 0694): each mistake is reported with its path,
 * what is wrong and the fix, all of them at once, and a start-up prints them as a readable list. A table names each
 * mistake; a property combines any of them and expects exactly their paths.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { contrastRatio } from "../src/config/checks.js";
import { describeInvalid, loadOfficeConfig, OfficeConfigInvalid } from "../src/config/OfficeConfig.js";

const configDir = new URL("../config/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "ipo-config-checks-"));

/** A schedule of office OM with the trademark filing service, in force from `from` (to `to`). */
const schedule = (name: string, from: string, to?: string) => {
  const file = join(dir, name);
  writeFileSync(
    file,
    `id: ${name.replace(/\.yaml$/, "")}\noffice: OM\nofficeName: { en: X }\ncurrency: OMR\neffectiveFrom: "${from}"\n${
      to === undefined ? "" : `effectiveTo: "${to}"\n`
    }source: test\nrounding: half-up\nitems:\n  trademark.filing:\n    description: { en: X }\n    rules:\n      - { kind: flat, code: "1", amount: 5000 }\n`,
  );
  return file;
};
const current = schedule("om-current.yaml", "2024-01-01");
const ended = schedule("om-ended.yaml", "2020-01-01", "2025-12-31");

/** The fields the mistakes change, beside the rest of a configuration as JSON. */
interface Config {
  [field: string]: unknown;
  office: { languages: string[]; names: Record<string, string>; [field: string]: unknown };
  numbering: {
    applications: Record<string, string>;
    registrations: Record<string, string>;
    kindCodes?: Record<string, string>;
  };
  nice: { edition: string };
  fees: { schedules: string[]; filingServices?: Record<string, string[]>; [field: string]: unknown };
  madrid: { member: boolean; individualFees: string; [field: string]: unknown };
}

/** A valid configuration (JSON) of an office with every product, its fees and the Madrid desk. */
const base = (): Config => ({
  office: {
    code: "OM",
    names: { ar: "دائرة الملكية الفكرية", en: "Intellectual Property Department" },
    languages: ["ar", "en"],
    defaultLanguage: "ar",
    timeZone: "Asia/Muscat",
    products: ["back-office", "madrid", "publish", "e-filing"],
  },
  numbering: {
    applications: {
      trademark: "TM/{yyyy}/{serial:6}",
      patent: "PT/{yyyy}/{serial:5}",
      industrial_design: "ID/{yyyy}/{serial:5}",
      utility_model: "UM/{yyyy}/{serial:5}",
    },
    registrations: {
      trademark: "{serial:6}",
      patent: "{serial}",
      industrial_design: "{serial}",
      utility_model: "{serial}",
    },
  },
  calendar: { weekend: ["friday", "saturday"], holidays: [] },
  nice: { edition: "newest" },
  fees: { schedules: [current], currency: "OMR", gatewaySecretEnv: "IPO_GATEWAY_SECRET" },
  madrid: {
    member: true,
    declaration518b: true,
    declaration52c: false,
    individualFees: join(configDir, "madrid/individual-fees.json"),
  },
});

/** The mistakes the issue names, each as a change to the valid configuration and the path it must be reported at. */
const mistakes = {
  "an unknown language": {
    change: (c: Config) => {
      c.office.languages.push("bg");
      c.office.names.bg = "Патентно ведомство";
    },
    path: "office.languages[2]",
    says: '"bg" has no message catalog',
  },
  "a Nice edition the app cannot load": {
    change: (c: Config) => {
      c.nice.edition = "11";
    },
    path: "nice.edition",
    says: 'Nice edition "11"',
  },
  "a missing Madrid individual-fee file": {
    change: (c: Config) => {
      c.madrid.individualFees = join(dir, "no-such-fees.json");
    },
    path: "madrid.individualFees",
    says: "no-such-fees.json",
  },
  "a misspelled filing service": {
    change: (c: Config) => {
      c.fees.filingServices = { trademark: ["trademark.filling"] };
    },
    path: "fees.filingServices.trademark[0]",
    says: '"trademark.filling"',
  },
  "a fee schedule that ended with no successor": {
    change: (c: Config) => {
      c.fees.schedules = [ended];
    },
    path: "fees.schedules",
    says: "ended on 2025-12-31",
  },
  "two kinds whose application numbers collide": {
    change: (c: Config) => {
      c.numbering.applications.trademark = "{serial}";
      c.numbering.applications.patent = "{serial:6}";
    },
    path: "numbering.applications.patent",
    says: "can write the same number",
  },
  "two kinds given the same {kind} code": {
    change: (c: Config) => {
      c.numbering.applications.industrial_design = "{kind}/{yyyy}/{serial:5}";
      c.numbering.applications.utility_model = "{kind}/{yyyy}/{serial:5}";
      c.numbering.kindCodes = { industrial_design: "UM", utility_model: "UM" };
    },
    path: "numbering.applications.utility_model",
    says: "can write the same number",
  },
  "a kind handled without its number pattern": {
    change: (c: Config) => {
      delete c.numbering.registrations.utility_model;
    },
    path: "numbering.registrations.utility_model",
    says: "must number them",
  },
  "theme colours too close to read": {
    change: (c: Config) => {
      c.theme = { primary: "#00966e", primaryContrast: "#ffffff" };
    },
    path: "theme.primaryContrast",
    says: "under the 4.5:1 of WCAG 2.1",
  },
  "the Madrid desk without Madrid membership": {
    change: (c: Config) => {
      c.madrid.member = false;
    },
    path: "office.products",
    says: "madrid.member is not true",
  },
} as const;
type Mistake = keyof typeof mistakes;
const names = Object.keys(mistakes) as Mistake[];

let written = 0;
const load = async (config: Config, now = "2026-06-01T08:00:00Z") => {
  written += 1;
  const file = join(dir, `office-${written}.json`);
  writeFileSync(file, JSON.stringify(config));
  return loadOfficeConfig(file, { now: new Date(now) });
};
const withMistakes = (chosen: ReadonlyArray<Mistake>): Config => {
  const config = base();
  for (const name of chosen) mistakes[name].change(config);
  return config;
};

describe("contrastRatio (WCAG 2.1 definition)", () => {
  it("gives 21:1 for black on white, 1:1 for a colour on itself, and WCAG's borderline grey just under 4.5:1", () => {
    expect(contrastRatio("#000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#7a1f2b", "#7a1f2b")).toBe(1);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#767676", "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });
});

describe("configuration cross-references", () => {
  it("loads the valid configuration, with a continuous serial (a pattern without the year) accepted", async () => {
    const config = base();
    config.numbering.applications.trademark = "{serial}";
    const loaded = await load(config);
    if (Result.isFailure(loaded)) throw loaded.failure;
    expect(loaded.success.office.code).toBe("OM");
  });

  it.each(names)("reports %s with its path, what is wrong and the fix", async (name) => {
    const loaded = await load(withMistakes([name]));
    expect(Result.isFailure(loaded)).toBe(true);
    if (Result.isSuccess(loaded)) return;
    expect(loaded.failure.issues).toEqual([
      expect.objectContaining({
        path: mistakes[name].path,
        message: expect.stringContaining(mistakes[name].says),
        fix: expect.any(String),
      }),
    ]);
  });

  it("refuses a {kind} code that is not 1 to 5 capital letters, at its path", async () => {
    const config = base();
    config.numbering.kindCodes = { utility_model: "um" };
    const loaded = await load(config);
    if (Result.isSuccess(loaded)) throw new Error("expected a problem");
    expect(loaded.failure.issues).toEqual([
      expect.objectContaining({
        path: "numbering.kindCodes.utility_model",
        message: expect.stringContaining("capital"),
      }),
    ]);
  });

  it("reports a schedule in force again once its successor is listed", async () => {
    const config = base();
    config.fees.schedules = [ended, current];
    expect(Result.isSuccess(await load(config))).toBe(true);
    // The ended schedule alone is fine on a date it covers.
    config.fees.schedules = [ended];
    expect(Result.isSuccess(await load(config, "2025-06-01T08:00:00Z"))).toBe(true);
  });

  it("reports any combination of mistakes at once, each at its path (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(names, { minLength: 1 }), async (chosen) => {
        const loaded = await load(withMistakes(chosen));
        expect(Result.isFailure(loaded)).toBe(true);
        if (Result.isSuccess(loaded)) return;
        const paths = new Set(loaded.failure.issues.map((i) => i.path));
        expect(paths).toEqual(new Set(chosen.map((n) => mistakes[n].path)));
      }),
      { numRuns: 40 },
    );
  });

  it("never throws on arbitrary JSON in place of the configuration, and names a path for every problem (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        const loaded = await load(value as unknown as Config);
        expect(Result.isFailure(loaded)).toBe(true);
        if (Result.isFailure(loaded)) expect(loaded.failure.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it("prints the problems as a numbered list with path, message and fix, without a stack", async () => {
    const loaded = await load(withMistakes(["an unknown language", "a Nice edition the app cannot load"]));
    if (Result.isSuccess(loaded)) throw new Error("expected problems");
    expect(loaded.failure).toBeInstanceOf(OfficeConfigInvalid);
    const text = describeInvalid(loaded.failure);
    expect(text).toMatch(/has 2 problems; the office was not started/);
    expect(text).toMatch(/^ {2}1\. office\.languages\[2\]$/m);
    expect(text).toMatch(/^ {2}2\. nice\.edition$/m);
    expect(text.match(/^ {5}fix: /gm)?.length).toBe(2);
    expect(text).not.toMatch(/^\s+at /m);
  });
});
