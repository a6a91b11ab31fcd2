/**
 * The audit trail's pure part: what an entry may hold, its canonical JSON, and the hash that chains each row to the
 * previous one. No IO; the same functions serve appending and verifying, so both compute byte for byte the same text.
 */
import { createHash } from "node:crypto";
import { Data } from "effect";

export const actorKinds = ["account", "token", "system", "anonymous"] as const;
export type ActorKind = (typeof actorKinds)[number];

export const outcomes = ["ok", "refused", "failed"] as const;
export type Outcome = (typeof outcomes)[number];

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | ReadonlyArray<JsonValue>
  | { readonly [k: string]: JsonValue };

/** What a caller records: who did what to what, with which outcome. The office, time, seq and hashes are added. */
export interface AuditEntry {
  readonly actorKind: ActorKind;
  readonly actorId: string;
  /** `sign-in`, `sign-in-failed`, `sign-out`, `rights.file`, `rights.perform`, an operation id… */
  readonly action: string;
  /** What the action was about (an application number…). */
  readonly target?: string | null | undefined;
  readonly outcome: Outcome;
  /** The client's address, when the action came over the network. */
  readonly address?: string | null | undefined;
  /** A small JSON object (at most `limits.details` characters in canonical form). */
  readonly details?: { readonly [k: string]: JsonValue } | undefined;
}

/** A row of the log as the service returns it. */
export interface AuditRow {
  readonly officeCode: string;
  readonly seq: number;
  /** ISO 8601 in UTC with milliseconds (`2026-12-07T09:00:00.000Z`). */
  readonly at: string;
  readonly actorKind: ActorKind;
  readonly actorId: string;
  readonly action: string;
  readonly target: string | null;
  readonly outcome: Outcome;
  readonly address: string | null;
  readonly details: { readonly [k: string]: JsonValue };
  readonly prevHash: string;
  readonly hash: string;
}

/** The `prev_hash` of each office's first row. */
export const genesisHash = "0".repeat(64);

/** Lengths in UTF-16 code units (JavaScript string length). */
export const limits = {
  actorId: 256,
  action: 200,
  target: 256,
  address: 100,
  /** The details object's canonical JSON. */
  details: 8_192,
  /** Nesting of arrays and objects inside details. */
  depth: 8,
} as const;

/** An entry the log cannot hold; `field` names it (`details.note`, `actorId`). */
export class AuditEntryInvalid extends Data.TaggedError("AuditEntryInvalid")<{
  readonly field: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `audit entry refused: ${this.field}: ${this.reason}`;
  }
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored exactly in PostgreSQL text or jsonb, if it cannot. */
const textProblem = (value: string): string | undefined => {
  if (value.includes("\u0000")) return "contains a NUL character (U+0000), which PostgreSQL text cannot hold";
  if (loneSurrogate.test(value)) return "contains an unpaired UTF-16 surrogate, which is not valid Unicode text";
  return undefined;
};

const checkText = (field: string, value: unknown, max: number, options: { nullable: boolean }) => {
  if (value === null || value === undefined) {
    if (options.nullable) return;
    throw new AuditEntryInvalid({ field, reason: "is required" });
  }
  if (typeof value !== "string") throw new AuditEntryInvalid({ field, reason: "must be a string" });
  if (!options.nullable && value.length === 0) throw new AuditEntryInvalid({ field, reason: "must not be empty" });
  if (value.length > max) throw new AuditEntryInvalid({ field, reason: `is longer than ${max} characters` });
  const problem = textProblem(value);
  if (problem) throw new AuditEntryInvalid({ field, reason: problem });
};

const checkJson = (path: string, value: unknown, depth: number): void => {
  if (value === null || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new AuditEntryInvalid({ field: path, reason: "numbers must be finite" });
    return;
  }
  if (typeof value === "string") {
    const problem = textProblem(value);
    if (problem) throw new AuditEntryInvalid({ field: path, reason: problem });
    return;
  }
  if (typeof value !== "object") {
    throw new AuditEntryInvalid({ field: path, reason: `${typeof value} is not a JSON value` });
  }
  if (depth >= limits.depth) {
    throw new AuditEntryInvalid({ field: path, reason: `nested deeper than ${limits.depth} levels` });
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      checkJson(`${path}[${i}]`, v, depth + 1);
    });
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new AuditEntryInvalid({ field: path, reason: "must be a plain object, array or JSON scalar" });
  }
  for (const [k, v] of Object.entries(value)) {
    const problem = textProblem(k);
    if (problem) throw new AuditEntryInvalid({ field: `${path} key ${JSON.stringify(k)}`, reason: problem });
    if (v === undefined) throw new AuditEntryInvalid({ field: `${path}.${k}`, reason: "undefined is not JSON" });
    checkJson(`${path}.${k}`, v, depth + 1);
  }
};

