import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { FeeSchedule, Gateway, Invoice, Ledger, Money, Quote } from "../src/index.js";

// The main entry must run in a browser (the e-filing form quotes client-side): no Node built-ins, Web Crypto only.
const yaml = `id: br-1
office: OM
officeName: { en: Browser Office, ar: مكتب }
currency: OMR
effectiveFrom: "2026-01-01"
source: browser test
rounding: half-up
items:
  trademark.filing:
    description: { en: Filing, ar: إيداع }
    rules:
      - { kind: flat, code: F, amount: 50000 }
      - { kind: perUnit, code: C, unit: class, included: 1, amount: 20000 }
      - { kind: discount, code: D, categories: [sme], percent: 25 }
`;

describe("in a real browser", () => {
  it("decodes a YAML schedule, quotes, formats and builds an invoice", () => {
    const schedule = FeeSchedule.fromYaml(yaml);
    if (Result.isFailure(schedule)) throw new Error(schedule.failure.message);
    const quote = Quote.quote(schedule.success, {
      service: "trademark.filing",
      dueDate: "2026-11-24",
      classes: 3,
      applicantCategory: "sme",
      language: "ar",
    });
    if (Result.isFailure(quote)) throw new Error(quote.failure.message);
    expect(quote.success.total).toBe(67_500); // (50 + 2 × 20) × 75 %
    expect(quote.success.lines[0]?.description).toBe("إيداع");
    expect(Money.format(quote.success.total, "OMR", "en").replace(/\u00a0/g, " ")).toBe("OMR 67.500");
    const invoice = Invoice.build({
      number: "OM-2026-000001",
      office: "OM",
      officeName: "Browser Office",
      issueDate: "2026-11-24",
      filings: [{ reference: "1", quote: quote.success }],
    });
    expect(Result.isSuccess(invoice) && invoice.success.total).toBe(67_500);
  });

  it("verifies a gateway signature with Web Crypto and applies the notification once", async () => {
    const body = JSON.stringify({
      gateway: "g",
      transactionId: "T1",
      invoice: "OM-2026-000001",
      kind: "payment",
      amount: 67_500,
      currency: "OMR",
      at: "2026-11-24T10:00:00Z",
    });
    const now = new Date("2026-11-24T10:00:00Z");
    const header = await Gateway.sign(body, "secret", Math.floor(now.getTime() / 1000));
    const notification = await Gateway.receive(body, header, "secret", { now });
    if (Result.isFailure(notification)) throw new Error(notification.failure.message);
    const invoice = { number: "OM-2026-000001", currency: "OMR", total: 67_500 };
    const first = Ledger.applyNotification(invoice, [], notification.success);
    if (Result.isFailure(first)) throw new Error(first.failure.message);
    const again = Ledger.applyNotification(invoice, first.success.entries, notification.success);
    expect(Result.isSuccess(again) && again.success.applied).toBe(false);
    expect(Ledger.state(invoice, first.success.entries)).toBe("paid");
    const bad = await Gateway.verifySignature(body, header, "wrong", { now });
    expect(Result.isFailure(bad) && bad.failure.reason).toBe("mismatch");
  });
});
