/**
 * The audit trail: an append-only, hash-chained log per office (who did what to what, when, from where, with which
 * outcome). Each row's hash covers its fields and the previous row's hash, so changing, removing or reordering a row
 * breaks the chain at that row; the chain's head (`audit_heads`) reveals rows removed from the end. Appends of one
 * office are serialised on the head's row lock, in the caller's transaction when it has one, so an audit row commits
 * or rolls back with the change it records. Database triggers refuse UPDATE, DELETE and TRUNCATE of the log.
 *
 * `appendAudit` is a plain function for code inside a Kysely transaction (or outside Effect and Hono); the `Audit`
 * service wraps it with Effect's Clock, and adds `list` and `verify`.
 */
import { Clock, Context, Data, Effect, Layer } from "effect";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../db/schema.js";
import {
  type ActorKind,
  type AuditEntry,
  AuditEntryInvalid,
  type AuditRow,
  chain,
  genesisHash,
  hashRow,
  isoMillis,
  type JsonValue,
  type Outcome,
  validateEntry,
} from "./chain.js";

export {
  type ActorKind,
  type AuditEntry,
  AuditEntryInvalid,
  type AuditRow,
  actorKindOf,
  genesisHash,
  outcomeOfStatus,
} from "./chain.js";

type Db = Kysely<Database> | Transaction<Database>;

export class AuditDatabaseError extends Data.TaggedError("AuditDatabaseError")<{ readonly cause: unknown }> {
  override get message(): string {
    return `database error: ${this.cause instanceof Error ? this.cause.message : String(this.cause)}`;
  }
}

/** Rows a statement: 12 parameters each, well under PostgreSQL's 65,535. */
const CHUNK = 500;

/**
 * Appends entries to the office's chain, in order, all at instant `at`; returns the rows written. Inside `trx` when
 * given a transaction (the rows commit with the caller's change), else in a transaction of its own. Throws
 * `AuditEntryInvalid` before touching the database when an entry cannot be stored exactly.
 */
export const appendAuditMany = async (
  db: Db,
  officeCode: string,
  entries: ReadonlyArray<AuditEntry>,
  at: Date | string,
): Promise<AuditRow[]> => {
  if (entries.length === 0) return [];
  for (const e of entries) validateEntry(e);
  const when = isoMillis(at);
  if (!db.isTransaction) return db.transaction().execute((trx) => appendAuditMany(trx, officeCode, entries, when));
  // Take (or create) the chain's head and hold its row lock until the caller's transaction ends: the next append of
  // this office waits here, then reads the head this one leaves.
  const head = await db
    .insertInto("audit_heads")
    .values({ office_code: officeCode, seq: 0, hash: genesisHash })
    .onConflict((oc) => oc.column("office_code").doUpdateSet((eb) => ({ seq: eb.ref("audit_heads.seq") })))
    .returning(["seq", "hash"])
    .executeTakeFirstOrThrow();
  const rows = chain(officeCode, { seq: Number(head.seq), hash: head.hash }, entries, when);
  const values = (part: ReadonlyArray<AuditRow>) =>
    part.map((r) => ({
      office_code: r.officeCode,
      seq: r.seq,
      at: r.at,
      actor_kind: r.actorKind,
      actor_id: r.actorId,
      action: r.action,
      target: r.target,
      outcome: r.outcome,
      address: r.address,
      details: JSON.stringify(r.details),
      prev_hash: r.prevHash,
      hash: r.hash,
    }));
  let start = 0;
  for (; start + CHUNK < rows.length; start += CHUNK) {
    await db
      .insertInto("audit_log")
      .values(values(rows.slice(start, start + CHUNK)))
      .execute();
  }
  // The last rows and the head's move in one statement (one round trip fewer for the usual single entry).
  const last = rows[rows.length - 1]!;
  await db
    .with("appended", (qb) =>
      qb
        .insertInto("audit_log")
        .values(values(rows.slice(start)))
        .returning("seq"),
    )
    .updateTable("audit_heads")
    .set({ seq: last.seq, hash: last.hash })
    .where("office_code", "=", officeCode)
    .execute();
  return rows;
};