/** Checks an entry before it goes near the database; throws `AuditEntryInvalid` naming the field. */
export const validateEntry = (entry: AuditEntry): void => {
  if (!actorKinds.includes(entry.actorKind)) {
    throw new AuditEntryInvalid({ field: "actorKind", reason: `must be one of ${actorKinds.join(", ")}` });
  }
  if (!outcomes.includes(entry.outcome)) {
    throw new AuditEntryInvalid({ field: "outcome", reason: `must be one of ${outcomes.join(", ")}` });
  }
  checkText("actorId", entry.actorId, limits.actorId, { nullable: false });
  checkText("action", entry.action, limits.action, { nullable: false });
  checkText("target", entry.target, limits.target, { nullable: true });
  checkText("address", entry.address, limits.address, { nullable: true });
  const details = entry.details ?? {};
  if (typeof details !== "object" || details === null || Array.isArray(details)) {
    throw new AuditEntryInvalid({ field: "details", reason: "must be a JSON object" });
  }
  checkJson("details", details, 0);
  const size = canonicalJson(details).length;
  if (size > limits.details) {
    throw new AuditEntryInvalid({
      field: "details",
      reason: `is ${size} characters as JSON; at most ${limits.details}`,
    });
  }
};

/** The instant as the log stores and hashes it: ISO 8601, UTC, milliseconds, a four-digit year. */
export const isoMillis = (at: Date | string): string => {
  const date = at instanceof Date ? at : new Date(at);
  const iso = Number.isNaN(date.getTime()) ? "" : date.toISOString();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) {
    throw new AuditEntryInvalid({ field: "at", reason: `${String(at)} is not an instant between years 0 and 9999` });
  }
  return iso;
};

/**
 * JSON with object keys sorted (by UTF-16 code units, at every level) and no whitespace. Strings and numbers are
 * written as `JSON.stringify` writes them, so the text depends only on the values, never on the order PostgreSQL's
 * jsonb happened to return keys in.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
      const keys = Object.keys(value).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
    }
    default:
      throw new Error(`not a JSON value: ${typeof value}`);
  }
};

/** The text a row's hash is computed over: every field but `hash`, under its column name, canonical. */
export const canonicalRow = (row: Omit<AuditRow, "hash">): string =>
  canonicalJson({
    action: row.action,
    actor_id: row.actorId,
    actor_kind: row.actorKind,
    address: row.address,
    at: row.at,
    details: row.details,
    office_code: row.officeCode,
    outcome: row.outcome,
    prev_hash: row.prevHash,
    seq: row.seq,
    target: row.target,
  });

export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

export const hashRow = (row: Omit<AuditRow, "hash">): string => sha256Hex(canonicalRow(row));

/** Chains entries after a head: seq and prev_hash, then each row's hash. */
export const chain = (
  officeCode: string,
  head: { readonly seq: number; readonly hash: string },
  entries: ReadonlyArray<AuditEntry>,
  at: string,
): AuditRow[] => {
  const rows: AuditRow[] = [];
  let seq = head.seq;
  let prevHash = head.hash;
  for (const e of entries) {
    seq += 1;
    const row = {
      officeCode,
      seq,
      at,
      actorKind: e.actorKind,
      actorId: e.actorId,
      action: e.action,
      target: e.target ?? null,
      outcome: e.outcome,
      address: e.address ?? null,
      details: e.details ?? {},
      prevHash,
    };
    const hash = hashRow(row);
    rows.push({ ...row, hash });
    prevHash = hash;
  }
  return rows;
};

/**
 * The audit outcome of an HTTP answer, for route middleware: 2xx and 3xx `ok`, 4xx `refused` (the request was not
 * allowed or not valid), 5xx `failed`.
 */
export const outcomeOfStatus = (status: number): Outcome =>
  status >= 500 ? "failed" : status >= 400 ? "refused" : "ok";

/** Actor ids of processes rather than people. */
const systemActorIds = new Set(["system", "time-limits"]);

/**
 * The actor kind of a workflow actor: `system` for processes (the `system` role, ids such as `system` and
 * `time-limits`, commands run from the shell as `cli:<user>`), `token` for API tokens (ids `token:<id>`), otherwise
 * `account`.
 */
export const actorKindOf = (actor: { readonly id: string; readonly role: string }): ActorKind =>
  actor.role === "system" || systemActorIds.has(actor.id) || actor.id.startsWith("cli:")
    ? "system"
    : actor.id.startsWith("token:")
      ? "token"
      : "account";
