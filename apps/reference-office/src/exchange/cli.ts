/**
 * `cli import …`: rights from another system into the register (decision 0802), all of them or none, idempotent by
 * the source's number. CSV or XLSX through a column mapping the office writes once (`--mapping`), or ST.96 XML
 * (`--source NAME --kind …`). `--dry-run` checks everything and writes nothing. Same settings as the server.
 * `cli import npe …` records national phase entries of PCT applications (src/exchange/npe.ts) the same way.
 */
import { readFile, stat } from "node:fs/promises";
import type { Actor } from "@ipoffice/domain";
import { Clock, Effect, Result } from "effect";
import type { Kysely } from "kysely";
import type { OfficeConfig } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { makeRights } from "../rights/Rights.js";
import { type ImportSpec, readMapping, type St96Kind } from "./importFile.js";
import { type JobReport, runImportJob } from "./importJob.js";
import { maxBytes as npeMaxBytes, readNationalPhaseCsv } from "./npe.js";

/**
 * One problem of an import as a line of the report: JSON lines with `--jsonl`; else a table row (`row 3, …`), an ST.96
 * record (`record 3 (line 2), …`), or a place in the file before any record (`line 1, …`).
 */
const problemLine =
  (jsonl: boolean) =>
  (p: { row: number; line?: number; field: string; message: string }): string =>
    jsonl
      ? `${JSON.stringify(p)}\n`
      : p.line === undefined
        ? `row ${p.row}, ${p.field}: ${p.message}\n`
        : p.row === 0
          ? `line ${p.line}, ${p.field}: ${p.message}\n`
          : `record ${p.row} (line ${p.line}), ${p.field}: ${p.message}\n`;

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export const importUsage = `usage:
  cli import rights <file.csv|file.xlsx> --mapping <mapping.yaml> [--dry-run] [--jsonl] [--chunk-rows N]
        rights from another system's table (the mapping's kind: trademark, industrial_design, patent, utility_model),
        through the office's column mapping
  cli import rights <file.xml> --source <name> [--kind trademark|industrial_design|patent|utility_model] [--dry-run] [--jsonl] [--chunk-rows N]
        rights from ST.96 V6_0 XML (default kind trademark)
  cli import npe <file.csv> [--dry-run] [--jsonl]
        national phase entries of PCT applications onto the office's patents and utility models (INID 86/87):
        columns national_number, pct_application, international_filing_date, entry_date [, wo_publication,
        wo_publication_date]
  every row is checked first; any problem refuses the whole file (row, field, message), and nothing is written.
  A file that passes is written in chunks (500 rights each by default), each chunk in one transaction with its
  checkpoint: a run cut short continues, when run again with the same file, after the last chunk that landed`;

const kinds: ReadonlyArray<St96Kind> = ["trademark", "industrial_design", "patent", "utility_model"];

/** The CLI's actor: the office's system, acting for whoever runs the command on the server. */
const cliActor: Actor.Actor = { id: "cli-import", role: "system" };

