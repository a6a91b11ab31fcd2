/**
 * The fees API (`/api/v1`): quotes, invoices (JSON or PDF), the payer's invoices, the payment gateway's webhook and
 * receipts. Bodies are decoded with Effect Schemas through `decodeAll`; failures are RFC 9457 problems naming each
 * bad field, and nothing is written when a request fails.
 */
import { IpRight } from "@ipoffice/domain";
import { FeeSchedule, Invoice, Ledger, NumberFormat, Quote } from "@ipoffice/fees";
import { InvoicePdf, ReceiptPdf } from "@ipoffice/fees/node";
import { invoicePdfLabels, receiptPdfLabels } from "../messages/pdfLabels.js";
import { Result, Schema } from "effect";
import { type Context, Hono } from "hono";
import type { OperationSpec } from "../api/openapi.js";
import { type Audience, audienceOf } from "../http/audience.js";
import { type FieldIssue, invalidInput, type Problem, problem, sendProblem } from "../http/problem.js";
import { readJson } from "../http/request.js";
import { requirePrincipal } from "../auth/actor.js";
import { decodeAll } from "../http/validate.js";
import type { Logger } from "../Logger.js";
import {
  cancelInvoice,
  type CreateInvoiceError,
  createInvoice,
  type FeesDeps,
  FeesDatabaseError,
  findQuote,
  getInvoice,
  getReceipt,
  listInvoices,
  NotificationRefused,
  officeToday,
  receiveNotification,
  storeQuote,
  type StoredInvoice,
} from "./FeesService.js";
import { filingQuoteRequest, type QuoteError, quoteRequest } from "./quoteForFiling.js";
import { gatewaySignature, needs, publicAccess } from "../http/access.js";

/** The header carrying the gateway's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const signatureHeader = "payment-signature";

const Reference = Schema.String.check(Schema.isTrimmed(), Schema.isNonEmpty(), Schema.isMaxLength(100));
const PayerName = Schema.String.check(Schema.isTrimmed(), Schema.isNonEmpty(), Schema.isMaxLength(300));
const LanguageTag = Schema.String.check(Schema.isPattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/));

/** `POST /fees/quote` with a filing: the fees of the filing form before submission. */
export const FilingQuoteBody = Schema.Struct({
  filing: IpRight.FilingRequest,
  /** The date the fees fall due; default today in the office's time zone. */
  dueDate: Schema.optional(FeeSchedule.CalendarDate),
  language: Schema.optional(LanguageTag),
  /** Pages of a patent application, when known (page surcharges). */
  pages: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 100_000 }))),
  applicantCategory: Schema.optional(FeeSchedule.ApplicantCategory),
  /** The applicant's own reference, printed on the invoice raised from the quote. */
  reference: Schema.optional(Reference),
});

const List = <S extends Schema.Top>(item: S) => Schema.Array(item).check(Schema.isMaxLength(500));

const uniqueItems = Schema.makeFilter(
  (body: { readonly applications?: ReadonlyArray<string>; readonly quotes?: ReadonlyArray<string> }) => {
    const issues: Array<{ path: Array<PropertyKey>; issue: string }> = [];
    if ((body.applications?.length ?? 0) + (body.quotes?.length ?? 0) === 0)
      issues.push({ path: ["applications"], issue: "give at least one application number or quote id" });
    for (const key of ["applications", "quotes"] as const) {
      const seen = new Set<string>();
      body[key]?.forEach((value, index) => {
        if (seen.has(value)) issues.push({ path: [key, index], issue: `${value} appears twice` });
        seen.add(value);
      });
    }
    return issues;
  },
);

/** `POST /invoices`: filed rights (quoted now) and stored quotes on one invoice. */
export const InvoiceBody = Schema.Struct({
  applications: Schema.optional(List(Reference)),
  quotes: Schema.optional(List(Reference)),
  /** Who pays; default the first applicant of the first filing. */
  payer: Schema.optional(PayerName),
}).check(uniqueItems);

const PayerQuery = Schema.Struct({ payer: PayerName });

/** `POST /invoices/{number}/cancellation`: why the office cancels the invoice. */
export const CancellationBody = Schema.Struct({
  reason: Schema.String.check(Schema.isTrimmed(), Schema.isNonEmpty(), Schema.isMaxLength(500)),
});

