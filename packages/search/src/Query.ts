/**
 * The query model of register search, as Effect Schemas: the same shape serves the JSON API, the URL of a search page
 * and the engine. A query is a boolean tree of clauses (`where`), a sort, a keyset cursor, a page size and the facets
 * wanted.
 *
 * Clauses: `Text` (mark, goods or any text, matched `exact`, `contains` or `similar`), `Name` (owner, representative,
 * inventor, designer or any party; any of several values), `Number` (canonical form from `Numbers.normalise`), `Kind`,
 * `Status` (office or standard status), `Nice` (classes, optionally in one per-class status), `Classification`
 * (Vienna, IPC or Locarno codes in canonical form; a code finds everything under it), `Date` (filing, publication,
 * registration, expiry or priority; both ends included), `DesignatedState`, `ResultSet`, and `And`, `Or`, `Not`.
 *
 * URLs: `fromSearchParams(params)` reads the flat form (`?mark=NOOR&nice=25&nice=35&owner=Al+Wadi&filedFrom=2024-01-01`)
 * and an expert expression in `where` (see `Expert`); `toSearchParams(query)` writes the flat form when it holds the
 * tree and `where` otherwise, so `fromSearchParams(toSearchParams(q))` gives `q` back (normalised).
 */
import { ClassificationList, Country } from "@ipoffice/domain";
import { Result, Schema } from "effect";
import { parse as parseExpert, print as printExpert } from "./internal/expert.js";
import {
  type Clause as ClauseType,
  type DateField,
  type Leaf,
  maxClauses,
  maxDepth,
  maxTextLength,
  maxValues,
  measure,
  type NameRole,
  normaliseClause,
  type TextMode,
} from "./internal/model.js";
import { type NumberKind, normalise as normaliseNumber } from "./Numbers.js";

export {
  AndClause,
  ClassificationClause,
  ClassificationScheme,
  DateClause,
  DateField,
  Kind,
  KindClause,
  NameClause,
  NameRole,
  NiceClause,
  NotClause,
  NumberClause,
  OrClause,
  ResultSetClause,
  StateClause,
  StatusClause,
  StatusScheme,
  TextClause,
  TextField,
  TextMode,
  maxClauses,
  maxDepth,
  maxTextLength,
  maxValues,
  measure,
  normaliseClause,
} from "./internal/model.js";
export type { And, Leaf, Not, Or } from "./internal/model.js";
import { Clause as ClauseSchema } from "./internal/model.js";

/** One clause of the boolean tree (schema). */
export const Clause = ClauseSchema;

/** Result orders; a leading `-` is descending. `relevance` (the default) is the similarity score, best first. */
export const Sort = Schema.Literals([
  "relevance",
  "filingDate",
  "-filingDate",
  "registrationDate",
  "-registrationDate",
  "applicationNumber",
  "-applicationNumber",
  "mark",
  "-mark",
]);
export type Sort = typeof Sort.Type;

/** Facets a search can count. */
export const Facet = Schema.Literals([
  "kind",
  "officeStatus",
  "standardStatus",
  "niceClass",
  "viennaCode",
  "ipcSymbol",
  "locarnoClass",
  "designatedState",
  "owner",
  "filingYear",
]);
export type Facet = typeof Facet.Type;

/** The largest page. */
export const maxLimit = 100;
export const defaultLimit = 20;

/**
 * A keyset cursor: the sort it belongs to, the sort values of the last row shown and that row's id. The engine asks
 * for rows after it in the same order (keyset pagination); in URLs it is opaque (`encodeCursor`).
 */
export const Cursor = Schema.Struct({
  sort: Sort,
  after: Schema.Array(Schema.Union([Schema.String.check(Schema.isMaxLength(200)), Schema.Number, Schema.Null])).check(
    Schema.isMaxLength(8),
  ),
  id: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100)),
});
export type Cursor = typeof Cursor.Type;

/** A register search. */
export const Query = Schema.Struct({
  where: Schema.optional(Clause),
  sort: Schema.optional(Sort),
  cursor: Schema.optional(Cursor),
  limit: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: maxLimit }))),
  facets: Schema.optional(Schema.Array(Facet).check(Schema.isMaxLength(10))),
});
export type Query = typeof Query.Type;
export type Clause = ClauseType;

