/**
 * `cli classifications …` commands: import an office's Locarno, Vienna or IPC list from a file in the import format
 * (`code,title,language`), and show the lists the office has. Same settings as the server: DATABASE_URL (PostgreSQL)
 * or IPO_DATA_DIR (PGlite), IPO_OFFICE_CONFIG, IPO_REFERENCE_DATA.
 */
import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { basename } from "node:path";
import { ClassificationList as CL } from "@ipoffice/domain";
import { Clock, Effect, Result, Schema } from "effect";
import type { Kysely } from "kysely";
import type { OfficeConfig } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import type { Logger } from "../Logger.js";
import type { ReferenceData } from "../ReferenceData.js";
import { makeClassifications } from "./Classifications.js";

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export const classificationsUsage = `usage:
  cli classifications import <locarno|vienna|ipc> <file.csv> [--edition X] [--actor ID]
        replace the office's list of the scheme with the file (CSV with the header code,title,language)
  cli classifications list
        the lists the office has: tier (imported or reference data), edition, entries, source`;

const whoRuns = (): string => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
};

const ActorId = Schema.String.check(Schema.isPattern(/^[\w.@:-]{1,200}$/));

/** Reads `--name value` and `--name=value` options; the rest are positional arguments. */
const options = (args: ReadonlyArray<string>) => {
  const named = new Map<string, string>();
  const positional: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--(edition|actor)(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? args[++i];
      if (value === undefined) unknown.push(a);
      else named.set(m[1]!, value);
    } else if (a.startsWith("--")) unknown.push(a);
    else positional.push(a);
  }
  return { named, positional, unknown };
};

/** Runs a `classifications` command; returns the exit code (1 when a file is refused, 2 for a bad command). */
export const runClassificationsCli = async (
  args: ReadonlyArray<string>,
  deps: {
    readonly db: Kysely<Database>;
    readonly config: OfficeConfig;
    readonly reference: ReferenceData;
    readonly io: CliIo;
    readonly logger?: Logger;
    /** Replaces the system clock (tests). */
    readonly clock?: Clock.Clock;
  },
): Promise<number> => {
  const { io } = deps;
  const service = makeClassifications({
    db: deps.db,
    officeCode: deps.config.office.code,
    reference: deps.reference,
    logger: deps.logger,
  });
  const run = <A, E>(effect: Effect.Effect<A, E>) =>
    Effect.runPromise(Effect.result(deps.clock ? Effect.provideService(effect, Clock.Clock, deps.clock) : effect));
  const [command, ...rest] = args;

  if (command === "list") {
    const lists = await run(service.overview());
    if (Result.isFailure(lists)) {
      io.stderr.write(`${lists.failure.message}\n`);
      return 1;
    }
    for (const l of lists.success) {
      if (!l.available) {
        io.stdout.write(`${l.scheme.padEnd(8)} not available: ${l.reasons.join(" ")}\n`);
        continue;
      }
      const from =
        l.tier === "imported" ? `imported from ${l.source} on ${l.importedAt} by ${l.importedBy}` : `${l.source}`;
      io.stdout.write(
        `${l.scheme.padEnd(8)} ${(l.tier ?? "").padEnd(15)} edition ${l.edition ?? "not stated"}, ${l.entries} entries (${l.languages.join(", ")}), ${from}\n`,
      );
    }
    return 0;
  }

  if (command !== "import") {
    io.stderr.write(`${classificationsUsage}\n`);
    return 2;
  }
  const { named, positional, unknown } = options(rest);
  const [scheme, file, ...extra] = positional;
  if (unknown.length > 0 || extra.length > 0 || scheme === undefined || file === undefined) {
    if (unknown.length > 0) io.stderr.write(`unknown or incomplete option(s): ${unknown.join(" ")}\n`);
    if (extra.length > 0) io.stderr.write(`one file at a time: ${extra.join(" ")} not expected\n`);
    io.stderr.write(`${classificationsUsage}\n`);
    return 2;
  }
  if (!CL.isScheme(scheme)) {
    io.stderr.write(
      `"${scheme}" is not a scheme this command imports: ${CL.schemes.join(", ")} (Nice lists have their own format)\n`,
    );
    return 2;
  }
  const edition = named.get("edition");
  if (edition !== undefined && !Schema.is(CL.Edition)(edition)) {
    io.stderr.write(
      `--edition "${edition}": 1 to 40 letters, digits, spaces and . _ - / ( ), e.g. 15-2026 or 2026.01\n`,
    );
    return 2;
  }
  const actor = named.get("actor") ?? whoRuns();
  if (!Schema.is(ActorId)(actor)) {
    io.stderr.write(`--actor "${actor}": letters, digits and . _ @ : - only\n`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    io.stderr.write(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  const name = basename(file);
  const outcome = await run(service.importCsv(scheme, bytes, { file: name, edition, actor }));
  if (Result.isFailure(outcome)) {
    const e = outcome.failure;
    if (e._tag === "ClassificationsDatabaseError") {
      io.stderr.write(`nothing imported: ${e.message}\n`);
      return 1;
    }
    for (const issue of e.issues) io.stderr.write(`${CL.formatIssue(e.file, issue)}\n`);
    if (e.omitted > 0) io.stderr.write(`… and ${e.omitted} more problem(s)\n`);
    const n = e.issues.length + e.omitted;
    io.stderr.write(
      `nothing imported: ${n} problem${n === 1 ? "" : "s"} in ${e.file}; the office keeps its current ${CL.shortNames[scheme]} list\n`,
    );
    return 1;
  }
  const o = outcome.success;
  const what = `${o.entries} ${CL.shortNames[scheme]} entries from ${o.source}${o.edition ? ` (edition ${o.edition})` : ""}`;
  io.stdout.write(
    o.outcome === "unchanged"
      ? `unchanged: the office's ${CL.shortNames[scheme]} list already holds these ${o.entries} entries${o.edition ? ` (edition ${o.edition})` : ""}\n`
      : o.outcome === "replaced"
        ? `replaced the office's ${CL.shortNames[scheme]} list (${o.previous?.entries} entries from ${o.previous?.source}) with ${what}\n`
        : `imported ${what}\n`,
  );
  return 0;
};
