/**
 * The JSON API, version 1: `/api/v1`. Every body is validated by the domain's schemas; every failure is an RFC 9457
 * problem. The OpenAPI document is generated from the same schemas (`GET /api/v1/openapi.json`).
 */
import { IpRight, Publication, Userdoc, Workflow } from "@ipoffice/domain";
import { Effect, Result, Schema } from "effect";
import { type Context, Hono } from "hono";
import { IpKind } from "../config/OfficeConfig.js";
import { audienceOf } from "../http/audience.js";
import { sendError } from "../http/errors.js";
import { invalidInput, problem, sendProblem } from "../http/problem.js";
import { readJson } from "../http/request.js";
import { actorFor, requirePrincipal } from "../auth/actor.js";
import { decodeAll } from "../http/validate.js";
import type { Logger } from "../Logger.js";
import { Rights } from "../rights/Rights.js";
import type { Services } from "../Area.js";
import type { OperationSpec } from "./openapi.js";
import { needs, publicAccess } from "../http/access.js";

export interface ApiDeps {
  readonly logger: Logger;
  readonly run: <A, E>(effect: Effect.Effect<A, E, Services>) => Promise<Result.Result<A, E>>;
  /** A read for the request: the public's may go to a read replica (decision 0690). */
  readonly runRead: <A, E>(c: Context, effect: Effect.Effect<A, E, Services>) => Promise<Result.Result<A, E>>;
}

const ListQuery = Schema.Struct({
  kind: Schema.optional(IpKind),
  status: Schema.optional(Schema.String.check(Schema.isMaxLength(64))),
  q: Schema.optional(Schema.String.check(Schema.isMaxLength(200))),
  page: Schema.optional(
    Schema.NumberFromString.check(
      Schema.isInt(),
      Schema.isGreaterThanOrEqualTo(1),
      Schema.isLessThanOrEqualTo(100_000),
    ),
  ),
  pageSize: Schema.optional(
    Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 100 })),
  ),
});

const Page = Schema.Struct({
  items: Schema.Array(Schema.Unknown),
  total: Schema.Number,
  page: Schema.Number,
  pageSize: Schema.Number,
});

const Performed = Schema.Struct({ right: IpRight.Right, event: Schema.Unknown });

const numberParam = {
  name: "applicationNumber",
  in: "path" as const,
  required: true,
  description: "The office application number (URL-encoded, e.g. TM%2F2026%2F000001) or its ST.13 form",
  schema: { type: "string" },
};

/**
 * A refusal states its grounds (Madrid Protocol art. 5(2) and Common Regulations Rule 17(2)(iv) for a provisional
 * refusal; national laws alike): each class refused or limited carries its own `reason`, or the request's `reason`
 * covers them all. The back office's form asks for grounds class by class (src/office/decisionForm.ts).
 */
export const missingGrounds = (request: Workflow.ActionRequest): Array<{ path: string; message: string }> =>
  request.reason !== undefined && request.reason.trim() !== ""
    ? []
    : (request.classDecisions ?? []).flatMap((d, i) =>
        (d.decision === "refuse" || d.decision === "limit") && (d.reason === undefined || d.reason.trim() === "")
          ? [
              {
                path: `classDecisions.${i}.reason`,
                message: `the grounds for refusing class ${d.classNumber} are required`,
              },
            ]
          : [],
      );