/** Appends one entry; see `appendAuditMany`. */
export const appendAudit = async (
  db: Db,
  officeCode: string,
  entry: AuditEntry,
  at: Date | string,
): Promise<AuditRow> => (await appendAuditMany(db, officeCode, [entry], at))[0]!;

export interface AuditQuery {
  readonly target?: string | undefined;
  readonly actorId?: string | undefined;
  /** 1 to 1,000. */
  readonly limit: number;
  /** Rows with a smaller seq than this (the `next` of the previous page). */
  readonly before?: number | undefined;
}

export interface AuditPage {
  /** Newest first. */
  readonly items: ReadonlyArray<AuditRow>;
  /** Pass as `before` for the next page; null on the last page. */
  readonly next: number | null;
}

const selectRow = (db: Db) =>
  db
    .selectFrom("audit_log")
    .select([
      "office_code",
      "seq",
      "actor_kind",
      "actor_id",
      "action",
      "target",
      "outcome",
      "address",
      "details",
      "prev_hash",
      "hash",
    ])
    // The instant to the microsecond in UTC: the log only ever writes whole milliseconds, so anything finer is a
    // change that a JavaScript Date would round away.
    .select(sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`.as("at_us"));

type RawRow = Awaited<ReturnType<ReturnType<typeof selectRow>["execute"]>>[number];

const toRow = (r: RawRow): AuditRow => ({
  officeCode: r.office_code,
  seq: Number(r.seq),
  at: `${r.at_us.slice(0, 23)}Z`,
  actorKind: r.actor_kind as ActorKind,
  actorId: r.actor_id,
  action: r.action,
  target: r.target,
  outcome: r.outcome as Outcome,
  address: r.address,
  details: r.details as { readonly [k: string]: JsonValue },
  prevHash: r.prev_hash,
  hash: r.hash,
});

export const listAudit = async (db: Db, officeCode: string, query: AuditQuery): Promise<AuditPage> => {
  const limit = Number.isFinite(query.limit) ? Math.max(1, Math.min(1000, Math.trunc(query.limit))) : 50;
  let q = selectRow(db).where("office_code", "=", officeCode);
  if (query.target !== undefined) q = q.where("target", "=", query.target);
  if (query.actorId !== undefined) q = q.where("actor_id", "=", query.actorId);
  if (query.before !== undefined) q = q.where("seq", "<", query.before);
  const rows = await q.orderBy("seq", "desc").limit(limit).execute();
  const items = rows.map(toRow);
  return { items, next: items.length === limit ? items[items.length - 1]!.seq : null };
};

export type VerifyResult =
  | {
      readonly ok: true;
      readonly rows: number;
      /** The chain's head: record it elsewhere, and a later verify shows that nothing before it was rewritten. */
      readonly head: { readonly seq: number; readonly hash: string };
    }
  | { readonly ok: false; readonly firstBadSeq: number; readonly reason: string; readonly rows: number };

const PAGE = 1000;

/**
 * Walks the office's chain from seq 1 in one snapshot and reports the first row that is not as written: a row whose
 * fields changed (its hash no longer matches), a missing row (a gap in seq), a row whose prev_hash is not the hash
 * before it (removed, moved or rewritten rows), and a tail removed (the head records more rows than there are).
 */
export const verifyAudit = (db: Db, officeCode: string): Promise<VerifyResult> =>
  db.isTransaction
    ? walkChain(db, officeCode)
    : db
        .transaction()
        .setIsolationLevel("repeatable read")
        .setAccessMode("read only")
        .execute((trx) => walkChain(trx, officeCode));

const walkChain = async (trx: Db, officeCode: string): Promise<VerifyResult> => {
  let expected = 1;
  let prevHash = genesisHash;
  const bad = (firstBadSeq: number, reason: string): VerifyResult => ({
    ok: false,
    firstBadSeq,
    reason,
    rows: expected - 1,
  });
  for (;;) {
    const page = await selectRow(trx)
      .where("office_code", "=", officeCode)
      .where("seq", ">=", expected)
      .orderBy("seq")
      .limit(PAGE)
      .execute();
    for (const raw of page) {
      const row = toRow(raw);
      if (row.seq !== expected) {
        return bad(
          expected,
          row.seq === expected + 1
            ? `row ${expected} is missing (the next row is ${row.seq})`
            : `rows ${expected} to ${row.seq - 1} are missing (the next row is ${row.seq})`,
        );
      }
      if (row.prevHash !== prevHash) {
        return bad(
          row.seq,
          row.seq === 1
            ? "prev_hash is not the genesis value: the start of the chain was replaced"
            : `prev_hash does not match the hash of row ${row.seq - 1}: a row was changed, moved or replaced`,
        );
      }
      if (!raw.at_us.endsWith("000")) {
        return bad(row.seq, `at (${raw.at_us}) has digits below the millisecond: the row was changed`);
      }
      if (hashRow(row) !== row.hash) {
        return bad(row.seq, "hash mismatch: the row's fields were changed after it was written");
      }
      prevHash = row.hash;
      expected += 1;
    }
    if (page.length < PAGE) break;
  }
  const last = expected - 1;
  const head = await trx
    .selectFrom("audit_heads")
    .select(["seq", "hash"])
    .where("office_code", "=", officeCode)
    .executeTakeFirst();
  const headSeq = head ? Number(head.seq) : 0;
  if (!head && last > 0) return bad(1, "the chain has rows but no head row in audit_heads");
  if (headSeq > last) {
    return bad(
      last + 1,
      `the log ends at row ${last} but its head records row ${headSeq}: ${
        headSeq - last === 1 ? `row ${headSeq} was` : `rows ${last + 1} to ${headSeq} were`
      } removed from the end`,
    );
  }
  if (headSeq < last) {
    return bad(headSeq + 1, `rows after ${headSeq} are not recorded in the head: written outside the audit trail`);
  }
  if (head && head.hash !== prevHash) {
    return bad(last, `the head's hash differs from row ${last}'s: the head or the last row was replaced`);
  }
  return { ok: true, rows: last, head: { seq: last, hash: prevHash } };
};

export interface AuditShape {
  readonly officeCode: string;
  /** Appends an entry at the current instant (Effect's Clock), in a transaction of its own. */
  readonly append: (entry: AuditEntry) => Effect.Effect<AuditRow, AuditEntryInvalid | AuditDatabaseError>;
  /** Appends an entry inside the caller's transaction: it commits or rolls back with the caller's change. */
  readonly appendIn: (
    trx: Transaction<Database>,
    entry: AuditEntry,
  ) => Effect.Effect<AuditRow, AuditEntryInvalid | AuditDatabaseError>;
  /** Newest first, by target and/or actor, in keyset pages. */
  readonly list: (query: AuditQuery) => Effect.Effect<AuditPage, AuditDatabaseError>;
  readonly verify: () => Effect.Effect<VerifyResult, AuditDatabaseError>;
}

export class Audit extends Context.Service<Audit, AuditShape>()("ipoffice/Audit") {}

const attempt = <A>(run: () => Promise<A>): Effect.Effect<A, AuditEntryInvalid | AuditDatabaseError> =>
  Effect.tryPromise({
    try: run,
    catch: (cause) => (cause instanceof AuditEntryInvalid ? cause : new AuditDatabaseError({ cause })),
  });

const query = <A>(run: () => Promise<A>): Effect.Effect<A, AuditDatabaseError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new AuditDatabaseError({ cause }) });

export const makeAudit = (db: Kysely<Database>, officeCode: string): AuditShape => {
  const appendOn = (target: Db, entry: AuditEntry) =>
    Effect.flatMap(Clock.currentTimeMillis, (ms) =>
      attempt(() => appendAudit(target, officeCode, entry, new Date(ms))),
    );
  return {
    officeCode,
    append: (entry) => appendOn(db, entry),
    appendIn: (trx, entry) => appendOn(trx, entry),
    list: (q) => query(() => listAudit(db, officeCode, q)),
    verify: () => query(() => verifyAudit(db, officeCode)),
  };
};

export const AuditLive = (db: Kysely<Database>, officeCode: string) => Layer.succeed(Audit, makeAudit(db, officeCode));
