/**
 * What a sign-in must remember between the redirect to the provider and the callback (state, nonce, PKCE verifier,
 * where to go afterwards), sealed into a short-lived cookie value: AES-256-GCM with a key derived (HKDF-SHA-256) from
 * the office's secret, so the browser can neither read nor change it. A value older than ten minutes, altered, made
 * with another key or not a sealed value at all is refused with a typed failure, never an exception.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { Result, Schema } from "effect";
import { OidcFailed } from "./OidcFailed.js";

/** How long a started sign-in may take before its callback is refused. */
export const transactionLifetimeMs = 10 * 60 * 1000;
/** Tolerance for a transaction stamped slightly after `now` (clocks of several instances). */
const futureToleranceMs = 60 * 1000;
/** Sealed values longer than this are refused before any work (a cookie holds about 4 KB). */
const maxSealedLength = 4000;

export interface OidcTransaction {
  /** Sent to the provider and expected back unchanged at the callback (CSRF). */
  readonly state: string;
  /** Expected in the ID token (replay of an ID token). */
  readonly nonce: string;
  /** The PKCE verifier whose S256 challenge went to the provider. */
  readonly codeVerifier: string;
  /** The local path to go to after signing in. */
  readonly returnTo: string;
  /** The redirect URI of the authorization request; the token request must repeat it exactly. */
  readonly redirectUri: string;
  /** When the sign-in started (milliseconds since the epoch). */
  readonly createdAt: number;
}

const Token = Schema.String.check(Schema.isPattern(/^[A-Za-z0-9._~-]{16,200}$/));
const TransactionSchema = Schema.Struct({
  state: Token,
  nonce: Token,
  codeVerifier: Token,
  returnTo: Schema.String.check(Schema.isMaxLength(2000)),
  redirectUri: Schema.String.check(Schema.isMaxLength(2000)),
  createdAt: Schema.Finite,
});
const decodeTransaction = Schema.decodeUnknownResult(TransactionSchema);

/**
 * The secret the transaction key is derived from: at least 32 bytes (a string of 32 or more characters, or bytes),
 * e.g. the office's session secret; derivation keeps this use apart from any other use of the same secret.
 */
export type TransactionKey = string | Uint8Array;

const version = "v1";
const additionalData = Buffer.from("ipoffice/oidc-transaction/v1");

const deriveKey = (key: TransactionKey): Buffer => {
  const material = typeof key === "string" ? Buffer.from(key, "utf8") : Buffer.from(key);
  if (material.length < 32) {
    throw new RangeError("the OpenID Connect transaction key must be at least 32 bytes");
  }
  return Buffer.from(hkdfSync("sha256", material, Buffer.alloc(0), additionalData, 32));
};

/** Throws a RangeError for a key shorter than 32 bytes (a programming error, found when the routes are built). */
export const assertTransactionKey = (key: TransactionKey): void => {
  deriveKey(key);
};

/** Seals a transaction into a cookie-safe string (`v1.` + base64url of IV, ciphertext and tag). */
export const sealTransaction = (transaction: OidcTransaction, key: TransactionKey): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(key), iv);
  cipher.setAAD(additionalData);
  const plain = Buffer.from(
    JSON.stringify({
      state: transaction.state,
      nonce: transaction.nonce,
      codeVerifier: transaction.codeVerifier,
      returnTo: transaction.returnTo,
      redirectUri: transaction.redirectUri,
      createdAt: transaction.createdAt,
    }),
    "utf8",
  );
  const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return `${version}.${sealed.toString("base64url")}`;
};

const invalid = (detail: string): Result.Result<never, OidcFailed> =>
  Result.fail(new OidcFailed({ reason: "transaction-invalid", detail }));

/**
 * Opens a sealed transaction: the transaction, or `transaction-invalid` when the value is missing, malformed, altered,
 * sealed with another key, older than ten minutes at `now`, or stamped in the future.
 */
export const openTransaction = (
  sealed: unknown,
  key: TransactionKey,
  now: Date,
): Result.Result<OidcTransaction, OidcFailed> => {
  const aesKey = deriveKey(key);
  if (typeof sealed !== "string" || sealed === "") {
    return invalid("no sign-in in progress in this browser (the sign-in cookie is missing)");
  }
  if (sealed.length > maxSealedLength || !/^v1\.[A-Za-z0-9_-]{40,}$/.test(sealed)) {
    return invalid("the sign-in cookie is not a sealed sign-in");
  }
  const bytes = Buffer.from(sealed.slice(version.length + 1), "base64url");
  if (bytes.length < 12 + 16 + 2) return invalid("the sign-in cookie is not a sealed sign-in");
  let plain: string;
  try {
    const decipher = createDecipheriv("aes-256-gcm", aesKey, bytes.subarray(0, 12));
    decipher.setAAD(additionalData);
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    return invalid("the sign-in cookie was altered or sealed with another key");
  }
  let json: unknown;
  try {
    json = JSON.parse(plain);
  } catch {
    return invalid("the sign-in cookie does not hold a sign-in");
  }
  const decoded = decodeTransaction(json);
  if (Result.isFailure(decoded)) return invalid("the sign-in cookie does not hold a sign-in");
  const transaction = decoded.success;
  const age = now.getTime() - transaction.createdAt;
  if (age > transactionLifetimeMs) {
    return invalid(`the sign-in expired: it was started more than ${transactionLifetimeMs / 60_000} minutes ago`);
  }
  if (age < -futureToleranceMs) return invalid("the sign-in was stamped in the future (clocks disagree)");
  return Result.succeed(transaction);
};

const returnToBase = "http://return-to.invalid";

/**
 * A local path to return to after signing in: starts with a single `/`, no backslash, no control character, at most
 * 2,000 characters, and stays on this site when a browser resolves it. Anything else (`//evil.example`,
 * `https://evil.example`, `/\evil.example`, `javascript:…`) is `return-to-invalid`. Never throws.
 */
export const checkReturnTo = (value: unknown): Result.Result<string, OidcFailed> => {
  const refuse = (detail: string) => Result.fail(new OidcFailed({ reason: "return-to-invalid", detail }));
  if (typeof value !== "string") return refuse("returnTo must be a local path such as /office");
  if (value.length > 2000) return refuse("returnTo is longer than 2000 characters");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (!/^\/(?![/\\])[^\\\u0000-\u001f\u007f-\u009f\s]*$/u.test(value)) {
    return refuse("returnTo must be a local path starting with a single / (no scheme, host or backslash)");
  }
  let resolved: URL;
  try {
    resolved = new URL(value, returnToBase);
  } catch {
    return refuse("returnTo is not a valid path");
  }
  if (resolved.origin !== returnToBase) return refuse("returnTo leads to another site");
  return Result.succeed(value);
};