/** A query cannot be read: `field` names the parameter (or JSON path), `reason` what to write instead. */
export class QueryError extends Schema.TaggedError<QueryError>()("QueryError", {
  field: Schema.String,
  reason: Schema.String,
  column: Schema.optional(Schema.Number),
}) {
  override get message(): string {
    return `${this.field}: ${this.reason}`;
  }
}

const fail = (field: string, reason: string, column?: number): Result.Result<never, QueryError> =>
  Result.fail(new QueryError(column === undefined ? { field, reason } : { field, reason, column }));

// ---------------------------------------------------------------------------------------------------------------
// Classification hierarchy

/**
 * What a classification code finds, for SQL: the code itself and, unless it is the lowest level, every code that
 * starts with `prefix` (`LIKE prefix || '%'`). IPC (IPC Guide): a section, class or subclass finds everything written
 * after it (`A61K` → `A61K 31/00`); a main group finds its subgroups (`A61K 31/00` → `A61K 31/…`, not `A61K 310/…`);
 * a subgroup finds itself (subgroup indentation is not in the symbol). Vienna: `03` → `03.…`, `03.01` → `03.01.…`.
 * Locarno: `07` → `07-…`. Codes are canonical (`ClassificationList.parseCode`).
 */
export const codeScope = (
  scheme: "vienna" | "ipc" | "locarno",
  code: string,
): { readonly exact: string; readonly prefix: string | undefined } => {
  if (scheme === "ipc") {
    const group = /^(\S{4}) (\d+)\/(\d+)$/.exec(code);
    if (group === null) return { exact: code, prefix: code };
    return group[3] === "00" ? { exact: code, prefix: `${group[1]} ${group[2]}/` } : { exact: code, prefix: undefined };
  }
  if (scheme === "vienna")
    return code.split(".").length >= 3 ? { exact: code, prefix: undefined } : { exact: code, prefix: `${code}.` };
  return code.includes("-") ? { exact: code, prefix: undefined } : { exact: code, prefix: `${code}-` };
};

/** True when a stored code is found by a query's code (`codeScope` in memory). */
export const codeCovers = (scheme: "vienna" | "ipc" | "locarno", queryCode: string, storedCode: string): boolean => {
  const scope = codeScope(scheme, queryCode);
  return storedCode === scope.exact || (scope.prefix !== undefined && storedCode.startsWith(scope.prefix));
};

// ---------------------------------------------------------------------------------------------------------------
// Cursors

const CURSOR_PREFIX = "c1.";
/** Longest encoded cursor accepted. */
export const maxCursorLength = 1_024;

const toBase64Url = (text: string): string => {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const fromBase64Url = (text: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const decoded = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return decoded;
};

/** The opaque form of a cursor, for a URL: `c1.` and base64url JSON. */
export const encodeCursor = (cursor: Cursor): string => CURSOR_PREFIX + toBase64Url(JSON.stringify(cursor));

/** Reads an opaque cursor back; any other text gives an error naming `cursor`. */
export const decodeCursor = (text: string): Result.Result<Cursor, QueryError> => {
  const bad = () => fail("cursor", "not a cursor given by this search (start again from the first page)");
  if (typeof text !== "string" || text.length > maxCursorLength || !text.startsWith(CURSOR_PREFIX)) return bad();
  const json = fromBase64Url(text.slice(CURSOR_PREFIX.length));
  if (json === undefined) return bad();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return bad();
  }
  const decoded = Schema.decodeUnknownResult(Cursor)(value);
  return Result.isSuccess(decoded) ? Result.succeed(decoded.success) : bad();
};

// ---------------------------------------------------------------------------------------------------------------
// Flat URL parameters

