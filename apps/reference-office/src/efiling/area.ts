/**
 * Area `efiling`: the e-filing portal's filing form (`GET /file?kind=`, `POST /file`) and receipt
 * (`GET /file/receipt/:st13`). The form works without JavaScript: it posts form-encoded fields, the server builds
 * the domain's `FilingRequest`, decodes it with the domain schema, checks the goods and services against the office's
 * Nice edition (named, with its source and licence, beside the goods and services), and either shows the form again with every error beside its field or files the application through
 * the `Rights` service and redirects to the receipt (post/redirect/get, so reloading the receipt files nothing twice).
 */
import { type Actor, type IpRight, Publication } from "@ipoffice/domain";
import { Pdf } from "@ipoffice/documents/node";
import { Versions } from "@ipoffice/nice-classification";
import { Effect, Result } from "effect";
import { type Context as HonoContext, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Area, AreaContext } from "../Area.js";
import { hasProduct, IpKind, kindsOf } from "../config/OfficeConfig.js";
import { feesDeps, paymentsFor } from "../fees/area.js";
import { invoiceFailureOf, raiseInvoiceIn } from "../fees/FeesService.js";
import { officeFees, quoteForFiling } from "../fees/quoteForFiling.js";
import { audienceOf } from "../http/audience.js";
import { MAX_BODY_BYTES } from "../http/middleware.js";
import { type NiceReady, classHeadings, niceReference } from "../nice/NiceReference.js";
import { checkList, LIMITS, type ValidationReport } from "../nice/report.js";
import { pageContext } from "../pages/layout.js";
import { notFoundPage } from "../pages/records.js";
import { isCrossSite, readForm } from "../http/request.js";
import { formatPath } from "../http/problem.js";
import { FilingRefused, Rights } from "../rights/Rights.js";
import {
  buildRequest,
  type ClassTerms,
  decodeRequest,
  type FieldError,
  fieldOf,
  type FormValues,
  goodsAndServicesOf,
  parsePriorities,
  readValues,
} from "./form.js";
import { type FormState, formPage, messagePage, type QuoteView, receiptPage } from "./pages.js";
import { receiptDocument } from "./receiptPdf.js";
import { filerOf, publicAccess } from "../http/access.js";
import { t as accountT } from "./accountPages.js";
import { Filers, type Client, type FilerPrincipal } from "./Filers.js";
import { accountBlock, withAccountParties } from "./formAccount.js";
import { paymentNotice, receiptInvoice } from "./payPages.js";
import { receiptKeys } from "./receiptKeys.js";

/** Who files through the portal. Authentication arrives with its own issue; until then filings are the portal's. */
const portalActor: Actor.Actor = { id: "efiling-portal", role: "applicant" };

/**
 * The browser script of the form: gives the term picker the terms already chosen (after the form came back with
 * errors or a fee quote) and the class headings. Without JavaScript the textarea carries the same list.
 */
const formScript = `const restore = () => {
  for (const el of document.querySelectorAll("ipo-nice-term-picker[data-value]")) {
    try {
      const groups = JSON.parse(el.getAttribute("data-value") || "[]");
      const value = [];
      for (const g of groups) for (const text of g.terms || []) value.push({ classNumber: g.classNumber, text: String(text), basicNumber: null });
      if (value.length > 0) el.value = value;
    } catch {}
    try {
      el.classHeadings = JSON.parse(el.getAttribute("data-class-headings") || "{}");
    } catch {}
  }
};
customElements.whenDefined("ipo-nice-term-picker").then(restore);
`;

const isKind = (value: unknown): value is IpKind =>
  typeof value === "string" && (IpKind.literals as ReadonlyArray<string>).includes(value);

/** Adds the basic number of each official term, so the record keeps which official term was filed. */
const withBasicNumbers = (
  request: IpRight.FilingRequest,
  report: ValidationReport | undefined,
): IpRight.FilingRequest => {
  if (request.kind !== "trademark" || report === undefined) return request;
  const numbers = new Map<string, string>();
  for (const v of report.verdicts) {
    if (v.kind === "official" && v.basicNumber && v.termIndex !== null) {
      numbers.set(`${v.classIndex}:${v.termIndex}`, v.basicNumber);
    }
  }
  return {
    ...request,
    goodsAndServices: request.goodsAndServices.map((c, ci) => ({
      ...c,
      terms: c.terms.map((t, ti) => {
        const basicNumber = numbers.get(`${ci}:${ti}`);
        const text = typeof t === "string" ? t : t.text;
        return basicNumber === undefined ? t : { text, basicNumber };
      }),
    })),
  } as IpRight.FilingRequest;
};

