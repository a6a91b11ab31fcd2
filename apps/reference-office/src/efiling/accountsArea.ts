/**
 * Area `efiling-accounts` (decision 0602): the e-filing portal's applicant and agent accounts. Registration
 * (`/efiling/register`), e-mail confirmation (`/efiling/confirm/{token}`), sign-in and sign-out, password reset
 * (`/efiling/reset`), my filings with drafts (`/efiling/filings`), a filing's correspondence and the reply that files
 * a response (`/efiling/filings/{number}`), an agent's clients (`/efiling/clients`), an applicant authorising an agent
 * (`/efiling/authorise`); for staff, the correspondence received on a record (`/office/records/{number}/correspondence`).
 * Area `outbox`: the local outbox page (`/outbox`), only when the office runs the demo or its configuration says so.
 *
 * Filer routes declare `filer` access: the access middleware resolves the portal's own session cookie, never a staff
 * account, and every post made with it carries its CSRF token.
 */
import { Effect, Result } from "effect";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Area, AreaContext } from "../Area.js";
import { safeNext } from "../auth/next.js";
import { hasProduct, IpKind, kindsOf, workflowsOf } from "../config/OfficeConfig.js";
import { makeDocuments } from "../documents/Documents.js";
import {
  agentAccess,
  FILER_COOKIE,
  filerAccess,
  requireFiler,
  isHttps,
  needs,
  publicAccess,
  SECURE_FILER_COOKIE,
} from "../http/access.js";
import { readForm } from "../http/request.js";
import { Outbox } from "../outbox/Outbox.js";
import { pageContext } from "../pages/layout.js";
import { notFoundPage } from "../pages/records.js";
import { Rights } from "../rights/Rights.js";
import {
  clientsPage,
  confirmPage,
  correspondencePage,
  filingPage,
  filingsPage,
  linkInvalidPage,
  noticePage,
  outboxPage,
  problemText,
  registeredPage,
  registerPage,
  resetPage,
  resetRequestPage,
  signInPage,
  t,
} from "./accountPages.js";
import { type FieldProblem, Filers, type FilingSort, filingSorts } from "./Filers.js";

const formLimit = bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text("The form is too large.", 413) });

/** The string fields of a posted form (a repeated field: its first value; files are ignored). */
const formOf = async (c: Context): Promise<Record<string, string> | Response> => {
  const read = await readForm(c, (c) => c.text("The form could not be read.", 400));
  if (Result.isFailure(read)) return read.failure;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(read.success)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") out[k] = first;
  }
  return out;
};

/** The address the e-mails' links start with: the office's `efiling.publicUrl`, else this request's origin. */
const baseUrl = (ctx: AreaContext, c: Context): string => ctx.config.efiling?.publicUrl ?? new URL(c.req.url).origin;

const setFilerCookie = (c: Context, ctx: AreaContext, cookie: string, maxAge: number) => {
  if (isHttps(c, Boolean(ctx.config.http?.trustProxy))) {
    deleteCookie(c, FILER_COOKIE, { path: "/" });
    setCookie(c, FILER_COOKIE, cookie, {
      path: "/",
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
      maxAge,
      prefix: "host",
    } as Parameters<typeof setCookie>[3]);
  } else setCookie(c, FILER_COOKIE, cookie, { path: "/", httpOnly: true, sameSite: "Lax", maxAge });
};

const isSort = (v: unknown): v is FilingSort =>
  typeof v === "string" && (filingSorts as ReadonlyArray<string>).includes(v);
const isKind = (v: unknown): v is IpKind =>
  typeof v === "string" && (IpKind.literals as ReadonlyArray<string>).includes(v);

