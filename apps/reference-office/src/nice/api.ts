/**
 * The Nice classification API of the office: the edition in use and where it came from, class headings, term search
 * (what `<ipo-nice-term-picker endpoint=…>` calls) and validation of a goods-and-services list, all against the
 * office's edition (config `nice.edition`, `newest` by default), chosen once at start. Every answer names the edition
 * (id, label, source, licence), so a client knows what its terms were checked against (decision 0007).
 */
import { TermIndex } from "@ipoffice/nice-classification";
import { Result, Schema } from "effect";
import { type Context, Hono } from "hono";
import type { OperationSpec } from "../api/openapi.js";
import type { AreaContext } from "../Area.js";
import { invalidInput, type Problem, problem, sendProblem } from "../http/problem.js";
import { readJson } from "../http/request.js";
import { decodeAll } from "../http/validate.js";
import {
  classHeadings,
  EditionDetails,
  EditionInUse,
  type NiceReady,
  type NiceReference,
  niceReference,
  searchLanguage,
} from "./NiceReference.js";
import { checkList, LIMITS, ValidationReport } from "./report.js";
import { publicAccess } from "../http/access.js";

const LanguageTag = Schema.String.check(
  Schema.isPattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'a language tag such as "en", "ar" or "fr"' }),
);

/** A whole number in a range, with one message for every way of missing it (text, fractions, out of range). */
const wholeNumberBetween = (minimum: number, maximum: number, message: string) =>
  Schema.makeFilter((n: number) => (Number.isInteger(n) && n >= minimum && n <= maximum) || message);

const ClassParam = Schema.NumberFromString.check(
  wholeNumberBetween(1, 45, "a Nice class is a whole number from 1 to 45"),
);

export const MAX_QUERY_LENGTH = 200;
export const MAX_LIMIT = 50;

export const ClassesQuery = Schema.Struct({ lang: Schema.optional(LanguageTag) });

export const TermsQuery = Schema.Struct({
  q: Schema.String.check(Schema.isMaxLength(MAX_QUERY_LENGTH, { message: `at most ${MAX_QUERY_LENGTH} characters` })),
  lang: Schema.optional(LanguageTag),
  class: Schema.optional(Schema.Array(ClassParam).check(Schema.isMaxLength(45))),
  limit: Schema.optional(
    Schema.NumberFromString.check(wholeNumberBetween(1, MAX_LIMIT, `a whole number from 1 to ${MAX_LIMIT}`)),
  ),
});

const ClassNumber = Schema.Int.check(
  Schema.isBetween({ minimum: 1, maximum: 45 }, { message: "a Nice class is a whole number from 1 to 45" }),
);

const TermEntry = Schema.Union([
  Schema.String.check(Schema.isMaxLength(10_000)),
  Schema.Struct({
    text: Schema.String.check(Schema.isMaxLength(10_000)),
    basicNumber: Schema.optional(Schema.String.check(Schema.isPattern(/^\d{6}$/))),
  }),
]);

/** A class of the list: `{ classNumber, text: "a; b" }` or the filing shape `{ classNumber, terms: [...] }`. */
export const ValidateClass = Schema.Struct({
  classNumber: ClassNumber,
  text: Schema.optional(Schema.String),
  terms: Schema.optional(Schema.Array(TermEntry)),
}).check(
  Schema.makeFilter((c: { readonly text?: string | undefined; readonly terms?: ReadonlyArray<unknown> | undefined }) =>
    (c.text === undefined) === (c.terms === undefined)
      ? {
          path: ["terms"],
          issue: 'give either "text" (terms separated by ";") or "terms" (a list), not both or neither',
        }
      : undefined,
  ),
);

export const ValidateRequest = Schema.Struct({
  goodsAndServices: Schema.Array(ValidateClass),
  /** Only accept official terms in this language (default: any language of the edition). */
  language: Schema.optional(LanguageTag),
  /** Suggestions per free-text term (default 3). */
  suggestions: Schema.optional(
    Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10 }, { message: "a whole number from 1 to 10" })),
  ),
});

const ClassView = Schema.Struct({
  number: Schema.Number,
  kind: Schema.Literals(["goods", "services"]),
  heading: Schema.NullOr(Schema.String),
  headingLanguage: Schema.NullOr(Schema.String),
  fallback: Schema.Boolean,
  headingEdition: Schema.NullOr(Schema.String),
});

export const ClassesResponse = Schema.Struct({
  edition: EditionInUse,
  language: Schema.String,
  classes: Schema.Array(ClassView),
});

export const TermHit = Schema.Struct({
  basicNumber: Schema.NullOr(Schema.String),
  classNumber: Schema.Number,
  text: Schema.String,
  language: Schema.String,
  matchKind: Schema.String,
});

export const TermsResponse = Schema.Struct({
  edition: EditionInUse,
  /** The language searched (`null`: every language of the edition). */
  language: Schema.NullOr(Schema.String),
  /** True when the edition has no terms in the language asked for and another was searched. */
  fallback: Schema.Boolean,
  items: Schema.Array(TermHit),
});

const unavailableResponse = {
  description:
    "No Nice edition could be loaded, not even the one shipped with the project (a broken installation; the problem says why)",
};