const TEXT_PARAMS = [
  ["q", "any", "contains"],
  ["mark", "mark", "similar"],
  ["goods", "goods", "contains"],
] as const;
const NAME_PARAMS: ReadonlyArray<readonly [string, NameRole]> = [
  ["owner", "owner"],
  ["representative", "representative"],
  ["inventor", "inventor"],
  ["designer", "designer"],
  ["name", "any"],
];
const NUMBER_PARAMS: ReadonlyArray<readonly [string, NumberKind]> = [
  ["appNo", "application"],
  ["regNo", "registration"],
  ["st13", "st13"],
  ["irNo", "internationalRegistration"],
  ["pct", "pct"],
  ["priorityNo", "priority"],
];
const DATE_PARAMS: ReadonlyArray<readonly [string, DateField]> = [
  ["filed", "filing"],
  ["published", "publication"],
  ["registered", "registration"],
  ["expires", "expiry"],
  ["priority", "priority"],
];
const LIST_CLASSIFICATION = [
  ["vienna", "vienna"],
  ["ipc", "ipc"],
  ["locarno", "locarno"],
] as const;

/** The parameters a search URL may carry. */
export const parameterNames: ReadonlyArray<string> = [
  ...TEXT_PARAMS.flatMap(([p]) => [p, `${p}Mode`]),
  ...NAME_PARAMS.map(([p]) => p),
  "nameMode",
  ...NUMBER_PARAMS.map(([p]) => p),
  "kind",
  "status",
  "standardStatus",
  "nice",
  "niceStatus",
  ...LIST_CLASSIFICATION.map(([p]) => p),
  ...DATE_PARAMS.flatMap(([p]) => [`${p}From`, `${p}To`]),
  "state",
  "where",
  "sort",
  "cursor",
  "limit",
  "facet",
];
const known = new Set(parameterNames);

/** Most parameters in one URL. */
export const maxParameters = 200;

/** What `fromSearchParams` accepts: `URLSearchParams`, a query string, or a record of values. */
export type SearchParamsInput =
  | URLSearchParams
  | string
  | Readonly<Record<string, string | ReadonlyArray<string> | undefined>>;

const entriesOf = (input: SearchParamsInput): Array<[string, string]> => {
  if (typeof input === "string") return [...new URLSearchParams(input).entries()];
  if (input instanceof URLSearchParams) return [...input.entries()];
  const out: Array<[string, string]> = [];
  if (input === null || typeof input !== "object") return out;
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (typeof v === "string") out.push([k, v]);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === "string") out.push([k, x]);
  }
  return out;
};

const MODES: ReadonlyArray<TextMode> = ["exact", "contains", "similar"];

const isoDate = (text: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[mo - 1] as number);
};

/** Options of `fromSearchParams`. */
export interface FromSearchParamsOptions {
  /** Leave parameters that are not search parameters (`utm_source`, …) alone instead of refusing them. */
  readonly ignoreUnknown?: boolean;
}

/**
 * Reads a search URL's parameters into a query, or the first problem with the parameter it concerns. Repeated list
 * parameters (`nice=25&nice=35`, `owner=A&owner=B`) mean any of the values; different parameters are joined by AND;
 * `where` adds an expert expression (also joined by AND).
 */
