/**
 * Any query `Query` decodes runs without a database error: hostile strings (LIKE metacharacters, backslashes, NUL,
 * lone surrogates, right-to-left marks, mixed scripts, the longest texts allowed), impossible dates, unknown codes,
 * numbers no rule reads, and cursors taken from other orders.
 */
import fc from "fast-check";
import { Result } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine, Query } from "../src/index.js";
import { clause as wellFormedClause } from "./arbitraries.js";
import { register } from "./fixtures.js";
import { type OpenTestDatabase, testDatabases } from "./support/databases.js";

const hostileUnit = fc.constantFrom(
  "%",
  "_",
  "\\",
  "'",
  '"',
  "\u0000",
  "\ud800",
  "\u200f",
  "ـ",
  "ن",
  "و",
  "ر",
  "Ж",
  "é",
  "N",
  "o",
  " ",
  "😀",
  "*",
  "|",
  ":",
  "&",
  "!",
  "(",
);
const hostile = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30, unit: hostileUnit }),
  fc.string({ minLength: 150, maxLength: 200, unit: hostileUnit }),
  fc.string({ minLength: 1, maxLength: 200 }),
);
const dateLike = fc.oneof(
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  fc.constantFrom("0000-01-01", "2024-02-30", "2023-02-29", "9999-12-31", "2024-13-01"),
);

const leaf = fc.oneof(
  fc.record({
    _tag: fc.constant("Text"),
    field: fc.constantFrom("mark", "goods", "any"),
    value: hostile,
    mode: fc.constantFrom("exact", "contains", "similar"),
  }),
  fc.record({
    _tag: fc.constant("Name"),
    role: fc.constantFrom("owner", "representative", "inventor", "designer", "any"),
    values: fc.array(hostile, { minLength: 1, maxLength: 3 }),
    mode: fc.constantFrom("exact", "contains", "similar"),
  }),
  fc.record({
    _tag: fc.constant("Number"),
    kind: fc.constantFrom(...Query.NumberClause.fields.kind.literals),
    value: hostile,
  }),
  fc.record({
    _tag: fc.constant("Classification"),
    scheme: fc.constantFrom("vienna", "ipc", "locarno"),
    codes: fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    _tag: fc.constant("Date"),
    field: fc.constantFrom("filing", "priority", "expiry"),
    from: dateLike,
    to: dateLike,
  }),
  fc.record({
    _tag: fc.constant("Status"),
    scheme: fc.constantFrom("office", "standard"),
    values: fc.array(fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ _tag: fc.constant("ResultSet"), number: fc.integer({ min: 1, max: 3 }) }),
);
const hostileClause = fc.oneof(
  leaf,
  fc.record({ _tag: fc.constant("Or"), clauses: fc.array(leaf, { minLength: 2, maxLength: 3 }) }),
  fc.record({ _tag: fc.constant("Not"), clause: leaf }),
  fc.record({ _tag: fc.constant("And"), clauses: fc.array(leaf, { minLength: 2, maxLength: 3 }) }),
);
const cursor = fc.record({
  sort: fc.constantFrom(...Query.Sort.literals),
  after: fc.array(
    fc.oneof(fc.string({ maxLength: 200, unit: hostileUnit }), fc.double(), fc.constant(null), dateLike),
    { maxLength: 2 },
  ),
  id: fc.string({ minLength: 1, maxLength: 100, unit: hostileUnit }),
});
const json = fc.record(
  {
    where: fc.oneof(hostileClause, wellFormedClause as fc.Arbitrary<unknown>),
    sort: fc.constantFrom(...Query.Sort.literals),
    limit: fc.integer({ min: 1, max: 100 }),
    facets: fc.uniqueArray(fc.constantFrom(...Query.Facet.literals), { maxLength: 10 }),
    cursor,
  },
  { requiredKeys: ["where"] },
);

describe.each(testDatabases)("any decoded query runs on $name", (database) => {
  let open: OpenTestDatabase;
  beforeAll(async () => {
    open = await database.open();
    await Engine.index(open.db, register);
  });
  afterAll(async () => open?.close());

  it("hostile and well-formed queries give hits or a cursor error, never a database error", async () => {
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(json, async (input) => {
        const decoded = Query.fromJson(input);
        if (Result.isFailure(decoded)) return;
        const result = await Engine.search(open.db, decoded.success, {
          officeCode: "OM",
          resultSets: new Map([[1, { _tag: "Kind", kinds: ["patent"] }]]),
        });
        ran++;
        if (Result.isFailure(result)) expect(result.failure.field).toBe("cursor");
        else expect(result.success.total.value).toBeGreaterThanOrEqual(result.success.hits.length);
      }),
      { numRuns: database.name === "pglite" ? 150 : 100 },
    );
    expect(ran).toBeGreaterThan(50);
  });
});
