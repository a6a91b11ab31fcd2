/**
 * The classification lists API: which lists the office has (Locarno, Vienna, IPC; tier, edition, size, source) and
 * lookups in one of them by code or by words. Reads only: lists are imported with the CLI
 * (`cli classifications import`) until accounts and roles arrive.
 */
import { ClassificationList as CL } from "@ipoffice/domain";
import { Effect, Result, Schema } from "effect";
import { Hono } from "hono";
import type { OperationSpec } from "../api/openapi.js";
import type { AreaContext } from "../Area.js";
import { invalidInput, type Problem, problem, sendProblem } from "../http/problem.js";
import { decodeAll } from "../http/validate.js";
import { type ClassificationsDatabaseError, type ListUnavailable, makeClassifications } from "./Classifications.js";
import { publicAccess } from "../http/access.js";

export const MAX_QUERY_LENGTH = 200;
export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 20;

const wholeNumberBetween = (minimum: number, maximum: number, message: string) =>
  Schema.makeFilter((n: number) => (Number.isInteger(n) && n >= minimum && n <= maximum) || message);

export const LookupQuery = Schema.Struct({
  q: Schema.optional(
    Schema.String.check(Schema.isMaxLength(MAX_QUERY_LENGTH, { message: `at most ${MAX_QUERY_LENGTH} characters` })),
  ),
  code: Schema.optional(Schema.String.check(Schema.isMaxLength(40, { message: "at most 40 characters" }))),
  limit: Schema.optional(
    Schema.NumberFromString.check(wholeNumberBetween(1, MAX_LIMIT, `a whole number from 1 to ${MAX_LIMIT}`)),
  ),
  lang: Schema.optional(
    Schema.String.check(
      Schema.isPattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'a language tag such as "en", "ar" or "fr"' }),
    ),
  ),
});

const Tier = Schema.NullOr(Schema.Literals(["imported", "reference-data"]));

export const ListSummaryView = Schema.Struct({
  scheme: CL.Scheme,
  name: Schema.String,
  available: Schema.Boolean,
  /** `imported` (the office's own list) or `reference-data` (the files beside the app); null when not available. */
  tier: Tier,
  edition: Schema.NullOr(Schema.String),
  entries: Schema.Number,
  languages: Schema.Array(Schema.String),
  source: Schema.NullOr(Schema.String),
  importedAt: Schema.NullOr(Schema.String),
  importedBy: Schema.NullOr(Schema.String),
  /** Why the list is not available, and what to do about it. */
  reasons: Schema.Array(Schema.String),
});

export const ListsResponse = Schema.Struct({
  office: Schema.String,
  lists: Schema.Array(ListSummaryView),
});

export const EntryView = Schema.Struct({
  code: Schema.String,
  parent: Schema.NullOr(Schema.String),
  level: Schema.Number,
  /** class, subclass (Locarno); category, division, section (Vienna); section … subgroup (IPC). */
  levelName: Schema.String,
  /** The title in the language asked for, else English, else another; null when the source has none. */
  title: Schema.NullOr(Schema.String),
  titleLanguage: Schema.NullOr(Schema.String),
  titles: Schema.Record(Schema.String, Schema.String),
});

export const ItemView = Schema.Struct({
  ...EntryView.fields,
  /** Search only: `code`, `code-prefix`, `words` or `word-prefixes`. */
  match: Schema.optional(Schema.String),
});

export const LookupResponse = Schema.Struct({
  scheme: CL.Scheme,
  name: Schema.String,
  tier: Tier,
  edition: Schema.NullOr(Schema.String),
  source: Schema.String,
  /** With `code`: the entry and the entries above it, top first. */
  entry: Schema.optional(EntryView),
  ancestors: Schema.optional(Schema.Array(EntryView)),
  /** The matches of `q` (within `code` when both are given), else the entries under `code`, else the top level. */
  items: Schema.Array(ItemView),
  /** More items exist beyond `limit`. */
  truncated: Schema.Boolean,
});

const schemeParameter = {
  name: "scheme",
  in: "path" as const,
  required: true,
  description: "locarno, vienna or ipc",
  schema: { type: "string", enum: [...CL.schemes] },
};

export const operations: ReadonlyArray<OperationSpec> = [
  {
    method: "get",
    path: "/api/v1/classifications",
    operationId: "listClassificationLists",
    access: publicAccess,
    summary: "The classification lists the office has: scheme, tier, edition, entries, source",
    description:
      "Each scheme's list is the one the office imported (tier `imported`, with who and when), else the reference-data file (tier `reference-data`), else not available, with the reasons and what to do. Lists are imported with the command line (`cli classifications import <scheme> <file.csv>`).",
    tags: ["classifications"],
    responses: {
      "200": { description: "One row per scheme", name: "ClassificationLists", schema: ListsResponse },
      "503": { description: "The database did not answer" },
    },
  },
  {
    method: "get",
    path: "/api/v1/classifications/{scheme}",
    operationId: "lookupClassification",
    access: publicAccess,
    summary: "Look up a code (with the entries above and under it) or search titles in a classification list",
    description:
      "`code` in any usual spelling (`7-1`, `030108`, `a01b1/02`); `q` searches codes and title words (prefixes, case and diacritics ignored). Neither: the top level. A code not in the list answers 404; a malformed one 400.",
    tags: ["classifications"],
    parameters: [
      schemeParameter,
      {
        name: "q",
        in: "query",
        description: `code or words (at most ${MAX_QUERY_LENGTH} characters)`,
        schema: { type: "string", maxLength: MAX_QUERY_LENGTH },
      },
      { name: "code", in: "query", description: "a code of the scheme", schema: { type: "string", maxLength: 40 } },
      {
        name: "limit",
        in: "query",
        description: `items wanted (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})`,
        schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT },
      },
      { name: "lang", in: "query", description: "language of the titles", schema: { type: "string" } },
    ],
    responses: {
      "200": { description: "The entry, or the matches", name: "ClassificationLookup", schema: LookupResponse },
      "400": { description: "Invalid query: every bad parameter is named" },
      "404": { description: "Unknown scheme, or a code not in the office's list" },
      "503": { description: "The office has no list of the scheme (the problem says what is missing and what to do)" },
    },
  },
];