export const operations: ReadonlyArray<OperationSpec> = [
  {
    method: "get",
    path: "/api/v1/nice/edition",
    operationId: "getNiceEdition",
    access: publicAccess,
    summary: "The Nice edition in use and where it came from",
    description:
      "The edition the office classifies with: with `newest` in its configuration, the newest it has (12 when its list is in the reference data, else the 10-2015 list shipped with the project). Says each source file with its origin and licence, the edition the class headings come from when the edition has none, why it is not the configured one (`notice`), and the reference files the office lacks or refused.",
    tags: ["nice"],
    responses: {
      "200": { description: "The edition in use", name: "NiceEdition", schema: EditionDetails },
      "503": unavailableResponse,
    },
  },
  {
    method: "get",
    path: "/api/v1/nice/classes",
    operationId: "listNiceClasses",
    access: publicAccess,
    summary: "The 45 Nice classes with their headings in a language",
    description:
      "Headings come from the office's edition (`edition`, with its source and licence), or from the newest edition that has them when its sources carry none (`headingEdition` says which). `fallback` is true when a heading is not in the language asked for.",
    tags: ["nice"],
    parameters: [{ name: "lang", in: "query", description: "language of the headings", schema: { type: "string" } }],
    responses: {
      "200": { description: "The classes", name: "NiceClasses", schema: ClassesResponse },
      "400": { description: "Invalid query" },
      "503": unavailableResponse,
    },
  },
  {
    method: "get",
    path: "/api/v1/nice/terms",
    operationId: "searchNiceTerms",
    access: publicAccess,
    summary: "Search the alphabetical list as you type (the term picker's data source)",
    description:
      "Prefixes and whole words in any order, plural/singular, one typo in words of 5+ letters, diacritics and case folded. When the edition has no terms in `lang`, English is searched and `fallback` is true.",
    tags: ["nice"],
    parameters: [
      {
        name: "q",
        in: "query",
        required: true,
        description: `the words typed (at most ${MAX_QUERY_LENGTH} characters)`,
        schema: { type: "string", maxLength: MAX_QUERY_LENGTH },
      },
      { name: "lang", in: "query", description: "language of the terms", schema: { type: "string" } },
      {
        name: "class",
        in: "query",
        description: "only these classes: repeat the parameter or separate numbers with commas",
        schema: { type: "array", items: { type: "integer", minimum: 1, maximum: 45 } },
      },
      {
        name: "limit",
        in: "query",
        description: `results wanted (default 20, at most ${MAX_LIMIT})`,
        schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT },
      },
    ],
    responses: {
      "200": { description: "Matching terms, best first", name: "NiceTerms", schema: TermsResponse },
      "400": { description: "Invalid query: every bad parameter is named" },
      "503": unavailableResponse,
    },
  },
  {
    method: "post",
    path: "/api/v1/nice/validate",
    operationId: "validateGoodsAndServices",
    access: publicAccess,
    summary:
      "Check a goods-and-services list term by term: official, vague (refused or queried), wrong class, free text (with suggestions)",
    description: `A validation report naming the list it checked against (\`edition\`: id, label, source, licence) and the Nice version in force today, which a class filed today records (\`editionInForce\`), with one verdict per term, each naming the JSON path of its term. The body may also be the list alone, [{ classNumber, terms }] (paths then start at the list). Free text is a warning (the examiner checks it); a term of another class and an empty class are errors. A wording the office refuses as written (\`vague\` with \`outcome: refuse\`: a class heading's general indication such as "machines", "all goods in this class", retail services without the goods) is an error; one it queries (\`outcome: query\`: "accessories" alone) a warning; each names its \`rule\` and \`source\` (office configuration \`nice.generalIndications\`). At most ${LIMITS.classes} classes, ${LIMITS.terms} terms and ${LIMITS.characters} characters at once.`,
    tags: ["nice"],
    requestBody: { name: "NiceValidationRequest", schema: ValidateRequest },
    responses: {
      "200": { description: "The report", name: "NiceValidationReport", schema: ValidationReport },
      "400": { description: "Invalid body: every failing field is listed" },
      "413": { description: "Body or list too large" },
      "415": { description: "Body is not JSON" },
      "503": unavailableResponse,
    },
  },
];

/** 503: which reference data is missing. */
export const unavailableProblem = (nice: Exclude<NiceReference, NiceReady>): Problem =>
  problem(
    503,
    "reference-data-unavailable",
    "Nice classification unavailable",
    `The office's Nice edition "${nice.editionId}" could not be loaded: ${nice.reasons.join("; ")}.`,
    { edition: nice.editionId, missing: nice.reasons },
  );

/** The `class` parameter: repeated, comma-separated, or both. */
const classParams = (c: Context): Array<string> | undefined => {
  const given = c.req.queries("class");
  if (given === undefined) return undefined;
  return given
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
};

/** The 413 of a list beyond the limits, naming the list's size and the limits. */
const listTooLarge = (message: string, size: { classes: number; terms: number; characters: number }): Problem =>
  problem(413, "list-too-large", "List too large", `${message}; send it in parts.`, { ...size, limits: LIMITS });

