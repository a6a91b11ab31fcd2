/**
 * The tables and indexes of the search engine, as versioned migration functions the application's own frozen
 * migrations call (`await SearchSchema.migrations["0001"](db)`), and the Kysely types of those tables.
 *
 * - `search_document`: one row per right, with the document as JSON (what a result row shows) and query columns:
 *   arrays with GIN indexes for numbers, classes, per-class status, Vienna, IPC (every prefix of every symbol, so a
 *   class finds its groups), Locarno, designated states and owner keys; `simple` full-text vectors for free text and
 *   terms; trigram indexes on party names; b-trees for dates and the keyset order.
 * - `search_mark`: one row per mark text, with the keys `Keys` computes in TypeScript: folded text, words, phonetic
 *   keys, the romanised (ASCII) text, the cross-script skeleton, the compact form and an ASCII code of the Arabic
 *   letters. Trigram candidates come from the ASCII columns, so they are found whatever the database's `LC_CTYPE`
 *   (see docs/decisions/0700).
 * - `search_statistic`: counters for the portal's home page, kept up to date on every index and remove.
 *
 * Needs the `pg_trgm` extension (PGlite: pass it to `PGlite.create`); the migration creates it in `public` when absent.
 */
import { type ColumnType, type Kysely, sql } from "kysely";

/** A row of `search_document`. */
export interface SearchDocumentTable {
  office_code: string;
  record_id: string;
  kind: string;
  madrid: boolean;
  title: string | null;
  /** The title folded, for sorting by mark. */
  title_key: string;
  /** The application number in canonical form, for sorting by number. */
  application_key: string;
  numbers: string[];
  owners_folded: string;
  owners_skeleton: string;
  owner_keys: string[];
  representatives_folded: string;
  inventors_folded: string;
  classes: number[];
  class_statuses: string[];
  vienna: string[];
  ipc: string[];
  locarno: string[];
  designated_states: string[];
  office_status: string | null;
  standard_status: string | null;
  filing_date: ColumnType<string | null, string | null, string | null>;
  priority_date: ColumnType<string | null, string | null, string | null>;
  publication_date: ColumnType<string | null, string | null, string | null>;
  registration_date: ColumnType<string | null, string | null, string | null>;
  expiry_date: ColumnType<string | null, string | null, string | null>;
  filing_year: number | null;
  terms_text: string;
  all_text: string;
  stat_keys: string[];
  /** `Keys.version` of the rules the stored keys were computed with. */
  keys_version: number;
  document: ColumnType<unknown, string, string>;
}

/** A row of `search_mark`: one text of a mark and its keys. */
export interface SearchMarkTable {
  office_code: string;
  record_id: string;
  position: number;
  text: string;
  folded: string;
  latin: string;
  skeleton: string;
  compact: string;
  arabic: string;
  phonetic: string[];
  words: string[];
}

/** A row of `search_statistic`: one counter (`name` says which list, `key` which entry). */
export interface SearchStatisticTable {
  office_code: string;
  name: string;
  key: string;
  label: string;
  count: number;
}

