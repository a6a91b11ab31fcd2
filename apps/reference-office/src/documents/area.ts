/**
 * Documents on records (decision 0901): the API issues a certificate or letter from the office's templates, lists a
 * record's documents and serves each PDF as issued; the back office issues them from the record page
 * (`POST /office/records/{number}/documents`) and previews every template with sample values
 * (`/office/templates`). Public reads pass the publication rule, as the record does.
 */
import { Template } from "@ipoffice/documents";
import { Result, Schema } from "effect";
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { OperationSpec } from "../api/openapi.js";
import type { Area, AreaContext } from "../Area.js";
import { requirePrincipal } from "../auth/actor.js";
import { needs, publicAccess } from "../http/access.js";
import { audienceOf } from "../http/audience.js";
import { sendError } from "../http/errors.js";
import { invalidInput, type Problem, problem, sendProblem } from "../http/problem.js";
import { isCrossSite, readForm, readJson } from "../http/request.js";
import { decodeAll } from "../http/validate.js";
import { officeText } from "../office/messages.js";
import { languageName } from "../pages/bidi.js";
import { href, layout, type PageContext, pageContext } from "../pages/layout.js";
import { DatabaseError, RightNotFound } from "../rights/Rights.js";
import { DocumentNotFound, DocumentRefused, type DocumentSummary, makeDocuments } from "./Documents.js";

const LanguageTag = Schema.String.check(Schema.isPattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/));

/** `POST /applications/{applicationNumber}/documents`. */
export const IssueBody = Schema.Struct({
  kind: Template.Kind,
  language: LanguageTag,
  grounds: Schema.optional(Schema.String.check(Schema.isMaxLength(Template.maxValueLength))),
  legalBasis: Schema.optional(Schema.String.check(Schema.isMaxLength(1_000))),
});

const Summary = Schema.Struct({
  id: Schema.String,
  applicationNumber: Schema.String,
  kind: Template.Kind,
  language: Schema.String,
  title: Schema.String,
  issuedAt: Schema.String,
  issuedBy: Schema.optional(Schema.String),
  bytes: Schema.Number,
});

const numberParam = {
  name: "applicationNumber",
  in: "path" as const,
  required: true,
  description: "The office application number (URL-encoded) or its ST.13 form",
  schema: { type: "string" },
};

export const operations: ReadonlyArray<OperationSpec> = [
  {
    method: "post",
    path: "/api/v1/applications/{applicationNumber}/documents",
    operationId: "issueDocument",
    access: needs("rights.act"),
    summary:
      "Issue a certificate or letter (formality objection, provisional refusal, grant, renewal reminder) from the office's template in a language it offers; stored with the record",
    tags: ["documents"],
    parameters: [numberParam],
    requestBody: { name: "IssueDocument", schema: IssueBody },
    responses: {
      "201": { description: "The document issued", name: "IssuedDocument", schema: Summary },
      "400": { description: "Invalid body" },
      "404": { description: "Unknown number" },
      "409": { description: "The document cannot be issued for this right (e.g. a certificate before registration)" },
    },
  },
  {
    method: "get",
    path: "/api/v1/applications/{applicationNumber}/documents",
    operationId: "listDocuments",
    access: publicAccess,
    summary: "The documents issued on a record (the public: on a right the publication rule shows)",
    tags: ["documents"],
    parameters: [numberParam],
    responses: {
      "200": {
        description: "Documents, oldest first",
        name: "Documents",
        schema: Schema.Struct({ items: Schema.Array(Summary) }),
      },
      "404": { description: "Unknown number, or a right not yet public (the same answer)" },
    },
  },
  {
    method: "get",
    path: "/api/v1/applications/{applicationNumber}/documents/{id}",
    operationId: "getDocument",
    access: publicAccess,
    summary: "A document as issued (PDF)",
    tags: ["documents"],
    parameters: [numberParam, { name: "id", in: "path", required: true, schema: { type: "string" } }],
    responses: {
      "200": { description: "The PDF", contentType: "application/pdf" },
      "404": { description: "Unknown number or document, or a right not yet public" },
    },
  },
];

const refusedProblem = (error: DocumentRefused): Problem =>
  problem(
    error.reason === "language" ? 400 : error.reason === "fill" || error.reason === "no-template" ? 422 : 409,
    `document-${error.reason}`,
    "Document not issued",
    error.message,
  );

type DocumentsError = RightNotFound | DocumentRefused | DocumentNotFound | DatabaseError;

