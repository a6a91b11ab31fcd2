/**
 * Payment gateway notifications (webhooks): HMAC-SHA256 signature verification with the office's secret, replay
 * protection by timestamp, and decoding of the body into a `Ledger.Notification`. Uses Web Crypto (`crypto.subtle`),
 * present in Node 20 and in browsers, so the main entry stays browser-safe.
 *
 * Signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (several `v1=` may be given while a
 * secret is rotated). Verify the raw bytes as received, before any JSON parsing.
 */
import { Result, Schema, SchemaIssue } from "effect";
import { jsonPath } from "./FeeSchedule.js";
import { Notification } from "./Ledger.js";

/** Why a notification was refused before it reached the ledger. The app records every refusal. */
export class SignatureRejected extends Schema.TaggedError<SignatureRejected>()("SignatureRejected", {
  reason: Schema.Literals(["missing", "malformed", "mismatch", "expired"]),
  detail: Schema.String,
}) {
  override get message(): string {
    return `Gateway signature refused (${this.reason}): ${this.detail}`;
  }
}

/** A body that is not a valid notification, with one issue per JSON path. */
export class NotificationInvalid extends Schema.TaggedError<NotificationInvalid>()("NotificationInvalid", {
  issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
}) {
  override get message(): string {
    return `Invalid gateway notification: ${this.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`;
  }
}

/** Default window in which a signed notification is accepted (5 minutes either side of its timestamp). */
export const defaultToleranceSeconds = 300;

const encoder = new TextEncoder();

const toBytes = (body: string | Uint8Array): Uint8Array => (typeof body === "string" ? encoder.encode(body) : body);

const signedPayload = (timestamp: number, body: string | Uint8Array): Uint8Array<ArrayBuffer> => {
  const prefix = encoder.encode(`${timestamp}.`);
  const bytes = toBytes(body);
  const payload = new Uint8Array(prefix.length + bytes.length);
  payload.set(prefix, 0);
  payload.set(bytes, prefix.length);
  return payload;
};

const importKey = (secret: string, usage: "sign" | "verify") =>
  globalThis.crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);

const toHex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("");

const fromHex = (hex: string): Uint8Array<ArrayBuffer> | undefined => {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return undefined;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
};

/** Signs a body as the gateway does (for tests, fakes and a gateway simulator). */
export const sign = async (body: string | Uint8Array, secret: string, timestamp: number): Promise<string> => {
  const key = await importKey(secret, "sign");
  const mac = await globalThis.crypto.subtle.sign("HMAC", key, signedPayload(timestamp, body));
  return `t=${timestamp},v1=${toHex(mac)}`;
};