const StoredQuoteSchema = Schema.Struct({
  id: Schema.String,
  reference: Schema.optional(Schema.String),
  invoice: Schema.optional(Schema.String),
  quote: Quote.Quote,
});

const InvoiceView = Schema.Struct({
  invoice: Invoice.Invoice,
  state: Ledger.InvoiceState,
  balance: Schema.Struct({
    total: Schema.Int,
    paid: Schema.Int,
    refunded: Schema.Int,
    net: Schema.Int,
    outstanding: Schema.Int,
    credit: Schema.Int,
    cancelled: Schema.Boolean,
  }),
  entries: Schema.Array(Schema.Struct({ ...Ledger.Entry.fields, receipt: Schema.optional(Schema.String) })),
  items: Schema.Array(
    Schema.Struct({
      reference: Schema.String,
      applicationNumber: Schema.optional(Schema.String),
      quoteId: Schema.optional(Schema.String),
    }),
  ),
});

const NotificationResult = Schema.Struct({
  applied: Schema.Boolean,
  entry: Schema.Unknown,
  state: Ledger.InvoiceState,
  receipt: Schema.optional(Schema.Unknown),
});

const numberParam = {
  name: "number",
  in: "path" as const,
  required: true,
  description: "The invoice number in the office's format (fees.invoiceNumber), e.g. OM-2026-000001",
  schema: { type: "string", pattern: "^[A-Z0-9][A-Z0-9._-]{2,63}$" },
};

const langParam = {
  name: "lang",
  in: "query" as const,
  description: "The language of a PDF: one the office offers (default its default language)",
  schema: { type: "string" },
};