type Entry = CL.Entry;

const view = (scheme: CL.Scheme, e: Entry, language: string | undefined) => {
  const t = CL.title(e, language);
  const has = t.language !== "";
  return {
    code: e.code,
    parent: e.parent,
    level: e.level,
    levelName: CL.levelName(scheme, e.level),
    title: has ? t.text : null,
    titleLanguage: has ? t.language : null,
    titles: e.titles,
  };
};

/** 503: the office has no list of the scheme. */
export const unavailableProblem = (e: ListUnavailable): Problem =>
  problem(
    503,
    "classification-list-unavailable",
    `${CL.shortNames[e.scheme]} list not available`,
    e.reasons.join(" "),
    {
      scheme: e.scheme,
      reasons: e.reasons,
    },
  );

const databaseProblem = (_: ClassificationsDatabaseError): Problem =>
  problem(503, "database-unavailable", "Database unavailable", "The database did not answer; try again shortly.");

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Whether `entry` is `code` or under it. */
const within = (list: CL.List, entry: Entry, code: string): boolean => {
  let at: Entry | undefined = entry;
  while (at !== undefined) {
    if (at.code === code) return true;
    at = at.parent === null ? undefined : CL.find(list, at.parent);
  }
  return false;
};

export const createClassificationsApi = (ctx: AreaContext) => {
  const service = makeClassifications({
    db: ctx.db,
    officeCode: ctx.config.office.code,
    reference: ctx.reference,
    logger: ctx.logger,
  });
  const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(Effect.result(effect));
  const api = new Hono();

  api.get("/classifications", async (c) => {
    const lists = await run(service.overview());
    if (Result.isFailure(lists)) {
      ctx.logger.error({ err: lists.failure }, "classification lists: database error");
      return sendProblem(c, databaseProblem(lists.failure));
    }
    return c.json({ office: service.officeCode, lists: lists.success });
  });

  api.get("/classifications/:scheme", async (c) => {
    const scheme = c.req.param("scheme");
    if (!CL.isScheme(scheme)) {
      return sendProblem(
        c,
        problem(
          404,
          "unknown-classification",
          "Unknown classification",
          `"${scheme.slice(0, 40)}" is not a classification this office keeps lists of: ${CL.schemes.join(", ")} (Nice terms are at /api/v1/nice/terms).`,
          { schemes: CL.schemes },
        ),
      );
    }
    const raw = {
      q: c.req.query("q"),
      code: c.req.query("code"),
      limit: c.req.query("limit"),
      lang: c.req.query("lang"),
    };
    const query = decodeAll(LookupQuery, defined(raw));
    // The code's syntax is the scheme's: checked here, so one answer names every bad parameter.
    const code = raw.code === undefined || raw.code.trim() === "" ? undefined : CL.parseCode(scheme, raw.code);
    const issues = [
      ...(Result.isFailure(query) ? query.failure : []),
      ...(code !== undefined && Result.isFailure(code) && raw.code!.length <= 40
        ? [{ path: "code", message: code.failure.message }]
        : []),
    ];
    if (Result.isFailure(query) || issues.length > 0) return sendProblem(c, invalidInput(issues, "query"));
    const { q, lang } = query.success;
    const limit = query.success.limit ?? DEFAULT_LIMIT;
    const canonical = code !== undefined && Result.isSuccess(code) ? code.success.code : undefined;
    const got = await run(service.list(scheme));
    if (Result.isFailure(got)) {
      const e = got.failure;
      if (e._tag === "ListUnavailable") return sendProblem(c, unavailableProblem(e));
      ctx.logger.error({ err: e }, "classification lookup: database error");
      return sendProblem(c, databaseProblem(e));
    }
    const { list, tier } = got.success;
    const entry = canonical === undefined ? undefined : CL.find(list, canonical);
    if (canonical !== undefined && entry === undefined) {
      return sendProblem(
        c,
        problem(
          404,
          "classification-code-not-found",
          "Code not in the list",
          `The office's ${CL.shortNames[scheme]} list (${list.edition ? `edition ${list.edition}, ` : ""}${list.source}) has no entry ${canonical}.`,
          { scheme, code: canonical, errors: [{ path: "code", message: `${canonical} is not in the list` }] },
        ),
      );
    }
    let items: ReadonlyArray<{ entry: Entry; match?: string }>;
    if (q !== undefined && q.trim() !== "") {
      const hits = CL.search(list, q, {
        limit: entry === undefined ? limit + 1 : CL.MAX_SEARCH_LIMIT,
        ...(lang ? { language: lang } : {}),
      });
      items = entry === undefined ? hits : hits.filter((h) => within(list, h.entry, entry.code));
    } else {
      items = CL.children(list, entry?.code).map((e) => ({ entry: e }));
    }
    return c.json({
      scheme,
      name: CL.schemeNames[scheme],
      tier,
      edition: list.edition,
      source: list.source,
      ...(entry === undefined
        ? {}
        : {
            entry: view(scheme, entry, lang),
            ancestors: CL.ancestors(list, entry.code).map((e) => view(scheme, e, lang)),
          }),
      items: items
        .slice(0, limit)
        .map((i) => ({ ...view(scheme, i.entry, lang), ...(i.match ? { match: i.match } : {}) })),
      truncated: items.length > limit,
    });
  });

  return api;
};