/** What the Nice check of the office takes from its configuration, and the date of the filing. */
type CheckOptions = NonNullable<Parameters<typeof checkList>[2]>;

/**
 * The Nice check of a list: the report (errors for wrong classes, invalid terms and wordings the office refuses), or
 * why it could not run.
 */
const checkGoods = (
  nice: ReturnType<typeof niceReference>,
  classes: ReadonlyArray<ClassTerms>,
  options: CheckOptions,
): { report?: ValidationReport; errors: Array<FieldError>; unavailable: boolean } => {
  const checkable = classes.filter((c) => c.terms.length > 0 && c.classNumber >= 1 && c.classNumber <= 45);
  if (checkable.length === 0) return { errors: [], unavailable: false };
  if (nice._tag === "Unavailable") return { errors: [], unavailable: true };
  const checked = checkList(nice, checkable, options);
  if (Result.isFailure(checked)) {
    return {
      errors: [{ field: "goodsAndServices", error: { code: "tooManyTerms", terms: LIMITS.terms } }],
      unavailable: false,
    };
  }
  const errors: Array<FieldError> = checked.success.verdicts.flatMap((v): Array<FieldError> => {
    if (v.kind === "wrong-class")
      return [
        {
          field: "goodsAndServices",
          error: {
            code: "wrongClass",
            term: v.text,
            classNumber: v.classNumber,
            official: (v.officialClasses ?? [v.officialClass ?? 0]).join(", "),
          },
        },
      ];
    // A wording the office refuses as written (a class heading's general indication, retail without the goods…)
    // is corrected before filing; one it only queries is filed and shown as a warning.
    if (v.kind === "vague" && v.outcome === "refuse")
      return [
        {
          field: "goodsAndServices",
          error: { code: "vagueTerm", term: v.text, classNumber: v.classNumber, reason: v.reason ?? "" },
        },
      ];
    return [];
  });
  // The report speaks of the classes that were checked; map its class positions back to the form's list.
  const positions = checkable.map((c) => classes.indexOf(c));
  const report: ValidationReport = {
    ...checked.success,
    verdicts: checked.success.verdicts.map((v) => {
      const classIndex = positions[v.classIndex] ?? v.classIndex;
      return {
        ...v,
        classIndex,
        path: v.path.replace(/^goodsAndServices\[\d+\]/, `goodsAndServices[${classIndex}]`),
      };
    }),
  };
  return { report, errors, unavailable: false };
};

/** The filing request a right was filed with, as far as fees are concerned (kind, classes, claims, designs). */
const filingOf = (right: Publication.PublicRight): IpRight.FilingRequest => {
  const applicants = right.owners.map((o) => ({ name: o.name, country: o.country }));
  switch (right.kind) {
    case "trademark":
      return {
        kind: "trademark",
        mark: { type: right.mark.type, text: right.mark.text },
        owners: applicants,
        goodsAndServices: right.goodsAndServices.map((c) => ({
          classNumber: c.classNumber,
          terms: c.terms.map((t) => t.text),
        })),
        priorities: right.priorities,
      } as IpRight.FilingRequest;
    case "patent":
    case "utility_model":
      return {
        kind: right.kind,
        title: right.title,
        claimsCount: right.claimsCount,
        applicants,
        inventors: right.inventors.map((i) => ({ name: i.name })),
        priorities: right.priorities,
      } as IpRight.FilingRequest;
    case "industrial_design":
      return {
        kind: "industrial_design",
        designs: right.designs.map((d) => ({ product: d.product, locarnoClass: d.locarnoClass, views: d.views })),
        applicants,
        priorities: right.priorities,
      } as IpRight.FilingRequest;
  }
};

const quoteErrorText = (error: { readonly message: string }): string => error.message.slice(0, 300);