export const operations: ReadonlyArray<OperationSpec> = [
  {
    method: "post",
    path: "/api/v1/fees/quote",
    operationId: "quoteFees",
    access: publicAccess,
    summary: "Quote fees: a fee request (services and counts) or a filing before submission",
    description:
      "The body is either the fee request of @ipoffice/fees (`service`/`services`, `dueDate`, counts) or `{ filing: FilingRequest }` with an optional `dueDate` (default: today in the office's time zone). The quote is stored so that an invoice can be raised from it.",
    tags: ["fees"],
    requestBody: { name: "QuoteRequest", schema: Schema.Union([Quote.Request, FilingQuoteBody]) },
    responses: {
      "201": { description: "The itemised quote with its id", name: "StoredQuote", schema: StoredQuoteSchema },
      "400": { description: "Invalid body: every failing field is listed" },
      "415": { description: "Body is not JSON" },
      "422": { description: "The schedule cannot price the request (the field at fault is named)" },
    },
  },
  {
    method: "get",
    path: "/api/v1/fees/quotes/{id}",
    operationId: "getQuote",
    access: publicAccess,
    summary: "A stored quote and the invoice raised from it, if any",
    tags: ["fees"],
    parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
    responses: {
      "200": { description: "The quote", name: "StoredQuote", schema: StoredQuoteSchema },
      "404": { description: "Unknown quote" },
    },
  },
  {
    method: "post",
    path: "/api/v1/invoices",
    operationId: "createInvoice",
    access: needs("fees.invoice"),
    summary: "Raise an invoice for filed rights (quoted now) and stored quotes, numbered per office and year",
    tags: ["fees"],
    requestBody: { name: "InvoiceRequest", schema: InvoiceBody },
    responses: {
      "201": { description: "The invoice with its state and balance", name: "InvoiceView", schema: InvoiceView },
      "400": { description: "Invalid body or unknown application numbers or quotes (each named by its path)" },
      "409": { description: "A filing or quote is already on an invoice" },
      "422": { description: "A filing the schedule cannot price" },
    },
  },
  {
    method: "get",
    path: "/api/v1/invoices/{number}",
    operationId: "getInvoice",
    access: needs("fees.read"),
    summary:
      "An invoice with its payments: JSON, or a PDF with `Accept: application/pdf` (in the language `lang`); the title of a right not yet public is left out",
    tags: ["fees"],
    parameters: [numberParam, langParam],
    responses: {
      "200": { description: "The invoice (JSON) or its PDF", name: "InvoiceView", schema: InvoiceView },
      "404": { description: "Unknown invoice" },
    },
  },
  {
    method: "post",
    path: "/api/v1/invoices/{number}/cancellation",
    operationId: "cancelInvoice",
    access: needs("fees.cancel"),
    summary: "Cancel an invoice (the office's act); money already paid remains as credit to refund",
    tags: ["fees"],
    parameters: [numberParam],
    requestBody: { name: "Cancellation", schema: CancellationBody },
    responses: {
      "200": { description: "The cancelled invoice", name: "InvoiceView", schema: InvoiceView },
      "400": { description: "Invalid body" },
      "404": { description: "Unknown invoice" },
      "409": { description: "Already cancelled" },
    },
  },
  {
    method: "get",
    path: "/api/v1/invoices",
    operationId: "listInvoices",
    access: needs("fees.read"),
    summary: "A payer's invoices, newest first, with state, balance and payments",
    tags: ["fees"],
    parameters: [{ name: "payer", in: "query", required: true, schema: { type: "string", maxLength: 300 } }],
    responses: {
      "200": {
        description: "The invoices",
        name: "InvoiceList",
        schema: Schema.Struct({ items: Schema.Array(InvoiceView) }),
      },
      "400": { description: "Missing or invalid payer" },
    },
  },
  {
    method: "post",
    path: "/api/v1/payments/notifications",
    operationId: "paymentNotification",
    access: gatewaySignature,
    summary: "The payment gateway's webhook: a signed payment, refund or reversal, applied once",
    description:
      "The raw body is verified with HMAC-SHA256 (`Payment-Signature: t=<unix seconds>,v1=<hex>` over `t.body`, five minutes of tolerance). A delivery is applied once by gateway and transaction id; repeats answer 200 with `applied: false`. Every refused delivery is recorded.",
    tags: ["fees"],
    parameters: [
      {
        name: "Payment-Signature",
        in: "header",
        required: true,
        description: "t=<unix seconds>,v1=<hex HMAC-SHA256>",
        schema: { type: "string" },
      },
    ],
    requestBody: { name: "PaymentNotification", schema: Ledger.Notification },
    responses: {
      "200": { description: "Applied, or already applied", name: "NotificationResult", schema: NotificationResult },
      "400": { description: "Invalid notification body" },
      "401": { description: "Missing, malformed, wrong or expired signature (recorded)" },
      "404": { description: "Unknown invoice (recorded)" },
      "409": { description: "Same transaction id with other content, or already reversed (recorded)" },
      "413": { description: "Body too large" },
      "422": { description: "Refused by the ledger rules: currency, zero amount, refund above paid… (recorded)" },
      "503": { description: "The office has no payment gateway secret configured (nothing recorded)" },
    },
  },
  {
    method: "get",
    path: "/api/v1/receipts/{number}",
    operationId: "getReceipt",
    access: needs("fees.read"),
    summary:
      "The receipt of a payment or refund, with the invoice's balance after it: JSON, or a PDF with `Accept: application/pdf` (in the language `lang`)",
    tags: ["fees"],
    parameters: [{ name: "number", in: "path", required: true, schema: { type: "string" } }, langParam],
    responses: { "200": { description: "The receipt" }, "404": { description: "Unknown receipt" } },
  },
];

type QuoteBodyKind = "request" | "filing";

/** The request field at fault for a quote error, for the problem's `errors`. */
const quoteErrorPath = (error: QuoteError, kind: QuoteBodyKind): string => {
  const parameterPath: Record<string, string> =
    kind === "filing"
      ? {
          classes: "filing.goodsAndServices",
          claims: "filing.claimsCount",
          designs: "filing.designs",
          priorities: "filing.priorities",
          exhibitions: "filing.priorities",
          pages: "pages",
          year: "filing",
          daysLate: "dueDate",
        }
      : {};
  switch (error._tag) {
    case "MissingParameter":
    case "ParameterOutOfRange":
    case "InvalidParameter":
      return parameterPath[error.parameter] ?? error.parameter;
    case "NoServiceRequested":
      return kind === "filing" ? "filing.kind" : "service";
    case "ServiceNotCovered":
      return kind === "filing" ? "filing.kind" : "services";
    case "LateBeyondGrace":
      return kind === "filing" ? "dueDate" : "daysLate";
    case "NoApplicableSchedule":
      return "dueDate";
    case "AmountOverflow":
      return "";
  }
};

const quoteProblem = (error: QuoteError, kind: QuoteBodyKind): Problem =>
  problem(422, "quote-failed", "The fee schedule cannot price this request", error.message, {
    reason: error._tag,
    errors: [{ path: quoteErrorPath(error, kind), message: error.message }],
  });