export const operations: ReadonlyArray<OperationSpec> = [
  {
    method: "post",
    path: "/api/v1/applications",
    operationId: "fileApplication",
    access: needs("rights.file"),
    summary: "File an application for a trademark, patent, industrial design or utility model",
    tags: ["applications"],
    requestBody: { name: "FilingRequest", schema: IpRight.FilingRequest },
    responses: {
      "201": { description: "Filed; the record with its application number", name: "Right", schema: IpRight.Right },
      "400": { description: "Invalid body: every failing field is listed" },
      "413": { description: "Body too large" },
      "415": { description: "Body is not JSON" },
    },
  },
  {
    method: "get",
    path: "/api/v1/applications",
    operationId: "listApplications",
    access: publicAccess,
    summary:
      "A page of the applications and rights the public may see (the office's publication rule per kind), newest first, with their total",
    tags: ["applications"],
    parameters: [
      { name: "kind", in: "query", schema: { type: "string", enum: [...IpKind.literals] } },
      { name: "status", in: "query", schema: { type: "string" } },
      { name: "q", in: "query", description: "words in the mark, title, owner or number", schema: { type: "string" } },
      { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
      { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
    ],
    responses: {
      "200": { description: "A page", name: "Page", schema: Page },
      "400": { description: "Invalid query" },
    },
  },
  {
    method: "get",
    path: "/api/v1/applications/{applicationNumber}",
    operationId: "getApplication",
    access: publicAccess,
    summary:
      "The record with owners, per-class status and current status, once public (class decisions without the staff member's id)",
    tags: ["applications"],
    parameters: [numberParam],
    responses: {
      "200": { description: "The record", name: "Right", schema: IpRight.Right },
      "404": { description: "Unknown number, or a right not yet public (the same answer)" },
    },
  },
  {
    method: "post",
    path: "/api/v1/applications/{applicationNumber}/actions",
    operationId: "performAction",
    access: needs("rights.act"),
    summary: "Perform a workflow action (with per-class decisions for trademarks)",
    tags: ["applications"],
    parameters: [numberParam],
    requestBody: { name: "ActionRequest", schema: Workflow.ActionRequest },
    responses: {
      "200": { description: "The changed record and the event", name: "Performed", schema: Performed },
      "400": {
        description:
          "Invalid body or missing action input, including the grounds of a class refused or limited (its reason, or the request's)",
      },
      "401": { description: "Not signed in, or no valid API token" },
      "403": { description: "No permission rights.act, or none of the caller's roles may perform this action" },
      "404": { description: "Unknown number" },
      "409": {
        description:
          "The action is not allowed in the current state (the problem names the state and the allowed actions)",
      },
    },
  },
  {
    method: "get",
    path: "/api/v1/applications/{applicationNumber}/actions",
    operationId: "availableActions",
    access: needs("register.read"),
    summary: "The actions allowed now, for a role",
    tags: ["applications"],
    parameters: [numberParam, { name: "role", in: "query", schema: { type: "string" } }],
    responses: {
      "200": { description: "Allowed actions" },
      "404": { description: "Unknown number, or a right not yet public (the same answer)" },
    },
  },
  {
    method: "get",
    path: "/api/v1/applications/{applicationNumber}/history",
    operationId: "getHistory",
    access: publicAccess,
    summary:
      "The events of a public right as the public sees them: what happened, when, the statuses and the standard code (not who acted, why, nor the changed fields)",
    tags: ["applications"],
    parameters: [numberParam],
    responses: {
      "200": {
        description: "Events, oldest first",
        name: "History",
        schema: Schema.Struct({ items: Schema.Array(Publication.PublicEvent) }),
      },
      "404": { description: "Unknown number, or a right not yet public (the same answer)" },
    },
  },
  {
    method: "post",
    path: "/api/v1/applications/{applicationNumber}/userdocs",
    operationId: "recordUserdoc",
    access: needs("userdocs.record"),
    summary:
      "Record a post-filing request (transfer, licence, renewal, change of name or address, withdrawal…) and apply it",
    tags: ["applications"],
    parameters: [numberParam],
    requestBody: { name: "Userdoc", schema: Userdoc.Userdoc },
    responses: {
      "200": { description: "The changed record and the event", name: "Performed", schema: Performed },
      "400": { description: "Invalid body or data the request type needs" },
      "404": { description: "Unknown number" },
      "409": { description: "The request does not apply to this right now (kind, status, time window)" },
    },
  },
  {
    method: "get",
    path: "/api/v1/userdoc-types",
    operationId: "userdocTypes",
    access: publicAccess,
    summary: "The post-filing request types, optionally for one kind of right",
    tags: ["applications"],
    parameters: [{ name: "kind", in: "query", schema: { type: "string", enum: [...IpKind.literals] } }],
    responses: { "200": { description: "Userdoc types with labels and effects" } },
  },
  {
    method: "post",
    path: "/api/v1/time-limits/run",
    operationId: "runTimeLimits",
    access: needs("timelimits.run"),
    summary: "Perform now the actions of every time limit that has run out (the server also does this every hour)",
    tags: ["workflows"],
    responses: {
      "200": { description: "What fired and what failed" },
      "401": { description: "Not signed in, or no valid API token" },
      "403": { description: "No permission timelimits.run" },
    },
  },
  {
    method: "get",
    path: "/api/v1/workflows/{kind}",
    operationId: "getWorkflow",
    access: publicAccess,
    summary: "The workflow of a kind of right as this office configured it",
    tags: ["workflows"],
    parameters: [{ name: "kind", in: "path", required: true, schema: { type: "string", enum: [...IpKind.literals] } }],
    responses: {
      "200": { description: "The workflow", name: "Workflow", schema: Workflow.Definition },
      "404": { description: "Unknown kind" },
    },
  },
];

export const createApi = ({ logger, run, runRead }: ApiDeps) => {
  const api = new Hono();

  api.post("/applications", async (c) => {
    const body = await readJson(c);
    if (Result.isFailure(body)) return body.failure;
    const request = decodeAll(IpRight.FilingRequest, body.success);
    if (Result.isFailure(request)) return sendProblem(c, invalidInput(request.failure));
    const actor = actorFor(requirePrincipal(c), undefined, undefined, ["clerk"]);
    const filed = await run(Rights.use((r) => r.file([request.success], actor)));
    if (Result.isFailure(filed)) return sendError(c, logger, filed.failure);
    const right = filed.success[0]!.right;
    c.header("location", `/api/v1/applications/${encodeURIComponent(right.applicationNumber)}`);
    return c.json(right, 201);
  });

  api.get("/applications", async (c) => {
    const q = decodeAll(ListQuery, c.req.query());
    if (Result.isFailure(q)) return sendProblem(c, invalidInput(q.failure, "query"));
    const page = q.success.page ?? 1;
    const pageSize = q.success.pageSize ?? 20;
    const listed = await runRead(
      c,
      Rights.use((r) =>
        r.list(
          { kind: q.success.kind, status: q.success.status, q: q.success.q, page, pageSize },
          { audience: audienceOf(c) },
        ),
      ),
    );
    if (Result.isFailure(listed)) return sendError(c, logger, listed.failure);
    return c.json({ ...listed.success, page, pageSize });
  });

  api.get("/applications/:number", async (c) => {
    const got = await runRead(
      c,
      Rights.use((r) => r.get(c.req.param("number"), { audience: audienceOf(c) })),
    );
    return Result.isFailure(got) ? sendError(c, logger, got.failure) : c.json(got.success);
  });

  api.get("/applications/:number/history", async (c) => {
    const got = await runRead(
      c,
      Rights.use((r) => r.history(c.req.param("number"), { audience: audienceOf(c) })),
    );
    return Result.isFailure(got) ? sendError(c, logger, got.failure) : c.json({ items: got.success });
  });

  api.get("/applications/:number/actions", async (c) => {
    const role = c.req.query("role");
    const got = await run(
      Rights.use((r) =>
        Effect.map(r.get(c.req.param("number"), { audience: audienceOf(c) }), (right) => ({
          status: right.status,
          actions: Workflow.availableActions(r.workflows[right.kind], right, role),
        })),
      ),
    );
    return Result.isFailure(got) ? sendError(c, logger, got.failure) : c.json(got.success);
  });

  api.post("/applications/:number/actions", async (c) => {
    const body = await readJson(c);
    if (Result.isFailure(body)) return body.failure;
    const request = decodeAll(Workflow.ActionRequest, body.success);
    if (Result.isFailure(request)) return sendProblem(c, invalidInput(request.failure));
    const grounds = missingGrounds(request.success);
    if (grounds.length > 0) return sendProblem(c, invalidInput(grounds));
    const principal = requirePrincipal(c);
    const number = c.req.param("number");
    const done = await run(
      Rights.use((r) =>
        Effect.flatMap(r.get(number, { audience: "staff" }), (right) =>
          r.perform(number, request.success, actorFor(principal, r.workflows[right.kind], request.success.action)),
        ),
      ),
    );
    return Result.isFailure(done) ? sendError(c, logger, done.failure) : c.json(done.success);
  });

  api.post("/applications/:number/userdocs", async (c) => {
    const body = await readJson(c);
    if (Result.isFailure(body)) return body.failure;
    const userdoc = decodeAll(Userdoc.Userdoc, body.success);
    if (Result.isFailure(userdoc)) return sendProblem(c, invalidInput(userdoc.failure));
    const done = await run(
      Rights.use((r) =>
        r.recordUserdoc(
          c.req.param("number"),
          userdoc.success,
          actorFor(requirePrincipal(c), undefined, undefined, ["clerk", "registrar"]),
        ),
      ),
    );
    return Result.isFailure(done) ? sendError(c, logger, done.failure) : c.json(done.success);
  });

  api.get("/userdoc-types", (c) => {
    const kind = c.req.query("kind");
    const known = (IpKind.literals as ReadonlyArray<string>).includes(kind ?? "");
    return c.json({ items: known ? Userdoc.typesFor(kind as IpKind) : Userdoc.types });
  });

  api.post("/time-limits/run", async (c) => {
    const report = await run(Rights.use((r) => r.fireDueTimeLimits()));
    return Result.isFailure(report) ? sendError(c, logger, report.failure) : c.json(report.success);
  });

  api.get("/workflows/:kind", async (c) => {
    const kind = c.req.param("kind");
    if (!(IpKind.literals as ReadonlyArray<string>).includes(kind)) {
      return sendProblem(
        c,
        problem(
          404,
          "not-found",
          "Not found",
          `No workflow for "${kind.slice(0, 50)}"; kinds: ${IpKind.literals.join(", ")}.`,
        ),
      );
    }
    const got = await run(Rights.useSync((r) => r.workflows[kind as IpKind]));
    return Result.isFailure(got) ? sendError(c, logger, got.failure) : c.json(got.success);
  });

  return api;
};