/** The engine's tables, to merge into an application's Kysely database interface. */
export interface SearchTables {
  search_document: SearchDocumentTable;
  search_mark: SearchMarkTable;
  search_statistic: SearchStatisticTable;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema, as Kysely recommends
type AnyDb = Kysely<any>;

const up0001 = async (db: AnyDb): Promise<void> => {
  // In `public`, where every schema of the database finds it: created in the first schema of the search path (an
  // office's own schema), it would be invisible to the other schemas and dropped with that one.
  await sql`create extension if not exists pg_trgm schema public`.execute(db);
  await sql`
    create table search_document (
      office_code text not null,
      record_id text not null,
      kind text not null,
      madrid boolean not null default false,
      title text,
      title_key text not null default '',
      application_key text not null default '',
      numbers text[] not null default '{}',
      owners_folded text not null default '',
      owners_skeleton text not null default '',
      owner_keys text[] not null default '{}',
      representatives_folded text not null default '',
      inventors_folded text not null default '',
      classes integer[] not null default '{}',
      class_statuses text[] not null default '{}',
      vienna text[] not null default '{}',
      ipc text[] not null default '{}',
      locarno text[] not null default '{}',
      designated_states text[] not null default '{}',
      office_status text,
      standard_status text,
      filing_date date,
      priority_date date,
      publication_date date,
      registration_date date,
      expiry_date date,
      filing_year integer,
      terms_text text not null default '',
      all_text text not null default '',
      stat_keys text[] not null default '{}',
      keys_version integer not null,
      document jsonb not null,
      primary key (office_code, record_id)
    )`.execute(db);
  await sql`
    create table search_mark (
      office_code text not null,
      record_id text not null,
      position integer not null,
      text text not null,
      folded text not null,
      latin text not null,
      skeleton text not null,
      compact text not null,
      arabic text not null default '',
      phonetic text[] not null default '{}',
      words text[] not null default '{}',
      primary key (office_code, record_id, position),
      foreign key (office_code, record_id) references search_document (office_code, record_id) on delete cascade
    )`.execute(db);
  await sql`
    create table search_statistic (
      office_code text not null,
      name text not null,
      key text not null,
      label text not null default '',
      count integer not null default 0,
      primary key (office_code, name, key)
    )`.execute(db);

  const statements = [
    // Keyset orders (scanned both ways): by filing date (a right without one sorts as 0001-01-01), by title.
    "create index search_document_filing on search_document (office_code, (coalesce(filing_date, date '0001-01-01')), record_id)",
    "create index search_document_title on search_document (office_code, title_key, record_id)",
    "create index search_document_priority on search_document (office_code, priority_date)",
    "create index search_document_registration on search_document (office_code, (coalesce(registration_date, date '0001-01-01')), record_id)",
    "create index search_document_application on search_document (office_code, application_key, record_id)",
    "create index search_document_publication on search_document (office_code, publication_date)",
    "create index search_document_expiry on search_document (office_code, expiry_date)",
    "create index search_document_kind on search_document (office_code, kind, standard_status)",
    "create index search_document_office_status on search_document (office_code, office_status)",
    "create index search_document_keys_version on search_document (office_code, keys_version)",
    "create index search_document_numbers on search_document using gin (numbers)",
    "create index search_document_classes on search_document using gin (classes)",
    "create index search_document_class_statuses on search_document using gin (class_statuses)",
    "create index search_document_vienna on search_document using gin (vienna)",
    "create index search_document_ipc on search_document using gin (ipc)",
    "create index search_document_locarno on search_document using gin (locarno)",
    "create index search_document_states on search_document using gin (designated_states)",
    "create index search_document_owner_keys on search_document using gin (owner_keys)",
    "create index search_document_owners_trgm on search_document using gin (owners_folded gin_trgm_ops)",
    "create index search_document_owners_skeleton_trgm on search_document using gin (owners_skeleton gin_trgm_ops)",
    "create index search_document_representatives_trgm on search_document using gin (representatives_folded gin_trgm_ops)",
    "create index search_document_inventors_trgm on search_document using gin (inventors_folded gin_trgm_ops)",
    "create index search_document_all_fts on search_document using gin (to_tsvector('simple', all_text))",
    "create index search_document_terms_fts on search_document using gin (to_tsvector('simple', terms_text))",
    "create index search_mark_folded_eq on search_mark (office_code, folded)",
    "create index search_mark_skeleton_eq on search_mark (office_code, skeleton)",
    "create index search_mark_compact_eq on search_mark (office_code, compact)",
    "create index search_mark_folded_trgm on search_mark using gin (folded gin_trgm_ops)",
    "create index search_mark_latin_trgm on search_mark using gin (latin gin_trgm_ops)",
    "create index search_mark_skeleton_trgm on search_mark using gin (skeleton gin_trgm_ops)",
    "create index search_mark_compact_trgm on search_mark using gin (compact gin_trgm_ops)",
    "create index search_mark_arabic_trgm on search_mark using gin (arabic gin_trgm_ops)",
    "create index search_mark_phonetic on search_mark using gin (phonetic)",
    "create index search_mark_words on search_mark using gin (words)",
    "create index search_statistic_top on search_statistic (office_code, name, count desc, key)",
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
};

const down0001 = async (db: AnyDb): Promise<void> => {
  await sql`drop table if exists search_statistic`.execute(db);
  await sql`drop table if exists search_mark`.execute(db);
  await sql`drop table if exists search_document`.execute(db);
};

/**
 * 0002: drops the trigram index of `search_mark.folded`, which no query reads (exact marks use the folded text's
 * B-tree, contains the compact form's trigrams, similar the ASCII columns'), and which every insert paid for.
 */
const up0002 = async (db: AnyDb): Promise<void> => {
  await sql`drop index if exists search_mark_folded_trgm`.execute(db);
};

const down0002 = async (db: AnyDb): Promise<void> => {
  await sql`create index if not exists search_mark_folded_trgm on search_mark using gin (folded gin_trgm_ops)`.execute(
    db,
  );
};

type Version = "0001" | "0002";

/**
 * The engine's migrations by version, each a function of a `Kysely<any>` (run it inside the application's own
 * numbered migration; never edit one, add the next version instead).
 */
export const migrations: Readonly<Record<Version, (db: AnyDb) => Promise<void>>> = { "0001": up0001, "0002": up0002 };

/** The reverse of each migration, for an application's `down`. */
export const rollbacks: Readonly<Record<Version, (db: AnyDb) => Promise<void>>> = {
  "0001": down0001,
  "0002": down0002,
};

/** The versions in the order they must run. */
export const versions: ReadonlyArray<Version> = ["0001", "0002"];

/** Runs every migration in order on a fresh database (tests, benchmarks, an embedded use without its own migrator). */
export const migrateAll = async (db: AnyDb): Promise<void> => {
  for (const version of versions) await migrations[version](db);
};