const createAccountPages = (ctx: AreaContext) => {
  const app = new Hono();
  const unavailable = (c: Context) => {
    const p = pageContext(c, ctx.config);
    return c.html(noticePage(p, p.t("efiling.unavailable.title"), p.t("efiling.unavailable")), 503);
  };

  app.get("/efiling/register", (c) => c.html(registerPage(pageContext(c, ctx.config), {}, [])));
  app.post("/efiling/register", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const form = await formOf(c);
    if (form instanceof Response) return form;
    const input = {
      name: form.name ?? "",
      email: form.email ?? "",
      password: form.password ?? "",
      kind: form.kind ?? "",
      country: form.country ?? "",
      address: form.address ?? "",
    };
    const done = await ctx.run(Filers.use((f) => f.register(input, p.lang, baseUrl(ctx, c))));
    if (Result.isSuccess(done)) return c.html(registeredPage(p, done.success.email), 201);
    if (done.failure._tag === "FilerInputInvalid") {
      const { password: _, ...shown } = input;
      return c.html(registerPage(p, shown, done.failure.issues), 400);
    }
    ctx.logger.error({ err: done.failure }, "registration failed");
    return unavailable(c);
  });

  app.get("/efiling/confirm/:token", (c) => c.html(confirmPage(pageContext(c, ctx.config), c.req.param("token"))));
  app.post("/efiling/confirm/:token", async (c) => {
    const p = pageContext(c, ctx.config);
    const done = await ctx.run(Filers.use((f) => f.confirm(c.req.param("token"))));
    if (Result.isSuccess(done)) return c.html(signInPage(p, { done: t(p, "confirm.done") }));
    if (done.failure._tag === "LinkInvalid") return c.html(linkInvalidPage(p), 400);
    return unavailable(c);
  });

  app.get("/efiling/sign-in", (c) =>
    c.html(signInPage(pageContext(c, ctx.config), { next: safeNext(c.req.query("next")) })),
  );
  app.post("/efiling/sign-in", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const form = await formOf(c);
    if (form instanceof Response) return form;
    const next = safeNext(form.next);
    const signed = await ctx.run(Filers.use((f) => f.signIn(form.email ?? "", form.password ?? "")));
    if (Result.isFailure(signed)) {
      if (signed.failure._tag === "FilerSignInRefused") return c.html(signInPage(p, { next, failed: true }), 401);
      return unavailable(c);
    }
    setFilerCookie(c, ctx, signed.success.cookie, signed.success.maxAge);
    return c.redirect(next ?? `/efiling/filings?lang=${p.lang}`, 303);
  });
  app.post("/efiling/sign-out", async (c) => {
    const cookie = getCookie(c, SECURE_FILER_COOKIE) ?? getCookie(c, FILER_COOKIE);
    if (cookie !== undefined) await ctx.run(Filers.use((f) => f.signOut(cookie)));
    deleteCookie(c, FILER_COOKIE, { path: "/" });
    deleteCookie(c, SECURE_FILER_COOKIE, { path: "/", secure: true });
    return c.redirect(`/efiling/sign-in?lang=${pageContext(c, ctx.config).lang}`, 303);
  });

  app.get("/efiling/reset", (c) => c.html(resetRequestPage(pageContext(c, ctx.config), false)));
  app.post("/efiling/reset", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const form = await formOf(c);
    if (form instanceof Response) return form;
    const done = await ctx.run(Filers.use((f) => f.requestReset(form.email ?? "", baseUrl(ctx, c))));
    // The same answer whether or not the address is an account's.
    return Result.isSuccess(done) ? c.html(resetRequestPage(p, true)) : unavailable(c);
  });
  app.get("/efiling/reset/:token", (c) => c.html(resetPage(pageContext(c, ctx.config), c.req.param("token"), [])));
  app.post("/efiling/reset/:token", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const form = await formOf(c);
    if (form instanceof Response) return form;
    const token = c.req.param("token");
    const done = await ctx.run(Filers.use((f) => f.resetPassword(token, form.password ?? "")));
    if (Result.isSuccess(done)) return c.html(signInPage(p, { done: t(p, "reset.done") }));
    if (done.failure._tag === "FilerInputInvalid") return c.html(resetPage(p, token, done.failure.issues), 400);
    if (done.failure._tag === "LinkInvalid") return c.html(linkInvalidPage(p), 400);
    return unavailable(c);
  });

  app.get("/efiling/filings", async (c) => {
    const p = pageContext(c, ctx.config);
    const me = requireFiler(c);
    const kind = c.req.query("kind");
    const status = c.req.query("status");
    const sort = c.req.query("sort");
    const q = (c.req.query("q") ?? "").slice(0, 200).trim();
    const query = {
      kind: isKind(kind) ? kind : undefined,
      status: status && /^[a-z0-9_]{1,64}$/.test(status) ? status : undefined,
      q: q === "" ? undefined : q,
      sort: isSort(sort) ? sort : undefined,
    };
    const got = await ctx.run(
      Filers.use((f) => Effect.all({ items: f.filings(me.id, query), drafts: f.drafts(me.id) }, { concurrency: 1 })),
    );
    if (Result.isFailure(got)) return unavailable(c);
    const notice =
      c.req.query("authorised") !== undefined
        ? t(p, "authorise.done", { name: c.req.query("authorised")?.slice(0, 200) ?? "" })
        : undefined;
    return c.html(
      filingsPage(p, {
        ...got.success,
        query,
        workflows: workflowsOf(ctx.config),
        kinds: kindsOf(ctx.config),
        notice,
      }),
    );
  });

  app.post("/efiling/drafts/:id/delete", async (c) => {
    const me = requireFiler(c);
    await ctx.run(Filers.use((f) => f.deleteDraft(me.id, c.req.param("id"))));
    return c.redirect(`/efiling/filings?lang=${pageContext(c, ctx.config).lang}`, 303);
  });

  app.post("/efiling/authorise", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const me = requireFiler(c);
    const form = await formOf(c);
    if (form instanceof Response) return form;
    const done = await ctx.run(Filers.use((f) => f.authorise(me.id, form.agentEmail ?? "")));
    if (Result.isSuccess(done))
      return c.redirect(`/efiling/filings?lang=${p.lang}&authorised=${encodeURIComponent(form.agentEmail ?? "")}`, 303);
    if (done.failure._tag === "FilerInputInvalid")
      return c.html(
        noticePage(p, t(p, "authorise.title"), done.failure.issues.map((i) => problemText(p, i)).join(" ")),
        400,
      );
    return unavailable(c);
  });

  app.get("/efiling/clients", async (c) => {
    const p = pageContext(c, ctx.config);
    const got = await ctx.run(Filers.use((f) => f.clients(requireFiler(c).id)));
    return Result.isSuccess(got) ? c.html(clientsPage(p, got.success, [])) : unavailable(c);
  });
  app.post("/efiling/clients", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const me = requireFiler(c);
    const form = await formOf(c);
    if (form instanceof Response) return form;
    const input = { name: form.name ?? "", country: form.country ?? "", address: form.address ?? "" };
    const done = await ctx.run(Filers.use((f) => f.addClient(me.id, input)));
    if (Result.isSuccess(done)) return c.redirect(`/efiling/clients?lang=${p.lang}`, 303);
    if (done.failure._tag === "FilerInputInvalid") {
      const list = await ctx.run(Filers.use((f) => f.clients(me.id)));
      return c.html(clientsPage(p, Result.isSuccess(list) ? list.success : [], done.failure.issues, input), 400);
    }
    return unavailable(c);
  });

  const documents = makeDocuments(ctx.db, ctx.config);
  /** The filing page: the account's own filing only (another's answers 404, as an unknown number). */
  const showFiling = async (
    c: Context,
    number: string,
    extra: { issues?: ReadonlyArray<FieldProblem>; text?: string; done?: boolean; status?: 200 | 400 },
  ) => {
    const p = pageContext(c, ctx.config);
    const me = requireFiler(c);
    const got = await ctx.run(
      Effect.gen(function* () {
        const own = yield* Filers.use((f) => f.ownFiling(me.id, number));
        const right = yield* Rights.use((r) => r.get(own, { audience: "staff" }));
        const letters = yield* documents.list(own, "staff");
        const replies = yield* Filers.use((f) => f.incoming(own));
        return { right, letters, replies };
      }),
    );
    if (Result.isFailure(got)) {
      const tag = (got.failure as { _tag?: string })._tag;
      return tag === "NotTheAccounts" || tag === "RightNotFound" ? c.html(notFoundPage(p), 404) : unavailable(c);
    }
    const { right, letters, replies } = got.success;
    const workflow = workflowsOf(ctx.config)[right.kind];
    const state = workflow?.states.find((s) => s.id === right.status);
    const labels = state?.labels as Record<string, string> | undefined;
    return c.html(
      filingPage(p, {
        applicationNumber: right.applicationNumber,
        st13: right.st13,
        name: (right.kind === "trademark" ? right.mark.text : right.title) ?? "",
        status: labels?.[p.lang] ?? labels?.en ?? right.status,
        documents: letters,
        replies,
        issues: extra.issues ?? [],
        text: extra.text,
        done: extra.done,
      }),
      extra.status ?? 200,
    );
  };

  app.get("/efiling/filings/:number", (c) =>
    showFiling(c, c.req.param("number"), { done: c.req.query("replied") !== undefined }),
  );
  app.post("/efiling/filings/:number/reply", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const me = requireFiler(c);
    const number = c.req.param("number");
    const form = await formOf(c);
    if (form instanceof Response) return form;
    const inReplyTo = form.inReplyTo === undefined || form.inReplyTo === "" ? undefined : form.inReplyTo;
    const done = await ctx.run(Filers.use((f) => f.reply(me, number, { text: form.text ?? "", inReplyTo })));
    if (Result.isSuccess(done))
      return c.redirect(
        `/efiling/filings/${encodeURIComponent(done.success.applicationNumber)}?lang=${p.lang}&replied=1`,
        303,
      );
    if (done.failure._tag === "FilerInputInvalid")
      return showFiling(c, number, {
        issues: done.failure.issues,
        text: (form.text ?? "").slice(0, 20_000),
        status: 400,
      });
    if (done.failure._tag === "NotTheAccounts") return c.html(notFoundPage(p), 404);
    return unavailable(c);
  });
  app.get("/efiling/filings/:number/documents/:id", async (c) => {
    const p = pageContext(c, ctx.config);
    const me = requireFiler(c);
    const got = await ctx.run(
      Effect.gen(function* () {
        const own = yield* Filers.use((f) => f.ownFiling(me.id, c.req.param("number")));
        return yield* documents.pdf(own, c.req.param("id"), "staff");
      }),
    );
    if (Result.isFailure(got)) {
      const tag = (got.failure as { _tag?: string })._tag;
      return tag === "DatabaseError" ? unavailable(c) : c.html(notFoundPage(p), 404);
    }
    return c.body(got.success.bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${got.success.summary.id}.pdf"`,
      "cache-control": "private, no-store",
    });
  });

  // Staff: what filers sent on a record.
  app.get("/office/records/:number/correspondence", async (c) => {
    const p = pageContext(c, ctx.config);
    const number = c.req.param("number");
    const got = await ctx.run(
      Effect.gen(function* () {
        const right = yield* Rights.use((r) => r.get(number, { audience: "staff" }));
        return { right, items: yield* Filers.use((f) => f.incoming(right.applicationNumber)) };
      }),
    );
    if (Result.isFailure(got))
      return got.failure._tag === "RightNotFound" ? c.html(notFoundPage(p), 404) : unavailable(c);
    return c.html(correspondencePage(p, got.success.right.applicationNumber, got.success.items));
  });

  return app;
};

