import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Receipt } from "../src/index.js";
import { ReceiptPdf } from "../src/node.js";
import { unwrap } from "./fixtures.js";

const invoice = {
  number: "OM-2026-000042",
  office: "OM",
  currency: "OMR",
  total: 150_000,
  payer: "Seoul Bio Materials Co.",
};
const payment = {
  id: "gw:tx-1",
  invoice: invoice.number,
  kind: "payment" as const,
  amount: 100_000,
  currency: "OMR",
  at: "2026-11-24T10:00:00Z",
};
const receipt = unwrap(Receipt.make(invoice, [payment], payment.id, 7));

const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;
const text = (bytes: Uint8Array) =>
  spawnSync("pdftotext", ["-", "-"], { input: Buffer.from(bytes), encoding: "utf8" })
    .stdout.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

describe("ReceiptPdf", () => {
  it.skipIf(!hasPdftotext && process.env.CI !== "true")(
    "an Arabic receipt names the payment, the balance and the state, Arabic in logical order (pdftotext)",
    async () => {
      const lines = text(
        await ReceiptPdf.renderPdfBytes(receipt, { language: "ar", officeName: "مكتب الملكية الفكرية" }),
      );
      expect(lines).toContain("إيصال OM-R-2026-000007");
      expect(lines).toContain("مكتب الملكية الفكرية");
      expect(lines).toContain("دفعة");
      expect(lines).toContain("مدفوعة جزئيا");
      expect(lines).toContain("Seoul Bio Materials Co.");
      expect(lines).toContain("OMR 50.000"); // outstanding, read right to left as the page shows it
    },
  );

  it.skipIf(!hasPdftotext && process.env.CI !== "true")("English and French labels", async () => {
    expect(text(await ReceiptPdf.renderPdfBytes(receipt, { language: "en" }))).toContain("Partially paid");
    expect(text(await ReceiptPdf.renderPdfBytes(receipt, { language: "fr" }))).toContain("Partiellement payée");
  });

  it("any payer name, date or language gives a PDF", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 400 }),
        fc.string({ maxLength: 40 }),
        fc.constantFrom("ar", "en", "fr", "de", "ar-OM"),
        async (payer, at, language) => {
          const bytes = await ReceiptPdf.renderPdfBytes({ ...receipt, payer, at }, { language });
          expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
        },
      ),
      { numRuns: 25 },
    );
  });
});
