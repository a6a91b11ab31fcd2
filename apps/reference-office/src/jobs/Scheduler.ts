/**
 * Scheduled work that runs once across every instance on the database (decision 0698): the time-limit sweep, the
 * search index's day queue, the daily extraction and the housekeeping.
 *
 * Each job names its slots (the hour it runs for, the office's day). Every instance ticks, and on each tick tries to
 * claim the current slot of each job with one statement: an insert into `job_runs` keyed by office, job and slot.
 * The instance whose insert lands runs the slot; the others see the row and do nothing. The runner holds a lease it
 * renews while it works: when it dies (a crash, a SIGKILL), the lease runs out and the next instance to tick takes
 * the slot over (its attempt counted). A slot that failed is tried again after `retryMs`. So each slot runs once
 * whether one instance or ten are up, and no slot is lost to an instance that stopped.
 *
 * On PGlite (one instance) the same table serves and costs one insert per job per tick.
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.js";
import type { Logger } from "../Logger.js";

export interface Job {
  /** The job's name in `job_runs` and the logs (`time-limits`). */
  readonly name: string;
  /** The slot `now` falls in: runs of one slot happen once (`2026-12-07T14` for hourly work). */
  readonly slot: (now: Date) => string;
  /** The work; what it returns is kept as the run's detail. */
  readonly run: (now: Date) => Promise<Record<string, unknown> | undefined>;
}

export interface SchedulerOptions {
  readonly db: Kysely<Database>;
  readonly officeCode: string;
  readonly jobs: ReadonlyArray<Job>;
  readonly logger: Logger;
  /** This instance in `job_runs.owner` (default: host, process id and a random part). */
  readonly owner?: string;
  /** How often each instance looks for due slots (ms, default 60 s). */
  readonly tickMs?: number;
  /** How long a claim holds without renewal (ms, default 10 minutes; renewed every third of it while running). */
  readonly leaseMs?: number;
  /** How long after a failed run its slot is tried again (ms, default 10 minutes). */
  readonly retryMs?: number;
  /** The clock (tests). */
  readonly now?: () => Date;
  /** Told of each run this instance performed (metrics). */
  readonly onRun?: (job: string, outcome: "done" | "failed", ms: number) => void;
}

export interface Scheduler {
  readonly owner: string;
  /** One round: claims and runs the due slots of every job; returns the jobs this instance ran. */
  tick(): Promise<ReadonlyArray<{ readonly job: string; readonly slot: string; readonly outcome: "done" | "failed" }>>;
  /** Starts ticking every `tickMs` (after a first tick now). */
  start(): Promise<void>;
  /** Stops ticking and waits for a round in progress. */
  stop(): Promise<void>;
}

export const instanceId = (): string => `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/** Hourly slots in UTC (`2026-12-07T14`), or of `everyMs` when shorter (tests and small intervals). */
export const everySlot =
  (everyMs: number) =>
  (now: Date): string => {
    if (everyMs === 3_600_000) return now.toISOString().slice(0, 13);
    return new Date(Math.floor(now.getTime() / everyMs) * everyMs).toISOString();
  };

export const makeScheduler = (options: SchedulerOptions): Scheduler => {
  const { db, officeCode, jobs, logger } = options;
  const owner = options.owner ?? instanceId();
  const tickMs = options.tickMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 600_000;
  const retryMs = options.retryMs ?? 600_000;
  const now = options.now ?? (() => new Date());

  /** Claims `slot` of `job` when nobody holds it: a new slot, a lease run out, or a failure old enough to retry. */
  const claim = async (job: string, slot: string, at: Date): Promise<number | undefined> => {
    const lease = new Date(at.getTime() + leaseMs);
    const retryBefore = new Date(at.getTime() - retryMs);
    const { rows } = await sql<{ attempt: number }>`
      insert into job_runs (office_code, job, slot, owner, attempt, started_at, lease_until)
      values (${officeCode}, ${job}, ${slot}, ${owner}, 1, ${at}, ${lease})
      on conflict (office_code, job, slot) do update
        set owner = excluded.owner, attempt = job_runs.attempt + 1, started_at = excluded.started_at,
            lease_until = excluded.lease_until, finished_at = null, outcome = null, detail = null
        where (job_runs.finished_at is null and job_runs.lease_until < ${at})
           or (job_runs.outcome = 'failed' and job_runs.finished_at < ${retryBefore})
      returning attempt`.execute(db);
    return rows[0]?.attempt;
  };

  const finish = async (job: string, slot: string, outcome: "done" | "failed", detail: unknown) => {
    await db
      .updateTable("job_runs")
      .set({ finished_at: now(), outcome, detail: JSON.stringify(detail ?? null) })
      .where("office_code", "=", officeCode)
      .where("job", "=", job)
      .where("slot", "=", slot)
      .where("owner", "=", owner)
      .execute();
  };

  const runOne = async (job: Job, at: Date) => {
    const slot = job.slot(at);
    const attempt = await claim(job.name, slot, at);
    if (attempt === undefined) return undefined;
    const started = Date.now();
    // Renew the lease while the work runs, so a long run is not taken over.
    const renew = setInterval(
      () =>
        void db
          .updateTable("job_runs")
          .set({ lease_until: new Date(now().getTime() + leaseMs) })
          .where("office_code", "=", officeCode)
          .where("job", "=", job.name)
          .where("slot", "=", slot)
          .where("owner", "=", owner)
          .where("finished_at", "is", null)
          .execute()
          .catch((error) => logger.warn({ err: error, job: job.name }, "job lease not renewed")),
      Math.max(1_000, Math.floor(leaseMs / 3)),
    );
    renew.unref();
    let outcome: "done" | "failed" = "done";
    let detail: unknown;
    try {
      detail = await job.run(at);
    } catch (error) {
      outcome = "failed";
      detail = { error: error instanceof Error ? error.message : String(error) };
      logger.error({ err: error, job: job.name, slot }, `scheduled job ${job.name} failed`);
    } finally {
      clearInterval(renew);
    }
    await finish(job.name, slot, outcome, detail);
    const ms = Date.now() - started;
    options.onRun?.(job.name, outcome, ms);
    logger.info({ job: job.name, slot, attempt, outcome, ms, owner }, "scheduled job ran");
    return { job: job.name, slot, outcome };
  };

  let round: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick: Scheduler["tick"] = () => {
    const next = round.then(async () => {
      const ran: Array<{ job: string; slot: string; outcome: "done" | "failed" }> = [];
      for (const job of jobs) {
        if (stopped) break;
        try {
          const done = await runOne(job, now());
          if (done) ran.push(done);
        } catch (error) {
          // The database did not answer the claim: the slot stays for the next tick (here or elsewhere).
          logger.warn({ err: error, job: job.name }, "scheduled job not claimed");
        }
      }
      return ran;
    });
    round = next.catch(() => undefined);
    return next;
  };

  return {
    owner,
    tick,
    async start() {
      await tick();
      if (stopped) return;
      timer = setInterval(() => void tick(), tickMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await round;
    },
  };
};
