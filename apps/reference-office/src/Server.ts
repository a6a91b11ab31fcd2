/**
 * Starting and stopping the reference office: configuration, database (PGlite or PostgreSQL), migrations, demo data,
 * the HTTP server, and a graceful shutdown that finishes requests in flight and closes the database.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Effect, Result } from "effect";
import { createApp } from "./App.js";
import type { RouteAccess } from "./http/access.js";
import { type OfficeConfig, defaultConfigFile, loadOfficeConfig } from "./config/OfficeConfig.js";
import { migrate, type OpenDatabase, openDatabase, type SchemaState, schemaState } from "./db/Database.js";
import { IDEMPOTENCY_KEY_TTL_MS } from "./http/idempotency.js";
import { makeMetrics } from "./http/observability.js";
import { databaseRateLimits, forgetFullBuckets, memoryRateLimits } from "./http/rateLimit.js";
import { everySlot, type Job, makeScheduler, type Scheduler } from "./jobs/Scheduler.js";
import { todayIn } from "./config/OfficeConfig.js";
import { readRouting } from "./db/Replicas.js";
import { demoGatewaySecret, type GatewaySecret, gatewaySecret, logGatewaySecret } from "./fees/OfficeFees.js";
import { createLogger, type Logger } from "./Logger.js";
import { niceReference } from "./nice/NiceReference.js";
import { referenceData } from "./ReferenceData.js";
import { ensureOffice } from "./rights/Offices.js";
import { makeRights, Rights } from "./rights/Rights.js";
import { makeUnpaidFilings } from "./fees/UnpaidFilings.js";
import { makeSearch } from "./search/Search.js";
import { defaultImportJobRetentionDays, forgetImportJobs } from "./exchange/importJob.js";
import { makeExtractions } from "./extraction/Extractions.js";
import { settleOverdue } from "./madrid/decisions.js";
import { recoverInterruptedRuns } from "./madrid/importer.js";
import { madridSettings } from "./madrid/settings.js";
import { type DemoCredentials, seedDemoAccounts } from "./seed/accounts.js";
import { join } from "node:path";
import { seedDemoData } from "./seed/demo.js";
import { fileTransport, logTransport, smtpTransport } from "./outbox/Outbox.js";

export interface ServerOptions {
  readonly port?: number;
  /** The address to listen on (default 127.0.0.1, this machine only; `0.0.0.0` or `::` for every interface). */
  readonly hostname?: string;
  readonly databaseUrl?: string | undefined;
  /** Read replicas (hot standbys) of `databaseUrl` for the public portal's reads (decision 0690). */
  readonly replicaUrls?: ReadonlyArray<string> | undefined;
  readonly dataDir?: string | undefined;
  readonly configFile?: string | undefined;
  readonly referenceDataDir?: string | undefined;
  readonly seed?: boolean;
  readonly logger?: Logger;
  /** Perform due time-limit actions at start and every hour (default true). */
  readonly timeLimitSweep?: boolean;
  /** How long a shutdown waits for requests in flight before closing their connections (ms). */
  readonly shutdownGraceMs?: number;
  /**
   * Bring the schema up to date at start (default true). `false` (`IPO_MIGRATE=false`, `start --no-migrate`): the
   * schema is migrated by `cli migrate`, and an instance whose schema is behind or incompatibly ahead is not ready
   * and refuses requests until it is (decision 0698).
   */
  readonly migrate?: boolean;
  /** Where rate-limit buckets live: `database` (default on PostgreSQL: shared by instances) or `memory` (PGlite's). */
  readonly rateLimitStore?: "memory" | "database" | undefined;
  /** A port for the internal metrics listener (Prometheus exposition at `/metrics`); absent, none. */
  readonly metricsPort?: number | undefined;
  /** The scheduled work's interval (ms, default one hour) and how often each instance looks for due work. */
  readonly jobs?: { readonly everyMs?: number; readonly tickMs?: number; readonly leaseMs?: number };
  /**
   * On close, how long `/ready` answers 503 while requests are still served, so that the balancer takes the
   * instance out before it stops listening (ms, default 0; a deployment sets a little more than its balancer's
   * check interval × falls).
   */
  readonly shutdownDrainMs?: number;
}