const invoiceProblem = (error: CreateInvoiceError): Problem => {
  switch (error._tag) {
    case "UnknownItems":
      return invalidInput(error.issues);
    case "AlreadyInvoiced":
      return problem(
        409,
        "already-invoiced",
        "Already invoiced",
        `${error.reference} is already on invoice ${error.invoice}.`,
        { invoice: error.invoice, errors: [{ path: error.path, message: `already on invoice ${error.invoice}` }] },
      );
    case "NotQuotable":
      return problem(422, "quote-failed", "The fee schedule cannot price a filing", error.error.message, {
        reason: error.error._tag,
        errors: [{ path: error.path, message: `${error.reference}: ${error.error.message}` }],
      });
    case "InvoiceRefused":
      return problem(422, "invoice-refused", "Invoice refused", error.error.message, { reason: error.error._tag });
    case "FeesDatabaseError":
      return databaseProblem;
  }
};

const databaseProblem = problem(
  503,
  "database-unavailable",
  "Database unavailable",
  "The database did not answer; try again shortly.",
);

const fail = (c: Context, logger: Logger, p: Problem, error?: unknown): Response => {
  if (p.status >= 500) logger.error({ err: error, requestId: c.get("requestId") }, p.title);
  return sendProblem(c, p);
};

/** The JSON form of a stored invoice. */
export const invoiceJson = (stored: StoredInvoice) => ({
  invoice: stored.invoice,
  state: stored.state,
  balance: stored.balance,
  entries: stored.entries,
  items: stored.items,
});

const wantsPdf = (accept: string | undefined): boolean => {
  if (!accept) return false;
  const ranges = accept.split(",").map((part) => {
    const [type = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return { type: type.trim(), q: q ? Number(q.slice(2)) : 1 };
  });
  const quality = (type: string) => Math.max(0, ...ranges.filter((r) => r.type === type).map((r) => r.q || 0));
  const pdf = quality("application/pdf");
  return pdf > 0 && pdf >= quality("application/json");
};

/** The language a PDF is printed in: `?lang=` when the office offers it, else the office's default language. */
const pdfLanguage = (c: Context, deps: Pick<FeesApiDeps, "office">): string => {
  const asked = c.req.query("lang");
  return asked !== undefined && deps.office.languages.includes(asked) ? asked : deps.office.defaultLanguage;
};

/**
 * The PDF of an invoice as a response (also used by the payment-tracking page's links), printed in the language asked
 * for: headings in it, line descriptions from the schedule rule that produced each line (decision 0900).
 */
export const pdfResponse = async (
  c: Context,
  stored: StoredInvoice,
  deps: Pick<FeesApiDeps, "office" | "fees">,
): Promise<Response> => {
  const language = pdfLanguage(c, deps);
  const localised = Invoice.localise(stored.invoice, deps.fees.schedules, language);
  const bytes = await InvoicePdf.renderPdfBytes(
    { ...localised, officeName: deps.office.names[language] ?? stored.invoice.officeName },
    {
      language,
      labels: invoicePdfLabels(language),
      creationDate: new Date(`${stored.invoice.issueDate}T00:00:00Z`),
    },
  );
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": "application/pdf",
    "content-disposition": `inline; filename="${stored.invoice.number}.pdf"`,
    vary: "accept",
  });
};

export interface FeesApiDeps extends FeesDeps {
  readonly logger: Logger;
  /** The office's names and languages: PDFs print in any of them. */
  readonly office: {
    readonly names: Readonly<Record<string, string>>;
    readonly languages: ReadonlyArray<string>;
    readonly defaultLanguage: string;
  };
  /** The gateway's webhook secret; undefined when the office has none (notifications are refused with 503). */
  readonly secret: string | undefined;
  /** Of these application numbers, those of rights the audience may see (the rights service's publication rule). */
  readonly visibleRights: (numbers: ReadonlyArray<string>, audience: Audience) => Promise<ReadonlySet<string>>;
}

/**
 * Invoices as the audience sees them. An invoice line group names the right it bills (number and title); for the
 * public, the title of a right not yet public is left out (the payer's own reference, the number and the amounts
 * stay: they are the invoice's). Staff see invoices as stored.
 */
