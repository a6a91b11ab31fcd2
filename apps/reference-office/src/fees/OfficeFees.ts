/**
 * The office's fees as the app uses them: the decoded schedules named by the office configuration (`fees.schedules`,
 * paths resolved against the configuration file's folder), the currency, the optional tax rate, the filing services per
 * kind of right and the payment gateway's secret (read from the environment variable the configuration names, or the
 * demo's own secret in its data directory).
 *
 * `loadFeeSchedules` runs when the configuration is loaded, so a bad schedule stops the app at start with the file and
 * the JSON path of each bad field, like any other configuration error.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { chmod, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FeeSchedule, NumberFormat } from "@ipoffice/fees";
import { Result } from "effect";
import type { IpKind, OfficeConfig } from "../config/OfficeConfig.js";
import type { FieldIssue } from "../http/problem.js";
import type { Logger } from "../Logger.js";

export type FeesConfig = NonNullable<OfficeConfig["fees"]>;

/** The services quoted when a right of each kind is filed (the office configuration may replace them). */
export const defaultFilingServices: Readonly<Record<IpKind, ReadonlyArray<string>>> = {
  trademark: ["trademark.filing"],
  patent: ["patent.filing"],
  industrial_design: ["design.filing"],
  utility_model: ["utilityModel.filing"],
};

export interface OfficeFees {
  readonly office: string;
  readonly currency: string;
  readonly taxPercent: number | undefined;
  readonly schedules: ReadonlyArray<FeeSchedule.Schedule>;
  readonly filingServices: Readonly<Record<IpKind, ReadonlyArray<string>>>;
  /** How invoice and receipt numbers are written (`fees.invoiceNumber`, `fees.receiptNumber`). */
  readonly invoiceFormat: string;
  readonly receiptFormat: string;
}

const cache = new WeakMap<FeesConfig, ReadonlyArray<FeeSchedule.Schedule>>();

/**
 * Reads and decodes the schedule files (absolute paths, as `parseOfficeConfig` resolves them). Every problem becomes
 * an issue at `fees.schedules[i]` naming the file and the JSON path inside it. Checks that each schedule is of the
 * office, and in the configured currency unless it ended (a currency the office used before, e.g. BGN before the euro),
 * and that no two schedules in different currencies are in force on the same date.
 */
