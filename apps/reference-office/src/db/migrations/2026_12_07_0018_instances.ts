// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * Several instances on one database (decision 0698): what an instance kept in memory and the others must see.
 *
 * - `rate_limits`: one row per limit and client key, the time its token bucket is full again (`tat`, milliseconds
 *   since 1970: the generic cell rate algorithm's theoretical arrival time). Rows past their `tat` are spent and
 *   deleted by the housekeeping job.
 * - `job_runs`: scheduled work (time-limit sweep, search day queue, daily extraction, housekeeping), one row per job
 *   and slot (the hour, the day): the instance that inserts the row runs the slot; its lease lets another instance
 *   take over a slot whose runner died, and a failed slot is tried again after its retry time.
 * - `idempotency_keys`: the `Idempotency-Key` of API writes per caller, with the answer given, so that a client
 *   that lost an answer (a timeout, an instance stopped) sends the same request again and gets the same answer from
 *   any instance instead of a second filing.
 * - `schema_floor`: the oldest migration a version of the app must know to work on this schema. Expand migrations
 *   (new tables, new nullable columns) leave it alone, so the version before keeps serving while the new one rolls
 *   out; a contract migration (dropping what the old version still used) raises it, and older versions then stop
 *   being ready. This migration sets it to itself: versions before it do not read it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table rate_limits (
    office_code text not null,
    name text not null,
    key text not null,
    tat bigint not null,
    primary key (office_code, name, key)
  )`.execute(db);
  await sql`create index rate_limits_tat_idx on rate_limits (tat)`.execute(db);
  await sql`create table job_runs (
    office_code text not null,
    job text not null,
    slot text not null,
    owner text not null,
    attempt integer not null default 1,
    started_at timestamptz not null,
    lease_until timestamptz not null,
    finished_at timestamptz,
    outcome text check (outcome in ('done', 'failed')),
    detail jsonb,
    primary key (office_code, job, slot)
  )`.execute(db);
  await sql`create index job_runs_started_idx on job_runs (office_code, job, started_at)`.execute(db);
  await sql`create table idempotency_keys (
    office_code text not null,
    caller text not null,
    key text not null,
    fingerprint text not null,
    status integer,
    content_type text,
    location text,
    body text,
    created_at timestamptz not null,
    locked_until timestamptz not null,
    primary key (office_code, caller, key)
  )`.execute(db);
  await sql`create index idempotency_keys_created_idx on idempotency_keys (created_at)`.execute(db);
  await sql`create table schema_floor (
    id integer primary key default 1 check (id = 1),
    requires text not null,
    changed_at timestamptz not null default now()
  )`.execute(db);
  await sql`insert into schema_floor (requires) values ('2026_12_07_0018_instances')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists schema_floor`.execute(db);
  await sql`drop table if exists idempotency_keys`.execute(db);
  await sql`drop table if exists job_runs`.execute(db);
  await sql`drop table if exists rate_limits`.execute(db);
}