const answer = (c: Context, ctx: AreaContext, error: DocumentsError): Response => {
  if (error instanceof DocumentRefused) return sendProblem(c, refusedProblem(error));
  if (error instanceof DocumentNotFound)
    return sendProblem(c, problem(404, "not-found", "Not found", `No document ${error.id} on this record.`));
  if (error instanceof RightNotFound || error instanceof DatabaseError) return sendError(c, ctx.logger, error);
  return sendError(c, ctx.logger, new DatabaseError({ cause: error }));
};

const pdfResponse = (c: Context, bytes: Uint8Array, name: string) =>
  c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": "application/pdf",
    "content-disposition": `inline; filename="${name.replace(/[^\w.-]+/g, "_").slice(0, 100)}.pdf"`,
    "cache-control": "private, no-store",
  });

const actorOf = (c: Context) => {
  const principal = requirePrincipal(c);
  return { id: principal.id, role: principal.roles[0] ?? "staff", name: principal.name };
};

const api = (ctx: AreaContext): Hono => {
  const documents = makeDocuments(ctx.db, ctx.config);
  const app = new Hono();

  app.post("/applications/:number/documents", async (c) => {
    const body = await readJson(c);
    if (Result.isFailure(body)) return body.failure;
    const request = decodeAll(IssueBody, body.success);
    if (Result.isFailure(request)) return sendProblem(c, invalidInput(request.failure));
    const done = await ctx.run(documents.issue(c.req.param("number"), request.success, actorOf(c)));
    if (Result.isFailure(done)) return answer(c, ctx, done.failure);
    c.header(
      "location",
      `/api/v1/applications/${encodeURIComponent(c.req.param("number"))}/documents/${done.success.id}`,
    );
    return c.json(done.success, 201);
  });

  app.get("/applications/:number/documents", async (c) => {
    const got = await ctx.runRead(c, documents.list(c.req.param("number"), audienceOf(c)));
    return Result.isFailure(got) ? answer(c, ctx, got.failure) : c.json({ items: got.success });
  });

  app.get("/applications/:number/documents/:id", async (c) => {
    const got = await ctx.runRead(c, documents.pdf(c.req.param("number"), c.req.param("id"), audienceOf(c)));
    if (Result.isFailure(got)) return answer(c, ctx, got.failure);
    return pdfResponse(c, got.success.bytes, got.success.summary.title);
  });
  return app;
};

const o = (p: PageContext, key: Parameters<typeof officeText>[1], params?: Record<string, string | number>) =>
  officeText(p.lang, key, params);

/** The kinds' names in the page language. */
export const kindLabel = (p: PageContext, kind: Template.Kind) =>
  officeText(p.lang, `office.documents.kind.${kind}` as Parameters<typeof officeText>[1]);

/** The back office's form to issue a document on a record (shown to those who may act). */
export const issueForm = (p: PageContext, st13: string, csrf: unknown) => html`
<form method="post" action="${href(p, `/office/records/${st13}/documents`)}" class="ipo-form">
${csrf}
<div class="ipo-field"><label for="doc-kind">${o(p, "office.documents.kind")}</label>
<select id="doc-kind" name="kind">${Template.kinds.map((k) => html`<option value="${k}">${kindLabel(p, k)}</option>`)}</select></div>
<div class="ipo-field"><label for="doc-lang">${o(p, "office.documents.language")}</label>
<select id="doc-lang" name="language">${p.config.office.languages.map((l) => html`<option value="${l}" ${l === p.lang ? "selected" : ""}>${languageName(p.lang, l)}</option>`)}</select></div>
<div class="ipo-field"><label for="doc-grounds">${o(p, "office.documents.grounds")}</label>
<textarea id="doc-grounds" name="grounds" rows="3" maxlength="${Template.maxValueLength}" dir="auto"></textarea></div>
<div class="ipo-field"><label for="doc-basis">${o(p, "office.documents.legalBasis")}</label>
<input id="doc-basis" name="legalBasis" maxlength="1000" dir="auto"></div>
<button type="submit" class="ipo-button">${o(p, "office.documents.submit")}</button>
</form>`;

const templatesPage = (p: PageContext, rows: ReturnType<ReturnType<typeof makeDocuments>["templates"]>) =>
  layout(p, {
    title: o(p, "office.documents.templates"),
    current: "office",
    body: html`<h1>${o(p, "office.documents.templates")}</h1>
<p>${o(p, "office.documents.templatesIntro")}</p>
<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${o(p, "office.documents.kind")}</th><th scope="col">${o(p, "office.documents.language")}</th><th scope="col">${o(p, "office.documents.source")}</th><th scope="col">${o(p, "office.documents.preview")}</th></tr></thead>
<tbody>${rows.map(
      (r) =>
        html`<tr><td>${kindLabel(p, r.kind)}</td><td>${languageName(p.lang, r.language)}</td><td>${o(p, `office.documents.source.${r.source}`)}</td><td>${
          r.source === "none"
            ? ""
            : html`<a href="/office/templates/${r.kind}/${r.language}" type="application/pdf">${o(p, "office.documents.preview")}</a>`
        }</td></tr>`,
    )}</tbody></table></div>`,
  });

