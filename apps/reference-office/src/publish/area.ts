/**
 * Area `publish`: the public portal (decision 0692). The home page with the register's figures, the search with its
 * exports, the gazette (`/gazette`), a Madrid designation's public page (`/international/{irn}`), and `GET /api/v1/search` with the same query model. Every read is the
 * public's: it goes through the search index (which holds only what the office has published) and, when the office
 * has read replicas, to a replica (decision 0690).
 */
import { Readable } from "node:stream";
import { Extraction } from "@ipoffice/exchange";
import { Pdf } from "@ipoffice/documents/node";
import { Query, SearchDocument } from "@ipoffice/search";
import { Effect, Result, Schema } from "effect";
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { OperationSpec } from "../api/openapi.js";
import type { Area, AreaContext } from "../Area.js";
import { hasProduct, workflowsOf } from "../config/OfficeConfig.js";
import { publicAccess } from "../http/access.js";
import { problem, sendProblem } from "../http/problem.js";
import { audienceOf } from "../http/audience.js";
import { layout, pageContext } from "../pages/layout.js";
import { notFoundPage } from "../pages/records.js";
import { Designations } from "../madrid/Designations.js";
import { Rights } from "../rights/Rights.js";
import { contentTypes, exportStream, webStream } from "../search/export.js";
import { Search } from "../search/Search.js";
import { designationPage } from "./designation.js";
import {
  type GazetteIssue,
  gazetteDocument,
  gazetteIndexPage,
  gazetteIssuePage,
  pdfSectionLimit,
  sectionLimit,
} from "./gazette.js";
import { issueContaining, issueOf, latestIssues, nextIssue, previousIssue } from "./issues.js";
import { type FeedFormat, feedSize, feedTypes, searchFeed } from "./feed.js";
import { homePage } from "./home.js";
import { st96Of } from "./st96.js";
import {
  advancedPage,
  columnsOf,
  exportColumns,
  portalFacets,
  queryOf as queryWith,
  regionalFacets,
  searchPage,
} from "./search.js";

/** Most rows one export holds; a search that matches more is asked to narrow (decision 0692). */
export const exportCap = 10_000;

const paramsOf = (c: Context): URLSearchParams => new URL(c.req.url).searchParams;

const chosenColumns = (params: URLSearchParams) =>
  columnsOf(params.getAll("col").length > 0 ? params.getAll("col").join(",") : (params.get("cols") ?? undefined));

const SearchResponse = Schema.Struct({
  hits: Schema.Array(
    Schema.Struct({
      recordId: Schema.String,
      document: SearchDocument.SearchDocument,
      similarity: Schema.optional(
        Schema.Struct({ score: Schema.Number, text: Schema.String, evidence: Schema.Array(Schema.Unknown) }),
      ),
    }),
  ),
  total: Schema.Struct({ value: Schema.Number, exact: Schema.Boolean }),
  facets: Schema.Record(
    Schema.String,
    Schema.Array(Schema.Struct({ value: Schema.String, label: Schema.String, count: Schema.Number })),
  ),
  next: Schema.optional(Schema.String),
});