export const fromSearchParams = (
  params: SearchParamsInput,
  options: FromSearchParamsOptions = {},
): Result.Result<Query, QueryError> => {
  const entries = entriesOf(params);
  if (entries.length > maxParameters) return fail("query", `at most ${maxParameters} parameters`);
  const values = new Map<string, Array<string>>();
  for (const [k, v] of entries) {
    if (!known.has(k)) {
      if (options.ignoreUnknown === true) continue;
      return fail(k === "" ? "(a parameter without a name)" : k.slice(0, 40), "not a search parameter");
    }
    if (v.length > 2_000) return fail(k, "longer than 2000 characters");
    const list = values.get(k) ?? [];
    list.push(v);
    if (list.length > maxValues) return fail(k, `at most ${maxValues} values`);
    values.set(k, list);
  }
  const all = (k: string): ReadonlyArray<string> => (values.get(k) ?? []).filter((v) => v.trim() !== "");
  const one = (k: string): Result.Result<string | undefined, QueryError> => {
    const vs = all(k);
    return vs.length > 1 ? fail(k, "give it once") : Result.succeed(vs[0]);
  };
  const clauses: Array<ClauseType> = [];
  const textValue = (k: string, v: string): Result.Result<string, QueryError> =>
    v.length > maxTextLength ? fail(k, `at most ${maxTextLength} characters`) : Result.succeed(v);
  const mode = (k: string, fallback: TextMode): Result.Result<TextMode, QueryError> => {
    const m = one(k);
    if (Result.isFailure(m)) return Result.fail(m.failure);
    if (m.success === undefined) return Result.succeed(fallback);
    return (MODES as ReadonlyArray<string>).includes(m.success)
      ? Result.succeed(m.success as TextMode)
      : fail(k, "write exact, contains or similar");
  };

  for (const [p, field, fallback] of TEXT_PARAMS) {
    const v = one(p);
    if (Result.isFailure(v)) return Result.fail(v.failure);
    const m = mode(`${p}Mode`, fallback);
    if (Result.isFailure(m)) return Result.fail(m.failure);
    if (v.success === undefined) continue;
    const t = textValue(p, v.success);
    if (Result.isFailure(t)) return Result.fail(t.failure);
    clauses.push({ _tag: "Text", field, value: t.success, mode: m.success });
  }
  const nameMode = mode("nameMode", "contains");
  if (Result.isFailure(nameMode)) return Result.fail(nameMode.failure);
  for (const [p, role] of NAME_PARAMS) {
    const vs = all(p);
    if (vs.length === 0) continue;
    for (const v of vs) if (v.length > maxTextLength) return fail(p, `at most ${maxTextLength} characters`);
    clauses.push({ _tag: "Name", role, values: [...vs], mode: nameMode.success });
  }
  for (const [p, kind] of NUMBER_PARAMS) {
    const v = one(p);
    if (Result.isFailure(v)) return Result.fail(v.failure);
    if (v.success === undefined) continue;
    const n = normaliseNumber(kind, v.success);
    if (Result.isFailure(n)) return fail(p, n.failure.reason);
    clauses.push({ _tag: "Number", kind, value: n.success });
  }
  // Kinds, statuses, classes, codes, states: through the expert syntax's readers, so both forms accept the same.
  const viaExpert = (p: string, tag: string, vs: ReadonlyArray<string>): Result.Result<Leaf, QueryError> => {
    const quoted = vs.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",");
    const parsed = parseExpert(`${tag}=${quoted}`);
    if (Result.isFailure(parsed)) return fail(p, parsed.failure.reason);
    return Result.succeed(parsed.success as Leaf);
  };
  const lists: ReadonlyArray<readonly [string, string]> = [
    ["kind", "KD"],
    ["status", "ST"],
    ["standardStatus", "SS"],
  ];
  for (const [p, tag] of lists) {
    const vs = all(p);
    if (vs.length === 0) continue;
    const leaf = viaExpert(p, tag, vs);
    if (Result.isFailure(leaf)) return Result.fail(leaf.failure);
    clauses.push(leaf.success);
  }
  {
    const vs = all("nice");
    const status = one("niceStatus");
    if (Result.isFailure(status)) return Result.fail(status.failure);
    if (vs.length === 0 && status.success !== undefined) return fail("niceStatus", "give the classes in nice");
    if (vs.length > 0) {
      for (const v of vs)
        if (!/^\d{1,2}$/.test(v.trim()) || Number(v) < 1 || Number(v) > 45)
          return fail("nice", "a Nice class is a number from 1 to 45");
      const leaf = viaExpert(
        "nice",
        "CL",
        status.success === undefined ? vs : [...vs.slice(0, -1), `${vs.at(-1)}:${status.success}`],
      );
      if (Result.isFailure(leaf))
        return Result.fail(
          new QueryError({
            field: status.success !== undefined && /status/.test(leaf.failure.reason) ? "niceStatus" : "nice",
            reason: leaf.failure.reason,
          }),
        );
      clauses.push(leaf.success);
    }
  }
  for (const [p, scheme] of LIST_CLASSIFICATION) {
    const vs = all(p);
    if (vs.length === 0) continue;
    const codes: Array<string> = [];
    for (const v of vs) {
      const parsed = ClassificationList.parseCode(scheme, v);
      if (Result.isFailure(parsed)) return fail(p, parsed.failure.message);
      if (!codes.includes(parsed.success.code)) codes.push(parsed.success.code);
    }
    clauses.push({ _tag: "Classification", scheme, codes });
  }
  for (const [p, field] of DATE_PARAMS) {
    const from = one(`${p}From`);
    if (Result.isFailure(from)) return Result.fail(from.failure);
    const to = one(`${p}To`);
    if (Result.isFailure(to)) return Result.fail(to.failure);
    if (from.success !== undefined && !isoDate(from.success)) return fail(`${p}From`, "write a date as YYYY-MM-DD");
    if (to.success !== undefined && !isoDate(to.success)) return fail(`${p}To`, "write a date as YYYY-MM-DD");
    if (from.success === undefined && to.success === undefined) continue;
    if (from.success !== undefined && to.success !== undefined && from.success > to.success)
      return fail(`${p}To`, "the range ends before it starts");
    clauses.push({
      _tag: "Date",
      field,
      ...(from.success === undefined ? {} : { from: from.success }),
      ...(to.success === undefined ? {} : { to: to.success }),
    });
  }
  {
    const vs = all("state");
    if (vs.length > 0) {
      const leaf = viaExpert("state", "DG", vs);
      if (Result.isFailure(leaf)) return Result.fail(leaf.failure);
      clauses.push(leaf.success);
    }
  }
  const where = one("where");
  if (Result.isFailure(where)) return Result.fail(where.failure);
  if (where.success !== undefined) {
    const parsed = parseExpert(where.success);
    if (Result.isFailure(parsed)) return fail("where", parsed.failure.message, parsed.failure.column);
    clauses.push(parsed.success);
  }

  const query: { -readonly [K in keyof Query]: Query[K] } = {};
  if (clauses.length > 0) {
    const tree = normaliseClause(clauses.length === 1 ? (clauses[0] as ClauseType) : { _tag: "And", clauses });
    const size = measure(tree);
    if (size.leaves > maxClauses) return fail("query", `at most ${maxClauses} conditions in one search`);
    if (size.depth > maxDepth) return fail("where", `nested more than ${maxDepth} levels deep`);
    query.where = tree;
  }
  const sort = one("sort");
  if (Result.isFailure(sort)) return Result.fail(sort.failure);
  if (sort.success !== undefined) {
    if (!(Sort.literals as ReadonlyArray<string>).includes(sort.success))
      return fail("sort", `write one of ${Sort.literals.join(", ")}`);
    if (sort.success !== "relevance") query.sort = sort.success as Sort;
  }
  const cursor = one("cursor");
  if (Result.isFailure(cursor)) return Result.fail(cursor.failure);
  if (cursor.success !== undefined) {
    const c = decodeCursor(cursor.success);
    if (Result.isFailure(c)) return Result.fail(c.failure);
    // Whether the cursor fits the order is the engine's to say: a search by relevance with no mark to rank by is read
    // newest filing first, and its cursors say so (`Engine.search` refuses a cursor of another order, naming it).
    query.cursor = c.success;
  }
  const limit = one("limit");
  if (Result.isFailure(limit)) return Result.fail(limit.failure);
  if (limit.success !== undefined) {
    const n = /^\d{1,4}$/.test(limit.success) ? Number(limit.success) : Number.NaN;
    if (!(n >= 1 && n <= maxLimit)) return fail("limit", `write a whole number from 1 to ${maxLimit}`);
    if (n !== defaultLimit) query.limit = n;
  }
  const facets = all("facet");
  if (facets.length > 0) {
    const out: Array<Facet> = [];
    for (const f of facets) {
      if (!(Facet.literals as ReadonlyArray<string>).includes(f))
        return fail("facet", `write one of ${Facet.literals.join(", ")}`);
      if (!out.includes(f as Facet)) out.push(f as Facet);
    }
    if (out.length > 10) return fail("facet", "at most 10 facets");
    query.facets = out;
  }
  return Result.succeed(query);
};

