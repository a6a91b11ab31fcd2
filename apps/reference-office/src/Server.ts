/**
 * Starting and stopping the reference office: configuration, database (PGlite or PostgreSQL), migrations, demo data,
 * the HTTP server, and a graceful shutdown that finishes requests in flight and closes the database.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Effect, Result } from "effect";
import { createApp } from "./App.js";
import { type OfficeConfig, defaultConfigFile, loadOfficeConfig } from "./config/OfficeConfig.js";
import { migrate, type OpenDatabase, openDatabase } from "./db/Database.js";
import { readRouting } from "./db/Replicas.js";
import { demoGatewaySecret, type GatewaySecret, gatewaySecret, logGatewaySecret } from "./fees/OfficeFees.js";
import { createLogger, type Logger } from "./Logger.js";
import { niceReference } from "./nice/NiceReference.js";
import { referenceData } from "./ReferenceData.js";
import { ensureOffice } from "./rights/Offices.js";
import { makeRights } from "./rights/Rights.js";
import { makeSearch } from "./search/Search.js";
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
  await migrate(database.db);
  await ensureOffice(database.db, config);
  // Madrid imports killed mid-way (a crash, a kill) left their runs unfinished: mark them interrupted, with their counts.
  for (const run of await recoverInterruptedRuns(database.db, madridSettings(config).officeCode, new Date())) {
    logger.warn(
      { ...run, startedAt: run.startedAt.toISOString() },
      `Madrid import run ${run.runId} was interrupted: marked interrupted with ${run.applied} applied, ${run.duplicates} duplicate and ${run.rejected} rejected documents (from its reports)`,
    );
  }
  let demo: DemoCredentials | undefined;
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
    mailTransport,
    demo: options.seed !== false,
  });

  // Time limits run out while nobody looks: every hour, perform what is due (and once now).
  const rights = makeRights(database.db, config, niceReference({ config, reference }).editionId);
  const madrid = madridSettings(config);
  const extractions = makeExtractions(database.db, config);
  const sweep = async () => {
    if (madrid.member) {
      // Madrid designations whose refusal time limit passed with no refusal: protected by default (art. 5(5)).
      try {
        const settled = await settleOverdue(database.db, madrid, new Date());
        if (settled > 0) logger.info({ settled }, "Madrid designations protected by default");
      } catch (error) {
        logger.error({ err: error }, "Madrid settlement failed");
      }
    }
    // Rights whose publication or registration is dated today become public today.
    await syncSearch(true);
    // Yesterday's update for WIPO's global databases, once the day is over (each collection once: its manifest).
    const extracted = await Effect.runPromise(Effect.result(extractions.daily()));
    if (Result.isFailure(extracted)) logger.error({ err: extracted.failure }, "daily extraction failed");
    for (const w of Result.isSuccess(extracted) ? extracted.success : []) {
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
    const report = await Effect.runPromise(Effect.result(rights.fireDueTimeLimits()));
    if (Result.isFailure(report)) logger.error({ err: report.failure }, "time-limit sweep failed");
    else if (report.success.fired.length > 0 || report.success.failed.length > 0) {
      logger.info(
        { today: report.success.today, fired: report.success.fired.length, failed: report.success.failed },
        "time limits performed",
      );
    }
  };
  // The search index takes in the register as it is (the first start indexes everything the migration queued), then
  // every 30 seconds what was written outside the app (the CLI, a restore); the app syncs after its own writes.
  const search = makeSearch(database.db, config);
  const syncSearch = async (daily: boolean) => {
    const done = await Effect.runPromise(Effect.result(daily ? search.daily() : search.sync()));
    if (Result.isFailure(done)) logger.error({ err: done.failure }, "search index sync failed");
    else if (done.success.indexed + done.success.removed > 0) logger.info(done.success, "search index synced");
  };
  await syncSearch(true);
  const searchSync = setInterval(() => void syncSearch(false), 30_000);
  searchSync.unref();
  // E-mails that could not be sent right after their cause are tried again every minute (and once now).
  void app.sendMail();
  const mailer = setInterval(() => void app.sendMail(), 60_000);
  mailer.unref();
  if (options.timeLimitSweep !== false) await sweep();
  const sweeper = options.timeLimitSweep === false ? undefined : setInterval(sweep, 60 * 60 * 1000);
  sweeper?.unref();
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

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      logger.info("shutting down: finishing requests in flight");
      if (sweeper) clearInterval(sweeper);
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
      await Promise.all(standbys.map((s) => s.close()));
      await database.close();
      logger.info("database closed");
    })();
    return closing;
  };
  return { url, address, config, database, demo, close };
};
