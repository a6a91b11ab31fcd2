/**
 * Read replicas (decision 0690): the public portal's reads go to PostgreSQL hot standbys when
 * `DATABASE_REPLICA_URLS` names them; writes, staff reads and the reads of a client that has just written go to the
 * primary until a standby has replayed that write.
 *
 * Read-your-own-writes uses the primary's WAL position: after a write the app hands the client the position
 * (`pg_current_wal_lsn()`) in a cookie and a header; a later read from that client uses a standby only when
 * `pg_last_wal_replay_lsn()` there has reached it, and the primary otherwise. A standby that fails to answer is left
 * out for a few seconds and its reads go to the next one, then to the primary: a replica never makes the register
 * unavailable.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.js";

/** A WAL position as PostgreSQL writes it (`16/B374D848`). */
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

/** The position when `text` is one, else undefined (a client's cookie is input like any other). */
export const parseLsn = (text: string | undefined | null): string | undefined =>
  text !== undefined && text !== null && text.length <= 17 && LSN.test(text) ? text.toUpperCase() : undefined;

export interface ReadRouting {
  /** How many standbys reads may go to (0: every read goes to the primary). */
  readonly replicas: number;
  /**
   * The database a public read uses: a standby in turn, provided it has replayed `afterLsn` (the client's last
   * write, when it made one); the primary otherwise.
   */
  reader(afterLsn?: string): Promise<{ readonly db: Kysely<Database>; readonly source: "primary" | "replica" }>;
  /** The primary's current WAL position, to hand to a client after its write (undefined without standbys). */
  writePosition(): Promise<string | undefined>;
}

export interface ReadRoutingOptions {
  /** How long a standby that failed is left out (ms, default 5 s). */
  readonly retryAfterMs?: number;
  /** The clock for the retry window (tests). */
  readonly now?: () => number;
  /** Told when a standby fails (the server logs it). */
  readonly onReplicaError?: (index: number, error: unknown) => void;
}

export const readRouting = (
  primary: Kysely<Database>,
  standbys: ReadonlyArray<Kysely<Database>>,
  options: ReadRoutingOptions = {},
): ReadRouting => {
  const retryAfterMs = options.retryAfterMs ?? 5_000;
  const now = options.now ?? Date.now;
  const downUntil = standbys.map(() => 0);
  let next = 0;
  const primaryRead = { db: primary, source: "primary" as const };

  return {
    replicas: standbys.length,
    async reader(afterLsn) {
      const position = parseLsn(afterLsn);
      for (let tried = 0; tried < standbys.length; tried++) {
        const index = next;
        next = (next + 1) % standbys.length;
        const standby = standbys[index];
        if (standby === undefined || downUntil[index]! > now()) continue;
        if (position === undefined) return { db: standby, source: "replica" };
        try {
          const caught = await sql<{ caught_up: boolean | null }>`
            select pg_is_in_recovery() and pg_last_wal_replay_lsn() >= ${position}::pg_lsn as caught_up`.execute(
            standby,
          );
          // Behind this client's write: another standby may have replayed it; the primary has. A server that is not
          // in recovery is no standby (a primary after crash recovery still reports the last record it replayed, and
          // a promoted standby has left the primary's timeline), so it never serves a read after a write.
          if (caught.rows[0]?.caught_up === true) return { db: standby, source: "replica" };
        } catch (error) {
          downUntil[index] = now() + retryAfterMs;
          options.onReplicaError?.(index, error);
        }
      }
      return primaryRead;
    },
    async writePosition() {
      if (standbys.length === 0) return undefined;
      const found = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary);
      return parseLsn(found.rows[0]?.lsn);
    },
  };
};

/** Every read from the primary: PGlite, or PostgreSQL without standbys. */
export const primaryOnly = (primary: Kysely<Database>): ReadRouting => readRouting(primary, []);

/** The standbys' URLs from `DATABASE_REPLICA_URLS` (comma or whitespace separated; empty entries ignored). */
export const replicaUrlsOf = (value: string | undefined): ReadonlyArray<string> =>
  (value ?? "")
    .split(/[\s,]+/)
    .map((url) => url.trim())
    .filter((url) => url.length > 0);
