/**
 * Events: every change to a right is recorded as one event saying who acted, when, what they did, why, the office
 * status before and after, the standard legal-status category, and the before/after value of each changed field.
 */
import { Schema } from "effect";
import { Actor } from "./Actor.js";

/** An instant as an ISO 8601 string in UTC or with an offset, e.g. `2026-11-24T09:30:00Z`. */
export const Instant = Schema.String.check(
  Schema.isPattern(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/,
    { message: 'an instant looks like "2026-11-24T09:30:00Z"' },
  ),
);
export type Instant = typeof Instant.Type;

/**
 * The standard category beside an office status: a WIPO ST.27 key event code for patents, utility models and
 * designs (e.g. `A10` "Application filed"), or an ST.96 mark current status category for trademarks
 * (e.g. `"Application published"`).
 */
export const StandardStatus = Schema.Struct({
  standard: Schema.Literals(["ST.27", "ST.96"]),
  code: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100)),
});
export type StandardStatus = typeof StandardStatus.Type;

/** The before and after value of one changed field (JSON values; absent when the field was or became unset). */
export const Change = Schema.Struct({
  field: Schema.String,
  before: Schema.optional(Schema.Json),
  after: Schema.optional(Schema.Json),
});
export type Change = typeof Change.Type;

/** One recorded change to a right. */
export const RightEvent = Schema.Struct({
  /** Assigned by the store; absent on an event not yet saved. */
  id: Schema.optional(Schema.String),
  officeCode: Schema.String,
  applicationNumber: Schema.String,
  at: Instant,
  actor: Actor,
  /** The workflow action or userdoc type that caused the event (`"file"` for the filing itself). */
  action: Schema.String,
  reason: Schema.optional(Schema.String.check(Schema.isMaxLength(10_000))),
  fromStatus: Schema.NullOr(Schema.String),
  toStatus: Schema.String,
  /** The standard event code of this change (ST.27 detailed or key event, ST.96 mark event category). */
  standardCode: Schema.optional(Schema.String),
  /** Userdoc that caused the change, when it came from a post-filing request. */
  userdoc: Schema.optional(
    Schema.Struct({
      type: Schema.String,
      number: Schema.optional(Schema.String),
      /** A renewal or annual fee paid in the grace period, with the surcharge due. */
      surcharge: Schema.optional(Schema.Boolean),
    }),
  ),
  changes: Schema.Array(Change),
});
export type RightEvent = typeof RightEvent.Type;

/** Fields that change on every event and are therefore not listed as changes. */
const bookkeeping = new Set(["version", "statusSince", "previousStatus"]);

/** Structural equality of JSON-like values (plain objects, arrays, primitives); absent and undefined are equal. */
const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!same(ao[k], bo[k])) return false;
  return true;
};

/**
 * The changes between two versions of a right, one per top-level field that differs; goods and services are compared
 * per class (`goodsAndServices.25`) so an event says which classes a decision touched. `version`, `statusSince`
 * and `previousStatus` (the event has `fromStatus`) are left out.
 */
export const diff = (before: object, after: object): Array<Change> => {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !bookkeeping.has(k));
  const changes: Array<Change> = [];
  for (const key of keys) {
    if (same(b[key], a[key])) continue;
    if (key === "goodsAndServices" && (Array.isArray(b[key]) || Array.isArray(a[key]))) {
      const list = (v: unknown) => (Array.isArray(v) ? (v as ReadonlyArray<ClassLike>) : []);
      changes.push(...classChanges(list(b[key]), list(a[key])));
      continue;
    }
    changes.push(change(key, b[key], a[key]));
  }
  return changes;
};

interface ClassLike {
  readonly classNumber: number;
}

const classChanges = (before: ReadonlyArray<ClassLike>, after: ReadonlyArray<ClassLike>): Array<Change> => {
  const b0 = new Map(before.map((c) => [c.classNumber, c]));
  const a0 = new Map(after.map((c) => [c.classNumber, c]));
  const numbers = [...new Set([...b0.keys(), ...a0.keys()])].sort((x, y) => x - y);
  return numbers.flatMap((n) => {
    const b = b0.get(n);
    const a = a0.get(n);
    return same(b, a) ? [] : [change(`goodsAndServices.${n}`, b, a)];
  });
};

const change = (field: string, before: unknown, after: unknown): Change => {
  const c: { field: string; before?: Schema.Json; after?: Schema.Json } = { field };
  if (before !== undefined) c.before = toJson(before);
  if (after !== undefined) c.after = toJson(after);
  return c;
};

// Rights are immutable plain JSON-like data, so an event shares the values instead of copying them.
const toJson = (value: unknown): Schema.Json => value as Schema.Json;
