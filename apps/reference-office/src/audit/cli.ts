/**
 * `cli audit …` commands: verify the office's audit chain, and list its rows newest first. Same settings as the
 * server: DATABASE_URL (PostgreSQL) or IPO_DATA_DIR (PGlite), IPO_OFFICE_CONFIG.
 */
import { Effect, Result } from "effect";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { makeAudit } from "./Audit.js";
import type { AuditRow } from "./chain.js";

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export const auditUsage = `usage:
  cli audit verify
        check the office's audit chain; exit 1 naming the first row that is not as written
  cli audit list [--target N] [--actor ID] [--limit N] [--before SEQ] [--jsonl]
        rows newest first (default 50; --before the last seq shown for the next page)`;

const options = (args: ReadonlyArray<string>) => {
  const named = new Map<string, string>();
  const flags = new Set<string>();
  const bad: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--(target|actor|limit|before)(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? args[++i];
      if (value === undefined) bad.push(a);
      else named.set(m[1]!, value);
    } else if (a === "--jsonl") flags.add("jsonl");
    else bad.push(a);
  }
  return { named, flags, bad };
};

const line = (r: AuditRow): string =>
  [
    String(r.seq).padStart(6),
    r.at,
    `${r.actorKind}:${r.actorId}`,
    r.action,
    r.target ?? "-",
    r.outcome,
    r.address ?? "-",
    JSON.stringify(r.details),
  ].join("  ");

/** Runs an `audit` command; returns the exit code (1 when the chain is broken, 2 for a bad command). */
export const runAuditCli = async (
  args: ReadonlyArray<string>,
  deps: { readonly db: Kysely<Database>; readonly officeCode: string; readonly io: CliIo },
): Promise<number> => {
  const { io, officeCode } = deps;
  const audit = makeAudit(deps.db, officeCode);
  const [command, ...rest] = args;
  const { named, flags, bad } = options(rest);
  if ((command !== "verify" && command !== "list") || bad.length > 0 || (command === "verify" && rest.length > 0)) {
    if (bad.length > 0) io.stderr.write(`unknown or incomplete argument(s): ${bad.join(" ")}\n`);
    io.stderr.write(`${auditUsage}\n`);
    return 2;
  }

  if (command === "verify") {
    const result = await Effect.runPromise(Effect.result(audit.verify()));
    if (Result.isFailure(result)) {
      io.stderr.write(`${result.failure.message}\n`);
      return 1;
    }
    const v = result.success;
    if (v.ok) {
      io.stdout.write(
        v.rows === 0
          ? `audit trail of ${officeCode}: empty\n`
          : `audit trail of ${officeCode} intact: ${v.rows} row(s), head ${v.head.seq} ${v.head.hash}\n`,
      );
      return 0;
    }
    io.stdout.write(`audit trail of ${officeCode} broken at row ${v.firstBadSeq}: ${v.reason}\n`);
    return 1;
  }

  const integer = (name: string, min: number, max: number): number | undefined | "bad" => {
    const raw = named.get(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    return /^\d+$/.test(raw) && n >= min && n <= max ? n : "bad";
  };
  const limit = integer("limit", 1, 1000);
  const before = integer("before", 1, Number.MAX_SAFE_INTEGER);
  if (limit === "bad" || before === "bad") {
    io.stderr.write(`${limit === "bad" ? "--limit: a whole number from 1 to 1000" : "--before: a row number"}\n`);
    return 2;
  }
  const page = await Effect.runPromise(
    Effect.result(
      audit.list({
        limit: limit ?? 50,
        before,
        target: named.get("target"),
        actorId: named.get("actor"),
      }),
    ),
  );
  if (Result.isFailure(page)) {
    io.stderr.write(`${page.failure.message}\n`);
    return 1;
  }
  for (const r of page.success.items) io.stdout.write(flags.has("jsonl") ? `${JSON.stringify(r)}\n` : `${line(r)}\n`);
  if (!flags.has("jsonl")) {
    io.stderr.write(
      page.success.next === null
        ? `${page.success.items.length} row(s)\n`
        : `${page.success.items.length} row(s); more with --before ${page.success.next}\n`,
    );
  }
  return 0;
};
