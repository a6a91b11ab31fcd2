/**
 * Killing the import mid-batch and running it again ends in the same state as one clean run: the CLI runs in a child
 * process against a PGlite data directory (or a PostgreSQL schema), is killed with SIGKILL after some documents, and
 * is run again; its tables are compared with those of a clean run (in process, same batch files).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, type OpenDatabase, openDatabase } from "../src/db/Database.js";
import { makeDesk } from "../src/madrid/desk.js";
import { omConfig } from "./support/app.js";
import { batch } from "./support/madrid.js";
import { withPglite } from "../../../test-support/engines.js";

const appRoot = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "madrid-crash-"));
const batchDir = join(work, "batch");
mkdirSync(batchDir);
writeFileSync(join(batchDir, "2026-w20.xml"), batch({ count: 50, mode: "mixed", notificationDate: "2026-05-11" }));
writeFileSync(
  join(batchDir, "2026-w21.xml"),
  batch({ count: 40, mode: "mixed", notificationDate: "2026-05-18", firstIrNumber: 1_850_000, seed: 2 }),
);

interface Target {
  readonly name: string;
  /** Environment of the CLI for a fresh database, and a way to open that database here. */
  fresh(): {
    env: Record<string, string>;
    prepare: () => Promise<void>;
    open: () => Promise<OpenDatabase>;
    drop: () => Promise<void>;
  };
}

const pgUrl = process.env.IPO_TEST_DATABASE_URL;
const targets: Target[] = [
  ...(withPglite
    ? [
        {
          name: "pglite",
          fresh() {
            const dir = join(work, `data-${randomBytes(4).toString("hex")}`);
            return {
              env: { IPO_DATA_DIR: dir },
              prepare: async () => {},
              open: () => openDatabase({ dataDir: dir }),
              drop: async () => rmSync(dir, { recursive: true, force: true }),
            };
          },
        },
      ]
    : []),
  ...(pgUrl
    ? [
        {
          name: "postgres",
          fresh() {
            // A database of its own (not a schema): migrations look for their tables across schemas.
            const name = `madrid_crash_${randomBytes(6).toString("hex")}`;
            const url = new URL(pgUrl);
            url.pathname = `/${name}`;
            const admin = async (statement: string) => {
              const client = new pg.Client({ connectionString: pgUrl });
              await client.connect();
              try {
                await client.query(statement);
              } finally {
                await client.end();
              }
            };
            return {
              env: { DATABASE_URL: url.toString() },
              prepare: () => admin(`create database "${name}"`),
              open: () => openDatabase({ url: url.toString() }),
              drop: () => admin(`drop database if exists "${name}" with (force)`),
            };
          },
        },
      ]
    : []),
];

const cli = (env: Record<string, string>): ChildProcess =>
  spawn(
    process.execPath,
    ["--conditions=@ipoffice/source", "--import", "tsx", "src/cli.ts", "madrid", "import", batchDir, "--jsonl"],
    {
      cwd: appRoot,
      env: { ...process.env, ...env, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );

/** Runs the CLI to the end; resolves with its exit code and the document lines it printed. */
const runToEnd = (env: Record<string, string>) =>
  new Promise<{ code: number | null; lines: Array<{ outcome: string }>; stderr: string }>((resolve) => {
    const child = cli(env);
    let out = "";
    let err = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (err += d));
    child.on("close", (code) =>
      resolve({
        code,
        lines: out
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l)),
        stderr: err,
      }),
    );
  });

/** Runs the CLI and kills it (SIGKILL) once it has reported `n` documents. */
const runAndKill = (env: Record<string, string>, n: number) =>
  new Promise<number>((resolve) => {
    const child = cli(env);
    let seen = 0;
    let buffer = "";
    child.stdout?.on("data", (d) => {
      buffer += d;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      seen += lines.filter((l) => l.startsWith("{")).length;
      if (seen >= n) child.kill("SIGKILL");
    });
    child.on("close", () => resolve(seen));
  });

