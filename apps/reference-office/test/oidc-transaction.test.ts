/**
 * The sealed sign-in transaction and the `returnTo` rule, on arbitrary input (fast-check): never an exception, always
 * a typed failure for what is not a fresh transaction sealed with the key or a local path.
 */
import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkReturnTo,
  type OidcTransaction,
  openTransaction,
  sealTransaction,
  transactionLifetimeMs,
} from "../src/auth/OidcTransaction.js";

const key = "a transaction key of at least thirty-two bytes";
const now = new Date("2026-11-24T08:00:00Z");

const token = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
const transactionArb: fc.Arbitrary<OidcTransaction> = fc.record({
  state: token,
  nonce: token,
  codeVerifier: token,
  returnTo: fc.constantFrom("/", "/office", "/office/queue?kind=tm&page=2", "/records/OM502026000000361#history"),
  redirectUri: fc.constantFrom("https://office.example.gov/sign-in/oidc/callback"),
  createdAt: fc.integer({ min: now.getTime() - transactionLifetimeMs, max: now.getTime() }),
});

const refusedAsTransaction = (value: unknown): boolean => {
  const opened = openTransaction(value, key, now);
  return (
    Result.isFailure(opened) && opened.failure._tag === "OidcFailed" && opened.failure.reason === "transaction-invalid"
  );
};

describe("sealed sign-in transaction", () => {
  it("opens what it sealed, within ten minutes", () => {
    fc.assert(
      fc.property(transactionArb, (transaction) => {
        expect(Result.getOrThrow(openTransaction(sealTransaction(transaction, key), key, now))).toEqual(transaction);
      }),
    );
  });

  it("seals each time differently and shows nothing of the transaction", () => {
    fc.assert(
      fc.property(transactionArb, (transaction) => {
        const a = sealTransaction(transaction, key);
        const b = sealTransaction(transaction, key);
        expect(a).not.toBe(b);
        expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
        const bytes = Buffer.from(a.slice(3), "base64url").toString("latin1");
        expect(bytes).not.toContain(transaction.state);
        expect(bytes).not.toContain(transaction.codeVerifier);
      }),
      { numRuns: 50 },
    );
  });

  it("refuses it one millisecond after ten minutes, and one stamped over a minute in the future", () => {
    const transaction: OidcTransaction = {
      state: "s".repeat(43),
      nonce: "n".repeat(43),
      codeVerifier: "v".repeat(43),
      returnTo: "/",
      redirectUri: "https://office.example.gov/sign-in/oidc/callback",
      createdAt: now.getTime(),
    };
    const sealed = sealTransaction(transaction, key);
    expect(Result.isSuccess(openTransaction(sealed, key, new Date(now.getTime() + transactionLifetimeMs)))).toBe(true);
    const late = openTransaction(sealed, key, new Date(now.getTime() + transactionLifetimeMs + 1));
    expect(Result.isFailure(late) && late.failure.detail).toContain("expired");
    expect(refusedAsTransaction(sealTransaction({ ...transaction, createdAt: now.getTime() + 61_000 }, key))).toBe(
      true,
    );
  });

  it("refuses random garbage with a typed failure, never an exception", () => {
    fc.assert(fc.property(fc.anything(), (value) => refusedAsTransaction(value)));
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 5000 }), (value) => refusedAsTransaction(value)));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) =>
        refusedAsTransaction(`v1.${Buffer.from(bytes).toString("base64url")}`),
      ),
    );
  });

  it("refuses a sealed value with any change: a character, a truncation, an extension, another key", () => {
    fc.assert(
      fc.property(
        transactionArb,
        fc.nat(),
        fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        (transaction, at, replacement) => {
          const sealed = sealTransaction(transaction, key);
          const i = 3 + (at % (sealed.length - 3));
          fc.pre(sealed[i] !== replacement);
          const changed = sealed.slice(0, i) + replacement + sealed.slice(i + 1);
          // A change in the last character may only touch the unused bits of base64url: decode to compare.
          fc.pre(!Buffer.from(changed.slice(3), "base64url").equals(Buffer.from(sealed.slice(3), "base64url")));
          return (
            refusedAsTransaction(changed) &&
            refusedAsTransaction(sealed.slice(0, i)) &&
            refusedAsTransaction(`${sealed}AAAA`) &&
            Result.isFailure(openTransaction(sealed, `${key} but another one`, now))
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses a key shorter than 32 bytes when sealing or opening (a programming error)", () => {
    const transaction = fc.sample(transactionArb, 1)[0] as OidcTransaction;
    expect(() => sealTransaction(transaction, "short")).toThrow(RangeError);
    expect(() => openTransaction("v1.x", new Uint8Array(31), now)).toThrow(RangeError);
  });
});

describe("returnTo", () => {
  const base = "https://office.example.gov";
  const staysHere = (value: string) => {
    const url = new URL(value, `${base}/sign-in/oidc`);
    return url.origin === base;
  };

  it("accepts local paths", () => {
    for (const path of [
      "/",
      "/office",
      "/office/queue?kind=tm&page=2",
      "/records/OM502026000000361#history",
      "/a/b/",
    ]) {
      expect(Result.getOrThrow(checkReturnTo(path))).toBe(path);
    }
  });

  it("refuses other sites and tricks browsers fall for", () => {
    for (const value of [
      "//evil.example",
      "https://evil.example",
      "http://evil.example/office",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      " /office",
      "javascript:alert(1)",
      "data:text/html,x",
      "office",
      "",
      "/".repeat(2001),
    ]) {
      const checked = checkReturnTo(value);
      expect(Result.isFailure(checked) && checked.failure.reason, JSON.stringify(value)).toBe("return-to-invalid");
    }
  });

  it("never throws, and whatever it accepts stays on the office's site", () => {
    const candidates = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.webUrl(),
      fc.domain().map((d) => `//${d}`),
      fc.string({ maxLength: 100 }).map((s) => `/${s}`),
      fc.tuple(fc.constantFrom("/", "//", "/\\", "\\/", "/\t/", "/%2F/"), fc.domain()).map(([a, d]) => a + d),
      fc.anything(),
    );
    fc.assert(
      fc.property(candidates, (value) => {
        const checked = checkReturnTo(value);
        if (Result.isFailure(checked)) return checked.failure.reason === "return-to-invalid";
        return typeof value === "string" && checked.success === value && value.startsWith("/") && staysHere(value);
      }),
      { numRuns: 2000 },
    );
  });
});