export const createEfilingPages = (ctx: AreaContext) => {
  const nice = niceReference(ctx, ctx.logger);
  const fees = officeFees(ctx.config);
  const app = new Hono();
  const checkOptions = (date: string): CheckOptions => ({
    generalIndications: ctx.config.nice.generalIndications,
    versions: ctx.config.nice.versions,
    date,
  });
  const inForceOn = (date: string) => {
    const v = Versions.inForceOn(date, ctx.config.nice.versions);
    return Result.isSuccess(v) ? { id: v.success.id, date } : undefined;
  };

  const today = (): string => ctx.today();

  const { key: receiptKey, holds: holdsReceipt } = receiptKeys(ctx);
  const headingsFor = (lang: string): Record<number, string> => {
    if (nice._tag !== "Ready") return {};
    const out: Record<number, string> = {};
    for (const c of classHeadings(nice as NiceReady, lang)) if (c.heading) out[c.number] = c.heading;
    return out;
  };
  /**
   * Whether the office charges a filing of this kind through its schedules: every filing service of the kind is an
   * item of one of them (an office may ship the fees of its marks only, as Jordan's sample does).
   */
  const charges = (kind: IpKind): boolean =>
    fees !== undefined &&
    fees.filingServices[kind].length > 0 &&
    fees.filingServices[kind].every((service) => fees.schedules.some((s) => service in s.items));
  const quoteOf = (request: IpRight.FilingRequest, date: string, lang: string): QuoteView | undefined => {
    if (fees === undefined || !charges(request.kind)) return undefined;
    const q = quoteForFiling(fees, request, { date, language: lang });
    return Result.isSuccess(q)
      ? { _tag: "Quote", quote: q.success }
      : { _tag: "Unavailable", reason: quoteErrorText(q.failure) };
  };
  const blankState = (kind: IpKind, lang: string, values: FormValues = {}): FormState => ({
    kind,
    values,
    errors: [],
    classes: [],
    headings: headingsFor(lang),
    edition: nice._tag === "Ready" ? nice.details : undefined,
    editionInForce: kind === "trademark" ? inForceOn(today()) : undefined,
    feesAvailable: charges(kind),
  });

  app.get("/file/form.js", (c) =>
    c.body(formScript, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
    }),
  );

  const accountRequired = ctx.config.efiling?.accountRequired === true;
  const invoiceOnFiling = ctx.config.fees?.invoiceOnFiling !== false;
  /** The agent's clients, for the form's client list (none for an applicant). */
  const clientsOf = async (filer: FilerPrincipal): Promise<ReadonlyArray<Client>> => {
    if (filer.kind !== "agent") return [];
    const got = await ctx.run(Filers.use((f) => f.clients(filer.id)));
    return Result.isSuccess(got) ? got.success : [];
  };
  /** The form's state for the signed-in filer: its parties and the account's fields. */
  const forFiler = async (
    p: ReturnType<typeof pageContext>,
    state: FormState,
    filer: FilerPrincipal | undefined,
    options: { draftId?: string | undefined; clientId?: string | undefined; saved?: boolean } = {},
  ): Promise<FormState> => {
    if (filer === undefined) return state;
    const clients = await clientsOf(filer);
    const client = clients.find((c) => c.id === options.clientId);
    return {
      ...state,
      values: withAccountParties(filer, state.values, client),
      account: accountBlock(p, filer, { ...options, clients }),
    };
  };
  const signInFirst = (c: HonoContext, p: ReturnType<typeof pageContext>) =>
    c.html(messagePage(p, accountT(p, "signIn.title"), accountT(p, "file.accountRequired")), 401);

  app.get("/file", async (c) => {
    const p = pageContext(c, ctx.config);
    const filer = filerOf(c);
    // An office may require an account to file through the portal (`efiling.accountRequired`).
    if (accountRequired && filer === undefined)
      return c.redirect(`/efiling/sign-in?next=${encodeURIComponent(`/file?lang=${p.lang}`)}`, 303);
    const asked = c.req.query("kind");
    // Only the kinds the office handles are offered; the first of them is the default.
    const kinds = kindsOf(ctx.config);
    let kind = isKind(asked) && kinds.includes(asked) ? asked : (kinds[0] ?? "trademark");
    let values: FormValues = {};
    let draftId: string | undefined;
    let clientId: string | undefined;
    const askedDraft = c.req.query("draft");
    if (filer !== undefined && askedDraft !== undefined) {
      const draft = await ctx.run(Filers.use((f) => f.draft(filer.id, askedDraft)));
      if (Result.isSuccess(draft)) {
        draftId = draft.success.id;
        values = readValues(draft.success.values);
        clientId = draft.success.values.client;
        if (isKind(draft.success.kind) && kinds.includes(draft.success.kind)) kind = draft.success.kind;
      }
    }
    const state = await forFiler(p, { ...blankState(kind, p.lang, values) }, filer, {
      draftId,
      clientId,
      saved: c.req.query("saved") !== undefined,
    });
    return c.html(formPage(p, state));
  });

  app.post(
    "/file",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        const p = pageContext(c, ctx.config);
        return c.html(messagePage(p, p.t("efiling.tooLarge.title"), p.t("efiling.tooLarge")), 413);
      },
    }),
    async (c) => {
      const p = pageContext(c, ctx.config);
      if (isCrossSite(c)) return c.html(messagePage(p, p.t("efiling.crossSite.title"), p.t("efiling.crossSite")), 403);
      const type = c.req.header("content-type") ?? "";
      if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
        return c.html(messagePage(p, p.t("efiling.notForm.title"), p.t("efiling.notForm")), 415);
      }
      const read = await readForm(c, (c) =>
        c.html(messagePage(p, p.t("efiling.notForm.title"), p.t("efiling.notForm")), 400),
      );
      if (Result.isFailure(read)) return read.failure;
      const body: Record<string, unknown> = read.success;
      const filer = filerOf(c);
      if (accountRequired && filer === undefined) return signInFirst(c, p);
      const draftId = typeof body.draft === "string" && body.draft !== "" ? body.draft : undefined;
      const clientId = typeof body.client === "string" && body.client !== "" ? body.client : undefined;
      // An agent files for one of its own clients: another account's client id is refused, never used.
      const clients = filer === undefined ? [] : await clientsOf(filer);
      const client = clients.find((x) => x.id === clientId);
      if (filer !== undefined && clientId !== undefined && client === undefined) {
        const state = await forFiler(
          p,
          blankState(kindsOf(ctx.config)[0] ?? "trademark", p.lang, readValues(body)),
          filer,
          {
            draftId,
          },
        );
        return c.html(
          formPage(p, {
            ...state,
            errors: [{ field: undefined, error: { code: "invalid", detail: accountT(p, "file.clientUnknown") } }],
          }),
          400,
        );
      }
      const typed = readValues(body);
      const values = filer === undefined ? typed : withAccountParties(filer, typed, client);
      const intent =
        body.intent === "quote" ? "quote" : body.intent === "draft" && filer !== undefined ? "draft" : "file";
      if (intent === "draft" && filer !== undefined) {
        const draftKind = isKind(body.kind) ? body.kind : (kindsOf(ctx.config)[0] ?? "trademark");
        const saved = await ctx.run(
          Filers.use((f) =>
            f.saveDraft(filer.id, {
              id: draftId,
              kind: draftKind,
              values: { ...typed, ...(clientId === undefined ? {} : { client: clientId }) },
            }),
          ),
        );
        if (Result.isSuccess(saved))
          return c.redirect(
            `/file?kind=${encodeURIComponent(draftKind)}&draft=${saved.success.id}&saved=1&lang=${encodeURIComponent(p.lang)}`,
            303,
          );
        const failure = saved.failure;
        const detail =
          failure._tag === "FilerInputInvalid" ? failure.message : failure._tag === "NotTheAccounts" ? "draft" : "";
        if (failure._tag === "DatabaseError")
          return c.html(messagePage(p, p.t("efiling.unavailable.title"), p.t("efiling.unavailable")), 503);
        const state = await forFiler(p, blankState(draftKind, p.lang, typed), filer, { clientId });
        return c.html(
          formPage(p, { ...state, errors: [{ field: undefined, error: { code: "invalid", detail } }] }),
          400,
        );
      }
      const kind = isKind(body.kind) && kindsOf(ctx.config).includes(body.kind) ? body.kind : undefined;
      if (kind === undefined) {
        const state = {
          ...blankState(kindsOf(ctx.config)[0] ?? "trademark", p.lang, values),
          errors: [{ field: undefined, error: { code: "invalid" as const, detail: p.t("efiling.error.kind") } }],
        };
        return c.html(formPage(p, state), 400);
      }

      const goods = kind === "trademark" ? goodsAndServicesOf(values) : { classes: [], errors: [] };
      const request = buildRequest(kind, values, goods.classes);
      const decoded = decodeRequest(kind, request);
      const check =
        kind === "trademark"
          ? checkGoods(nice, goods.classes, checkOptions(today()))
          : { errors: [], unavailable: false };
      const errors = [
        ...goods.errors,
        ...parsePriorities(values.priorities ?? "").errors,
        ...(Result.isFailure(decoded) ? decoded.failure : []),
        ...check.errors,
      ];
      const state: FormState = await forFiler(
        p,
        {
          ...blankState(kind, p.lang, values),
          errors,
          classes: goods.classes,
          check: check.report,
          checkUnavailable: check.unavailable,
        },
        filer,
        { draftId, clientId },
      );

      if (intent === "quote" || errors.length > 0 || Result.isFailure(decoded)) {
        const quote =
          intent !== "quote"
            ? undefined
            : Result.isSuccess(decoded)
              ? quoteOf(decoded.success, today(), p.lang)
              : ({ _tag: "NeedsValidRequest" } as const);
        return c.html(formPage(p, { ...state, quote }), errors.length > 0 ? 400 : 200);
      }

      // Signed in, the account is the filer: its id on the filing event, and the filing tied to it (and to the
      // client's applicant account) in the same transaction.
      const actor: Actor.Actor =
        filer === undefined
          ? portalActor
          : {
              id: `filer:${filer.id}`,
              role: filer.kind === "agent" ? "representative" : "applicant",
              name: filer.name,
            };
      // The invoice of the filing is raised with it, in its transaction (issue 11 §4): both are written or neither.
      const invoicing = invoiceOnFiling && charges(kind) ? feesDeps(ctx) : undefined;
      const filed = await ctx.run(
        Effect.gen(function* () {
          const filers = yield* Filers;
          return yield* Rights.use((r) =>
            r.file([withBasicNumbers(decoded.success, check.report)], actor, {
              within: async (trx, rights) => {
                const numbers = rights.map((x) => x.right.applicationNumber);
                if (filer !== undefined)
                  await filers.recordFiling(trx, filer, numbers, { clientId: client?.id, draftId, at: ctx.now() });
                if (invoicing !== undefined)
                  await raiseInvoiceIn(trx, invoicing, {
                    applications: numbers,
                    actor: actor.id,
                    audited: false,
                    onFiling: true,
                  });
              },
            }),
          );
        }),
      );
      if (Result.isFailure(filed) && filed.failure instanceof FilingRefused) {
        // A priority claim outside its period (Paris Convention art. 4C): beside the field, nothing filed.
        const refused: FormState = {
          ...state,
          errors: filed.failure.problems.map((problem) => ({
            field: fieldOf(formatPath(problem.path)),
            error: { code: "invalid" as const, detail: problem.message },
          })),
        };
        return c.html(formPage(p, refused), 400);
      }
      if (Result.isFailure(filed)) {
        const invoice = "cause" in filed.failure ? invoiceFailureOf(filed.failure.cause) : undefined;
        ctx.logger.error(
          { err: invoice ?? filed.failure, requestId: c.get("requestId") },
          invoice ? "e-filing refused: its invoice could not be raised (nothing filed)" : "e-filing failed",
        );
        const failed: FormState = {
          ...state,
          errors: [{ field: undefined, error: { code: "invalid", detail: p.t("efiling.error.filing") } }],
        };
        return c.html(formPage(p, failed), 503);
      }
      const right = filed.success[0]?.right;
      if (right === undefined) return c.html(formPage(p, state), 503);
      return c.redirect(
        `/file/receipt/${encodeURIComponent(right.st13)}?lang=${encodeURIComponent(p.lang)}&key=${receiptKey(right.st13)}`,
        303,
      );
    },
  );

  app.get("/file/receipt/:number", async (c) => {
    const p = pageContext(c, ctx.config);
    const number = c.req.param("number");
    const audience = holdsReceipt(number, c.req.query("key")) ? "staff" : audienceOf(c);
    const got = await ctx.run(
      Rights.use((r) => Effect.map(r.get(number, { audience }), (right) => ({ right, visibility: r.visibility }))),
    );
    if (Result.isFailure(got)) {
      return got.failure._tag === "RightNotFound"
        ? c.html(notFoundPage(p), 404)
        : c.html(messagePage(p, p.t("efiling.unavailable.title"), p.t("efiling.unavailable")), 503);
    }
    const { right, visibility } = got.success;
    const check =
      right.kind === "trademark" && nice._tag === "Ready"
        ? checkList(
            nice,
            right.goodsAndServices.map((g) => ({ classNumber: g.classNumber, terms: g.terms.map((t) => t.text) })),
            checkOptions(right.filingDate),
          )
        : undefined;
    // The holder of the receipt's link sees the filing's invoice and may pay it (issue 11 §4).
    const payments = audience === "staff" ? paymentsFor(ctx) : undefined;
    const invoice = payments === undefined ? undefined : await ctx.run(payments.filingInvoice(right.applicationNumber));
    const key = encodeURIComponent(c.req.query("key") ?? "");
    let payment: Awaited<ReturnType<typeof receiptInvoice>> | undefined;
    if (payments !== undefined && invoice !== undefined && Result.isSuccess(invoice) && invoice.success) {
      const asked = c.req.query("payment");
      const session = asked === undefined ? undefined : await ctx.run(payments.session(asked));
      const notice =
        session !== undefined && Result.isSuccess(session) && session.success.invoice === invoice.success.number
          ? paymentNotice(p, session.success, invoice.success)
          : undefined;
      payment = await receiptInvoice(p, invoice.success, {
        action: `/file/receipt/${encodeURIComponent(number)}/pay?lang=${encodeURIComponent(p.lang)}&key=${key}`,
        online: payments.gateway !== undefined,
        notice,
      });
    }
    if (c.req.query("payment") !== undefined) c.header("cache-control", "no-store");
    return c.html(
      receiptPage(p, {
        right,
        payment,
        inRegister: Publication.isPublic(right, visibility, ctx.today()),
        quote: quoteOf(filingOf(right), right.filingDate, p.lang),
        check: check && Result.isSuccess(check) ? check.success : undefined,
        pdf: `/file/receipt/${encodeURIComponent(number)}/pdf?lang=${encodeURIComponent(p.lang)}${
          audience === "staff" ? `&key=${encodeURIComponent(c.req.query("key") ?? "")}` : ""
        }`,
      }),
    );
  });

  // The receipt as a PDF in the page's language: who holds the receipt's link reads it as filed, anyone else only once
  // the right is public (as the receipt page).
  app.get("/file/receipt/:number/pdf", async (c) => {
    const p = pageContext(c, ctx.config);
    const number = c.req.param("number");
    const audience = holdsReceipt(number, c.req.query("key")) ? "staff" : audienceOf(c);
    const got = await ctx.run(
      Rights.use((r) =>
        Effect.flatMap(r.get(number, { audience }), (right) =>
          Effect.map(r.history(number, { audience }), (events) => ({ right, events })),
        ),
      ),
    );
    if (Result.isFailure(got)) {
      return got.failure._tag === "RightNotFound"
        ? c.html(notFoundPage(p), 404)
        : c.html(messagePage(p, p.t("efiling.unavailable.title"), p.t("efiling.unavailable")), 503);
    }
    const { right, events } = got.success;
    const filed = events.find((e) => "action" in e && e.action === "file");
    const quote = quoteOf(filingOf(right), right.filingDate, p.lang);
    const bytes = await Pdf.renderBytes(
      receiptDocument(p, {
        right,
        receivedAt: filed && "at" in filed ? String(filed.at) : undefined,
        quote: quote?._tag === "Quote" ? quote.quote : undefined,
      }),
    );
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="receipt-${right.st13}.pdf"`,
      "cache-control": "private, no-store",
    });
  });

  return app;
};

export const efilingArea: Area = {
  name: "efiling",
  // The filing portal is a product (`office.products: [e-filing]`).
  enabled: (config) => hasProduct(config, "e-filing"),
  pages: createEfilingPages,
  // Applicants file without an account until applicant accounts arrive with the e-filing portal's own work.
  pageRoutes: [
    { method: "get", path: "/file/form.js", access: publicAccess, summary: "The filing form's script" },
    { method: "get", path: "/file", access: publicAccess, summary: "The filing form" },
    {
      method: "post",
      path: "/file",
      access: publicAccess,
      actsForFiler: true,
      summary: "File an application (for the signed-in applicant or agent, if any), quote its fees, or save a draft",
    },
    { method: "get", path: "/file/receipt/{number}", access: publicAccess, summary: "The filing receipt" },
    { method: "get", path: "/file/receipt/{number}/pdf", access: publicAccess, summary: "The filing receipt as PDF" },
  ],
};
