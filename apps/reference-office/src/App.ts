/**
 * The reference office as one Hono application: one sub-app per area joined with `route()`. Handlers stay inline so
 * path types flow; rules live in the packages, IO in the services.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Clock, Effect, Layer, Result, Schema } from "effect";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { secureHeaders } from "hono/secure-headers";
import type { Kysely } from "kysely";
import { buildOpenApi } from "./api/openapi.js";
import { createApi, operations as coreOperations } from "./api/v1.js";
import type { AreaContext, Services } from "./Area.js";
import { areasOf } from "./areas.js";
import { componentsScript } from "./assets.js";
import { officeAssets } from "./officeAssets.js";
import { catalogFor, type OfficeLanguage, withOffice } from "./messages/Catalog.js";
import { IpKind, type OfficeConfig, type RateLimitGroup, rateLimitOf, todayIn } from "./config/OfficeConfig.js";
import type { GatewaySecret } from "./fees/OfficeFees.js";
import { ping, schemaState } from "./db/Database.js";
import { parseLsn, primaryOnly, type ReadRouting } from "./db/Replicas.js";
import type { Database } from "./db/schema.js";
import { type Audience, audienceOf } from "./http/audience.js";
import { accessLog, closeAfterUnreadBody, limitBody, requestIds, tooLargeProblem } from "./http/middleware.js";
import { refuseNul } from "./http/nul.js";
import { problem, sendProblem } from "./http/problem.js";
import { idempotencyKeys } from "./http/idempotency.js";
import { type Metrics, traceRequests } from "./http/observability.js";
import { clientAddresses, type RateLimitStore, rateLimit } from "./http/rateLimit.js";
import type { Logger } from "./Logger.js";
import { niceReference } from "./nice/NiceReference.js";
import { layout, pageContext } from "./pages/layout.js";
import { notFoundPage, recordPage, recordsPage } from "./pages/records.js";
import type { ReferenceData } from "./ReferenceData.js";
import { Rights, RightsLive } from "./rights/Rights.js";
import { documentsFor } from "./documents/area.js";
import { Search, SearchLive } from "./search/Search.js";
import { DesignationsLive } from "./madrid/Designations.js";
import {
  Accounts,
  accessSettingsOf,
  databaseSignInThrottle,
  makeAccounts,
  memorySignInThrottle,
} from "./auth/Accounts.js";
import type { HashParams } from "./auth/passwords.js";
import { accessControl, isHttps, publicAccess, needs, type RouteAccess, undeclared } from "./http/access.js";
import { defaultFilerSettings, Filers, makeFilers } from "./efiling/Filers.js";
import { logTransport, makeOutbox, Outbox, type Transport } from "./outbox/Outbox.js";

export interface AppDeps {
  readonly db: Kysely<Database>;
  readonly config: OfficeConfig;
  readonly logger: Logger;
  readonly reference: ReferenceData;
  /** Replaces the system clock (tests). */
  readonly clock?: Clock.Clock;
  /** Password hashing cost (tests use a cheap one; the office's is `access.passwordCost`). */
  readonly passwordHash?: HashParams;
  /**
   * The payment gateway's webhook secret as the server resolved it (the environment, or the demo's file); absent,
   * the environment variable the configuration names is read, and without it gateway notifications get 503.
   */
  readonly gatewaySecret?: GatewaySecret;
  /** Where public reads go (decision 0690); absent, every read goes to `db`. */
  readonly reads?: ReadRouting;
  /** Where the rate limits' buckets live (decision 0698); absent, in this process. */
  readonly rateLimits?: RateLimitStore;
  /** Counts and times requests for the metrics listener (decision 0699). */
  readonly metrics?: Metrics;
  /**
   * True once the server has begun to stop: `/ready` answers 503 so that the balancer takes the instance out while
   * it still serves what it receives (decision 0698).
   */
  readonly draining?: () => boolean;
  /**
   * Why the instance refuses to serve, while it does (the schema behind or ahead of this code, decision 0698): every
   * route but `/health` and `/ready` answers 503.
   */
  readonly refusing?: () => string | undefined;
  /** How long `/ready` keeps the schema's state it read (ms, default 1 s; tests 0). */
  readonly readyCacheMs?: number;
  /** The schema the database lives in, when not the default (tests on PostgreSQL): for `/ready`'s migration check. */
  readonly schema?: string | undefined;
  /** Where the outbox's e-mails go (decision 0603); absent, the log. */
  readonly mailTransport?: Transport;
  /** The office runs as the demo: the local outbox page is served unless the configuration says otherwise. */
  readonly demo?: boolean;
}

