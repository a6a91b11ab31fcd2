/**
 * `pnpm --filter @ipoffice/reference-office cli <area> <command> …`: office tasks from the shell, with the same
 * settings as the server (DATABASE_URL or IPO_DATA_DIR, IPO_OFFICE_CONFIG, IPO_REFERENCE_DATA).
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Result } from "effect";
import { accountsUsage, runAuthCli } from "./auth/cli.js";
import { auditUsage, runAuditCli } from "./audit/cli.js";
import { backupUsage, runBackupCli } from "./backup/cli.js";
import { classificationsUsage, runClassificationsCli } from "./classifications/cli.js";
import { defaultConfigFile, describeInvalid, loadOfficeConfig } from "./config/OfficeConfig.js";
import { importUsage, runImportCli } from "./exchange/cli.js";
import { extractionUsage, runExtractionCli } from "./extraction/cli.js";
import { migrate, openDatabase } from "./db/Database.js";
import { migrateUsage, runMigrateCli } from "./db/cli.js";
import { madridUsage, runMadridCli } from "./madrid/cli.js";
import { niceReference } from "./nice/NiceReference.js";
import { referenceData } from "./ReferenceData.js";
import { ensureOffice } from "./rights/Offices.js";

const appRoot = fileURLToPath(new URL("..", import.meta.url));
const [area, ...args] = process.argv.slice(2);
const open = () =>
  openDatabase({
    url: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATABASE_URL ? undefined : (process.env.IPO_DATA_DIR ?? join(appRoot, "data")),
  });

if (area === "backup" || area === "restore") {
  // The database as it is: no migration, no office registered (a restore needs it empty).
  const database = await open();
  let code = 1;
  try {
    code = await runBackupCli(area, args, { database, io: { stdout: process.stdout, stderr: process.stderr } });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  } finally {
    await database.close();
  }
  process.exit(code);
}

if (area === "migrate") {
  // The schema alone, before the instances of a new version start (docs/operations.md, expand-then-contract).
  const database = await open();
  let code = 1;
  try {
    code = await runMigrateCli(args, { database, io: { stdout: process.stdout, stderr: process.stderr } });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  } finally {
    await database.close();
  }
  process.exit(code);
}

if (
  area !== "madrid" &&
  area !== "classifications" &&
  area !== "audit" &&
  area !== "accounts" &&
  area !== "tokens" &&
  area !== "extraction" &&
  area !== "import"
) {
  process.stderr.write(
    `${migrateUsage}\n${madridUsage}\n${classificationsUsage}\n${auditUsage}\n${backupUsage}\n${accountsUsage}\n${extractionUsage}\n${importUsage}\n`,
  );
  process.exit(2);
}

const loaded = await loadOfficeConfig(process.env.IPO_OFFICE_CONFIG ?? defaultConfigFile);
if (Result.isFailure(loaded)) {
  process.stderr.write(`${describeInvalid(loaded.failure)}\n`);
  process.exit(2);
}
const database = await open();
let code = 1;
try {
  await migrate(database.db);
  await ensureOffice(database.db, loaded.success);
  const io = { stdout: process.stdout, stderr: process.stderr };
  const stdin = async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  };
  code =
    area === "classifications"
      ? await runClassificationsCli(args, { db: database.db, config: loaded.success, reference: referenceData(), io })
      : area === "accounts" || area === "tokens"
        ? await runAuthCli(area, args, { db: database.db, config: loaded.success, io: { ...io, stdin } })
        : area === "audit"
          ? await runAuditCli(args, { db: database.db, officeCode: loaded.success.office.code, io })
          : area === "extraction"
            ? await runExtractionCli(args, { db: database.db, config: loaded.success, io })
            : area === "import"
              ? await runImportCli(args, {
                  db: database.db,
                  config: loaded.success,
                  niceList: niceReference({ config: loaded.success, reference: referenceData() }).editionId,
                  io,
                })
              : await runMadridCli(args, { db: database.db, config: loaded.success, io });
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  code = 1;
} finally {
  await database.close();
}
process.exit(code);