export const filerAccountsArea: Area = {
  name: "efiling-accounts",
  enabled: (config) => hasProduct(config, "e-filing"),
  pages: createAccountPages,
  pageRoutes: [
    {
      method: "get",
      path: "/efiling/register",
      access: publicAccess,
      summary: "Register an applicant or agent account",
    },
    {
      method: "post",
      path: "/efiling/register",
      access: publicAccess,
      summary: "Create an applicant or agent account",
    },
    {
      method: "get",
      path: "/efiling/confirm/{token}",
      access: publicAccess,
      summary: "Confirm an e-mail address (page)",
    },
    { method: "post", path: "/efiling/confirm/{token}", access: publicAccess, summary: "Confirm an e-mail address" },
    { method: "get", path: "/efiling/sign-in", access: publicAccess, summary: "The e-filing portal's sign-in" },
    { method: "post", path: "/efiling/sign-in", access: publicAccess, summary: "Sign in an applicant or agent" },
    { method: "post", path: "/efiling/sign-out", access: filerAccess, summary: "Sign out of the e-filing portal" },
    { method: "get", path: "/efiling/reset", access: publicAccess, summary: "Ask for a password reset link" },
    { method: "post", path: "/efiling/reset", access: publicAccess, summary: "Send a password reset link" },
    { method: "get", path: "/efiling/reset/{token}", access: publicAccess, summary: "Choose a new password (page)" },
    { method: "post", path: "/efiling/reset/{token}", access: publicAccess, summary: "Set a new password" },
    { method: "get", path: "/efiling/filings", access: filerAccess, summary: "My filings and drafts" },
    { method: "get", path: "/efiling/filings/{number}", access: filerAccess, summary: "A filing: correspondence" },
    {
      method: "post",
      path: "/efiling/filings/{number}/reply",
      access: filerAccess,
      summary: "Reply to the office on a filing",
    },
    {
      method: "get",
      path: "/efiling/filings/{number}/documents/{id}",
      access: filerAccess,
      summary: "A letter of the office on one's filing (PDF)",
    },
    { method: "post", path: "/efiling/drafts/{id}/delete", access: filerAccess, summary: "Delete a draft" },
    { method: "post", path: "/efiling/authorise", access: filerAccess, summary: "Authorise an agent" },
    { method: "get", path: "/efiling/clients", access: agentAccess, summary: "An agent's clients" },
    {
      method: "post",
      path: "/efiling/clients",
      access: agentAccess,
      summary: "Add a client (declared representation)",
    },
    {
      method: "get",
      path: "/office/records/{number}/correspondence",
      access: needs("register.read"),
      summary: "Correspondence received from filers on a record",
    },
  ],
};

export const outboxArea: Area = {
  name: "outbox",
  // The demo and offices whose configuration asks for it (`efiling.outboxPage`); nowhere else.
  enabled: (config) => config.efiling?.outboxPage === true,
  pages: (ctx) => {
    const app = new Hono();
    app.get("/outbox", async (c) => {
      const p = pageContext(c, ctx.config);
      const got = await ctx.run(Outbox.use((o) => o.latest(200)));
      if (Result.isFailure(got))
        return c.html(noticePage(p, p.t("efiling.unavailable.title"), p.t("efiling.unavailable")), 503);
      return c.html(outboxPage(p, got.success));
    });
    return app;
  },
  pageRoutes: [{ method: "get", path: "/outbox", access: publicAccess, summary: "The local outbox (demo)" }],
};