/** The cookie and headers that carry a client's last write position (read-your-own-writes, decision 0690). */
const WRITE_POSITION_COOKIE = "ipo_lsn";
const WRITE_POSITION_HEADER = "x-write-lsn";
const READ_AFTER_HEADER = "x-read-after-lsn";
/** How long after a write a client's reads wait for a standby to replay it (seconds). */
const WRITE_POSITION_MAX_AGE = 600;

const unsafeMethod = (method: string): boolean => method !== "GET" && method !== "HEAD" && method !== "OPTIONS";

const swaggerDir = (() => {
  try {
    return createRequire(import.meta.url)
      .resolve("swagger-ui-dist/package.json")
      .replace(/package\.json$/, "");
  } catch {
    return undefined;
  }
})();

const PageQuery = Schema.Struct({
  kind: Schema.optional(IpKind),
  status: Schema.optional(Schema.String.check(Schema.isMaxLength(64))),
  q: Schema.optional(Schema.String.check(Schema.isMaxLength(200))),
  page: Schema.optional(
    Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 100_000 })),
  ),
});

/** The searches and lists every client may run often, but not without end (the `search` rate limit). */
const searchRoutes = [
  "/search",
  "/search/export/:format",
  "/search/feed/:format",
  "/api/v1/search",
  "/records",
  "/office/records",
  "/madrid",
  "/api/v1/applications",
  "/api/v1/nice/terms",
  "/api/v1/madrid/designations",
  "/api/v1/classifications/:scheme",
] as const;

/** True unless the client asks for JSON and not HTML (browsers posting forms accept HTML). */
const acceptsHtml = (c: Context): boolean => {
  const accept = c.req.header("accept") ?? "";
  return !/json/i.test(accept) || /text\/html/i.test(accept);
};

