import { describe, expect, it } from "vitest";
import { Gateway, Ledger } from "../src/index.js";
import { failure, unwrap } from "./fixtures.js";

const secret = "office-secret-XX";
const now = new Date("2026-11-24T10:00:00Z");
const t = Math.floor(now.getTime() / 1000);
const body = JSON.stringify({
  gateway: "benefit",
  transactionId: "T-100",
  invoice: "XX-2026-000001",
  kind: "payment",
  amount: 10_000,
  currency: "BHD",
  at: "2026-11-24T09:59:58Z",
});

describe("Gateway.verifySignature", () => {
  it("accepts a good signature over the raw body, as text or bytes", async () => {
    const header = await Gateway.sign(body, secret, t);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(unwrap(await Gateway.verifySignature(body, header, secret, { now })).timestamp).toBe(t);
    expect(
      unwrap(await Gateway.verifySignature(new TextEncoder().encode(body), header, secret, { now })).timestamp,
    ).toBe(t);
  });

  it("refuses a missing or malformed header", async () => {
    for (const header of [undefined, null, "", "   "])
      expect(failure(await Gateway.verifySignature(body, header, secret, { now })).reason).toBe("missing");
    for (const header of ["sha256=abc", "t=abc,v1=00", "t=1", "v1=ab", "t=1,v1=a=b"])
      expect(failure(await Gateway.verifySignature(body, header, secret, { now })).reason).toBe("malformed");
  });

  it("refuses a bad signature: another secret, a changed body, a forged timestamp", async () => {
    const header = await Gateway.sign(body, secret, t);
    expect(failure(await Gateway.verifySignature(body, header, "other-secret", { now })).reason).toBe("mismatch");
    expect(failure(await Gateway.verifySignature(body.replace("10000", "1"), header, secret, { now })).reason).toBe(
      "mismatch",
    );
    const forged = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(failure(await Gateway.verifySignature(body, forged, secret, { now })).reason).toBe("mismatch");
    expect(failure(await Gateway.verifySignature(body, `t=${t},v1=${"0".repeat(64)}`, secret, { now })).reason).toBe(
      "mismatch",
    );
  });

  it("accepts any v1 while a secret rotates", async () => {
    const oldHeader = await Gateway.sign(body, "old-secret", t);
    const newHeader = await Gateway.sign(body, secret, t);
    const both = `${oldHeader},v1=${newHeader.split("v1=")[1]}`;
    expect(unwrap(await Gateway.verifySignature(body, both, secret, { now })).timestamp).toBe(t);
  });

  it("refuses a replay of an old signed notification outside the tolerance; within it the ledger applies it once", async () => {
    const header = await Gateway.sign(body, secret, t);
    const later = new Date(now.getTime() + 301_000);
    expect(failure(await Gateway.verifySignature(body, header, secret, { now: later })).reason).toBe("expired");
    expect(
      unwrap(await Gateway.verifySignature(body, header, secret, { now: later, toleranceSeconds: 600 })).timestamp,
    ).toBe(t);

    const invoice = { number: "XX-2026-000001", currency: "BHD", total: 10_000 };
    let entries: ReadonlyArray<Ledger.Entry> = [];
    const results: Array<boolean> = [];
    for (let i = 0; i < 3; i++) {
      const notification = unwrap(await Gateway.receive(body, header, secret, { now }));
      const applied = unwrap(Ledger.applyNotification(invoice, entries, notification));
      entries = applied.entries;
      results.push(applied.applied);
    }
    expect(results).toEqual([true, false, false]);
    expect(Ledger.state(invoice, entries)).toBe("paid");
  });
});

describe("Gateway.parseNotification", () => {
  it("decodes a notification and names the fields that are wrong", () => {
    expect(unwrap(Gateway.parseNotification(body)).transactionId).toBe("T-100");
    expect(failure(Gateway.parseNotification("{")).issues[0]?.message).toMatch(/JSON/);
    const issues = failure(
      Gateway.parseNotification(JSON.stringify({ ...JSON.parse(body), amount: 1.5, kind: "gift" })),
    ).issues.map((issue) => issue.path);
    expect(issues).toEqual(expect.arrayContaining(["$.amount", "$.kind"]));
    expect(failure(Gateway.parseNotification("x".repeat(Gateway.maxBodyBytes + 1))).issues[0]?.message).toMatch(
      /bytes/,
    );
  });

  it("receive refuses before parsing when the signature is bad, and the refusal can be recorded", async () => {
    const refused = failure(await Gateway.receive(body, "t=1,v1=00", secret, { now }));
    expect(refused._tag).toBe("SignatureRejected");
    const record = await Gateway.rejection(body, refused, "benefit", now);
    expect(record).toMatchObject({
      receivedAt: "2026-11-24T10:00:00.000Z",
      gateway: "benefit",
      bodyBytes: body.length,
    });
    expect(record.reason).toBe("mismatch");
    expect(record.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    const invalid = failure(Gateway.parseNotification("{"));
    expect((await Gateway.rejection("{", invalid, "benefit", now)).reason).toBe("invalid_body");
  });
});