/** The query in canonical form: tree normalised, defaults (relevance, 20 rows) left out, facets once each. */
export const normalise = (query: Query): Query => {
  const out: { -readonly [K in keyof Query]: Query[K] } = {};
  if (query.where !== undefined) out.where = normaliseClause(query.where);
  if (query.sort !== undefined && query.sort !== "relevance") out.sort = query.sort;
  if (query.cursor !== undefined) out.cursor = query.cursor;
  if (query.limit !== undefined && query.limit !== defaultLimit) out.limit = query.limit;
  if (query.facets !== undefined && query.facets.length > 0) out.facets = [...new Set(query.facets)];
  return out;
};

const flatParams = (where: ClauseType): Array<[string, string]> | undefined => {
  const leaves = where._tag === "And" ? where.clauses : [where];
  const out: Array<[string, string]> = [];
  let nameMode: TextMode | undefined;
  for (const leaf of leaves) {
    switch (leaf._tag) {
      case "Text": {
        const spec = TEXT_PARAMS.find(([, field]) => field === leaf.field);
        if (spec === undefined) return undefined;
        out.push([spec[0], leaf.value]);
        if (leaf.mode !== spec[2]) out.push([`${spec[0]}Mode`, leaf.mode]);
        break;
      }
      case "Name": {
        const spec = NAME_PARAMS.find(([, role]) => role === leaf.role);
        if (spec === undefined || (nameMode !== undefined && nameMode !== leaf.mode)) return undefined;
        nameMode = leaf.mode;
        for (const v of leaf.values) out.push([spec[0], v]);
        break;
      }
      case "Number": {
        const spec = NUMBER_PARAMS.find(([, kind]) => kind === leaf.kind);
        if (spec === undefined) return undefined;
        out.push([spec[0], leaf.value]);
        break;
      }
      case "Kind":
        for (const k of leaf.kinds) out.push(["kind", k]);
        break;
      case "Status":
        for (const v of leaf.values) out.push([leaf.scheme === "office" ? "status" : "standardStatus", v]);
        break;
      case "Nice":
        for (const c of leaf.classes) out.push(["nice", String(c)]);
        if (leaf.status !== undefined) out.push(["niceStatus", leaf.status]);
        break;
      case "Classification":
        for (const c of leaf.codes) out.push([leaf.scheme, c]);
        break;
      case "Date": {
        const spec = DATE_PARAMS.find(([, field]) => field === leaf.field);
        if (spec === undefined) return undefined;
        if (leaf.from !== undefined) out.push([`${spec[0]}From`, leaf.from]);
        if (leaf.to !== undefined) out.push([`${spec[0]}To`, leaf.to]);
        break;
      }
      case "DesignatedState":
        for (const s of leaf.states) out.push(["state", s]);
        break;
      default:
        return undefined;
    }
  }
  if (nameMode !== undefined && nameMode !== "contains") out.push(["nameMode", nameMode]);
  return out;
};

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The URL parameters of a query: the flat form for the conditions it holds (`mark=NOOR&nice=25`), the others as an
 * expert expression in `where`. `fromSearchParams(toSearchParams(q))` gives `normalise(q)`.
 */
