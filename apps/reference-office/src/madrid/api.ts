/**
 * The Madrid desk's JSON API (`/api/v1/madrid/*`): import of IB batches with a per-document report, designations
 * with their time limits, the examiner's decisions (which write the office → IB document), the documents as XML, and
 * the Madrid fee calculator.
 */
import { Designation, Fees } from "@ipoffice/madrid";
import { Result, Schema } from "effect";
import { type Context, Hono } from "hono";
import type { OperationSpec } from "../api/openapi.js";
import type { AreaContext } from "../Area.js";
import { invalidInput, problem, sendProblem } from "../http/problem.js";
import { readJson } from "../http/request.js";
import { requirePrincipal } from "../auth/actor.js";
import { decodeAll } from "../http/validate.js";
import {
  type DecisionError,
  DecisionRequest,
  decide,
  notifyPossibleOpposition,
  PossibleOppositionRequest,
} from "./decisions.js";
import { deskToday, makeDesk, daysLeft } from "./desk.js";
import { getOfficeDocument, listDesignations } from "./store.js";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, spoolUpload, type UploadError, UploadTooLarge } from "./uploads.js";
import { needs, publicAccess } from "../http/access.js";

export const StatusFilter = Schema.Literals([...Designation.Status.literals, "overdue", "open"]);

export const ListQuery = Schema.Struct({
  status: Schema.optional(StatusFilter),
  due: Schema.optional(
    Schema.NumberFromString.check(
      Schema.makeFilter(
        (n: number) => (Number.isInteger(n) && n >= 1 && n <= 366) || "a whole number of days from 1 to 366",
      ),
    ),
  ),
  page: Schema.optional(
    Schema.NumberFromString.check(
      Schema.makeFilter((n: number) => (Number.isInteger(n) && n >= 1 && n <= 100_000) || "a whole number from 1"),
    ),
  ),
  pageSize: Schema.optional(
    Schema.NumberFromString.check(
      Schema.makeFilter((n: number) => (Number.isInteger(n) && n >= 1 && n <= 200) || "a whole number from 1 to 200"),
    ),
  ),
});

/** An international registration number as it appears in a path. */
export const IrParam = Schema.String.check(
  Schema.isPattern(/^[0-9A-Za-z/-]{1,20}$/, {
    message: "an international registration number such as 1800000 or 1800001A",
  }),
);
const DocumentId = Schema.String.check(Schema.isPattern(/^[0-9a-f-]{36}$/, { message: "a document id (UUID)" }));

const DocumentReport = Schema.Struct({
  position: Schema.Number,
  file: Schema.String,
  index: Schema.optional(Schema.Number),
  outcome: Schema.Literals(["applied", "duplicate", "rejected"]),
  irNumber: Schema.optional(Schema.String),
  kind: Schema.optional(Schema.String),
  key: Schema.optional(Schema.String),
  reason: Schema.optional(Schema.String),
  message: Schema.optional(Schema.String),
});
export const ImportReport = Schema.Struct({
  runId: Schema.String,
  files: Schema.Number,
  applied: Schema.Number,
  duplicates: Schema.Number,
  rejected: Schema.Number,
  documents: Schema.Array(DocumentReport),
});

const irParam = {
  name: "irn",
  in: "path" as const,
  required: true,
  description: "International registration number",
  schema: { type: "string" },
};

