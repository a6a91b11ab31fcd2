import fc from "fast-check";
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { Invoice, Ledger, NumberFormat, Receipt } from "../src/index.js";

describe("NumberFormat", () => {
  it("writes the default invoice and receipt numbers as before", () => {
    expect(Result.getOrThrow(Invoice.invoiceNumber("BG", 2026, 42))).toBe("BG-2026-000042");
    expect(
      Result.getOrThrow(
        NumberFormat.format(NumberFormat.defaultReceiptFormat, { office: "BG", year: 2026, serial: 7 }),
      ),
    ).toBe("BG-R-2026-000007");
    // A sequence past its width is written in full: the number never fails for a busy office.
    expect(Result.getOrThrow(Invoice.invoiceNumber("OM", 2026, 1234567))).toBe("OM-2026-1234567");
  });

  it("writes an office's own format, with a two-digit year or none", () => {
    expect(Result.getOrThrow(Invoice.invoiceNumber("JO", 2026, 42, "INV{yy}{serial:5}"))).toBe("INV2600042");
    expect(Result.getOrThrow(Invoice.invoiceNumber("JO", 2026, 42, "F.{serial}"))).toBe("F.42");
    expect(NumberFormat.restartsYearly("INV{yy}{serial:5}")).toBe(true);
    expect(NumberFormat.restartsYearly("{office}{serial:8}")).toBe(false);
  });

  it.each([
    ["", "1 to 40"],
    ["INV/{yyyy}/{serial}", '"/" is not allowed'],
    ["inv-{serial}", '"inv" is not allowed'],
    ["{office}-{yyyy}", "exactly one {serial}"],
    ["{serial}{serial}", "exactly one {serial}"],
    ["{yy}{yyyy}{serial}", "at most one year"],
    ["{serial:0}", "1 to 12 digits"],
    ["{office:3}{serial}", "takes no width"],
    ["{kind}{serial}", '"{kind}" is not allowed'],
  ])("refuses the format %j, saying %s", (format, says) => {
    expect(NumberFormat.problem(format)).toContain(says);
    expect(Schema.is(NumberFormat.NumberFormat)(format)).toBe(false);
    expect(Result.isFailure(Invoice.invoiceNumber("OM", 2026, 1, format))).toBe(true);
  });

  it("writes only numbers the invoice schema and the routes accept, for any valid format (property)", () => {
    const piece = fc.constantFrom("{office}", "{yyyy}", "{yy}", "-", "INV", "R", ".", "_", "0");
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 4 }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        fc.array(piece, { maxLength: 3 }),
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        (before, width, after, year, serial) => {
          const format = `${before.join("")}{serial${width === undefined ? "" : `:${width}`}}${after.join("")}`;
          const written = Invoice.invoiceNumber("OM", year, serial, format);
          if (NumberFormat.problem(format) !== undefined) {
            expect(Result.isFailure(written)).toBe(true);
            return;
          }
          if (Result.isFailure(written)) return; // too short (e.g. "{serial}" for 7) or too long: refused, not thrown
          expect(Schema.is(Invoice.InvoiceNumber)(written.success)).toBe(true);
          expect(NumberFormat.isNumber(written.success)).toBe(true);
        },
      ),
    );
  });

  it("numbers a receipt in the office's receipt format", () => {
    const invoice = { number: "INV2600042", office: "JO", currency: "JOD", total: 5000 };
    const entries = [
      Schema.decodeUnknownSync(Ledger.Entry)({
        id: "p1",
        invoice: "INV2600042",
        kind: "payment",
        amount: 5000,
        currency: "JOD",
        at: "2026-03-01T10:00:00Z",
      }),
    ];
    const made = Receipt.make(invoice, entries, "p1", 3, "RC{yyyy}{serial:4}");
    expect(Result.getOrThrow(made).number).toBe("RC20260003");
    expect(Result.isFailure(Receipt.make(invoice, entries, "p1", 3, "RC/{serial}"))).toBe(true);
  });
});