/** Where the server listens unless told otherwise: this machine only (decision 0660). */
export const defaultHostname = "127.0.0.1";

export interface RunningServer {
  readonly url: string;
  /** The demo accounts' credentials, when this start created them. */
  readonly demo?: DemoCredentials | undefined;
  /** The address and port the server listens on. */
  readonly address: AddressInfo;
  readonly config: OfficeConfig;
  readonly database: OpenDatabase;
  /** The metrics listener's URL, when one was asked for. */
  readonly metricsUrl?: string | undefined;
  /** The scheduled work of this instance (undefined when the sweep is off). */
  readonly scheduler?: Scheduler | undefined;
  /** Every route the app serves with the access it declares (tests enumerate the pages from it). */
  readonly routes: ReadonlyArray<RouteAccess>;
  close(): Promise<void>;
}

export const startServer = async (options: ServerOptions = {}): Promise<RunningServer> => {
  const logger = options.logger ?? createLogger();
  const configFile = options.configFile ?? defaultConfigFile;
  const loaded = await loadOfficeConfig(configFile);
  if (Result.isFailure(loaded)) throw loaded.failure;
  const config = loaded.success;
  const reference = referenceData(options.referenceDataDir);

  const replicaUrls = options.replicaUrls ?? [];
  if (replicaUrls.length > 0 && !options.databaseUrl) {
    throw new Error("DATABASE_REPLICA_URLS needs DATABASE_URL: read replicas are standbys of a PostgreSQL primary");
  }
  const database = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  logger.info(
    { engine: database.engine, dataDir: database.engine === "pglite" ? (options.dataDir ?? "memory") : undefined },
    "database opened",
  );
  if (options.migrate !== false) {
    // A schema a newer version migrated (rolling back, or an old instance restarting mid-rollout) is left as it is.
    const before = await schemaState(database.db, database.schema);
    if (before.unknown.length === 0) await migrate(database.db, database.schema);
    else logger.warn({ unknown: before.unknown }, "database schema ahead of this version: not migrating");
  }
  // Not migrating: this code serves only a schema it knows (decision 0698). Until then the instance listens, is not
  // ready and refuses requests; it looks again every few seconds (a `cli migrate` elsewhere brings it up).
  let schema: SchemaState | undefined = await schemaState(database.db, database.schema);
  const refusal = (state: SchemaState | undefined): string | undefined =>
    state === undefined
      ? "the schema could not be read"
      : state.missing.length > 0
        ? `the database schema is behind this version (run cli migrate): ${state.missing.join(", ")}`
        : state.compatible
          ? undefined
          : `the database schema is ahead of this version and needs ${state.floor ?? "a newer version"}: ${state.unknown.join(", ")}`;
  if (refusal(schema) !== undefined) logger.warn({ reason: refusal(schema) }, "not ready: database schema");
  let initialised = false;
  let demo: DemoCredentials | undefined;
  const initialise = async () => {
    await ensureOffice(database.db, config);
    // Registration numbers issued twice before the unique index (migration 0021) are kept: the registry corrects them.
    const repeats = await database.db
      .selectFrom("rights")
      .select(["application_number", "registration_number"])
      .where("office_code", "=", config.office.code)
      .where("registration_repeat", "=", true)
      .limit(20)
      .execute();
    if (repeats.length > 0)
      logger.warn(
        { repeats: repeats.map((r) => `${r.application_number}: ${r.registration_number}`) },
        "registration numbers held by more than one right (kept from before the unique index; correct them)",
      );
    // Madrid imports killed mid-way (a crash, a kill) left their runs unfinished: mark them interrupted, with their counts.
    for (const run of await recoverInterruptedRuns(database.db, madridSettings(config).officeCode, new Date())) {
      logger.warn(
        { ...run, startedAt: run.startedAt.toISOString() },
        `Madrid import run ${run.runId} was interrupted: marked interrupted with ${run.applied} applied, ${run.duplicates} duplicate and ${run.rejected} rejected documents (from its reports)`,
      );
    }
    if (options.seed !== false) {
      const seeded = await seedDemoData({ db: database.db, config, reference, logger });
      if (seeded.created > 0) logger.info(seeded, "demo data seeded");
      demo = await seedDemoAccounts({
        db: database.db,
        config,
        logger,
        dataDir: database.engine === "pglite" ? options.dataDir : undefined,
      });
    }
    initialised = true;
  };
  if (refusal(schema) === undefined) await initialise();

  // The payment gateway's secret: the environment's; for the demo (PGlite in a data directory), that directory's own.
  let secret: GatewaySecret | undefined;
  if (config.fees) {
    const variable = process.env[config.fees.gatewaySecretEnv];
    const demo =
      database.engine === "pglite" && options.dataDir !== undefined && (variable === undefined || variable === "")
        ? await demoGatewaySecret(options.dataDir)
        : undefined;
    secret = gatewaySecret(config.fees, { demo });
    logGatewaySecret(secret, logger);
  }

  // Standbys are opened lazily by the pool: one that is down at start is left out of reads until it answers.
  const standbys = await Promise.all(replicaUrls.map((url) => openDatabase({ url, standby: true })));
  if (standbys.length > 0) logger.info({ replicas: standbys.length }, "public reads go to read replicas");
  const reads = readRouting(
    database.db,
    standbys.map((s) => s.db),
    {
      onReplicaError: (index, error) =>
        logger.warn(
          { replica: index, err: error },
          "a read replica did not answer: its reads go elsewhere for a while",
        ),
    },
  );
  // Rate-limit buckets: in the database on PostgreSQL (shared by every instance), in the process on PGlite.
  const storeKind = options.rateLimitStore ?? (database.engine === "postgres" ? "database" : "memory");
  const rateLimits =
    storeKind === "database"
      ? databaseRateLimits(database.db, config.office.code, {
          onError: (error) => logger.warn({ err: error }, "rate limit not counted: the database did not answer"),
        })
      : memoryRateLimits();
  const metrics = makeMetrics(config.office.code);
  let draining = false;
  // The outbox's e-mails (decision 0603): SMTP when the office names the variable holding its URL and it is set; else
  // a file of JSON lines in the data directory; else the log.
  const smtpVariable = config.efiling?.mail?.smtpUrlEnv;
  const smtpUrl = smtpVariable === undefined ? undefined : process.env[smtpVariable];
  const mailTransport =
    smtpUrl !== undefined && smtpUrl !== ""
      ? await smtpTransport(smtpUrl)
      : options.dataDir !== undefined
        ? fileTransport(join(options.dataDir, "outbox.jsonl"))
        : logTransport(logger);
  logger.info({ transport: mailTransport.name.split(" ")[0] }, "outbox transport");
  const app = createApp({
    db: database.db,
    config,
    logger,
    reference,
    gatewaySecret: secret,
    reads,
    rateLimits,
    metrics,
    draining: () => draining,
    schema: database.schema,
    refusing: () => (initialised ? undefined : (refusal(schema) ?? "starting")),
    mailTransport,
    demo: options.seed !== false,
  });

  // Scheduled work (decision 0698): each slot once across every instance on the database (`job_runs`).
  const rights = makeRights(database.db, config, niceReference({ config, reference }).editionId);
  const madrid = madridSettings(config);
  const unpaid = makeUnpaidFilings(database.db, config);
  const extractions = makeExtractions(database.db, config);
  const hourly = everySlot(options.jobs?.everyMs ?? 3_600_000);
  const failOn = <A>(result: Result.Result<A, unknown>): A => {
    if (Result.isFailure(result)) throw result.failure;
    return result.success;
  };
  const jobs: Job[] = [
    {
      // Time limits run out while nobody looks: perform what is due.
      name: "time-limits",
      slot: hourly,
      run: async (now) => {
        let settled = 0;
        if (madrid.member) {
          // Madrid designations whose refusal time limit passed with no refusal: protected by default (art. 5(5)).
          settled = await settleOverdue(database.db, madrid, now);
          if (settled > 0) logger.info({ settled }, "Madrid designations protected by default");
        }
        const report = failOn(await Effect.runPromise(Effect.result(rights.fireDueTimeLimits())));
        if (report.fired.length > 0 || report.failed.length > 0) {
          logger.info(
            { today: report.today, fired: report.fired.length, failed: report.failed },
            "time limits performed",
          );
        }
        return { settled, fired: report.fired.length, failed: report.failed.length };
      },
    },
    {
      // Filings whose fees stay unpaid: reminded, then deemed withdrawn, as the office's rule says (decision 0608).
      name: "unpaid-filings",
      slot: hourly,
      run: async (now) => {
        if (config.fees?.unpaidFilings === undefined) return undefined;
        const report = failOn(
          await Effect.runPromise(
            Effect.result(
              Effect.provideService(unpaid.sweep(todayIn(config.office.timeZone, now), now), Rights, rights),
            ),
          ),
        );
        if (report.reminded > 0 || report.withdrawn.length > 0 || report.skipped.length > 0)
          logger.info(report, "unpaid filings: reminders and withdrawals");
        return { reminded: report.reminded, withdrawn: report.withdrawn.length, skipped: report.skipped.length };
      },
    },
    {
      // Rights whose publication or registration is dated today become public today.
      name: "search-day",
      slot: hourly,
      run: async () => ({ ...failOn(await Effect.runPromise(Effect.result(search.daily()))) }),
    },
    {
      // Yesterday's update for WIPO's global databases, once the office's day is over (each collection once).
      name: "extraction",
      slot: (now) => todayIn(config.office.timeZone, now),
      run: async () => {
        const written = failOn(await Effect.runPromise(Effect.result(extractions.daily())));
        for (const w of written) {
          logger.info(
            {
              collection: w.manifest.collection,
              date: w.manifest.date,
              records: w.manifest.records,
              manifest: w.manifestPath,
            },
            "daily extraction written",
          );
        }
        return { collections: written.map((w) => w.manifest.collection) };
      },
    },
    {
      // Spent rate-limit buckets (full again), finished job runs older than 90 days, idempotency keys past 24 hours,
      // import jobs untouched for the office's retention (imports.jobRetentionDays, default 90 days).
      name: "housekeeping",
      slot: hourly,
      run: async (now) => {
        const buckets = await forgetFullBuckets(database.db, now.getTime());
        const runs = await database.db
          .deleteFrom("job_runs")
          .where("office_code", "=", config.office.code)
          .where("finished_at", "<", new Date(now.getTime() - 90 * 86_400_000))
          .executeTakeFirst();
        const keys = await database.db
          .deleteFrom("idempotency_keys")
          .where("office_code", "=", config.office.code)
          .where("created_at", "<", new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS))
          .executeTakeFirst();
        const importJobs = await forgetImportJobs(
          database.db,
          config.office.code,
          new Date(now.getTime() - (config.imports?.jobRetentionDays ?? defaultImportJobRetentionDays) * 86_400_000),
        );
        return {
          buckets,
          runs: Number(runs.numDeletedRows),
          idempotencyKeys: Number(keys.numDeletedRows),
          importJobs,
        };
      },
    },
  ];
  // The search index takes in the register as it is (the first start indexes everything the migration queued), then
  // every 30 seconds what was written outside the app (the CLI, a restore); the app syncs after its own writes. Each
  // batch locks the ids it takes (skipping those another instance holds): instances sync side by side.
  const search = makeSearch(database.db, config);
  const syncSearch = async (daily = false) => {
    if (!initialised) return;
    const done = await Effect.runPromise(Effect.result(daily ? search.daily() : search.sync()));
    if (Result.isFailure(done)) logger.error({ err: done.failure }, "search index sync failed");
    else if (done.success.indexed + done.success.removed > 0) logger.info(done.success, "search index synced");
  };
  const scheduler =
    options.timeLimitSweep === false
      ? undefined
      : makeScheduler({
          db: database.db,
          officeCode: config.office.code,
          jobs,
          logger,
          ...(options.jobs?.tickMs === undefined ? {} : { tickMs: options.jobs.tickMs }),
          ...(options.jobs?.leaseMs === undefined ? {} : { leaseMs: options.jobs.leaseMs }),
          onRun: (job, outcome, ms) => metrics.jobRun(job, outcome, ms),
        });
  const afterInitialised = async () => {
    // Without the scheduled work (tests), the day's queue once now; with it, its first round does.
    await syncSearch(scheduler === undefined);
    await scheduler?.start();
  };
  // Not initialised (the schema is not this code's): look again every 5 seconds until it is.
  let schemaWatch: NodeJS.Timeout | undefined;
  if (initialised) await afterInitialised();
  else {
    let checking = false;
    schemaWatch = setInterval(async () => {
      if (checking || initialised) return;
      checking = true;
      try {
        schema = await schemaState(database.db, database.schema).catch(() => undefined);
        if (refusal(schema) === undefined) {
          clearInterval(schemaWatch);
          await initialise();
          logger.info("database schema is this version's: ready");
          await afterInitialised();
        }
      } catch (error) {
        logger.error({ err: error }, "start after migration failed");
      } finally {
        checking = false;
      }
    }, 5_000);
    schemaWatch.unref();
  }
  const searchSync = setInterval(() => void syncSearch(), 30_000);
  searchSync.unref();
  // E-mails that could not be sent right after their cause are tried again every minute (and once now).
  void app.sendMail();
  const mailer = setInterval(() => void app.sendMail(), 60_000);
  mailer.unref();
  const hostname = options.hostname ?? defaultHostname;
  const server = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const everywhere = hostname === "0.0.0.0" || hostname === "::";
  const host = everywhere ? "localhost" : address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info(
    { url, address: address.address, port: address.port, office: config.office.code },
    everywhere ? "reference office listening on every interface" : "reference office listening",
  );

  // The metrics listener (decision 0699): its own port, for the monitoring network only; never the public app's.
  let metricsServer: import("node:http").Server | undefined;
  let metricsUrl: string | undefined;
  if (options.metricsPort !== undefined) {
    const listener = createServer((req, res) => {
      if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
        return;
      }
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
        (error) => {
          logger.error({ err: error }, "metrics not collected");
          res.writeHead(500).end();
        },
      );
    });
    metricsServer = listener;
    await new Promise<void>((resolve, reject) => {
      listener.once("error", reject);
      listener.listen(options.metricsPort, hostname, () => resolve());
    });
    const bound = listener.address() as AddressInfo;
    metricsUrl = `http://${host}:${bound.port}/metrics`;
    logger.info({ url: metricsUrl }, "metrics listening");
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Not ready first, while still serving: the balancer sees /ready fail and stops sending requests here.
      draining = true;
      metrics.ready(false);
      if ((options.shutdownDrainMs ?? 0) > 0) {
        logger.info({ ms: options.shutdownDrainMs }, "stopping: not ready, serving while the balancer takes us out");
        await new Promise((resolve) => setTimeout(resolve, options.shutdownDrainMs));
      }
      logger.info("shutting down: finishing requests in flight");
      if (schemaWatch) clearInterval(schemaWatch);
      clearInterval(searchSync);
      clearInterval(mailer);
      await new Promise<void>((resolve) => {
        const http = server as import("node:http").Server;
        // Keep-alive sockets would hold close() open: close each as soon as it is idle; active requests finish.
        // After the grace period, whatever is still open is closed.
        const sweep = setInterval(() => http.closeIdleConnections(), 50);
        const deadline = setTimeout(() => http.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
        http.close(() => {
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve();
        });
        http.closeIdleConnections();
      });
      // A scheduled run in progress finishes (its slot recorded) before the database closes.
      await scheduler?.stop();
      await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
      await Promise.all(standbys.map((s) => s.close()));
      await database.close();
      logger.info("database closed");
    })();
    return closing;
  };
  return { url, address, config, database, demo, metricsUrl, scheduler, routes: app.declaredRoutes, close };
};
