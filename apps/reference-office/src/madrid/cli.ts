/**
 * `cli madrid …` commands: import a folder (or files) of IB batches with a progress bar on stderr and the report
 * summary at the end; settle the time limits that passed (protection by default). Same settings as the server:
 * DATABASE_URL (PostgreSQL) or IPO_DATA_DIR (PGlite), IPO_OFFICE_CONFIG.
 */
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import type { Kysely } from "kysely";
import type { OfficeConfig } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { settleOverdue } from "./decisions.js";
import { makeDesk } from "./desk.js";
import { type BatchSource, recoverInterruptedRuns } from "./importer.js";

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

export const madridUsage = `usage:
  cli madrid import <folder or file.xml>... [--jsonl]   import IB batches (every *.xml of a folder, by name)
  cli madrid settle                                      record protection by default where time limits passed`;

const xmlFiles = async (paths: ReadonlyArray<string>): Promise<string[]> => {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(p);
    if (s.isDirectory()) {
      const names = (await readdir(p)).filter((n) => n.toLowerCase().endsWith(".xml")).sort();
      out.push(...names.map((n) => join(p, n)));
    } else out.push(p);
  }
  return out;
};

/** Runs a `madrid` command; returns the exit code (1 when any document was rejected). */
export const runMadridCli = async (
  args: ReadonlyArray<string>,
  deps: { readonly db: Kysely<Database>; readonly config: OfficeConfig; readonly io: CliIo },
): Promise<number> => {
  const [command, ...rest] = args;
  const { io } = deps;
  const desk = makeDesk({ db: deps.db, config: deps.config, now: () => new Date() });
  if (command === "settle") {
    const n = await settleOverdue(deps.db, desk.settings, new Date());
    io.stdout.write(`${n} designation(s) recorded as protected by default\n`);
    return 0;
  }
  if (command !== "import") {
    io.stderr.write(`${madridUsage}\n`);
    return 2;
  }
  const jsonl = rest.includes("--jsonl");
  const paths = rest.filter((a) => !a.startsWith("--"));
  if (paths.length === 0) {
    io.stderr.write(`${madridUsage}\n`);
    return 2;
  }
  let files: string[];
  try {
    files = await xmlFiles(paths);
  } catch (error) {
    io.stderr.write(`cannot read ${paths.join(", ")}: ${(error as Error).message}\n`);
    return 2;
  }
  // An import killed earlier left its run unfinished: mark it interrupted, with what it had done.
  for (const run of await recoverInterruptedRuns(deps.db, desk.settings.officeCode, new Date())) {
    io.stderr.write(
      `recovered interrupted import run ${run.runId} (${run.source}, started ${run.startedAt.toISOString()}): ${run.applied} applied, ${run.duplicates} duplicate, ${run.rejected} rejected\n`,
    );
  }
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  const total = sizes.reduce((a, b) => a + b, 0);
  const bar = new SingleBar(
    {
      stream: io.stderr as NodeJS.WriteStream,
      format:
        "madrid import |{bar}| {percentage}% | {docs} documents: {applied} applied, {duplicate} duplicate, {rejected} rejected | {file}",
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  const counts = { docs: 0, applied: 0, duplicate: 0, rejected: 0 };
  let read = 0;
  bar.start(Math.max(1, total), 0, { ...counts, file: "" });
  const sources = async function* (): AsyncGenerator<BatchSource> {
    for (const f of files) {
      const stream = createReadStream(f, { highWaterMark: 64 * 1024 });
      const counted = async function* () {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          read += chunk.length;
          yield chunk;
        }
      };
      bar.update(read, { file: basename(f) });
      yield { name: basename(f), chunks: counted() };
    }
  };
  const summary = await desk.importSources(sources(), `cli:${paths.join(",")}`.slice(0, 500), {
    keepDocuments: false,
    onDocument: (r) => {
      counts.docs++;
      counts[r.outcome]++;
      if (jsonl) io.stdout.write(`${JSON.stringify(r)}\n`);
      if (counts.docs % 25 === 0) bar.update(read, counts);
    },
  });
  bar.update(total, counts);
  bar.stop();
  io.stdout.write(
    `${summary.files} file(s): ${summary.applied} applied, ${summary.duplicates} duplicate, ${summary.rejected} rejected (run ${summary.runId})\n`,
  );
  return summary.rejected > 0 ? 1 : 0;
};