/** The state an import leaves: records, applied keys, events (without run ids and clock columns). */
const snapshot = async (open: () => Promise<OpenDatabase>) => {
  const database = await open();
  try {
    const db = database.db;
    const designations = await db
      .selectFrom("madrid_designations")
      .select(["office_code", "ir_number", "status", "time_limit_date", "holder", "classes", "data", "version"])
      .orderBy("ir_number")
      .execute();
    const applied = await db.selectFrom("madrid_applied_transactions").select(["key", "kind"]).orderBy("key").execute();
    const events = await db
      .selectFrom("madrid_designation_events")
      .select(["ir_number", "key", "action", "from_status", "to_status", "data"])
      .orderBy("ir_number")
      .orderBy("key")
      .execute();
    return { designations, applied, events };
  } finally {
    await database.close();
  }
};

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(targets)("Madrid import killed mid-batch on $name", (target) => {
  it("re-running after SIGKILL ends in the same state as one clean run", { timeout: 120_000 }, async () => {
    // The clean run, in process; read and dropped before the crashed one starts.
    const clean = target.fresh();
    let a: Awaited<ReturnType<typeof snapshot>>;
    try {
      await clean.prepare();
      const database = await clean.open();
      try {
        await migrate(database.db);
        const desk = makeDesk({ db: database.db, config: await omConfig(), now: () => new Date() });
        const summary = await desk.importSources(
          readdirSync(batchDir)
            .sort()
            .map((name) => ({ name, chunks: createReadStream(join(batchDir, name)) })),
          "clean",
        );
        expect([summary.applied, summary.rejected]).toEqual([90, 0]);
      } finally {
        await database.close();
      }
      a = await snapshot(clean.open);
    } finally {
      await clean.drop();
    }

    const crashed = target.fresh();
    try {
      await crashed.prepare();
      const seen = await runAndKill(crashed.env, 30);
      expect(seen).toBeGreaterThanOrEqual(30);
      expect(seen).toBeLessThan(90);
      const partial = await snapshot(crashed.open);
      // PostgreSQL keeps every document the killed import committed. PGlite may lose its last commits when the
      // process is killed (its WAL is flushed by the process itself), sometimes all of them: what is kept is a
      // prefix, and the re-run must still converge on the clean state.
      expect(partial.applied.length).toBeGreaterThanOrEqual(target.name === "postgres" ? 30 : 0);
      expect(partial.applied.length).toBeLessThanOrEqual(seen);

      const resumed = await runToEnd(crashed.env);
      expect(resumed.code, resumed.stderr).toBe(0);
      const outcomes = resumed.lines.map((l) => l.outcome);
      expect(outcomes.filter((o) => o === "duplicate").length).toBe(partial.applied.length);
      expect(outcomes.filter((o) => o === "applied").length).toBe(90 - partial.applied.length);

      const b = await snapshot(crashed.open);
      expect(a.designations.length).toBeGreaterThan(40);
      expect(b).toEqual(a);

      // The re-run recovered the killed run: marked interrupted, its counts those of its reports (decision 0660).
      const database = await crashed.open();
      try {
        const runs = await database.db.selectFrom("madrid_import_runs").selectAll().orderBy("started_at").execute();
        const killed = runs.filter((r) => r.finished_at === null);
        // PGlite may have lost the killed run's row with its last commits; PostgreSQL keeps it.
        expect(killed.length).toBe(target.name === "postgres" ? 1 : killed.length);
        expect(killed.length).toBeLessThanOrEqual(1);
        for (const run of killed) {
          expect(run.interrupted_at).not.toBeNull();
          const reports = await database.db
            .selectFrom("madrid_import_reports")
            .select("outcome")
            .where("run_id", "=", run.id)
            .execute();
          expect(run.applied).toBe(reports.filter((r) => r.outcome === "applied").length);
          expect(run.applied).toBe(partial.applied.length);
          expect(resumed.stderr).toContain(`recovered interrupted import run ${run.id}`);
        }
        expect(runs.filter((r) => r.finished_at !== null)).toHaveLength(1);
      } finally {
        await database.close();
      }
    } finally {
      await crashed.drop();
    }
  });
});