export const operations: ReadonlyArray<OperationSpec> = [
  {
    method: "post",
    path: "/api/v1/madrid/transactions",
    operationId: "importMadridTransactions",
    access: needs("madrid.import"),
    summary: "Import IB → office transactions (one ST.96 MadridIBToOfficeTransaction, or several files)",
    description: `Send one document as an application/xml body, or several as multipart/form-data files (at most ${MAX_UPLOAD_FILES}). Up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB, streamed to disk and parsed as a stream (this route is exempt from the app-wide 1 MiB body limit). Each transaction is applied in its own database transaction; the report lists every document as applied, duplicate (already imported: nothing changes) or rejected with its reason (parse reasons, OfficeNotHosted, UnknownRegistration, NotDesignated). A rejected document does not stop the rest.`,
    tags: ["madrid"],
    requestBody: { name: "MadridIBToOfficeTransaction", schema: Schema.String, contentType: "application/xml" },
    responses: {
      "200": { description: "The per-document report", name: "MadridImportReport", schema: ImportReport },
      "400": { description: "Malformed body or upload" },
      "413": { description: "Body over the limit" },
      "415": { description: "Neither application/xml nor multipart/form-data" },
    },
  },
  {
    method: "get",
    path: "/api/v1/madrid/designations",
    operationId: "listMadridDesignations",
    access: needs("madrid.read"),
    summary: "Designations with their refusal time limit and days left, soonest first",
    tags: ["madrid"],
    parameters: [
      {
        name: "status",
        in: "query",
        description: "a status, or overdue (pending past the time limit) or open (pending, time limit ahead)",
        schema: { type: "string", enum: [...StatusFilter.literals] },
      },
      {
        name: "due",
        in: "query",
        description: "pending with the time limit within this many days",
        schema: { type: "integer", minimum: 1, maximum: 366 },
      },
      { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
      { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 200 } },
    ],
    responses: { "200": { description: "A page of designations" }, "400": { description: "Invalid query" } },
  },
  {
    method: "get",
    path: "/api/v1/madrid/designations/{irn}",
    operationId: "getMadridDesignation",
    access: needs("madrid.read"),
    summary: "The national record of a designation, its status today, days left and office → IB documents",
    tags: ["madrid"],
    parameters: [irParam],
    responses: {
      "200": { description: "The record", name: "MadridDesignation", schema: Designation.Designation },
      "404": { description: "No such designation" },
    },
  },
  {
    method: "post",
    path: "/api/v1/madrid/designations/{irn}/decisions",
    operationId: "decideMadridDesignation",
    access: needs("madrid.decide"),
    summary:
      "The examiner's decision: grant, total or partial refusal per class or term, confirmation of a refusal; provisional, final or further",
    description:
      "Writes the office → IB document the state calls for (statement of grant under Rule 18ter(1); provisional refusal under Rule 17, with its grounds, the earlier marks and their owners, the opponent of an opposition, the time limit for review and the authority; another provisional refusal while the time limit runs; after a provisional refusal a final decision that only confirms or withdraws it for the goods it named, Rule 18ter(2)/(3); a further decision, 18ter(4)), validated, stored and downloadable, and records the decision with its event.",
    tags: ["madrid"],
    parameters: [irParam],
    requestBody: { name: "MadridDecisionRequest", schema: DecisionRequest },
    responses: {
      "201": { description: "The document written and the updated record" },
      "400": { description: "Invalid decision: every failing field is named" },
      "404": { description: "No such designation" },
      "409": { description: "Not possible in the current state (e.g. the right to refuse is lost)" },
    },
  },
  {
    method: "post",
    path: "/api/v1/madrid/designations/{irn}/possible-opposition",
    operationId: "notifyMadridPossibleOpposition",
    access: needs("madrid.decide"),
    summary: "Tell the IB that oppositions may be filed after the 18 months (art. 5(2)(c)); the time limit follows",
    description:
      "Writes the ST.96 notification of possible opposition (Rule 16(1)) dated today, records the opposition period on the designation and recomputes its refusal time limit under art. 5(2)(c): within 1 month of the period's end and no later than 7 months from its start. Only for an office whose country made the (c) declaration, before the 18 months end.",
    tags: ["madrid"],
    parameters: [irParam],
    requestBody: { name: "MadridPossibleOppositionRequest", schema: PossibleOppositionRequest },
    responses: {
      "201": { description: "The document written and the updated record" },
      "400": { description: "Invalid request: every failing field is named" },
      "404": { description: "No such designation" },
      "409": { description: "No art. 5(2)(c) declaration, or the 18 months have ended" },
    },
  },
  {
    method: "get",
    path: "/api/v1/madrid/documents/{id}",
    operationId: "getMadridOfficeDocument",
    access: needs("madrid.read"),
    summary: "An office → IB document as XML (a download)",
    tags: ["madrid"],
    parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
    responses: {
      "200": { description: "ST.96 MadridOfficeToIBTransaction", contentType: "application/xml" },
      "404": { description: "No such document" },
    },
  },
  {
    method: "post",
    path: "/api/v1/madrid/fees",
    operationId: "madridFees",
    access: publicAccess,
    summary: "Madrid fee calculator: itemised quote in CHF for an international application or a renewal",
    description:
      "Basic, supplementary, complementary and individual fees (individual fees from the office's data file, marked to check).",
    tags: ["madrid"],
    requestBody: { name: "MadridFeeRequest", schema: Fees.FeeRequest },
    responses: {
      "200": { description: "The quote (amounts in CHF minor units)" },
      "400": { description: "Invalid request" },
      "422": {
        description:
          "Cannot quote: no class, no designated party, a party that is not a Contracting Party of the Protocol, or a party that declared an individual fee the office's table lacks for the date or for renewals (the problem names the party and the date)",
      },
      "503": { description: "The individual-fee data could not be read" },
    },
  },
];