const pages = (ctx: AreaContext): Hono => {
  const documents = makeDocuments(ctx.db, ctx.config);
  const app = new Hono();

  app.get("/office/templates", (c) => c.html(templatesPage(pageContext(c, ctx.config), documents.templates())));

  app.get("/office/templates/:kind/:language", async (c) => {
    const kind = c.req.param("kind");
    const language = c.req.param("language");
    if (!(Template.kinds as ReadonlyArray<string>).includes(kind))
      return sendProblem(c, problem(404, "not-found", "Not found", `No template kind ${kind.slice(0, 50)}.`));
    const got = await ctx.run(documents.preview(kind as Template.Kind, language));
    if (Result.isFailure(got)) return sendProblem(c, { ...refusedProblem(got.failure), status: 404 });
    return pdfResponse(c, got.success, `${kind}-${language}`);
  });

  app.post("/office/records/:number/documents", async (c) => {
    const p = pageContext(c, ctx.config);
    const failedPage = (status: 400 | 403 | 404 | 409 | 422 | 503, text: string) =>
      c.html(
        layout(p, {
          title: o(p, "office.failed"),
          current: "office",
          body: html`<h1>${o(p, "office.failed")}</h1><p role="alert" class="ipo-error">${text}</p><p><a href="${href(p, `/office/records/${c.req.param("number") ?? ""}`)}">${o(p, "office.open")}</a></p>`,
        }),
        status,
      );
    if (isCrossSite(c)) return failedPage(403, o(p, "office.crossSite"));
    const read = await readForm(c, () => failedPage(400, o(p, "office.failed")));
    if (Result.isFailure(read)) return read.failure;
    const field = (name: string) => {
      const v = read.success[name];
      const first = Array.isArray(v) ? v[0] : v;
      return typeof first === "string" && first.trim() !== "" ? first.trim() : undefined;
    };
    const request = decodeAll(IssueBody, {
      kind: field("kind") ?? "",
      language: field("language") ?? p.lang,
      ...(field("grounds") ? { grounds: field("grounds") } : {}),
      ...(field("legalBasis") ? { legalBasis: field("legalBasis") } : {}),
    });
    if (Result.isFailure(request))
      return failedPage(400, request.failure.map((i) => `${i.path}: ${i.message}`).join("; "));
    const done = await ctx.run(documents.issue(c.req.param("number") ?? "", request.success, actorOf(c)));
    if (Result.isSuccess(done))
      return c.redirect(
        href(p, `/office/records/${c.req.param("number")}`, { issued: done.success.id }) + "#documents",
        303,
      );
    const error = done.failure;
    if (error instanceof DocumentRefused) {
      const status = refusedProblem(error).status;
      return failedPage(status === 400 ? 400 : status === 422 ? 422 : 409, error.message);
    }
    if (error instanceof RightNotFound) return failedPage(404, o(p, "office.failed"));
    ctx.logger.error({ err: error }, "document not issued");
    return failedPage(503, o(p, "office.failed"));
  });
  return app;
};

/** The documents of a record for its page (staff or public), or none when they cannot be read. */
export const documentsFor = async (
  ctx: AreaContext,
  applicationNumber: string,
  audience: "public" | "staff",
): Promise<ReadonlyArray<DocumentSummary>> => {
  const got = await ctx.run(makeDocuments(ctx.db, ctx.config).list(applicationNumber, audience));
  return Result.isSuccess(got) ? got.success : [];
};

export const documentsArea: Area = {
  name: "documents",
  api,
  operations,
  pageRoutes: [
    {
      method: "get",
      path: "/office/templates",
      access: needs("register.read"),
      summary: "The office's document templates, each with a preview",
    },
    {
      method: "get",
      path: "/office/templates/{kind}/{language}",
      access: needs("register.read"),
      summary: "A document template filled with sample values (PDF)",
    },
    {
      method: "post",
      path: "/office/records/{number}/documents",
      access: needs("rights.act"),
      summary: "Issue a certificate or letter on a record",
    },
  ],
  pages,
};