export const operations: ReadonlyArray<OperationSpec> = [
  {
    method: "get",
    path: "/api/v1/search",
    operationId: "searchRegister",
    access: publicAccess,
    summary: "Search the public register: marks alike across scripts, names, numbers, classes, dates, statuses",
    description:
      "The parameters of the portal's search URL (`@ipoffice/search` `Query.fromSearchParams`): `mark` (similar by default; `markMode` exact, contains or similar), `q` (anything, as the portal's one search box reads it), `goods`, `owner`, `representative`, `inventor`, `designer`, `name`, numbers (`appNo`, `regNo`, `st13`, `irNo`, `pct`, `priorityNo`, in any usual form, Arabic-Indic digits too), `kind`, `status`, `standardStatus`, `nice` with `niceStatus`, `vienna`, `ipc` (a prefix finds what is under it), `locarno`, date ranges (`filedFrom`, `filedTo`, `publishedFrom`…), `state`, `where` (the expert syntax), `sort`, `limit`, `cursor` (from `next`), `facet`. Repeated parameters mean any of the values; different ones all of them. Each similar hit carries its evidence. A parameter that cannot be read answers 400 naming it.",
    tags: ["search"],
    parameters: [
      { name: "q", in: "query", description: "the one search box", schema: { type: "string", maxLength: 200 } },
      { name: "mark", in: "query", description: "a mark's text, any script", schema: { type: "string" } },
      {
        name: "owner",
        in: "query",
        description: "an owner's name (repeat for any of several)",
        schema: { type: "string" },
      },
      {
        name: "nice",
        in: "query",
        description: "a Nice class (repeat for any of several)",
        schema: { type: "integer" },
      },
      { name: "where", in: "query", description: "an expert expression", schema: { type: "string" } },
      { name: "cursor", in: "query", description: "the `next` of the previous page", schema: { type: "string" } },
    ],
    responses: {
      "200": { description: "A page of hits, the total and the facets", name: "SearchResult", schema: SearchResponse },
      "400": { description: "A parameter that cannot be read, named" },
      "503": { description: "The register did not answer" },
    },
  },
];

/** A search that cannot be read: 400, naming the parameter (RFC 9457 problem). */
const invalidQuery = (c: Context, failure: { readonly field: string; readonly reason: string }) =>
  sendProblem(
    c,
    problem(400, "invalid-query", "Invalid search", `${failure.field}: ${failure.reason}`, {
      errors: [{ path: failure.field, message: failure.reason }],
    }),
  );

/** The query of a portal URL with the office's facets (designated states for a regional office). */
const queryFor = (ctx: AreaContext) => (params: URLSearchParams) =>
  queryWith(params, ctx.config.office.regional === true ? regionalFacets : portalFacets);

const unavailable = (c: Context) => c.text("The register is unavailable; try again shortly.", 503);