export const loadFeeSchedules = (
  fees: FeesConfig,
  office: string,
): Result.Result<ReadonlyArray<FeeSchedule.Schedule>, ReadonlyArray<FieldIssue>> => {
  const cached = cache.get(fees);
  if (cached) return Result.succeed(cached);
  const issues: FieldIssue[] = [];
  const schedules: FeeSchedule.Schedule[] = [];
  fees.schedules.forEach((file, index) => {
    const path = `fees.schedules[${index}]`;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      issues.push({ path, message: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    const decoded = file.endsWith(".json") ? FeeSchedule.fromJson(text, file) : FeeSchedule.fromYaml(text, file);
    if (Result.isFailure(decoded)) {
      for (const issue of decoded.failure.issues)
        issues.push({ path, message: `${file} ${issue.path}: ${issue.message}` });
      return;
    }
    const schedule = decoded.success;
    if (schedule.office !== office)
      issues.push({ path, message: `${file} $.office: the schedule is of office ${schedule.office}, not ${office}` });
    // An office charges in one currency on any date but may change it (Bulgaria: BGN to 2025-12-31, EUR from
    // 2026-01-01): a schedule in another currency than fees.currency (the office's currency now) must have ended.
    if (schedule.currency !== fees.currency && schedule.effectiveTo === undefined)
      issues.push({
        path,
        message: `${file} $.currency: ${schedule.currency} differs from fees.currency ${fees.currency}; a schedule in a former currency needs its effectiveTo`,
      });
    schedules.push(schedule);
  });
  for (const overlap of FeeSchedule.currencyOverlaps(schedules))
    issues.push({
      path: "fees.schedules",
      message: `${overlap.first} and ${overlap.second} are in force in different currencies from ${overlap.from}: an office charges in one currency on any date`,
    });
  if (issues.length > 0) return Result.fail(issues);
  cache.set(fees, schedules);
  return Result.succeed(schedules);
};

/** The office's fees, or undefined when the configuration has no `fees` section. Throws on a schedule that does not
 * load (configurations loaded with `loadOfficeConfig` were already checked). */
export const officeFees = (config: OfficeConfig): OfficeFees | undefined => {
  const fees = config.fees;
  if (fees === undefined) return undefined;
  const schedules = loadFeeSchedules(fees, config.office.code);
  if (Result.isFailure(schedules))
    throw new Error(`fee schedules: ${schedules.failure.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  return {
    office: config.office.code,
    currency: fees.currency,
    taxPercent: fees.taxPercent,
    schedules: schedules.success,
    filingServices: { ...defaultFilingServices, ...fees.filingServices },
    invoiceFormat: fees.invoiceNumber ?? NumberFormat.defaultInvoiceFormat,
    receiptFormat: fees.receiptNumber ?? NumberFormat.defaultReceiptFormat,
  };
};

/** Where the payment gateway's webhook secret comes from, or why there is none. */
export type GatewaySecret =
  | { readonly _tag: "Configured"; readonly value: string; readonly variable: string }
  | { readonly _tag: "Demo"; readonly value: string; readonly file: string; readonly created: boolean }
  | { readonly _tag: "Missing"; readonly variable: string };

/** The demo secret's file in a PGlite data directory (decision 0660). */
export const demoSecretFileName = "payment-gateway-secret";

/**
 * The demo's own gateway secret: 32 random bytes (hex) in `payment-gateway-secret` of the PGlite data directory,
 * created with permissions 0600 on the first start and read on every later one (permissions wider than 0600 are
 * narrowed). Each data directory has its own; none is ever written in the source.
 */
export const demoGatewaySecret = async (
  dataDir: string,
): Promise<{ value: string; file: string; created: boolean }> => {
  const file = join(dataDir, demoSecretFileName);
  const fresh = randomBytes(32).toString("hex");
  try {
    await writeFile(file, `${fresh}\n`, { flag: "wx", mode: 0o600 });
    return { value: fresh, file, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const info = await stat(file);
  if ((info.mode & 0o077) !== 0) await chmod(file, 0o600);
  const value = (await readFile(file, "utf8")).trim();
  if (/^[0-9a-f]{64}$/.test(value)) return { value, file, created: false };
  // An empty or damaged file (a start killed while writing it): replace it.
  await writeFile(file, `${fresh}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { value: fresh, file, created: true };
};

/**
 * The gateway secret: the environment variable the configuration names (`fees.gatewaySecretEnv`); else, for the demo
 * (a server on a PGlite data directory), that directory's own secret; else none, and the webhook answers 503. No
 * secret written in the source is ever accepted.
 */
export const gatewaySecret = (
  fees: FeesConfig,
  options: {
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly demo?: { readonly value: string; readonly file: string; readonly created: boolean } | undefined;
  } = {},
): GatewaySecret => {
  const variable = fees.gatewaySecretEnv;
  const value = (options.env ?? process.env)[variable];
  if (value !== undefined && value !== "") return { _tag: "Configured", value, variable };
  if (options.demo) return { _tag: "Demo", ...options.demo };
  return { _tag: "Missing", variable };
};

/** The start's log line about the gateway secret: where it is read from, or that the gateway is refused. */
export const logGatewaySecret = (secret: GatewaySecret, logger: Logger): void => {
  switch (secret._tag) {
    case "Configured":
      logger.info({ variable: secret.variable }, "payment gateway secret read from the environment");
      return;
    case "Demo":
      logger.warn(
        { file: secret.file, created: secret.created },
        `payment gateway: demo secret of this data directory ${secret.created ? "created" : "reused"} in ${secret.file} (sign test notifications with it); set the environment variable named by fees.gatewaySecretEnv for a real gateway`,
      );
      return;
    case "Missing":
      logger.warn(
        { variable: secret.variable },
        `payment gateway not configured: set ${secret.variable}; gateway notifications are refused (503) until then`,
      );
      return;
  }
};