export const uploadProblem = (c: Context, e: UploadError) =>
  e instanceof UploadTooLarge
    ? sendProblem(
        c,
        problem(413, "payload-too-large", "Payload too large", `The upload exceeds the limit of ${e.limit} bytes.`, {
          limit: e.limit,
        }),
      )
    : sendProblem(
        c,
        e.status === 415
          ? problem(415, "unsupported-media-type", "Unsupported media type", e.message)
          : problem(400, "invalid-upload", "Invalid upload", e.message, {
              errors: [{ path: e.path, message: e.message }],
            }),
      );

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const decisionProblem = (c: Context, e: DecisionError) => {
  switch (e._tag) {
    case "DesignationNotFound":
      return sendProblem(
        c,
        problem(404, "not-found", "Not found", `No designation of international registration ${e.irNumber}.`),
      );
    case "DecisionInvalid":
      return sendProblem(c, invalidInput(e.issues));
    case "DecisionNotAllowed":
      return sendProblem(
        c,
        problem(409, "decision-not-allowed", "Decision not allowed in the current state", e.message, {
          state: e.status,
        }),
      );
  }
};

export const createMadridApi = (ctx: AreaContext) => {
  const desk = makeDesk(ctx);
  const officeCode = desk.settings.officeCode;
  const api = new Hono();

  api.post("/madrid/transactions", async (c) => {
    const spooled = await spoolUpload(c.req.raw);
    if (Result.isFailure(spooled)) return uploadProblem(c, spooled.failure);
    try {
      const summary = await desk.importFiles(spooled.success.files, "api");
      return c.json(summary);
    } finally {
      await spooled.success.cleanup();
    }
  });

  api.get("/madrid/designations", async (c) => {
    const q = decodeAll(
      ListQuery,
      defined({
        status: c.req.query("status"),
        due: c.req.query("due"),
        page: c.req.query("page"),
        pageSize: c.req.query("pageSize"),
      }),
    );
    if (Result.isFailure(q)) return sendProblem(c, invalidInput(q.failure, "query"));
    const today = deskToday(ctx);
    const page = q.success.page ?? 1;
    const pageSize = q.success.pageSize ?? 50;
    const listed = await listDesignations(ctx.db, officeCode, {
      status: q.success.status,
      dueWithinDays: q.success.due,
      today,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return c.json({
      today,
      total: listed.total,
      page,
      pageSize,
      items: listed.items.map((d) => ({
        ...d,
        daysLeft: daysLeft(today, d.timeLimit),
        statusToday: d.status === "pending" && d.timeLimit < today ? "protected-by-default" : d.status,
      })),
    });
  });

  api.get("/madrid/designations/:irn", async (c) => {
    const irn = decodeAll(IrParam, c.req.param("irn"));
    if (Result.isFailure(irn))
      return sendProblem(
        c,
        invalidInput(
          irn.failure.map((i) => ({ ...i, path: "irn" })),
          "path",
        ),
      );
    const view = await desk.view(irn.success);
    if (!view)
      return sendProblem(
        c,
        problem(404, "not-found", "Not found", `No designation of international registration ${irn.success}.`),
      );
    return c.json({
      ...view.designation,
      statusToday: view.statusToday,
      daysLeft: view.daysLeft,
      documents: view.documents.map((d) => ({ ...d, href: `/api/v1/madrid/documents/${d.id}` })),
    });
  });

  api.post("/madrid/designations/:irn/decisions", async (c) => {
    const irn = decodeAll(IrParam, c.req.param("irn"));
    if (Result.isFailure(irn))
      return sendProblem(
        c,
        invalidInput(
          irn.failure.map((i) => ({ ...i, path: "irn" })),
          "path",
        ),
      );
    const body = await readJson(c);
    if (Result.isFailure(body)) return body.failure;
    const request = decodeAll(DecisionRequest, body.success);
    if (Result.isFailure(request)) return sendProblem(c, invalidInput(request.failure));
    // The examiner is the signed-in account or token, whatever the body says.
    const examiner = requirePrincipal(c).id;
    const done = await decide(ctx.db, desk.settings, irn.success, { ...request.success, examiner }, ctx.now());
    if (Result.isFailure(done)) return decisionProblem(c, done.failure);
    const href = `/api/v1/madrid/documents/${done.success.documentId}`;
    c.header("location", href);
    return c.json(
      {
        document: { id: done.success.documentId, kind: done.success.kind, href },
        designation: done.success.designation,
      },
      201,
    );
  });

  api.post("/madrid/designations/:irn/possible-opposition", async (c) => {
    const irn = decodeAll(IrParam, c.req.param("irn"));
    if (Result.isFailure(irn))
      return sendProblem(
        c,
        invalidInput(
          irn.failure.map((i) => ({ ...i, path: "irn" })),
          "path",
        ),
      );
    const body = await readJson(c);
    if (Result.isFailure(body)) return body.failure;
    const request = decodeAll(PossibleOppositionRequest, body.success);
    if (Result.isFailure(request)) return sendProblem(c, invalidInput(request.failure));
    const examiner = requirePrincipal(c).id;
    const done = await notifyPossibleOpposition(
      ctx.db,
      desk.settings,
      irn.success,
      { ...request.success, examiner },
      ctx.now(),
    );
    if (Result.isFailure(done)) return decisionProblem(c, done.failure);
    const href = `/api/v1/madrid/documents/${done.success.documentId}`;
    c.header("location", href);
    return c.json(
      {
        document: { id: done.success.documentId, kind: done.success.kind, href },
        designation: done.success.designation,
      },
      201,
    );
  });

  api.get("/madrid/documents/:id", async (c) => {
    const id = decodeAll(DocumentId, c.req.param("id"));
    if (Result.isFailure(id))
      return sendProblem(
        c,
        invalidInput(
          id.failure.map((i) => ({ ...i, path: "id" })),
          "path",
        ),
      );
    const doc = await getOfficeDocument(ctx.db, officeCode, id.success);
    if (!doc) return sendProblem(c, problem(404, "not-found", "Not found", `No office → IB document ${id.success}.`));
    return c.body(doc.xml, 200, {
      "content-type": "application/xml; charset=utf-8",
      "content-disposition": `attachment; filename="madrid-${doc.ir_number.replace(/[^\w-]/g, "_")}-${doc.kind}-${doc.decision_date}.xml"`,
    });
  });

  api.post("/madrid/fees", async (c) => {
    const body = await readJson(c);
    if (Result.isFailure(body)) return body.failure;
    const request = decodeAll(Fees.FeeRequest, body.success);
    if (Result.isFailure(request)) return sendProblem(c, invalidInput(request.failure));
    const fees = desk.settings.individualFees;
    if (Result.isFailure(fees)) {
      ctx.logger.error({ reason: fees.failure }, "Madrid individual fees unavailable");
      return sendProblem(
        c,
        problem(
          503,
          "reference-data-unavailable",
          "Individual fees unavailable",
          "The office's Madrid individual-fee data could not be read.",
        ),
      );
    }
    const quote = Fees.madridFees(request.success, fees.success);
    if (Result.isFailure(quote)) {
      const e = quote.failure;
      const at = e.party !== undefined ? request.success.designatedParties.indexOf(e.party as never) : -1;
      const path = e.reason === "NoClass" ? "classes" : at >= 0 ? `designatedParties[${at}]` : "designatedParties";
      return sendProblem(
        c,
        problem(422, "unprocessable", "Cannot quote", e.message, {
          reason: e.reason,
          ...(e.party !== undefined ? { party: e.party } : {}),
          ...(e.date !== undefined ? { date: e.date } : {}),
          errors: [{ path, message: e.message }],
        }),
      );
    }
    return c.json(quote.success);
  });

  return api;
};