/**
 * The size of an undecoded list, counted without decoding it: its classes, its term entries (strings of `terms`, or
 * one `text`: a lower bound of its terms, which `;` may split further) and the characters of its texts.
 */
const sizeOf = (list: unknown): { classes: number; entries: number; characters: number } => {
  const size = { classes: 0, entries: 0, characters: 0 };
  if (!Array.isArray(list)) return size;
  size.classes = list.length;
  for (const entry of list) {
    if (typeof entry !== "object" || entry === null) continue;
    const { text, terms } = entry as { text?: unknown; terms?: unknown };
    if (typeof text === "string") {
      size.entries += 1;
      size.characters += text.length;
    }
    if (Array.isArray(terms)) {
      size.entries += terms.length;
      for (const t of terms) {
        const s = typeof t === "string" ? t : (t as { text?: unknown } | null)?.text;
        if (typeof s === "string") size.characters += s.length;
      }
    }
  }
  return size;
};

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const createNiceApi = (ctx: AreaContext) => {
  const nice = niceReference(ctx, ctx.logger);
  const api = new Hono();

  api.get("/nice/edition", (c) => {
    if (nice._tag === "Unavailable") return sendProblem(c, unavailableProblem(nice));
    c.header("cache-control", "public, max-age=300");
    return c.json(nice.details);
  });

  api.get("/nice/classes", (c) => {
    const query = decodeAll(ClassesQuery, defined({ lang: c.req.query("lang") }));
    if (Result.isFailure(query)) return sendProblem(c, invalidInput(query.failure, "query"));
    if (nice._tag === "Unavailable") return sendProblem(c, unavailableProblem(nice));
    const language = query.success.lang ?? "en";
    c.header("cache-control", "public, max-age=300");
    return c.json({ edition: nice.inUse, language, classes: classHeadings(nice, language) });
  });

  api.get("/nice/terms", (c) => {
    const query = decodeAll(
      TermsQuery,
      defined({ q: c.req.query("q"), lang: c.req.query("lang"), class: classParams(c), limit: c.req.query("limit") }),
    );
    if (Result.isFailure(query)) return sendProblem(c, invalidInput(query.failure, "query"));
    if (nice._tag === "Unavailable") return sendProblem(c, unavailableProblem(nice));
    const { q, lang, limit } = query.success;
    const { language, fallback } = searchLanguage(nice, lang);
    const classNumbers = query.success.class;
    const hits =
      q.trim() === ""
        ? []
        : TermIndex.search(nice.index, q, {
            language,
            classNumbers: classNumbers && classNumbers.length > 0 ? classNumbers : undefined,
            limit: limit ?? 20,
          });
    c.header("cache-control", "public, max-age=300");
    return c.json({
      edition: nice.inUse,
      language: language ?? null,
      fallback,
      items: hits.map((h) => ({
        basicNumber: h.basicNumber,
        classNumber: h.classNumber,
        text: h.text,
        language: h.language,
        matchKind: h.matchKind,
      })),
    });
  });

  api.post("/nice/validate", async (c) => {
    const body = await readJson(c);
    if (Result.isFailure(body)) return body.failure;
    // The list alone (the filing shape `[{ classNumber, terms }]`) is accepted too; paths then start at the list.
    const bare = Array.isArray(body.success);
    const path = (p: string) => (bare ? p.replace(/^goodsAndServices/, "") : p);
    // A list beyond the limits is refused before it is decoded (decoding 100,000 entries is work too).
    const size = sizeOf(bare ? body.success : (body.success as { goodsAndServices?: unknown })?.goodsAndServices);
    if (size.classes > LIMITS.classes || size.entries > LIMITS.terms || size.characters > LIMITS.characters) {
      return sendProblem(
        c,
        listTooLarge(
          `the list has ${size.classes} classes, at least ${size.entries} terms and ${size.characters} characters; at most ${LIMITS.classes} classes, ${LIMITS.terms} terms and ${LIMITS.characters} characters are checked at once`,
          { classes: size.classes, terms: size.entries, characters: size.characters },
        ),
      );
    }
    const request = decodeAll(ValidateRequest, bare ? { goodsAndServices: body.success } : body.success);
    if (Result.isFailure(request)) {
      return sendProblem(c, invalidInput(request.failure.map((i) => ({ ...i, path: path(i.path) }))));
    }
    if (nice._tag === "Unavailable") return sendProblem(c, unavailableProblem(nice));
    const report = checkList(nice, request.success.goodsAndServices, {
      language: request.success.language,
      suggestions: request.success.suggestions,
      generalIndications: ctx.config.nice.generalIndications,
      versions: ctx.config.nice.versions,
      date: ctx.today(),
    });
    if (Result.isFailure(report)) {
      const f = report.failure;
      return sendProblem(c, listTooLarge(f.message, { classes: f.classes, terms: f.terms, characters: f.characters }));
    }
    return c.json(
      bare
        ? { ...report.success, verdicts: report.success.verdicts.map((v) => ({ ...v, path: path(v.path) })) }
        : report.success,
    );
  });

  return api;
};