/** Reads `t=…,v1=…` from a header value; undefined when the header is malformed. */
export const parseHeader = (
  header: string,
): { readonly timestamp: number; readonly signatures: ReadonlyArray<string> } | undefined => {
  if (header.length > 1024) return undefined;
  let timestamp: number | undefined;
  const signatures: Array<string> = [];
  for (const part of header.split(",")) {
    const [name, value, ...rest] = part.trim().split("=");
    if (value === undefined || rest.length > 0) return undefined;
    if (name === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === "v1") signatures.push(value);
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
};

export interface VerifyOptions {
  /** The current time (the app reads it from its clock). */
  readonly now: Date;
  readonly toleranceSeconds?: number | undefined;
}

/**
 * Verifies a notification's signature over its raw body with the office's secret: the header must be present and
 * well formed, one `v1` must be the HMAC-SHA256 of `"<t>.<body>"` (compared in constant time by Web Crypto), and `t`
 * must lie within the tolerance of `now` (an old signed body replayed later is refused).
 */
export const verifySignature = async (
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  options: VerifyOptions,
): Promise<Result.Result<{ readonly timestamp: number }, SignatureRejected>> => {
  if (signatureHeader === null || signatureHeader === undefined || signatureHeader.trim() === "")
    return Result.fail(new SignatureRejected({ reason: "missing", detail: "no signature header" }));
  const parsed = parseHeader(signatureHeader);
  if (parsed === undefined)
    return Result.fail(new SignatureRejected({ reason: "malformed", detail: "expected t=<seconds>,v1=<hex>" }));
  const key = await importKey(secret, "verify");
  const payload = signedPayload(parsed.timestamp, rawBody);
  let valid = false;
  for (const signature of parsed.signatures) {
    const bytes = fromHex(signature);
    if (bytes !== undefined && (await globalThis.crypto.subtle.verify("HMAC", key, bytes, payload))) valid = true;
  }
  if (!valid) return Result.fail(new SignatureRejected({ reason: "mismatch", detail: "signature does not match" }));
  const age = Math.abs(options.now.getTime() / 1000 - parsed.timestamp);
  const tolerance = options.toleranceSeconds ?? defaultToleranceSeconds;
  if (age > tolerance)
    return Result.fail(
      new SignatureRejected({
        reason: "expired",
        detail: `signed ${Math.round(age)} s away from now (limit ${tolerance} s)`,
      }),
    );
  return Result.succeed({ timestamp: parsed.timestamp });
};

const decodeNotification = Schema.decodeUnknownResult(Notification, { errors: "all", onExcessProperty: "ignore" });
const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

/** Largest notification body accepted. */
export const maxBodyBytes = 64 * 1024;

/** Decodes a (verified) raw body into a notification. */
export const parseNotification = (rawBody: string | Uint8Array): Result.Result<Notification, NotificationInvalid> => {
  const bytes = toBytes(rawBody);
  if (bytes.length > maxBodyBytes)
    return Result.fail(
      new NotificationInvalid({ issues: [{ path: "$", message: `Body over ${maxBodyBytes} bytes` }] }),
    );
  let value: unknown;
  try {
    value = JSON.parse(typeof rawBody === "string" ? rawBody : new TextDecoder().decode(bytes));
  } catch {
    return Result.fail(new NotificationInvalid({ issues: [{ path: "$", message: "Body is not JSON" }] }));
  }
  return Result.mapError(
    decodeNotification(value),
    (error) =>
      new NotificationInvalid({
        issues: formatter(error.issue).issues.map((issue) => ({
          path: jsonPath((issue.path ?? []).map((s) => (typeof s === "object" ? s.key : s))),
          message: issue.message,
        })),
      }),
  );
};

/** Verifies then decodes: what a webhook handler calls first. */
export const receive = async (
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  options: VerifyOptions,
): Promise<Result.Result<Notification, SignatureRejected | NotificationInvalid>> => {
  const verified = await verifySignature(rawBody, signatureHeader, secret, options);
  if (Result.isFailure(verified)) return Result.fail(verified.failure);
  return parseNotification(rawBody);
};

/** What the app records about a refused notification: enough to investigate, without storing a forged body. */
export const Rejection = Schema.Struct({
  receivedAt: Schema.String,
  gateway: Schema.String,
  reason: Schema.String,
  detail: Schema.String,
  /** Hex SHA-256 of the raw body, to match it with the gateway's logs. */
  bodySha256: Schema.String,
  bodyBytes: Schema.Int,
});
export type Rejection = typeof Rejection.Type;

/** Builds the record of a refused notification (bad signature or invalid body). */
export const rejection = async (
  rawBody: string | Uint8Array,
  error: SignatureRejected | NotificationInvalid,
  gateway: string,
  receivedAt: Date,
): Promise<Rejection> => {
  const bytes = toBytes(rawBody);
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new Uint8Array(bytes));
  return {
    receivedAt: receivedAt.toISOString(),
    gateway,
    reason: error._tag === "SignatureRejected" ? error.reason : "invalid_body",
    detail: error.message.slice(0, 500),
    bodySha256: toHex(digest),
    bodyBytes: bytes.length,
  };
};
