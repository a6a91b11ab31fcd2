/**
 * The office's fees as the app uses them: the decoded schedules named by the office configuration (`fees.schedules`,
 * paths resolved against the configuration file's folder), the currency, the optional tax rate, the filing services per
 * kind of right and the payment gateway's secret (read from the environment variable the configuration names).
 *
 * `loadFeeSchedules` runs when the configuration is loaded, so a bad schedule stops the app at start with the file and
 * the JSON path of each bad field, like any other configuration error.
 */
import { readFileSync } from "node:fs";
import { FeeSchedule } from "@ipoffice/fees";
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

/** Used when the environment variable named by `fees.gatewaySecretEnv` is unset outside production (logged). */
export const developmentGatewaySecret = "ipoffice-development-gateway-secret";

export interface OfficeFees {
  readonly office: string;
  readonly currency: string;
  readonly taxPercent: number | undefined;
  readonly schedules: ReadonlyArray<FeeSchedule.Schedule>;
  readonly filingServices: Readonly<Record<IpKind, ReadonlyArray<string>>>;
}

const cache = new WeakMap<FeesConfig, ReadonlyArray<FeeSchedule.Schedule>>();

/**
 * Reads and decodes the schedule files (absolute paths, as `parseOfficeConfig` resolves them). Every problem becomes
 * an issue at `fees.schedules[i]` naming the file and the JSON path inside it. Checks that each schedule is of the
 * office and in the configured currency.
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
    if (schedule.currency !== fees.currency)
      issues.push({
        path,
        message: `${file} $.currency: ${schedule.currency} differs from fees.currency ${fees.currency}`,
      });
    schedules.push(schedule);
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
  };
};

/**
 * The gateway secret from the environment variable the configuration names. Outside production a missing variable
 * falls back on {@link developmentGatewaySecret} with a warning; in production (NODE_ENV=production) it is an error.
 */
export const gatewaySecret = (
  fees: FeesConfig,
  logger: Logger,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string => {
  const value = env[fees.gatewaySecretEnv];
  if (value !== undefined && value !== "") return value;
  if (env.NODE_ENV === "production")
    throw new Error(`the payment gateway secret is missing: set the environment variable ${fees.gatewaySecretEnv}`);
  logger.warn(
    { variable: fees.gatewaySecretEnv },
    "payment gateway secret not set: using the DEVELOPMENT default; never use it with a real gateway",
  );
  return developmentGatewaySecret;
};