export const toSearchParams = (query: Query): URLSearchParams => {
  const q = normalise(query);
  const tail: Array<[string, string]> = [];
  if (q.sort !== undefined) tail.push(["sort", q.sort]);
  if (q.cursor !== undefined) tail.push(["cursor", encodeCursor(q.cursor)]);
  if (q.limit !== undefined) tail.push(["limit", String(q.limit)]);
  for (const f of q.facets ?? []) tail.push(["facet", f]);
  if (q.where === undefined) return new URLSearchParams(tail);
  // The longest run of leading conditions the flat form holds, the rest as an expert expression in `where`; checked
  // by reading the parameters back.
  const children = q.where._tag === "And" ? q.where.clauses : [q.where];
  for (let k = children.length; k >= 0; k--) {
    const head = children.slice(0, k);
    const rest = children.slice(k);
    const flat =
      head.length === 0 ? [] : flatParams(head.length === 1 ? (head[0] as ClauseType) : { _tag: "And", clauses: head });
    if (flat === undefined) continue;
    const where: Array<[string, string]> =
      rest.length === 0
        ? []
        : [["where", printExpert(rest.length === 1 ? (rest[0] as ClauseType) : { _tag: "And", clauses: rest })]];
    const params = new URLSearchParams([...flat, ...where, ...tail]);
    const back = fromSearchParams(params);
    if (Result.isSuccess(back) && sameJson(back.success.where, q.where)) return params;
  }
  return new URLSearchParams([["where", printExpert(q.where)], ...tail]);
};

