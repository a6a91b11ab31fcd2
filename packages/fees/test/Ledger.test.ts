import { describe, expect, it } from "vitest";
import { Ledger, Receipt } from "../src/index.js";
import { failure, unwrap } from "./fixtures.js";

const invoice = { number: "XX-2026-000001", office: "XX", currency: "BHD", total: 10_000, payer: "Agent" };
let clock = 0;
const entry = (kind: Ledger.EntryKind, amount: number, extra: Partial<Ledger.Entry> = {}): Ledger.Entry => {
  clock += 1;
  return {
    id: `e${clock}`,
    invoice: invoice.number,
    kind,
    amount,
    currency: "BHD",
    at: `2026-11-24T10:00:${String(clock % 60).padStart(2, "0")}Z`,
    ...extra,
  };
};
const stateOf = (entries: ReadonlyArray<Ledger.Entry>) => Ledger.state(invoice, entries);

describe("Ledger.state", () => {
  it("derives every state from the entries", () => {
    const full = entry("payment", 10_000);
    expect(stateOf([])).toBe("unpaid");
    expect(stateOf([entry("payment", 4_000)])).toBe("partially_paid");
    expect(stateOf([entry("payment", 4_000), entry("payment", 6_000)])).toBe("paid");
    expect(stateOf([full])).toBe("paid");
    expect(stateOf([entry("payment", 12_500)])).toBe("overpaid");
    expect(stateOf([entry("payment", 12_500), entry("refund", 2_500)])).toBe("paid");
    expect(stateOf([full, entry("refund", 10_000)])).toBe("refunded");
    expect(stateOf([full, entry("refund", 3_000)])).toBe("partially_paid");
    expect(stateOf([full, entry("reversal", 10_000, { reverses: full.id })])).toBe("unpaid");
    expect(stateOf([entry("cancellation", 0)])).toBe("cancelled");
    expect(stateOf([full, entry("cancellation", 0)])).toBe("cancelled");
    expect(Ledger.state({ ...invoice, total: 0 }, [])).toBe("paid");
  });

  it("ignores other invoices' entries and reversed refunds count again", () => {
    const full = entry("payment", 10_000);
    const refund = entry("refund", 10_000);
    expect(stateOf([full, entry("payment", 5_000, { invoice: "XX-2026-000002" })])).toBe("paid");
    expect(stateOf([full, refund, entry("reversal", 10_000, { reverses: refund.id })])).toBe("paid");
  });

  it("reports the balance: outstanding and credit", () => {
    expect(Ledger.balance(invoice, [entry("payment", 4_000)])).toMatchObject({
      net: 4_000,
      outstanding: 6_000,
      credit: 0,
    });
    expect(Ledger.balance(invoice, [entry("payment", 12_000)])).toMatchObject({ outstanding: 0, credit: 2_000 });
    expect(Ledger.balance(invoice, [entry("payment", 3_000), entry("cancellation", 0)])).toMatchObject({
      outstanding: 0,
      credit: 3_000,
      cancelled: true,
    });
  });
});

const notification = (overrides: Partial<Ledger.Notification> = {}): Ledger.Notification => ({
  gateway: "benefit",
  transactionId: "T-1",
  invoice: invoice.number,
  kind: "payment",
  amount: 10_000,
  currency: "BHD",
  at: "2026-11-24T10:00:00Z",
  ...overrides,
});