export const invoicesFor = async (
  deps: Pick<FeesApiDeps, "visibleRights">,
  audience: Audience,
  invoices: ReadonlyArray<StoredInvoice>,
): Promise<StoredInvoice[]> => {
  if (audience === "staff") return [...invoices];
  const numbers = [
    ...new Set(
      invoices.flatMap((i) => i.items.flatMap((item) => (item.applicationNumber ? [item.applicationNumber] : []))),
    ),
  ];
  const visible = await deps.visibleRights(numbers, audience);
  return invoices.map((stored) => {
    const hidden = new Set(
      stored.items.flatMap((i) => (i.applicationNumber && !visible.has(i.applicationNumber) ? [i.reference] : [])),
    );
    if (hidden.size === 0) return stored;
    return {
      ...stored,
      invoice: {
        ...stored.invoice,
        groups: stored.invoice.groups.map(({ title, ...group }) =>
          hidden.has(group.reference) || title === undefined ? group : { ...group, title },
        ),
      },
    };
  });
};

const invoiceFor = async (deps: Pick<FeesApiDeps, "visibleRights">, c: Context, stored: StoredInvoice) =>
  (await invoicesFor(deps, audienceOf(c), [stored]))[0] ?? stored;

/** Invoice and receipt numbers in any format an office may choose (`NumberFormat`): one path segment. */
const isInvoiceNumber = NumberFormat.isNumber;

