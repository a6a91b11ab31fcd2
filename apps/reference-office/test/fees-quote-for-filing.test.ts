import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IpRight } from "@ipoffice/domain";
import { Result, Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadOfficeConfig, parseOfficeConfig } from "../src/config/OfficeConfig.js";
import { demoGatewaySecret, gatewaySecret, officeFees } from "../src/fees/OfficeFees.js";
import { quoteForFiling } from "../src/fees/quoteForFiling.js";
import { omConfig, trademarkFiling } from "./support/app.js";

const filing = Schema.decodeUnknownSync(IpRight.FilingRequest);

const fees = async () => {
  const fees = officeFees(await omConfig());
  if (!fees) throw new Error("om.yaml has no fees section");
  return fees;
};

describe("quoteForFiling", () => {
  it("quotes a trademark by its classes and priorities (OM schedule: 50.000 + 20.000 per further class + 10.000 per priority)", async () => {
    const request = {
      ...trademarkFiling,
      priorities: [{ country: "FR", number: "123", date: "2026-06-01" }],
    };
    const quote = Result.getOrThrow(
      quoteForFiling(await fees(), filing(request), { date: "2026-11-24", language: "en" }),
    );
    expect(quote.currency).toBe("OMR");
    expect(quote.lines.map((l) => [l.code, l.quantity, l.amount])).toEqual([
      ["OM-TM-02", 1, 50000],
      ["OM-TM-03", 1, 20000],
      ["OM-TM-04", 1, 10000],
    ]);
    expect(quote.total).toBe(80000);
  });

  it("quotes patents by claims, designs by count, in Arabic", async () => {
    const f = await fees();
    const patent = {
      kind: "patent",
      title: "Desalination membrane",
      claimsCount: 12,
      applicants: [{ name: "Sohar University", country: "OM" }],
      inventors: [{ name: "A. Al Balushi", country: "OM" }],
    };
    const pq = Result.getOrThrow(quoteForFiling(f, filing(patent), { date: "2026-11-24", language: "ar", pages: 34 }));
    expect(pq.lines.map((l) => [l.code, l.amount])).toEqual([
      ["OM-PT-01", 100000],
      ["OM-PT-02", 2000],
    ]);
    expect(pq.lines[0]?.description).toBe("رسم الإيداع");
    const design = {
      kind: "industrial_design",
      designs: [1, 2, 3].map((n) => ({ product: `Bottle ${n}`, locarnoClass: "09-01", views: 2 })),
      applicants: [{ name: "Muscat Glass", country: "OM" }],
    };
    const dq = Result.getOrThrow(quoteForFiling(f, filing(design), { date: "2026-11-24", language: "en" }));
    expect(dq.total).toBe(40000 + 2 * 10000);
  });

  it("prices any trademark filing as 50.000 + 20.000 per further class + 10.000 per Paris priority (property)", async () => {
    const f = await fees();
    await fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 45 }), { minLength: 1, maxLength: 45 }),
        fc.array(fc.boolean(), { maxLength: 6 }),
        (classes, exhibition) => {
          const request = filing({
            kind: "trademark",
            mark: { text: "X", type: "word" },
            owners: [{ name: "A", country: "OM" }],
            goodsAndServices: classes.map((classNumber) => ({ classNumber, terms: ["goods"] })),
            priorities: exhibition.map((isExhibition, i) => ({
              country: "FR",
              number: `P${i}`,
              date: "2026-06-01",
              ...(isExhibition ? { kind: "exhibition" } : {}),
            })),
          });
          const quote = Result.getOrThrow(quoteForFiling(f, request, { date: "2026-11-24", language: "en" }));
          const paris = exhibition.filter((e) => !e).length;
          expect(quote.total).toBe(50000 + 20000 * (classes.length - 1) + 10000 * paris);
          expect(quote.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(quote.total);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("fails with NoApplicableSchedule before the schedule took effect", async () => {
    const result = quoteForFiling(await fees(), filing(trademarkFiling), {
      date: "2020-01-01",
      language: "en",
    });
    expect(Result.isFailure(result) && result.failure._tag).toBe("NoApplicableSchedule");
  });
});

describe("fees configuration", () => {
  const write = (dir: string, name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const officeYaml = async (fees: string) => {
    const { readFile } = await import("node:fs/promises");
    const { defaultConfigFile } = await import("../src/config/OfficeConfig.js");
    // Oman's configuration without its fees section (the rest, the Madrid desk included, stays; its fee file found
    // from the temporary folder).
    const base = (await readFile(defaultConfigFile, "utf8"))
      .replace(/\nfees:\n(?: {2}.*\n)*/, "\n")
      .replace(
        "../madrid/individual-fees.json",
        new URL("../config/madrid/individual-fees.json", import.meta.url).pathname,
      );
    return `${base}${fees}`;
  };

  it("refuses a schedule with a bad field, naming the file and the JSON path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipo-fees-"));
    write(
      dir,
      "bad.yaml",
      'id: om-bad\noffice: OM\nofficeName: { en: X }\ncurrency: OMR\neffectiveFrom: "2024-01-01"\nsource: test\nrounding: half-up\nitems:\n  trademark.filing:\n    description: { en: X }\n    rules:\n      - { kind: flat, code: "1", ammount: 5 }\n',
    );
    const file = write(
      dir,
      "office.yaml",
      await officeYaml("fees:\n  schedules: [bad.yaml]\n  currency: OMR\n  gatewaySecretEnv: X_SECRET\n"),
    );
    const loaded = await loadOfficeConfig(file);
    expect(Result.isFailure(loaded)).toBe(true);
    if (Result.isSuccess(loaded)) return;
    const messages = loaded.failure.issues.map((i) => `${i.path} ${i.message}`).join("\n");
    expect(messages).toContain("fees.schedules[0]");
    expect(messages).toContain("bad.yaml");
    expect(messages).toContain("$.items['trademark.filing'].rules[0]");
  });

  it("refuses a missing file, a currency mismatch and a secret written as a variable name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipo-fees-"));
    const missing = await loadOfficeConfig(
      write(
        dir,
        "a.yaml",
        await officeYaml("fees:\n  schedules: [nope.yaml]\n  currency: OMR\n  gatewaySecretEnv: S\n"),
      ),
    );
    expect(Result.isFailure(missing) && missing.failure.message).toContain("cannot read");
    const mismatch = parseOfficeConfig(
      await officeYaml("fees:\n  schedules: [x.yaml]\n  currency: omr\n  gatewaySecretEnv: 's3cr3t value'\n"),
      join(dir, "b.yaml"),
    );
    expect(Result.isFailure(mismatch) && mismatch.failure.issues.map((i) => i.path)).toEqual([
      "fees.currency",
      "fees.gatewaySecretEnv",
    ]);
  });

  it("takes schedules in a former currency that ended, and refuses two currencies in force on one date", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipo-fees-"));
    const schedule = (id: string, currency: string, from: string, to?: string) =>
      `id: ${id}\noffice: OM\nofficeName: { en: X }\ncurrency: ${currency}\neffectiveFrom: "${from}"\n${
        to === undefined ? "" : `effectiveTo: "${to}"\n`
      }source: test\nrounding: half-up\nitems:\n  trademark.filing:\n    description: { en: X }\n    rules:\n      - { kind: flat, code: "1", amount: 5000 }\n`;
    write(dir, "old.yaml", schedule("om-old", "USD", "2020-01-01", "2023-12-31"));
    write(dir, "open.yaml", schedule("om-open", "USD", "2020-01-01"));
    write(dir, "overlap.yaml", schedule("om-overlap", "USD", "2020-01-01", "2024-06-30"));
    write(dir, "now.yaml", schedule("om-now", "OMR", "2024-01-01"));
    const load = async (files: string) =>
      loadOfficeConfig(
        write(
          dir,
          `office-${files.length}.yaml`,
          await officeYaml(`fees:\n  schedules: [${files}]\n  currency: OMR\n  gatewaySecretEnv: X\n`),
        ),
      );
    const changed = await load("old.yaml, now.yaml");
    expect(Result.isSuccess(changed)).toBe(true);
    if (Result.isSuccess(changed)) {
      const fees = officeFees(changed.success);
      if (fees === undefined) throw new Error("no fees");
      const currencyOn = (date: string) =>
        Result.getOrThrow(quoteForFiling(fees, filing(trademarkFiling), { date, language: "en" })).currency;
      expect(currencyOn("2023-12-31")).toBe("USD");
      expect(currencyOn("2024-01-01")).toBe("OMR");
    }
    const open = await load("open.yaml, now.yaml");
    expect(Result.isFailure(open) && open.failure.message).toContain(
      "a schedule in a former currency needs its effectiveTo",
    );
    const overlap = await load("overlap.yaml, now.yaml");
    expect(Result.isFailure(overlap) && overlap.failure.message).toContain(
      "om-overlap and om-now are in force in different currencies from 2024-01-01",
    );
  });

  it("reads the gateway secret from the named variable, else the demo's, else none (never one from the source)", async () => {
    const config = await omConfig();
    const section = config.fees;
    if (!section) throw new Error("no fees");
    expect(gatewaySecret(section, { env: { IPO_PAYMENT_GATEWAY_SECRET: "abc" } })).toEqual({
      _tag: "Configured",
      value: "abc",
      variable: "IPO_PAYMENT_GATEWAY_SECRET",
    });
    const demo = { value: "d".repeat(64), file: "/data/payment-gateway-secret", created: false };
    expect(gatewaySecret(section, { env: { IPO_PAYMENT_GATEWAY_SECRET: "abc" }, demo })._tag).toBe("Configured");
    expect(gatewaySecret(section, { env: {}, demo })).toEqual({ _tag: "Demo", ...demo });
    for (const env of [{}, { NODE_ENV: "development" }, { NODE_ENV: "production" }, { IPO_PAYMENT_GATEWAY_SECRET: "" }])
      expect(gatewaySecret(section, { env })).toEqual({ _tag: "Missing", variable: "IPO_PAYMENT_GATEWAY_SECRET" });
    expect(Object.keys(await import("../src/fees/OfficeFees.js"))).not.toContain("developmentGatewaySecret");
  });

  it("makes the demo's secret once per data directory, 0600, and reuses it", async () => {
    const one = mkdtempSync(join(tmpdir(), "ipo-secret-"));
    const two = mkdtempSync(join(tmpdir(), "ipo-secret-"));
    const first = await demoGatewaySecret(one);
    expect(first.created).toBe(true);
    expect(first.file).toBe(join(one, "payment-gateway-secret"));
    expect(first.value).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    const again = await demoGatewaySecret(one);
    expect(again).toEqual({ ...first, created: false });
    const other = await demoGatewaySecret(two);
    expect(other.value).not.toBe(first.value);
    // A file left readable by others is narrowed; a damaged one is replaced.
    chmodSync(first.file, 0o644);
    expect((await demoGatewaySecret(one)).value).toBe(first.value);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    writeFileSync(first.file, "");
    const replaced = await demoGatewaySecret(one);
    expect(replaced.created).toBe(true);
    expect(replaced.value).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(first.file, "utf8").trim()).toBe(replaced.value);
  });
});