/**
 * Reads a query from JSON (the API's body), checking sizes; the error names the JSON path of the first problem.
 */
export const fromJson = (input: unknown): Result.Result<Query, QueryError> => {
  const decoded = Schema.decodeUnknownResult(Query)(input, { errors: "first" });
  if (Result.isFailure(decoded)) {
    const text = String(decoded.failure.message);
    // The message ends with the path, e.g. `at ["where"]["clauses"][1]["classes"][0]`: written as where.clauses[1]...
    const at = /\n\s*at ((?:\[[^\]]*\])+)\s*$/.exec(text)?.[1];
    const path = at === undefined ? "query" : at.replace(/\["([^"]*)"\]/g, ".$1").replace(/^\./, "");
    return fail(path === "" ? "query" : path, (text.split("\n")[0] ?? "not a query").slice(0, 300));
  }
  const q = normalise(decoded.success);
  if (q.where !== undefined) {
    const size = measure(q.where);
    if (size.leaves > maxClauses) return fail("where", `at most ${maxClauses} conditions in one search`);
    if (size.depth > maxDepth) return fail("where", `nested more than ${maxDepth} levels deep`);
    const canonical = canonicalClause(q.where, "where");
    if (Result.isFailure(canonical)) return Result.fail(canonical.failure);
    return Result.succeed({ ...q, where: canonical.success });
  }
  return Result.succeed(q);
};

/**
 * A decoded tree with its values in canonical form, as the URL and expert readers give them: numbers through
 * `Numbers.normalise`, classification codes through `ClassificationList.parseCode`, states checked against ST.3,
 * dates checked against the calendar and ordered. The error names the JSON path.
 */
const canonicalClause = (clause: ClauseType, path: string): Result.Result<ClauseType, QueryError> => {
  switch (clause._tag) {
    case "And":
    case "Or": {
      const out: Array<ClauseType> = [];
      for (let i = 0; i < clause.clauses.length; i++) {
        const c = canonicalClause(clause.clauses[i] as ClauseType, `${path}.clauses[${i}]`);
        if (Result.isFailure(c)) return c;
        out.push(c.success);
      }
      return Result.succeed({ _tag: clause._tag, clauses: out });
    }
    case "Not":
      return Result.map(canonicalClause(clause.clause, `${path}.clause`), (inner) => ({
        _tag: "Not" as const,
        clause: inner,
      }));
    case "Number": {
      const n = normaliseNumber(clause.kind, clause.value);
      return Result.isSuccess(n)
        ? Result.succeed({ ...clause, value: n.success })
        : fail(`${path}.value`, n.failure.reason);
    }
    case "Classification": {
      const codes: Array<string> = [];
      for (let i = 0; i < clause.codes.length; i++) {
        const parsed = ClassificationList.parseCode(clause.scheme, clause.codes[i] as string);
        if (Result.isFailure(parsed)) return fail(`${path}.codes[${i}]`, parsed.failure.message);
        if (!codes.includes(parsed.success.code)) codes.push(parsed.success.code);
      }
      return Result.succeed({ ...clause, codes });
    }
    case "DesignatedState": {
      for (let i = 0; i < clause.states.length; i++)
        if (!Country.isCountryCode(clause.states[i] as string))
          return fail(`${path}.states[${i}]`, `${clause.states[i]} is not a WIPO ST.3 code`);
      return Result.succeed(clause);
    }
    case "Date": {
      if (clause.from === undefined && clause.to === undefined) return fail(path, "give from, to or both");
      if (clause.from !== undefined && !isoDate(clause.from)) return fail(`${path}.from`, "write a date as YYYY-MM-DD");
      if (clause.to !== undefined && !isoDate(clause.to)) return fail(`${path}.to`, "write a date as YYYY-MM-DD");
      if (clause.from !== undefined && clause.to !== undefined && clause.from > clause.to)
        return fail(`${path}.to`, "the range ends before it starts");
      return Result.succeed(clause);
    }
    default:
      return Result.succeed(clause);
  }
};
