import fc from "fast-check";
import { Numbers, Query } from "../src/index.js";

const text = fc
  .string({
    minLength: 1,
    maxLength: 20,
    unit: fc.constantFrom("N", "o", "r", " ", '"', "\\", "ن", "و", "(", "=", ",", "#", "A", "-", "é"),
  })
  .filter((s) => s.trim() !== "");

const canonical = (kind: Numbers.NumberKind, raw: string): string => {
  const r = Numbers.normalise(kind, raw);
  if (r._tag === "Failure") throw new Error(`fixture number ${raw} does not read`);
  return r.success;
};

const numberClause: fc.Arbitrary<Query.Clause> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("application", "registration", "priority") as fc.Arbitrary<Numbers.NumberKind>,
      fc.constantFrom("TM", "P", "D", ""),
      fc.integer({ min: 1990, max: 2030 }),
      fc.integer({ min: 0, max: 99999 }),
    )
    .map(([kind, prefix, year, serial]) => ({
      _tag: "Number" as const,
      kind,
      value: canonical(kind, `${prefix}/${year}/${serial}`),
    })),
  fc.integer({ min: 1, max: 999_999_999 }).map((serial) => ({
    _tag: "Number" as const,
    kind: "st13" as const,
    value: canonical("st13", `OM502026${String(serial).padStart(9, "0")}`),
  })),
  fc
    .integer({ min: 1, max: 9_999_999 })
    .map((n) => ({ _tag: "Number" as const, kind: "internationalRegistration" as const, value: String(n) })),
  fc
    .tuple(fc.integer({ min: 2004, max: 2030 }), fc.integer({ min: 1, max: 999_999 }), fc.boolean())
    .map(([y, n, app]) => ({
      _tag: "Number" as const,
      kind: "pct" as const,
      value: canonical("pct", app ? `PCT/IB${y}/${n}` : `WO ${y}/${n}`),
    })),
);

const statusCode = fc.stringMatching(/^[a-z0-9_.-]{1,12}$/);
const isoDate = fc
  .date({ min: new Date("1990-01-01"), max: new Date("2040-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const leaf: fc.Arbitrary<Query.Clause> = fc.oneof(
  fc.record({
    _tag: fc.constant("Text" as const),
    field: fc.constantFrom("mark", "goods", "any" as const),
    value: text,
    mode: fc.constantFrom("exact", "contains", "similar" as const),
  }),
  fc.record({
    _tag: fc.constant("Name" as const),
    role: fc.constantFrom("owner", "representative", "inventor", "designer", "any" as const),
    values: fc.array(text, { minLength: 1, maxLength: 3 }),
    mode: fc.constantFrom("exact", "contains", "similar" as const),
  }),
  numberClause,
  fc.record({
    _tag: fc.constant("Kind" as const),
    kinds: fc.uniqueArray(fc.constantFrom("trademark", "patent", "industrial_design", "utility_model" as const), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.record({
    _tag: fc.constant("Status" as const),
    scheme: fc.constantFrom("office", "standard" as const),
    values: fc.array(statusCode, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    _tag: fc.constant("Nice" as const),
    classes: fc.uniqueArray(fc.integer({ min: 1, max: 45 }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    _tag: fc.constant("Nice" as const),
    classes: fc.uniqueArray(fc.integer({ min: 1, max: 45 }), { minLength: 1, maxLength: 4 }),
    status: statusCode,
  }),
  fc.oneof(
    fc.record({
      _tag: fc.constant("Classification" as const),
      scheme: fc.constant("ipc" as const),
      codes: fc.uniqueArray(fc.constantFrom("A", "A61", "A61K", "A61K 31/00", "A61K 31/045", "H04L 9/32"), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
    fc.record({
      _tag: fc.constant("Classification" as const),
      scheme: fc.constant("vienna" as const),
      codes: fc.uniqueArray(fc.constantFrom("03", "03.01", "03.01.08", "27.05.01"), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      _tag: fc.constant("Classification" as const),
      scheme: fc.constant("locarno" as const),
      codes: fc.uniqueArray(fc.constantFrom("07", "07-01", "32", "02-04"), { minLength: 1, maxLength: 3 }),
    }),
  ),
  fc
    .tuple(
      fc.constantFrom("filing", "publication", "registration", "expiry", "priority" as const),
      fc.option(isoDate, { nil: undefined }),
      fc.option(isoDate, { nil: undefined }),
    )
    .filter(([, a, b]) => a !== undefined || b !== undefined)
    .map(([field, a, b]) => {
      const [from, to] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
      return {
        _tag: "Date" as const,
        field,
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      };
    }),
  fc.record({
    _tag: fc.constant("DesignatedState" as const),
    states: fc.uniqueArray(fc.constantFrom("BG", "OM", "JO", "EM", "WO", "RO"), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ _tag: fc.constant("ResultSet" as const), number: fc.integer({ min: 1, max: 999 }) }),
);

/** Trees of clauses, normalised, within the limits. */
export const clause: fc.Arbitrary<Query.Clause> = fc
  .letrec<{ tree: Query.Clause }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.record({ _tag: fc.constant("And" as const), clauses: fc.array(tie("tree"), { minLength: 2, maxLength: 3 }) }),
      fc.record({ _tag: fc.constant("Or" as const), clauses: fc.array(tie("tree"), { minLength: 2, maxLength: 3 }) }),
      fc.record({ _tag: fc.constant("Not" as const), clause: tie("tree") }),
    ),
  }))
  .tree.map(Query.normaliseClause)
  .filter((c) => {
    const m = Query.measure(c);
    return m.leaves <= Query.maxClauses && m.depth <= Query.maxDepth;
  });

export const query: fc.Arbitrary<Query.Query> = fc.record(
  {
    where: clause,
    sort: fc.constantFrom(...Query.Sort.literals),
    limit: fc.integer({ min: 1, max: 100 }),
    facets: fc.uniqueArray(fc.constantFrom(...Query.Facet.literals), { maxLength: 4 }),
  },
  { requiredKeys: [] },
);