/** Runs `import rights`; returns the exit code (1 when the file was refused, 2 for a bad command). */
export const runImportCli = async (
  args: ReadonlyArray<string>,
  deps: {
    readonly db: Kysely<Database>;
    readonly config: OfficeConfig;
    readonly niceList: string;
    readonly io: CliIo;
    readonly clock?: Clock.Clock;
  },
): Promise<number> => {
  const { io } = deps;
  const [command, file, ...rest] = args;
  if (command === "npe") return runNpe(file, rest, deps);
  const named = new Map<string, string>();
  const flags = new Set<string>();
  let bad = command !== "rights" || file === undefined || file.startsWith("--");
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const m = /^--(mapping|source|kind|chunk-rows)(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? rest[++i];
      if (value === undefined) bad = true;
      else named.set(m[1] as string, value);
    } else if (a === "--dry-run" || a === "--jsonl") flags.add(a.slice(2));
    else bad = true;
  }
  const kind = (named.get("kind") ?? "trademark") as St96Kind;
  const isXml = /\.xml$/i.test(file ?? "");
  if (
    bad ||
    !kinds.includes(kind) ||
    (isXml ? !named.has("source") || named.has("mapping") : !named.has("mapping") || named.has("source"))
  ) {
    io.stderr.write(`${importUsage}\n`);
    return 2;
  }
  const line = problemLine(flags.has("jsonl"));
  let spec: ImportSpec;
  if (isXml) {
    const source = named.get("source") as string;
    if (!/^[a-z0-9][a-z0-9._-]{0,62}$/.test(source)) {
      io.stderr.write(`--source: "${source}" is not a lower-case name (letters, digits, . _ -)\n`);
      return 2;
    }
    spec = { format: "st96", source, kind };
  } else {
    const mapping = await readMapping(named.get("mapping") as string);
    if (Result.isFailure(mapping)) {
      io.stderr.write(`the mapping is refused:\n${mapping.failure.map(line).join("")}`);
      return 1;
    }
    spec = { format: "table", mapping: mapping.success };
  }
  const rights = makeRights(deps.db, deps.config, deps.niceList);
  const chunkRows = named.has("chunk-rows") ? Number(named.get("chunk-rows")) : undefined;
  if (chunkRows !== undefined && (!Number.isInteger(chunkRows) || chunkRows < 1 || chunkRows > 10_000)) {
    io.stderr.write(`--chunk-rows: "${named.get("chunk-rows")}" is not a whole number from 1 to 10,000\n`);
    return 2;
  }
  let report: JobReport;
  try {
    report = await runImportJob(
      { db: deps.db, config: deps.config, rights, ...(deps.clock ? { clock: deps.clock } : {}) },
      file as string,
      spec,
      { dryRun: flags.has("dry-run"), actor: cliActor, ...(chunkRows === undefined ? {} : { chunkRows }) },
    );
  } catch (error) {
    io.stderr.write(`nothing more written: ${(error as Error).message}\n`);
    return 1;
  }
  if (report.outcome === "refused") {
    io.stderr.write(
      `${file} refused, nothing written (${report.problems.length + report.moreProblems} problem(s)${report.moreProblems > 0 ? `, the first ${report.problems.length} listed` : ""}):\n`,
    );
    io.stderr.write(report.problems.map(line).join(""));
    return 1;
  }
  const chunkLine = (c: JobReport["chunks"][number]) =>
    flags.has("jsonl")
      ? `${JSON.stringify(c)}\n`
      : `chunk ${c.chunk} (rows ${c.firstRow}-${c.lastRow}, ${c.rights} right(s)): ${c.outcome}${c.outcome === "landed" || c.outcome === "checked" ? `, ${c.imported} new, ${c.unchanged} already imported` : ""}\n`;
  io.stdout.write(
    `${file}: SHA-256 ${report.sha256}, ${report.rights} right(s) checked${report.resumed ? "; a job of this file began before: resumed" : ""}\n`,
  );
  for (const t of report.translated) {
    io.stdout.write(
      flags.has("jsonl")
        ? `${JSON.stringify({ translated: t })}\n`
        : `status "${t.from}" of ${t.kind} translated to ${t.to} (${t.by}): ${t.rights} right(s)\n`,
    );
  }
  io.stdout.write(report.chunks.map(chunkLine).join(""));
  if (report.outcome === "stopped") {
    const landed = report.chunks.filter((c) => c.outcome === "landed" || c.outcome === "landed before").length;
    io.stderr.write(
      `stopped: ${report.stoppedBecause}\n${landed} of ${report.chunks.length} chunk(s) landed (${report.imported} right(s) written in this run); run the same command with the same file to continue\n`,
    );
    return 1;
  }
  io.stdout.write(
    `${report.dryRun ? "dry run, nothing written: would import" : "imported"} ${report.imported} right(s) from ${report.source}; ${report.unchanged} already imported before, left as they are\n`,
  );
  return 0;
};

/** `import npe <file.csv>`: national phase entries (src/exchange/npe.ts) through `Rights.recordNationalPhase`. */
const runNpe = async (
  file: string | undefined,
  rest: ReadonlyArray<string>,
  deps: Parameters<typeof runImportCli>[1],
): Promise<number> => {
  const { io } = deps;
  const flags = new Set(rest.map((a) => a.replace(/^--/, "")));
  if (file === undefined || file.startsWith("--") || [...flags].some((f) => f !== "dry-run" && f !== "jsonl")) {
    io.stderr.write(`${importUsage}\n`);
    return 2;
  }
  const line = problemLine(flags.has("jsonl"));
  const refuse = (problems: ReadonlyArray<{ row: number; field: string; message: string }>) => {
    io.stderr.write(`${file} refused, nothing written (${problems.length} problem(s)):\n`);
    io.stderr.write(problems.map(line).join(""));
    return 1;
  };
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (info.size > npeMaxBytes)
      return refuse([{ row: 0, field: "file", message: `larger than ${npeMaxBytes} bytes` }]);
    bytes = await readFile(file);
  } catch (error) {
    return refuse([{ row: 0, field: "file", message: `cannot be read (${(error as Error).message})` }]);
  }
  const read = readNationalPhaseCsv(bytes);
  if (Result.isFailure(read)) return refuse(read.failure);
  const rights = makeRights(deps.db, deps.config, deps.niceList);
  const run = rights.recordNationalPhase(read.success, { dryRun: flags.has("dry-run") }, cliActor);
  const done = await Effect.runPromise(
    Effect.result(deps.clock ? Effect.provideService(run, Clock.Clock, deps.clock) : run),
  );
  if (Result.isFailure(done)) {
    const e = done.failure;
    if (e._tag === "ImportRefused") return refuse(e.problems);
    io.stderr.write(`nothing written: the database failed (${String(e.cause)})\n`);
    return 1;
  }
  const r = done.success;
  io.stdout.write(
    `${r.dryRun ? "dry run, nothing written: would record" : "recorded"} ${r.recorded.length} national phase entr${r.recorded.length === 1 ? "y" : "ies"}; ${r.unchanged.length} already recorded, left as they are\n`,
  );
  return 0;
};