export const publishArea: Area = {
  name: "publish",
  operations,
  pageRoutes: [
    { method: "get", path: "/", access: publicAccess, summary: "The publish portal's home page" },
    { method: "get", path: "/search", access: publicAccess, summary: "Search the public register" },
    {
      method: "get",
      path: "/records/{number}/st96",
      access: publicAccess,
      summary: "A record of the public register as WIPO ST.96 XML",
    },
    { method: "get", path: "/search/advanced", access: publicAccess, summary: "The advanced search form" },
    { method: "get", path: "/gazette", access: publicAccess, summary: "The gazette's issues" },
    {
      method: "get",
      path: "/gazette/{issue}/pdf",
      access: publicAccess,
      summary: "An issue of the gazette as one PDF",
    },
    {
      method: "get",
      path: "/gazette/{issue}",
      access: publicAccess,
      summary: "An issue of the gazette: applications published, registrations, recordals, Madrid designations",
    },
    {
      method: "get",
      path: "/international/{irn}",
      access: publicAccess,
      summary: "A Madrid designation of the office: the international registration's protection here",
    },
    {
      method: "get",
      path: "/search/feed/{format}",
      access: publicAccess,
      summary: "A search's newest filings as a feed",
    },
    {
      method: "get",
      path: "/search/export/{format}",
      access: publicAccess,
      summary: "A search's results as CSV, XLSX or WIPO ST.96 (a ZIP of one XML file per right, with a manifest)",
    },
  ],
  api: (ctx: AreaContext) => {
    const api = new Hono();
    const queryOf = queryFor(ctx);
    api.get("/search", async (c) => {
      const query = queryOf(paramsOf(c));
      if (Result.isFailure(query)) {
        return invalidQuery(c, query.failure);
      }
      const found = await ctx.runRead(
        c,
        Search.use((s) => s.search(query.success)),
      );
      if (Result.isFailure(found)) {
        const failure = found.failure;
        if (failure._tag === "QueryError") {
          return invalidQuery(c, failure);
        }
        return sendProblem(c, problem(503, "unavailable", "Register unavailable", "The register did not answer."));
      }
      const result = found.success;
      return c.json({
        hits: result.hits,
        total: result.total,
        facets: result.facets,
        ...(result.next ? { next: Query.encodeCursor(result.next) } : {}),
      });
    });
    return api;
  },
  pages: (ctx: AreaContext) => {
    const pages = new Hono();
    const queryOf = queryFor(ctx);
    const workflows = workflowsOf(ctx.config);
    const gazettePeriod = ctx.config.gazette?.period ?? "month";

    pages.get("/", async (c) => {
      const p = pageContext(c, ctx.config);
      const figures = await ctx.runRead(
        c,
        Search.use((s) => s.statistics()),
      );
      if (Result.isFailure(figures)) return unavailable(c);
      return c.html(homePage(p, figures.success, issueContaining(ctx.today(), gazettePeriod).id));
    });

    pages.get("/search", async (c) => {
      const p = pageContext(c, ctx.config);
      const params = paramsOf(c);
      const columns = chosenColumns(params);
      const query = queryOf(params);
      if (Result.isFailure(query)) {
        return c.html(searchPage(p, { params, columns, workflows, exportCap, error: query.failure }), 400);
      }
      // A bare /search shows the form and the whole register's facets.
      const found = await ctx.runRead(
        c,
        Search.use((s) => s.search(query.success)),
      );
      if (Result.isFailure(found)) {
        if (found.failure._tag === "QueryError") {
          return c.html(searchPage(p, { params, columns, workflows, exportCap, error: found.failure }), 400);
        }
        return unavailable(c);
      }
      return c.html(searchPage(p, { params, columns, workflows, exportCap, result: found.success }));
    });

    // A record in WIPO ST.96 V6_0 (`@ipoffice/exchange`): what the public may see of it, for anyone's system.
    pages.get("/records/:number/st96", async (c) => {
      const got = await ctx.runRead(
        c,
        Rights.use((r) => r.get(c.req.param("number"), { audience: audienceOf(c) })),
      );
      if (Result.isFailure(got)) {
        return got.failure._tag === "RightNotFound"
          ? c.html(notFoundPage(pageContext(c, ctx.config)), 404)
          : unavailable(c);
      }
      const xml = st96Of(got.success);
      return c.body(xml, 200, {
        "content-type": "application/xml; charset=utf-8",
        "content-disposition": `inline; filename="${got.success.st13}.xml"`,
      });
    });

    pages.get("/gazette", (c) => {
      const p = pageContext(c, ctx.config);
      return c.html(gazetteIndexPage(p, latestIssues(ctx.today(), gazettePeriod, 24)));
    });

    /** The issue an URL names with its sections, at most `limit` entries each; undefined for no issue. */
    const readIssue = async (c: Context, id: string, limit: number) => {
      const issue = issueOf(id, gazettePeriod);
      // An issue that has not begun yet is no issue either.
      if (issue === undefined || issue.from > ctx.today()) return { found: false as const };
      const sections = await ctx.runRead(
        c,
        Effect.all(
          [
            Rights.use((r) => r.gazette(issue.from, issue.to, limit)),
            hasProduct(ctx.config, "madrid")
              ? Effect.map(
                  Designations.use((d) => d.notified(issue.from, issue.to, limit)),
                  (section) => section as typeof section | undefined,
                )
              : Effect.succeed(undefined),
          ],
          { concurrency: 2 },
        ),
      );
      if (Result.isFailure(sections)) return { found: true as const, gazette: undefined };
      const [national, madrid] = sections.success;
      const next = nextIssue(issue);
      const gazette: GazetteIssue = {
        issue,
        previous: previousIssue(issue),
        next: next !== undefined && next.from <= ctx.today() ? next : undefined,
        ...national,
        madrid,
      };
      return { found: true as const, gazette };
    };

    pages.get("/gazette/:issue", async (c) => {
      const p = pageContext(c, ctx.config);
      const read = await readIssue(c, c.req.param("issue"), sectionLimit);
      if (!read.found) return c.html(notFoundPage(p), 404);
      if (read.gazette === undefined) return unavailable(c);
      return c.html(gazetteIssuePage(p, read.gazette));
    });

    // The issue as one PDF, every entry of it, in the page's language.
    pages.get("/gazette/:issue/pdf", async (c) => {
      const p = pageContext(c, ctx.config);
      const read = await readIssue(c, c.req.param("issue"), pdfSectionLimit);
      if (!read.found) return c.html(notFoundPage(p), 404);
      if (read.gazette === undefined) return unavailable(c);
      const stream = Pdf.render(gazetteDocument(p, read.gazette));
      return c.body(webStream(stream), 200, {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="gazette-${ctx.config.office.code}-${read.gazette.issue.id}-${p.lang}.pdf"`,
      });
    });

    // A Madrid designation as the public sees it (Designations.publicView: no examiner, no reasons).
    pages.get("/international/:irn", async (c) => {
      const p = pageContext(c, ctx.config);
      const got = await ctx.runRead(
        c,
        Designations.use((d) => d.publicView(c.req.param("irn"))),
      );
      if (Result.isFailure(got)) {
        return got.failure._tag === "DesignationNotFound" ? c.html(notFoundPage(p), 404) : unavailable(c);
      }
      return c.html(designationPage(p, got.success));
    });

    pages.get("/search/advanced", (c) => {
      const p = pageContext(c, ctx.config);
      // Designated states are a criterion of a regional office (its rights cover several states).
      const regional = ctx.config.office.regional === true;
      return c.html(advancedPage(p, workflows, regional));
    });

    pages.get("/search/feed/:format{atom|json}", async (c) => {
      const p = pageContext(c, ctx.config);
      const format = c.req.param("format") as FeedFormat;
      const params = paramsOf(c);
      const query = queryOf(params);
      if (Result.isFailure(query)) {
        return invalidQuery(c, query.failure);
      }
      const found = await ctx.runRead(
        c,
        Search.use((s) =>
          s.search({ ...query.success, sort: "-filingDate", limit: feedSize, facets: [], cursor: undefined }),
        ),
      );
      if (Result.isFailure(found)) {
        return found.failure._tag === "QueryError" ? invalidQuery(c, found.failure) : unavailable(c);
      }
      const criteria = new URLSearchParams([...params].filter(([k]) => k !== "cursor" && k !== "sort"));
      const body = searchFeed(p, {
        format,
        origin: new URL(c.req.url).origin,
        search: criteria.toString(),
        hits: found.success.hits,
        workflows,
      });
      return c.body(body, 200, { "content-type": feedTypes[format], "cache-control": "public, max-age=300" });
    });

    pages.get("/search/export/:format{csv|xlsx|st96}", async (c) => {
      const p = pageContext(c, ctx.config);
      const format = c.req.param("format") as "csv" | "xlsx" | "st96";
      const params = paramsOf(c);
      const columns = chosenColumns(params);
      const query = queryOf(params);
      const refuse = (status: 400 | 422, message: string) =>
        c.html(
          layout(p, {
            title: p.t("search.title"),
            body: html`<h1>${p.t("search.title")}</h1><p role="alert">${message}</p>`,
          }),
          status,
        );
      if (Result.isFailure(query)) {
        return refuse(400, p.t("search.invalid", { field: query.failure.field, reason: query.failure.reason }));
      }
      const base = { ...query.success, facets: [], limit: Query.maxLimit } satisfies Query.Query;
      const first = await ctx.runRead(
        c,
        Search.use((s) => s.search({ ...base, cursor: undefined })),
      );
      if (Result.isFailure(first)) {
        return first.failure._tag === "QueryError"
          ? refuse(400, p.t("search.invalid", { field: first.failure.field, reason: first.failure.reason }))
          : unavailable(c);
      }
      if (first.success.total.value > exportCap) {
        return refuse(
          422,
          p.t("search.tooMany", {
            total: first.success.total.value.toLocaleString(p.lang),
            cap: exportCap.toLocaleString(p.lang),
          }),
        );
      }
      // The pages after the first, read as the file is written (keyset order, never the whole result in memory).
      const firstPage = first.success;
      async function* hitPages() {
        let page = firstPage;
        let sent = 0;
        for (;;) {
          const hits = page.hits.slice(0, exportCap - sent);
          sent += hits.length;
          if (hits.length > 0) yield hits;
          if (!page.next || sent >= exportCap) return;
          const next = await ctx.runRead(
            c,
            Search.use((s) => s.search({ ...base, cursor: page.next })),
          );
          if (Result.isFailure(next)) throw new Error("the register stopped answering during an export");
          page = next.success;
        }
      }
      const day = ctx.today();
      const filename = `register-${ctx.config.office.code}-${day}`;
      if (format === "st96") {
        const audience = audienceOf(c);
        const criteria = new URLSearchParams(
          [...params].filter(([k]) => k !== "cursor" && k !== "cols" && k !== "col"),
        );
        // Each right as its own ST.96 document (a trademark or design bag of one, a patent's bibliographic data), in
        // the results' order, read a page (100 rights) at a time; what has no ST.96 record of the office's is named in
        // the manifest, never dropped silently.
        async function* entries(): AsyncGenerator<Extraction.ZipEntry> {
          const files: Array<{ name: string; applicationNumber: string }> = [];
          const omitted: Array<{ recordId: string; reason: string }> = [];
          for await (const hits of hitPages()) {
            const numbers = hits.filter((h) => h.recordId.startsWith("right:")).map((h) => h.recordId.slice(6));
            const got = await ctx.runRead(
              c,
              Rights.use((r) => r.getMany(numbers, { audience })),
            );
            if (Result.isFailure(got)) throw new Error("the register stopped answering during an export");
            const byNumber = new Map(got.success.map((r) => [r.applicationNumber, r]));
            for (const hit of hits) {
              const right = hit.recordId.startsWith("right:") ? byNumber.get(hit.recordId.slice(6)) : undefined;
              if (right === undefined) {
                omitted.push({
                  recordId: hit.recordId,
                  reason: hit.recordId.startsWith("madrid:")
                    ? "a Madrid designation: its ST.96 record is the International Bureau's"
                    : "no longer public",
                });
                continue;
              }
              const name = `${String(files.length + 1).padStart(5, "0")}-${right.st13.replace(/[^A-Za-z0-9]/g, "")}.xml`;
              files.push({ name, applicationNumber: right.applicationNumber });
              yield { name, chunks: [st96Of(right)] };
            }
          }
          const manifest = {
            standard: "WIPO ST.96 V6_0",
            office: ctx.config.office.code,
            date: day,
            search: criteria.toString(),
            records: files.length,
            files,
            omitted,
          };
          yield { name: "manifest.json", chunks: [`${JSON.stringify(manifest, null, 2)}\n`] };
        }
        return c.body(webStream(Readable.from(Extraction.zip(entries(), { date: day }))), 200, {
          "content-type": "application/zip",
          "content-disposition": `attachment; filename="${filename}-st96.zip"`,
          "cache-control": "no-store",
        });
      }
      async function* documents() {
        for await (const hits of hitPages()) for (const hit of hits) yield hit.document;
      }
      const stream = exportStream(format, exportColumns(p, workflows, columns), documents());
      return c.body(webStream(stream), 200, {
        "content-type": contentTypes[format],
        "content-disposition": `attachment; filename="${filename}.${format}"`,
        "cache-control": "no-store",
      });
    });

    return pages;
  },
};