export const createFeesApi = (deps: FeesApiDeps): Hono => {
  const { logger } = deps;
  const api = new Hono();

  api.post("/fees/quote", async (c) => {
    const body = await readJson(c);
    if (Result.isFailure(body)) return body.failure;
    const raw = body.success;
    const kind: QuoteBodyKind =
      typeof raw === "object" && raw !== null && !Array.isArray(raw) && "filing" in raw ? "filing" : "request";
    let request: Quote.Request;
    let reference: string | undefined;
    if (kind === "filing") {
      const decoded = decodeAll(FilingQuoteBody, raw);
      if (Result.isFailure(decoded)) return sendProblem(c, invalidInput(decoded.failure));
      const b = decoded.success;
      reference = b.reference;
      request = filingQuoteRequest(deps.fees, b.filing, {
        date: b.dueDate ?? officeToday(deps),
        language: b.language ?? "en",
        pages: b.pages,
        applicantCategory: b.applicantCategory,
      });
    } else {
      const decoded = decodeAll(Quote.Request, raw);
      if (Result.isFailure(decoded)) return sendProblem(c, invalidInput(decoded.failure));
      request = decoded.success;
    }
    const quoted = quoteRequest(deps.fees, request);
    if (Result.isFailure(quoted)) return sendProblem(c, quoteProblem(quoted.failure, kind));
    const stored = await storeQuote(deps, request, quoted.success, reference);
    if (Result.isFailure(stored)) return fail(c, logger, databaseProblem, stored.failure);
    c.header("location", `/api/v1/fees/quotes/${stored.success.id}`);
    return c.json(stored.success, 201);
  });

  api.get("/fees/quotes/:id", async (c) => {
    const id = c.req.param("id");
    const found = /^Q-[0-9a-f-]{36}$/.test(id) ? await findQuote(deps, id) : Result.succeed(undefined);
    if (Result.isFailure(found)) return fail(c, logger, databaseProblem, found.failure);
    if (found.success === undefined)
      return sendProblem(c, problem(404, "not-found", "Not found", `No quote ${id.slice(0, 100)}.`));
    return c.json(found.success);
  });

  api.post("/invoices", async (c) => {
    const body = await readJson(c);
    if (Result.isFailure(body)) return body.failure;
    const decoded = decodeAll(InvoiceBody, body.success);
    if (Result.isFailure(decoded)) return sendProblem(c, invalidInput(decoded.failure));
    const created = await createInvoice(deps, { ...decoded.success, actor: requirePrincipal(c).id });
    if (Result.isFailure(created)) return fail(c, logger, invoiceProblem(created.failure), created.failure);
    c.header("location", `/api/v1/invoices/${created.success.invoice.number}`);
    return c.json(invoiceJson(await invoiceFor(deps, c, created.success)), 201);
  });

  api.get("/invoices", async (c) => {
    const query = decodeAll(PayerQuery, c.req.query());
    if (Result.isFailure(query)) return sendProblem(c, invalidInput(query.failure, "query"));
    const listed = await listInvoices(deps, query.success.payer);
    if (Result.isFailure(listed)) return fail(c, logger, databaseProblem, listed.failure);
    return c.json({ items: (await invoicesFor(deps, audienceOf(c), listed.success)).map(invoiceJson) });
  });

  api.get("/invoices/:number", async (c) => {
    const number = c.req.param("number");
    if (!isInvoiceNumber(number))
      return sendProblem(c, problem(404, "not-found", "Not found", `No invoice numbered ${number.slice(0, 100)}.`));
    const got = await getInvoice(deps, number);
    if (Result.isFailure(got))
      return got.failure instanceof FeesDatabaseError
        ? fail(c, logger, databaseProblem, got.failure)
        : sendProblem(c, problem(404, "not-found", "Not found", `No invoice numbered ${number}.`));
    c.header("vary", "accept");
    const shown = await invoiceFor(deps, c, got.success);
    return wantsPdf(c.req.header("accept")) ? pdfResponse(c, shown, deps) : c.json(invoiceJson(shown));
  });

  api.post("/invoices/:number/cancellation", async (c) => {
    const number = c.req.param("number");
    if (!isInvoiceNumber(number))
      return sendProblem(c, problem(404, "not-found", "Not found", `No invoice numbered ${number.slice(0, 100)}.`));
    const body = await readJson(c);
    if (Result.isFailure(body)) return body.failure;
    const decoded = decodeAll(CancellationBody, body.success);
    if (Result.isFailure(decoded)) return sendProblem(c, invalidInput(decoded.failure));
    const done = await cancelInvoice(deps, number, { reason: decoded.success.reason, actor: requirePrincipal(c).id });
    if (Result.isSuccess(done)) return c.json(invoiceJson(await invoiceFor(deps, c, done.success)));
    switch (done.failure._tag) {
      case "InvoiceNotFound":
        return sendProblem(c, problem(404, "not-found", "Not found", `No invoice numbered ${number}.`));
      case "AlreadyCancelled":
        return sendProblem(
          c,
          problem(409, "already-cancelled", "Already cancelled", `${number} is already cancelled.`),
        );
      case "FeesDatabaseError":
        return fail(c, logger, databaseProblem, done.failure);
    }
  });

  api.post("/payments/notifications", async (c) => {
    if (deps.secret === undefined)
      return sendProblem(
        c,
        problem(
          503,
          "payment-gateway-not-configured",
          "Payment gateway not configured",
          "This office has no payment gateway secret configured, so it cannot verify gateway notifications; nothing was recorded.",
        ),
      );
    const body = new Uint8Array(await c.req.arrayBuffer());
    const received = await receiveNotification(deps, deps.secret, body, c.req.header(signatureHeader));
    if (Result.isSuccess(received)) return c.json(received.success);
    const error = received.failure;
    if (!(error instanceof NotificationRefused)) return fail(c, logger, databaseProblem, error);
    if (error.status === 401) logger.warn({ reason: error.reason }, "payment notification refused: signature");
    const errors: ReadonlyArray<FieldIssue> | undefined = error.issues;
    return sendProblem(
      c,
      problem(error.status, `payment-${error.reason.replaceAll("_", "-")}`, titleOf(error), error.detail, {
        reason: error.reason,
        ...(errors ? { errors } : {}),
      }),
    );
  });

  api.get("/receipts/:number", async (c) => {
    const number = c.req.param("number");
    const got = NumberFormat.isNumber(number) ? await getReceipt(deps, number) : Result.succeed(undefined);
    if (Result.isFailure(got)) return fail(c, logger, databaseProblem, got.failure);
    if (got.success === undefined)
      return sendProblem(c, problem(404, "not-found", "Not found", `No receipt numbered ${number.slice(0, 100)}.`));
    c.header("vary", "accept");
    if (!wantsPdf(c.req.header("accept"))) return c.json(got.success);
    const language = pdfLanguage(c, deps);
    const bytes = await ReceiptPdf.renderPdfBytes(got.success, {
      language,
      labels: receiptPdfLabels(language),
      officeName: deps.office.names[language],
    });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${number}.pdf"`,
    });
  });

  return api;
};

const titleOf = (error: NotificationRefused): string =>
  error.status === 401
    ? "Signature refused"
    : error.status === 400
      ? "Invalid notification"
      : error.status === 404
        ? "Unknown invoice"
        : error.status === 413
          ? "Payload too large"
          : "Notification refused";