describe("Ledger.applyNotification", () => {
  it("applies a notification once, whatever number of times it arrives", () => {
    const first = unwrap(Ledger.applyNotification(invoice, [], notification()));
    expect(first.applied).toBe(true);
    expect(first.entry.id).toBe("benefit:T-1");
    expect(first.entry.id).toBe(Ledger.idempotencyKey(notification()));
    const again = unwrap(Ledger.applyNotification(invoice, first.entries, notification()));
    expect(again.applied).toBe(false);
    expect(again.entries).toBe(first.entries);
    expect(again.entries).toHaveLength(1);
    expect(Ledger.state(invoice, again.entries)).toBe("paid");
  });

  it("refuses the same transaction id with different content", () => {
    const first = unwrap(Ledger.applyNotification(invoice, [], notification()));
    expect(failure(Ledger.applyNotification(invoice, first.entries, notification({ amount: 1 }))).reason).toBe(
      "conflicting_duplicate",
    );
  });

  it("records partial payments, overpayments, refunds and reversals", () => {
    let entries: ReadonlyArray<Ledger.Entry> = [];
    const apply = (n: Ledger.Notification) => {
      entries = unwrap(Ledger.applyNotification(invoice, entries, n)).entries;
      return Ledger.state(invoice, entries);
    };
    expect(apply(notification({ transactionId: "P1", amount: 6_000 }))).toBe("partially_paid");
    expect(apply(notification({ transactionId: "P2", amount: 6_000 }))).toBe("overpaid");
    expect(apply(notification({ transactionId: "R1", kind: "refund", amount: 2_000 }))).toBe("paid");
    expect(apply(notification({ transactionId: "V1", kind: "reversal", amount: 0, reverses: "P2" }))).toBe(
      "partially_paid",
    );
    expect(entries.at(-1)).toMatchObject({ kind: "reversal", amount: 6_000, reverses: "benefit:P2" });
    expect(Ledger.balance(invoice, entries)).toMatchObject({ paid: 6_000, refunded: 2_000, net: 4_000 });
  });

  it("refuses notifications that do not fit the invoice", () => {
    const paid = unwrap(Ledger.applyNotification(invoice, [], notification({ transactionId: "P1", amount: 5_000 })));
    const reason = (n: Ledger.Notification) => failure(Ledger.applyNotification(invoice, paid.entries, n)).reason;
    expect(reason(notification({ transactionId: "X1", invoice: "XX-2026-000009" }))).toBe("wrong_invoice");
    expect(reason(notification({ transactionId: "X2", currency: "USD" }))).toBe("currency_mismatch");
    expect(reason(notification({ transactionId: "X3", amount: 0 }))).toBe("zero_amount");
    expect(reason(notification({ transactionId: "X4", kind: "refund", amount: 5_001 }))).toBe("refund_exceeds_paid");
    expect(reason(notification({ transactionId: "X5", kind: "reversal", reverses: "NOPE" }))).toBe(
      "unknown_reversal_target",
    );
    const reversed = unwrap(
      Ledger.applyNotification(
        invoice,
        paid.entries,
        notification({ transactionId: "V1", kind: "reversal", reverses: "P1" }),
      ),
    );
    expect(
      failure(
        Ledger.applyNotification(
          invoice,
          reversed.entries,
          notification({ transactionId: "V2", kind: "reversal", reverses: "P1" }),
        ),
      ).reason,
    ).toBe("already_reversed");
  });
});

describe("Receipt", () => {
  it("issues a receipt for a payment with the balance right after it", () => {
    const p1 = entry("payment", 4_000, { at: "2026-11-24T09:00:00Z" });
    const p2 = entry("payment", 6_000);
    const receipt = unwrap(Receipt.make(invoice, [p1, p2], p1.id, 7));
    expect(receipt).toMatchObject({
      number: "XX-R-2026-000007",
      invoice: invoice.number,
      payer: "Agent",
      amount: 4_000,
      state: "partially_paid",
    });
    expect(receipt.balance.outstanding).toBe(6_000);
    expect(unwrap(Receipt.make(invoice, [p1, p2], p2.id, 8)).state).toBe("paid");
  });

  it("has no receipt for unknown entries, reversals or a bad sequence", () => {
    const p1 = entry("payment", 4_000);
    const v = entry("reversal", 4_000, { reverses: p1.id });
    expect(failure(Receipt.make(invoice, [p1], "nope", 1))._tag).toBe("ReceiptUnavailable");
    expect(failure(Receipt.make(invoice, [p1, v], v.id, 1)).reason).toMatch(/reversal/);
    expect(failure(Receipt.make(invoice, [p1], p1.id, 0))._tag).toBe("ReceiptUnavailable");
  });
});
