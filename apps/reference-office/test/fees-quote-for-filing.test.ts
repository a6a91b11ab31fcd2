import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IpRight } from "@ipoffice/domain";
import { Result, Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadOfficeConfig, parseOfficeConfig } from "../src/config/OfficeConfig.js";
import { developmentGatewaySecret, gatewaySecret, officeFees } from "../src/fees/OfficeFees.js";
import { quoteForFiling } from "../src/fees/quoteForFiling.js";
import { silentLogger } from "../src/Logger.js";
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
    const base = (await readFile(defaultConfigFile, "utf8")).replace(/\nfees:[\s\S]*$/, "\n");
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

  it("reads the gateway secret from the named variable; a development default outside production", async () => {
    const config = await omConfig();
    const section = config.fees;
    if (!section) throw new Error("no fees");
    expect(gatewaySecret(section, silentLogger(), { IPO_PAYMENT_GATEWAY_SECRET: "abc" })).toBe("abc");
    expect(gatewaySecret(section, silentLogger(), {})).toBe(developmentGatewaySecret);
    expect(() => gatewaySecret(section, silentLogger(), { NODE_ENV: "production" })).toThrow(
      /IPO_PAYMENT_GATEWAY_SECRET/,
    );
  });
});