export const createApp = (deps: AppDeps) => {
  const { db, logger } = deps;
  // The demo shows the e-mails the office wrote on its local outbox page, unless the configuration says otherwise.
  // Likewise its applicants pay through the local gateway simulator (decision 0607), unless the office names a gateway.
  const withOutbox: OfficeConfig =
    deps.demo === true && deps.config.efiling?.outboxPage === undefined
      ? { ...deps.config, efiling: { ...deps.config.efiling, outboxPage: true } }
      : deps.config;
  const config: OfficeConfig =
    deps.demo === true && withOutbox.fees !== undefined && withOutbox.fees.gateway === undefined
      ? { ...withOutbox, fees: { ...withOutbox.fees, gateway: "simulator" } }
      : withOutbox;
  const accessSettings = {
    ...accessSettingsOf(config),
    ...(deps.passwordHash ? { hash: deps.passwordHash } : {}),
  };
  // Sign-in failures per address are counted where the rate limits are: shared by every instance, or this one's.
  const accounts = makeAccounts(
    db,
    config,
    accessSettings,
    deps.rateLimits?.kind === "database"
      ? databaseSignInThrottle(db, config.office.code, accessSettings)
      : memorySignInThrottle(accessSettings),
  );
  const filers = makeFilers(db, config, defaultFilerSettings(deps.passwordHash ?? accessSettingsOf(config).hash));
  const outbox = makeOutbox(db, {
    officeCode: config.office.code,
    from: config.efiling?.mail?.from ?? `no-reply@${config.office.code.toLowerCase()}.ipoffice.invalid`,
    transport: deps.mailTransport ?? logTransport(logger),
  });
  const niceEdition = niceReference({ config, reference: deps.reference }, logger).editionId;
  const servicesOn = (on: Kysely<Database>) =>
    Layer.mergeAll(
      RightsLive(on, config, niceEdition),
      Layer.succeed(Accounts, accounts),
      // Searches read `on` (a replica for the public); the index is written on the primary.
      SearchLive(on, config, db),
      DesignationsLive(on, config),
      Layer.succeed(Filers, filers),
      Layer.succeed(Outbox, outbox),
    );
  const services = servicesOn(db);
  const runWith =
    (layer: typeof services) =>
    <A, E>(effect: Effect.Effect<A, E, Services>): Promise<Result.Result<A, E>> => {
      const provided = Effect.provide(Effect.result(effect), layer);
      return Effect.runPromise(deps.clock ? Effect.provideService(provided, Clock.Clock, deps.clock) : provided);
    };
  const run = runWith(services);
  const reads = deps.reads ?? primaryOnly(db);
  /**
   * Empties the search outbox into the index (decision 0692). One sync at a time: a write that finishes while one
   * runs waits for it and then runs its own, so its change is indexed before its answer leaves. A failed sync is
   * logged; the changes stay queued for the next one.
   */
  let syncing: Promise<void> = Promise.resolve();
  const syncSearch = (): Promise<void> => {
    syncing = syncing.then(async () => {
      const done = await run(Search.use((s) => s.sync()));
      if (Result.isFailure(done)) logger.error({ err: done.failure }, "search index sync failed");
    });
    return syncing;
  };
  /** Hands the outbox's pending e-mails to the transport; one run at a time, never failing the request. */
  let mailing: Promise<void> = Promise.resolve();
  const sendMail = (): Promise<void> => {
    mailing = mailing.then(async () => {
      const done = await run(outbox.sendPending());
      if (Result.isFailure(done)) logger.error({ err: done.failure }, "outbox send failed");
      else if (done.success.failed > 0) logger.warn(done.success, "some e-mails could not be sent; they are retried");
    });
    return mailing;
  };
  /**
   * A read for the request: the public's from a standby that has replayed the client's last write (decision 0690),
   * staff's and everything else from the primary. A standby that fails mid-read is not the register failing: the
   * read is run again on the primary.
   */
  const runRead = async <A, E>(c: Context, effect: Effect.Effect<A, E, Services>): Promise<Result.Result<A, E>> => {
    if (reads.replicas === 0 || audienceOf(c) !== "public") return run(effect);
    const afterLsn = parseLsn(c.req.header(READ_AFTER_HEADER)) ?? parseLsn(getCookie(c, WRITE_POSITION_COOKIE));
    const chosen = await reads.reader(afterLsn);
    c.header("x-read-from", chosen.source);
    if (chosen.source === "primary") return run(effect);
    const result = await runWith(servicesOn(chosen.db))(effect);
    const failure = Result.isFailure(result) ? (result.failure as { readonly _tag?: unknown }) : undefined;
    if (failure?._tag === "DatabaseError") {
      logger.warn({ path: c.req.path }, "a read on a standby failed: read again on the primary");
      c.header("x-read-from", "primary");
      return run(effect);
    }
    return result;
  };
  const area: AreaContext = {
    db,
    config,
    logger,
    reference: deps.reference,
    run,
    now: () => new Date(deps.clock ? deps.clock.currentTimeMillisUnsafe() : Date.now()),
    clock: deps.clock,
    today: () => todayIn(config.office.timeZone, area.now()),
    gatewaySecret: deps.gatewaySecret,
    runRead,
  };
  // Only the areas the office runs (its products, its fees): the others have no routes, so their paths answer 404.
  const areas = areasOf(config);
  const operations = [...coreOperations, ...areas.flatMap((a) => a.operations ?? [])];
  const openApiDocument = buildOpenApi(
    {
      title: "ipoffice reference office API",
      version: "1.0.0",
      description:
        "Filing, reading and moving IP rights through their workflows, and the services of each area of the office. Errors are RFC 9457 problem documents (application/problem+json).",
    },
    operations,
  );

  /** The app's own routes; the areas declare theirs, and the API operations carry their access. */
  const appRoutes: ReadonlyArray<RouteAccess> = [
    { method: "get", path: "/health", access: publicAccess, summary: "Health" },
    { method: "get", path: "/ready", access: publicAccess, summary: "Readiness" },
    { method: "get", path: "/api/v1/openapi.json", access: publicAccess, summary: "The OpenAPI document" },
    { method: "get", path: "/api/v1/docs", access: publicAccess, summary: "The API reference" },
    { method: "get", path: "/api/v1/docs/init.js", access: publicAccess, summary: "The API reference's script" },
    { method: "get", path: "/api/v1/docs/assets/{file}", access: publicAccess, summary: "The API reference's assets" },
    { method: "get", path: "/assets/components.js", access: publicAccess, summary: "The components' script" },
    { method: "get", path: "/favicon.ico", access: publicAccess, summary: "Icon" },
    {
      method: "get",
      path: "/assets/office/{name}",
      access: publicAccess,
      summary: "The office's logo, icon and fonts",
    },
    { method: "get", path: "/records", access: publicAccess, summary: "The public register" },
    { method: "get", path: "/records/{number}", access: publicAccess, summary: "A record of the public register" },
    { method: "get", path: "/office/records", access: needs("register.read"), summary: "The register for staff" },
  ];
  const routes: ReadonlyArray<RouteAccess> = [
    ...appRoutes,
    ...operations.map((o) => ({ method: o.method, path: o.path, access: o.access, summary: o.summary })),
    ...areas.flatMap((a) => a.pageRoutes ?? []),
  ];

  const app = new Hono();
  // Every message, number and date of the request in the office's catalog and digits (decision 0412).
  const officeLanguage: OfficeLanguage = {
    catalog: catalogFor(config.office.catalogs, config.office.languages),
    digits: config.office.digits ?? "latn",
  };
  app.use((_, next) => withOffice(officeLanguage, next));
  if (deps.metrics) app.use(deps.metrics.middleware);
  app.use(traceRequests(config.office.code));
  if (deps.refusing) {
    const refusing = deps.refusing;
    app.use(async (c, next) => {
      const reason = c.req.path === "/health" || c.req.path === "/ready" ? undefined : refusing();
      if (reason === undefined) return next();
      c.header("retry-after", "5");
      return sendProblem(c, problem(503, "not-ready", "Not ready", `This instance does not serve: ${reason}.`));
    });
  }
  app.use(closeAfterUnreadBody());
  app.use(requestIds());
  app.use(accessLog(logger));
  // After a successful write: the search index takes in what changed (decision 0692), then, with standbys, the
  // client gets the primary's WAL position so its next reads see the write even on a standby (decision 0690).
  app.use(async (c, next) => {
    await next();
    if (!unsafeMethod(c.req.method) || c.res.status >= 400) return;
    await syncSearch();
    // The e-mails a write put in the outbox leave now, without holding the answer (a failure is retried later).
    sendMail();
    if (reads.replicas === 0) return;
    {
      const position = await reads.writePosition().catch(() => undefined);
      if (position === undefined) return;
      c.header(WRITE_POSITION_HEADER, position);
      setCookie(c, WRITE_POSITION_COOKIE, position, {
        path: "/",
        httpOnly: true,
        sameSite: "Lax",
        secure: isHttps(c, Boolean(config.http?.trustProxy)),
        maxAge: WRITE_POSITION_MAX_AGE,
      });
    }
  });
  app.use(refuseNul([...new Set([...coreOperations, ...areas.flatMap((a) => a.operations ?? [])].map((o) => o.path))]));
  // An office's SVG opened on its own runs nothing and loads nothing: this policy replaces the pages' one, set inside.
  app.use("/assets/office/*", async (c, next) => {
    await next();
    if (c.res.headers.get("content-type") === "image/svg+xml")
      c.res.headers.set(
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
      );
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "https:"],
      },
    }),
  );

  // Every route is held to the default body limit, but for the uploads that enforce their own (decision 0660).
  const ownLimit = new Set([
    ...areas.flatMap((a) => (a.ownBodyLimit ?? []).map((path) => `/api/v1${path}`)),
    ...areas.flatMap((a) => a.ownPageBodyLimit ?? []),
  ]);

  // Rate limits per client address (decision 0660): searches, validation, uploads (the routes with their own body
  // limit) and every form post of the pages. `rateLimit()` serves any other route the same way (sign-in).
  app.use(clientAddresses(config.http?.trustProxy ?? false));
  const limiter = (group: RateLimitGroup): MiddlewareHandler | undefined => {
    const setting = rateLimitOf(config, group);
    return setting === false
      ? undefined
      : rateLimit({
          name: group,
          limit: setting.limit,
          windowMs: setting.windowSeconds * 1000,
          ...(deps.rateLimits ? { store: deps.rateLimits } : {}),
        });
  };
  const search = limiter("search");
  const declared = new Set(routes.map((r) => r.path.replace(/\{([^}]+)\}/g, ":$1")));
  if (search) for (const path of searchRoutes) if (declared.has(path)) app.get(path, search);
  const validation = limiter("validation");
  if (validation) app.post("/api/v1/nice/validate", validation);
  const uploads = limiter("uploads");
  const forms = limiter("forms");
  app.use(async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    if (ownLimit.has(c.req.path)) return uploads ? uploads(c, next) : next();
    if (!c.req.path.startsWith("/api/")) return forms ? forms(c, next) : next();
    return next();
  });

  app.use(
    limitBody({
      except: (c) => ownLimit.has(c.req.path),
      onTooLarge: (c, limit) => {
        if (c.req.path.startsWith("/api/") || !acceptsHtml(c)) return tooLargeProblem(c, limit);
        const p = pageContext(c, config);
        const size = `${Math.round(limit / 1024 / 1024)} MiB`;
        return c.html(
          layout(p, {
            title: p.t("form.tooLarge.title"),
            body: html`<h1>${p.t("form.tooLarge.title")}</h1><p role="alert">${p.t("form.tooLarge", { limit: size })}</p>`,
          }),
          413,
        );
      },
    }),
  );
  // Who is calling and may they (src/http/access.ts): after the body limit, so the CSRF check never reads a body
  // the limit would refuse, and after the client's address is known.
  app.use(
    accessControl({
      accounts,
      routes,
      logger,
      run: async (effect) => {
        const result = await run(effect);
        if (Result.isFailure(result)) throw result.failure;
        return result.success;
      },
      filerSession: async (cookie) => {
        const result = await run(filers.session(cookie));
        if (Result.isFailure(result)) throw result.failure;
        return result.success;
      },
    }),
  );

  // A write sent again with the same Idempotency-Key gets the first answer (decision 0698), on any instance.
  app.use(
    "/api/v1/*",
    idempotencyKeys({
      db,
      officeCode: config.office.code,
      except: (path) => ownLimit.has(path),
      ...(deps.clock ? { now: () => new Date((deps.clock as Clock.Clock).currentTimeMillisUnsafe()) } : {}),
    }),
  );

  // Alive: the process answers (a balancer or orchestrator restarts an instance that does not). The database's state
  // is told, not judged: an instance is not restarted because the database is down.
  app.get("/health", async (c) => {
    const up = await ping(db);
    return c.json({ status: "ok", database: up ? "up" : "down", office: config.office.code }, 200);
  });
  // Ready (decision 0698): the database answers and its schema is the one this code knows, neither behind (migrations
  // not run yet) nor ahead (a newer version migrated it), and the instance is not stopping. A balancer sends requests
  // only to ready instances.
  // The schema's state is read at most once a second: a balancer asks often, and migrations are rare.
  let lastSchema: { readonly at: number; readonly state: Promise<Awaited<ReturnType<typeof schemaState>>> } | undefined;
  const currentSchema = () => {
    const at = Date.now();
    if (lastSchema === undefined || at - lastSchema.at >= (deps.readyCacheMs ?? 1_000)) {
      const state = schemaState(db, deps.schema);
      lastSchema = { at, state };
      state.catch(() => {
        if (lastSchema?.state === state) lastSchema = undefined;
      });
    }
    return lastSchema.state;
  };
  app.get("/ready", async (c) => {
    const reasons: string[] = [];
    let schema: Awaited<ReturnType<typeof schemaState>> | undefined;
    if (deps.draining?.()) reasons.push("stopping");
    try {
      schema = await currentSchema();
      if (schema.missing.length > 0)
        reasons.push(`schema behind: ${schema.missing.length} migration(s) not run (${schema.missing.join(", ")})`);
      if (!schema.compatible && schema.unknown.length > 0)
        reasons.push(
          `schema ahead: migration(s) this version does not know (${schema.unknown.join(", ")}) and it needs ${schema.floor ?? "a newer version"}`,
        );
    } catch {
      reasons.push("database down");
    }
    // The schema is right but the instance has not finished starting on it (or refuses for another reason): not yet.
    if (reasons.length === 0) {
      const refusing = deps.refusing?.();
      if (refusing !== undefined) reasons.push(refusing);
    }
    const ready = reasons.length === 0;
    deps.metrics?.ready(ready);
    c.header("cache-control", "no-store");
    return c.json(
      {
        status: ready ? "ready" : "not ready",
        ...(ready ? {} : { reasons }),
        office: config.office.code,
        migration: {
          current: schema?.current ?? null,
          expected: schema?.expected ?? null,
          ...(schema?.unknown.length ? { ahead: schema.unknown } : {}),
        },
      },
      ready ? 200 : 503,
    );
  });

  // JSON API
  const api = new Hono();
  api.get("/openapi.json", (c) => c.json(openApiDocument));
  api.route("/", createApi({ logger, run, runRead }));
  for (const a of areas) if (a.api) api.route("/", a.api(area));
  api.get("/docs", (c) =>
    c.html(html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ipoffice API reference</title>
<link rel="stylesheet" href="/api/v1/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/v1/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/v1/docs/init.js"></script></body></html>`),
  );
  api.get("/docs/init.js", (c) =>
    c.body(`SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui" });`, 200, {
      "content-type": "text/javascript; charset=utf-8",
    }),
  );
  api.get("/docs/assets/:file{swagger-ui(-bundle\\.js|\\.css)}", async (c) => {
    if (!swaggerDir) return c.notFound();
    const file = c.req.param("file");
    const body = await readFile(join(swaggerDir, file));
    return c.body(body, 200, {
      "content-type": file.endsWith(".css") ? "text/css" : "text/javascript",
      "cache-control": "public, max-age=86400",
    });
  });
  app.route("/api/v1", api);
  for (const a of areas) if (a.pages) app.route("/", a.pages(area));

  // Browser script of the components
  app.get("/assets/components.js", async (c) => {
    const asset = await componentsScript();
    if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304);
    return c.body(asset.body, 200, {
      "content-type": "text/javascript; charset=utf-8",
      etag: asset.etag,
      "cache-control": "public, max-age=300",
    });
  });

  // The office's own files (its logo, icon and fonts), checked by content when the configuration loaded (decision 0606).
  const sendAsset = async (c: Context, name: string | undefined) => {
    const asset = name === undefined ? undefined : (await officeAssets(config.assets)).get(name);
    if (asset === undefined) return c.notFound();
    if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304);
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": asset.type,
      etag: asset.etag,
      "cache-control": "public, max-age=300",
      "x-content-type-options": "nosniff",
    });
  };
  app.get("/assets/office/:name", (c) => sendAsset(c, c.req.param("name")));
  app.get("/favicon.ico", (c) => (config.assets?.favicon ? sendAsset(c, config.assets.favicon) : c.body(null, 204)));

  // Publish portal: the public register (the home page and the search are the publish area's)
  // The public register reads as the request's audience; the back office list reads as staff.
  const listPage = (base: "/records" | "/office/records") => async (c: Context) => {
    const p = pageContext(c, config);
    const audience: Audience = base === "/records" ? audienceOf(c) : "staff";
    const raw = { ...c.req.query() };
    for (const key of Object.keys(raw)) if (raw[key] === "" || key === "lang") delete raw[key];
    const decoded = Schema.decodeUnknownResult(PageQuery)(raw, { onExcessProperty: "ignore" });
    const query = Result.isSuccess(decoded) ? decoded.success : {};
    const page = query.page ?? 1;
    const pageSize = 25;
    const listed = await runRead(
      c,
      Rights.use((r) =>
        Effect.map(
          r.list({ kind: query.kind, status: query.status, q: query.q, page, pageSize }, { audience }),
          (list) => ({
            list,
            workflows: r.workflows,
          }),
        ),
      ),
    );
    if (Result.isFailure(listed)) return c.text("The register is unavailable; try again shortly.", 503);
    return c.html(
      recordsPage(p, { ...listed.success.list, page, pageSize, query, workflows: listed.success.workflows }, base),
    );
  };
  app.get("/records", listPage("/records"));
  app.get("/office/records", listPage("/office/records"));
  app.get("/records/:number", async (c) => {
    const p = pageContext(c, config);
    const audience = audienceOf(c);
    const got = await runRead(
      c,
      Rights.use((r) =>
        Effect.flatMap(r.get(c.req.param("number"), { audience }), (right) =>
          Effect.map(r.history(right.applicationNumber, { audience }), (events) => ({
            right,
            events,
            workflow: r.workflows[right.kind],
          })),
        ),
      ),
    );
    if (Result.isFailure(got)) {
      return got.failure._tag === "RightNotFound"
        ? c.html(notFoundPage(p), 404)
        : c.text("The register is unavailable; try again shortly.", 503);
    }
    const documents = await documentsFor(area, got.success.right.applicationNumber, audience);
    return c.html(
      recordPage(p, got.success.right, got.success.events, got.success.workflow, undefined, "records", documents),
    );
  });

  // Every route declares who may call it: refuse to start with one that does not (src/http/access.ts).
  const missing = undeclared(app.routes, routes);
  if (missing.length > 0) throw new Error(`routes without declared access: ${missing.join(", ")}`);

  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? sendProblem(c, problem(404, "not-found", "Not found", `No resource at ${c.req.path.slice(0, 200)}.`))
      : c.html(notFoundPage(pageContext(c, config)), 404),
  );
  app.onError((error, c) => {
    logger.error({ err: error, requestId: c.get("requestId"), path: c.req.path }, "unhandled error");
    return sendProblem(
      c,
      problem(500, "internal-error", "Internal error", "Something went wrong on our side; it has been logged."),
    );
  });

  // The declared routes travel with the app, so tests (the access matrix) enumerate exactly what it serves.
  return Object.assign(app, { declaredRoutes: routes, sendMail });
};
