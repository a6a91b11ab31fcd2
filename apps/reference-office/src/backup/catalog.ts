/**
 * What a backup covers, read from PostgreSQL's catalog rather than listed by hand, so a table added by a later
 * migration is backed up the day it exists: every table of the current schema (except Kysely's migration
 * bookkeeping and the derived search tables), its columns with their SQL types, its primary key, the foreign keys that order the tables, and the
 * schema's sequences. Values travel as PostgreSQL's own text form (`value::text`, read back with `::type`), which
 * round-trips every type exactly under the session settings of `exactTextSettings`.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../db/schema.js";

type Db = Kysely<Database>;

export interface ColumnInfo {
  readonly name: string;
  /** `format_type` of the column: `text`, `bigint`, `timestamp with time zone`, `jsonb`, `numeric(12,2)`… */
  readonly type: string;
}

export interface TableInfo {
  readonly name: string;
  readonly columns: ReadonlyArray<ColumnInfo>;
  /** Column names of the primary key, in key order (empty when the table has none). */
  readonly primaryKey: ReadonlyArray<string>;
  /** Tables this one references (foreign keys), other than itself. */
  readonly references: ReadonlyArray<string>;
}

/**
 * The migrations' own tables: the restore recreates them by migrating (Kysely's, and `schema_floor`, which the
 * migrations set: decision 0698).
 */
export const bookkeepingTables = ["kysely_migration", "kysely_migration_lock", "schema_floor"] as const;

/**
 * Tables derived from the others, neither backed up nor restored: the search index and its outbox (decision 0692).
 * Restoring the rights and designations queues each of them in the outbox again (its triggers), so the first sync
 * after a restore rebuilds the index.
 */
export const derivedTables = ["search_document", "search_mark", "search_statistic", "search_outbox"] as const;

/**
 * Session settings under which every type's text form is exact and the same on PGlite and PostgreSQL: instants in
 * UTC with their offset, ISO dates, all float digits, hex bytea. `set local`: inside a transaction only.
 */
export const exactTextSettings = async (db: Db): Promise<void> => {
  for (const statement of [
    "set local timezone to 'UTC'",
    "set local datestyle to 'ISO, YMD'",
    "set local intervalstyle to 'postgres'",
    "set local extra_float_digits to 3",
    "set local bytea_output to 'hex'",
  ])
    await sql.raw(statement).execute(db);
};

/** The tables of the current schema, ordered so that every table comes after the tables it references. */
export const readCatalog = async (db: Db): Promise<TableInfo[]> => {
  const columns = await sql<{ table: string; column: string; type: string }>`
    select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
      and c.relname not in (${sql.join([...bookkeepingTables, ...derivedTables])})
    order by c.relname, a.attnum`.execute(db);
  const keys = await sql<{ table: string; column: string }>`
    select c.relname as "table", a.attname as "column"
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(con.conkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where con.contype = 'p' and n.nspname = current_schema()
    order by c.relname, k.ord`.execute(db);
  const foreign = await sql<{ table: string; references: string }>`
    select distinct c.relname as "table", r.relname as "references"
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_class r on r.oid = con.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where con.contype = 'f' and n.nspname = current_schema() and r.oid <> c.oid`.execute(db);

  const tables = new Map<string, { columns: ColumnInfo[]; primaryKey: string[]; references: string[] }>();
  for (const c of columns.rows) {
    const t = tables.get(c.table) ?? { columns: [], primaryKey: [], references: [] };
    t.columns.push({ name: c.column, type: c.type });
    tables.set(c.table, t);
  }
  for (const k of keys.rows) tables.get(k.table)?.primaryKey.push(k.column);
  for (const f of foreign.rows) if (tables.has(f.references)) tables.get(f.table)?.references.push(f.references);

  // Kahn's order, alphabetical among the tables that are ready: the same schema always gives the same order.
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  const names = [...tables.keys()].sort();
  while (ordered.length < names.length) {
    const ready = names.find((n) => !done.has(n) && tables.get(n)!.references.every((r) => done.has(r)));
    // A cycle of foreign keys: take the rest alphabetically (a restore of such a schema would need deferrable keys).
    const next = ready ?? names.find((n) => !done.has(n))!;
    const t = tables.get(next)!;
    ordered.push({ name: next, columns: t.columns, primaryKey: t.primaryKey, references: t.references.sort() });
    done.add(next);
  }
  return ordered;
};

export interface SequenceInfo {
  readonly name: string;
  /** As text: a bigint. */
  readonly lastValue: string;
  readonly isCalled: boolean;
}

/** The sequences of the current schema (serial and identity columns' among them) and where they stand. */
export const readSequences = async (db: Db): Promise<SequenceInfo[]> => {
  const names = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'S' and n.nspname = current_schema() order by c.relname`.execute(db);
  const out: SequenceInfo[] = [];
  for (const { name } of names.rows) {
    const row = await sql<{ last_value: string; is_called: boolean }>`
      select last_value::text as last_value, is_called from ${sql.id(name)}`.execute(db);
    out.push({ name, lastValue: row.rows[0]!.last_value, isCalled: row.rows[0]!.is_called });
  }
  return out;
};

/** The first table of `tables` (current schema) holding a row, if any. */
export const firstNonEmptyTable = async (db: Db, tables: ReadonlyArray<string>): Promise<string | undefined> => {
  for (const t of tables) {
    const r = await sql<{ found: boolean }>`select exists (select 1 from ${sql.id(t)}) as found`.execute(db);
    if (r.rows[0]?.found) return t;
  }
  return undefined;
};

const PAGE = 1000;

/**
 * A table's rows in primary-key order as arrays of text values (null for SQL NULL), read in keyset pages of 1,000
 * rows, so memory stays flat whatever the table's size. Run it inside one transaction for a consistent snapshot.
 */
export async function* readRows(db: Db, table: TableInfo): AsyncGenerator<Array<string | null>> {
  if (table.primaryKey.length === 0) {
    throw new Error(`table ${table.name} has no primary key: it cannot be read in a stable order`);
  }
  const typeOf = new Map(table.columns.map((c) => [c.name, c.type]));
  const keyIndex = table.primaryKey.map((k) => table.columns.findIndex((c) => c.name === k));
  const select = sql.join(table.columns.map((c, i) => sql`${sql.id(c.name)}::text as ${sql.id(`c${i}`)}`));
  const keyColumns = sql.join(table.primaryKey.map((k) => sql.id(k)));
  let after: Array<string | null> | undefined;
  for (;;) {
    const where: RawBuilder<unknown> = after
      ? sql`where (${keyColumns}) > (${sql.join(
          table.primaryKey.map((k, i) => sql`cast(${after![keyIndex[i]!]} as ${sql.raw(typeOf.get(k)!)})`),
        )})`
      : sql``;
    const page = await sql<Record<string, string | null>>`
      select ${select} from ${sql.id(table.name)} ${where} order by ${keyColumns} limit ${PAGE}`.execute(db);
    for (const row of page.rows) {
      const values = table.columns.map((_, i) => row[`c${i}`] ?? null);
      yield values;
      after = values;
    }
    if (page.rows.length < PAGE) return;
  }
}
