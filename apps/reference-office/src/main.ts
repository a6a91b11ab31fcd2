/**
 * `pnpm start`: the reference office on PGlite (./data) or on PostgreSQL when DATABASE_URL is set, listening on
 * 127.0.0.1 unless HOST names another address. `--no-migrate` (or IPO_MIGRATE=false): the schema is left to
 * `cli migrate`. Several instances on one database: docs/operations.md.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeInvalid, OfficeConfigInvalid } from "./config/OfficeConfig.js";
import { createLogger } from "./Logger.js";
import { replicaUrlsOf } from "./db/Replicas.js";
import { startServer } from "./Server.js";

const logger = createLogger();
const appRoot = fileURLToPath(new URL("..", import.meta.url));

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  logger.fatal({ port: process.env.PORT }, "PORT must be a whole number from 0 to 65535");
  process.exit(2);
}
/** A whole number of milliseconds (or a port) from the environment, or undefined when unset; exits when invalid. */
const wholeNumber = (name: string, max: number): number | undefined => {
  const text = process.env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    logger.fatal({ [name]: text }, `${name} must be a whole number from 0 to ${max}`);
    process.exit(2);
  }
  return value;
};
const metricsPort = wholeNumber("IPO_METRICS_PORT", 65535);
const shutdownDrainMs = wholeNumber("IPO_SHUTDOWN_DRAIN_MS", 600_000);
const jobsEveryMs = wholeNumber("IPO_JOBS_EVERY_MS", 86_400_000);
const jobsTickMs = wholeNumber("IPO_JOBS_TICK_MS", 3_600_000);
const store = process.env.IPO_RATE_LIMIT_STORE || undefined;
if (store !== undefined && store !== "memory" && store !== "database") {
  logger.fatal({ IPO_RATE_LIMIT_STORE: store }, "IPO_RATE_LIMIT_STORE must be memory or database");
  process.exit(2);
}
const migrateAtStart = !process.argv.includes("--no-migrate") && process.env.IPO_MIGRATE !== "false";

try {
  const server = await startServer({
    port,
    hostname: process.env.HOST || undefined,
    databaseUrl: process.env.DATABASE_URL || undefined,
    replicaUrls: replicaUrlsOf(process.env.DATABASE_REPLICA_URLS),
    dataDir: process.env.DATABASE_URL ? undefined : (process.env.IPO_DATA_DIR ?? join(appRoot, "data")),
    configFile: process.env.IPO_OFFICE_CONFIG,
    seed: process.env.IPO_SEED !== "false",
    logger,
    migrate: migrateAtStart,
    rateLimitStore: store,
    metricsPort,
    ...(shutdownDrainMs === undefined ? {} : { shutdownDrainMs }),
    jobs: {
      ...(jobsEveryMs ? { everyMs: jobsEveryMs } : {}),
      ...(jobsTickMs ? { tickMs: jobsTickMs } : {}),
    },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      logger.info({ signal }, "signal received");
      server.close().then(
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  if (error instanceof OfficeConfigInvalid) {
    // A configuration a person must fix: a readable list on stderr (path, what is wrong, the fix), one log line beside it.
    process.stderr.write(`\n${describeInvalid(error)}\n\n`);
    logger.fatal({ file: error.file, problems: error.issues.length }, "office configuration invalid");
    process.exit(2);
  }
  logger.fatal({ err: error }, error instanceof Error ? error.message : String(error));
  process.exit(1);
}
