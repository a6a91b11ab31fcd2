/**
 * The database as Kysely sees it: one interface per table, and the Selectable/Insertable/Updateable helpers.
 * Every office-owned row carries `office_code` (also the distribution key for a sharded PostgreSQL).
 */
import type { SearchSchema } from "@ipoffice/search";
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** A JSON column: written as a JSON string or value, read back as the parsed value. */
export type Json<T> = ColumnType<T, string, string>;
/** `timestamptz`: read as Date, written as an ISO string or Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface OfficesTable {
  code: string;
  names: Json<Record<string, string>>;
  created_at: Generated<Timestamp>;
}

export interface RightsTable {
  office_code: string;
  application_number: string;
  kind: string;
  st13: string;
  status: string;
  standard_status: string | null;
  filing_date: string;
  /** The mark's verbal element or the title of a patent, design or utility model. */
  title: string | null;
  /** Owners' names in order, joined for listing. */
  owner_names: string;
  registration_number: string | null;
  expiry_date: string | null;
  /** The pending time limit: the action that fires and its due date (migration 0004). */
  time_limit_action: string | null;
  time_limit_due: string | null;
  /** The dates of the publication and of the registration or grant, when recorded (migration 0008). */
  publication_date: string | null;
  registration_date: string | null;
  /**
   * A registration number another right of the office and kind already held when the unique index came (migration
   * 0021): kept, and left out of the index.
   */
  registration_repeat: Generated<boolean>;
  data: Json<unknown>;
  version: number;
  created_at: Generated<Timestamp>;
  updated_at: Timestamp;
}

export interface RightClassesTable {
  office_code: string;
  application_number: string;
  class_number: number;
  status: string;
}

export interface RightPartiesTable {
  office_code: string;
  application_number: string;
  role: string;
  position: number;
  name: string;
  country: string | null;
}

export interface RightEventsTable {
  id: Generated<string>;
  office_code: string;
  application_number: string;
  at: Timestamp;
  actor_id: string;
  actor_role: string;
  action: string;
  reason: string | null;
  from_status: string | null;
  to_status: string;
  standard_code: string | null;
  data: Json<unknown>;
}

export interface NumberSequencesTable {
  office_code: string;
  series: string;
  year: number;
  last_serial: number;
}

export interface Database {
  offices: OfficesTable;
  rights: RightsTable;
  right_classes: RightClassesTable;
  right_parties: RightPartiesTable;
  right_events: RightEventsTable;
  number_sequences: NumberSequencesTable;
}

export type RightRow = Selectable<RightsTable>;
export type NewRightRow = Insertable<RightsTable>;
export type RightRowUpdate = Updateable<RightsTable>;
export type EventRow = Selectable<RightEventsTable>;
export type NewEventRow = Insertable<RightEventsTable>;

// Fees (src/fees, migration 0002): quotes, invoices, the payment ledger, refused webhook deliveries.

/** `bigint` columns: read as a string by the PostgreSQL driver (a number by PGlite), written as a number. */
export type BigIntColumn = ColumnType<string | number, number, number>;

export interface FeeNumberSequencesTable {
  office_code: string;
  series: string;
  year: number;
  last_value: BigIntColumn;
}

export interface FeeQuotesTable {
  office_code: string;
  id: string;
  reference: string | null;
  currency: string;
  total: BigIntColumn;
  request: Json<unknown>;
  quote: Json<unknown>;
  invoice_number: string | null;
  created_at: Timestamp;
}

export interface InvoicesTable {
  office_code: string;
  number: string;
  year: number;
  sequence: BigIntColumn;
  issue_date: string;
  payer: string | null;
  /** The payer folded (`Text.key` of `@ipoffice/domain`) for partial, accent- and case-insensitive search. */
  payer_key: ColumnType<string, string | undefined, string>;
  currency: string;
  subtotal: BigIntColumn;
  tax: BigIntColumn;
  total: BigIntColumn;
  state: string;
  data: Json<unknown>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Raised with a filing through the e-filing portal (migration 0024): the unpaid-filings rule applies to it. */
  raised_on_filing: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface InvoiceItemsTable {
  office_code: string;
  invoice_number: string;
  position: number;
  reference: string;
  application_number: string | null;
  quote_id: string | null;
  subtotal: BigIntColumn;
}

export interface LedgerEntriesTable {
  office_code: string;
  id: string;
  invoice_number: string;
  kind: string;
  amount: BigIntColumn;
  currency: string;
  at: string;
  reverses: string | null;
  note: string | null;
  gateway: string | null;
  transaction_id: string | null;
  receipt_number: string | null;
  recorded_at: Timestamp;
  seq: Generated<string | number>;
}

export interface InvoiceEventsTable {
  id: Generated<string>;
  office_code: string;
  invoice_number: string;
  at: Timestamp;
  actor_id: string;
  action: string;
  from_state: string | null;
  to_state: string;
  data: Json<unknown>;
}

export interface PaymentNotificationsRejectedTable {
  id: Generated<string>;
  office_code: string;
  received_at: Timestamp;
  reason: string;
  detail: string;
  signature_header: string | null;
  body_sha256: string;
  body_bytes: number;
  body_excerpt: string;
}

/** A hosted payment an applicant started through the office's gateway (migration 0023). */
export interface PaymentSessionsTable {
  office_code: string;
  id: string;
  gateway: string;
  invoice_number: string;
  amount: BigIntColumn;
  currency: string;
  state: ColumnType<"open" | "paid" | "declined" | "expired", "open" | undefined, "paid" | "declined" | "expired">;
  return_path: string;
  language: string;
  started_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  completed_at: Timestamp | null;
}

/** The fee tables, merged into `Database` below. */
export interface FeesTables {
  fee_number_sequences: FeeNumberSequencesTable;
  fee_quotes: FeeQuotesTable;
  invoices: InvoicesTable;
  invoice_items: InvoiceItemsTable;
  ledger_entries: LedgerEntriesTable;
  invoice_events: InvoiceEventsTable;
  payment_notifications_rejected: PaymentNotificationsRejectedTable;
  payment_sessions: PaymentSessionsTable;
}
export interface Database extends FeesTables {}

// Madrid desk (src/madrid, migration 0003): designations, applied IB transactions, events, import runs and their
// per-document report, office → IB documents.

export interface MadridDesignationsTable {
  office_code: string;
  ir_number: string;
  ir_date: string;
  status: string;
  status_date: string;
  notification_date: string;
  time_limit_date: string;
  time_limit_kind: string;
  /** Holders' names, joined for listing. */
  holder: string;
  mark: string | null;
  office_of_origin: string;
  /** Nice class numbers, comma-separated in order ("3,25,35"). */
  classes: string;
  /** Date of the office's first decision (refusal or grant) sent to the IB. */
  first_decision_date: string | null;
  data: Json<unknown>;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MadridAppliedTransactionsTable {
  office_code: string;
  /** `IBTransaction.idempotencyKey` of the package. */
  key: string;
  ir_number: string;
  kind: string;
  category: string | null;
  run_id: string;
  applied_at: Timestamp;
}

export interface MadridDesignationEventsTable {
  id: Generated<string>;
  office_code: string;
  ir_number: string;
  at: Timestamp;
  actor_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  key: string;
  reason: string | null;
  data: Json<unknown>;
}

export interface MadridImportRunsTable {
  office_code: string;
  id: string;
  source: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  /** Set when a run left unfinished (its import was killed) was recovered: counts then come from its reports. */
  interrupted_at: Timestamp | null;
  applied: Generated<number>;
  duplicates: Generated<number>;
  rejected: Generated<number>;
}

export interface MadridImportReportsTable {
  office_code: string;
  run_id: string;
  position: number;
  file: string;
  index: number | null;
  outcome: string;
  ir_number: string | null;
  kind: string | null;
  key: string | null;
  reason: string | null;
  message: string | null;
}

export interface MadridOfficeDocumentsTable {
  office_code: string;
  id: string;
  ir_number: string;
  kind: string;
  decision_date: string;
  xml: string;
  created_by: string;
  created_at: Timestamp;
}

/** The Madrid tables, merged into `Database` below. */
export interface MadridTables {
  madrid_designations: MadridDesignationsTable;
  madrid_applied_transactions: MadridAppliedTransactionsTable;
  madrid_designation_events: MadridDesignationEventsTable;
  madrid_import_runs: MadridImportRunsTable;
  madrid_import_reports: MadridImportReportsTable;
  madrid_office_documents: MadridOfficeDocumentsTable;
}
export interface Database extends MadridTables {}

// Classification lists (src/classifications, migration 0005): the Locarno, Vienna and IPC lists an office imported,
// their entries, and the log of imports that changed them.

export interface ClassificationListsTable {
  office_code: string;
  /** `locarno`, `vienna` or `ipc`. */
  scheme: string;
  edition: string | null;
  /** The imported file's name. */
  source: string;
  /** SHA-256 (hex) of the edition and the list in the import format. */
  checksum: string;
  entries: number;
  /** Languages of the titles, comma-separated in order ("ar,en"). */
  languages: string;
  imported_at: Timestamp;
  imported_by: string;
}

export interface ClassificationEntriesTable {
  office_code: string;
  scheme: string;
  code: string;
  parent: string | null;
  level: number;
  /** Order of the printed classification. */
  position: number;
  titles: Json<Record<string, string>>;
}

export interface ClassificationImportsTable {
  id: Generated<string>;
  office_code: string;
  scheme: string;
  at: Timestamp;
  actor_id: string;
  source: string;
  edition: string | null;
  checksum: string;
  entries: number;
  previous_edition: string | null;
  previous_checksum: string | null;
  previous_entries: number | null;
}

export interface ClassificationTables {
  classification_lists: ClassificationListsTable;
  classification_entries: ClassificationEntriesTable;
  classification_imports: ClassificationImportsTable;
}
export interface Database extends ClassificationTables {}

// Accounts, sessions and API tokens (src/auth, migration 0006).

export interface AccountsTable {
  id: string;
  office_code: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  roles: Json<ReadonlyArray<string>>;
  status: "active" | "disabled";
  oidc_issuer: string | null;
  oidc_subject: string | null;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_sign_in_at: Timestamp | null;
}

export interface SessionsTable {
  id_hash: string;
  account_id: string;
  office_code: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  address: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  office_code: string;
  name: string;
  secret_hash: string;
  roles: Json<ReadonlyArray<string>>;
  scopes: Json<ReadonlyArray<string>> | null;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface AuthTables {
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
}
export interface Database extends AuthTables {}
// Audit trail (src/audit, migration 0007): an append-only, hash-chained log per office and the head of each chain.

export interface AuditLogTable {
  office_code: string;
  /** 1, 2, 3… per office, without gaps. `bigint`: a string from the PostgreSQL driver, a number from PGlite. */
  seq: ColumnType<string | number, number, never>;
  at: Timestamp;
  /** `account`, `token`, `system` or `anonymous`. */
  actor_kind: string;
  actor_id: string;
  /** `sign-in`, `rights.file`, `rights.perform`, an operation id… */
  action: string;
  /** What the action was about (an application number…), when anything. */
  target: string | null;
  /** `ok`, `refused` or `failed`. */
  outcome: string;
  /** The client's address, when the action came over the network. */
  address: string | null;
  details: Json<unknown>;
  /** The previous row's hash (a fixed genesis value for seq 1). */
  prev_hash: string;
  /** SHA-256 (hex) of the canonical JSON of the row's other fields. */
  hash: string;
}

export interface AuditHeadsTable {
  office_code: string;
  seq: ColumnType<string | number, number, number>;
  hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
}
export interface Database extends AuditTables {}

// Search (src/search, migration 0012): the engine's tables (`@ipoffice/search`) and the outbox its triggers fill.

export interface SearchOutboxTable {
  office_code: string;
  /** `right:<application number>` or `madrid:<IR number>`. */
  record_id: string;
  queued_at: Generated<Timestamp>;
}
export interface SearchAppTables extends SearchSchema.SearchTables {
  search_outbox: SearchOutboxTable;
}
export interface Database extends SearchAppTables {}

// Exchange (migration 0014, decision 0802): rights brought in from another system, by that system's name and number.

export interface ImportedRightsTable {
  office_code: string;
  source: string;
  source_number: string;
  application_number: string;
  imported_at: Timestamp;
}

export interface Database {
  imported_rights: ImportedRightsTable;
}

// Extraction deliveries (migration 0020, decision 0801): what the extractions delivered, and the day an update
// announced a record's deletion.

export interface ExtractionDeliveriesTable {
  office_code: string;
  collection: string;
  application_number: string;
  st13: string;
  /** The day of the first extraction that delivered the record (`YYYY-MM-DD`). */
  delivered_on: string;
  /** The day whose update announced the record withdrawn from public view; null while it is delivered. */
  withdrawn_on: string | null;
}

export interface Database {
  extraction_deliveries: ExtractionDeliveriesTable;
}

// Import jobs (migration 0020, decision 0804): an import written in chunks with a checkpoint, resumable.

export interface ImportJobsTable {
  office_code: string;
  id: string;
  source: string;
  file_name: string;
  file_sha256: string;
  /** SHA-256 of the import's settings (the mapping, or the ST.96 kind): the same file read otherwise is another job. */
  spec_sha256: string;
  /** Rows per chunk: fixed for the job, so a resumed run cuts the same chunks. */
  chunk_rows: number;
  /** `writing` (started or cut short), `done`, `failed` (a chunk was refused or the database failed). */
  state: string;
  rows_total: number;
  rows_done: number;
  chunks_done: number;
  message: string | null;
  started_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImportJobChunksTable {
  office_code: string;
  job_id: string;
  chunk: number;
  first_row: number;
  last_row: number;
  imported: number;
  unchanged: number;
  committed_at: Timestamp;
}

export interface ImportJobNumbersTable {
  office_code: string;
  job_id: string;
  source_number: string;
  chunk: number;
}

export interface Database {
  import_jobs: ImportJobsTable;
  import_job_chunks: ImportJobChunksTable;
  import_job_numbers: ImportJobNumbersTable;
}

// Documents issued on a record (src/documents, migration 0015): certificates and letters as issued.

export interface DocumentsTable {
  id: string;
  office_code: string;
  application_number: string;
  kind: string;
  language: string;
  title: string;
  issued_at: Timestamp;
  issued_by: string;
  issued_by_name: string;
  pdf: Uint8Array;
  sha256: string;
}

export interface DocumentTables {
  documents: DocumentsTable;
}

export interface Database extends DocumentTables {}

// Desks (src/office/Worklists.ts, migration 0017): who an item of a queue is assigned to.

export interface WorklistAssignmentsTable {
  office_code: string;
  /** `right` (key: application number) or `designation` (key: international registration number). */
  item_type: string;
  item_key: string;
  account_id: string;
  assigned_by: string;
  assigned_at: Timestamp;
}

export interface Database {
  worklist_assignments: WorklistAssignmentsTable;
}

// Several instances on one database (migration 0018, decision 0698): rate-limit buckets and scheduled job runs.

export interface RateLimitsTable {
  office_code: string;
  name: string;
  key: string;
  /** When the bucket is full again (ms since 1970). */
  tat: BigIntColumn;
}

export interface JobRunsTable {
  office_code: string;
  job: string;
  slot: string;
  owner: string;
  attempt: ColumnType<number, number | undefined, number>;
  started_at: Timestamp;
  lease_until: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  outcome: "done" | "failed" | null;
  detail: Json<unknown> | null;
}

/** One row: the oldest migration a version of the app must know to work on this schema (expand-then-contract). */
export interface SchemaFloorTable {
  id: ColumnType<number, number | undefined, number>;
  requires: string;
  changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The answer given to an API write sent with an `Idempotency-Key` (null `status`: still being answered). */
export interface IdempotencyKeysTable {
  office_code: string;
  /** `token:<id>` or `account:<id>`: keys are the caller's own. */
  caller: string;
  key: string;
  /** SHA-256 of the method, path and body: the same key with another request is refused. */
  fingerprint: string;
  status: number | null;
  content_type: string | null;
  location: string | null;
  body: string | null;
  created_at: Timestamp;
  locked_until: Timestamp;
}

export interface InstanceTables {
  idempotency_keys: IdempotencyKeysTable;
  schema_floor: SchemaFloorTable;
  rate_limits: RateLimitsTable;
  job_runs: JobRunsTable;
}

export interface Database extends InstanceTables {}

// Applicant and agent accounts of the e-filing portal (src/efiling/Filers.ts, migration 0019, decision 0602).

export interface FilerAccountsTable {
  id: string;
  office_code: string;
  email: string;
  name: string;
  kind: "applicant" | "agent";
  country: string;
  address: string;
  language: string;
  password_hash: string;
  confirmed_at: Timestamp | null;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FilerSessionsTable {
  id_hash: string;
  account_id: string;
  office_code: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface FilerLinksTable {
  id_hash: string;
  account_id: string;
  purpose: "confirm" | "reset";
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface OutboxTable {
  id: string;
  office_code: string;
  recipient: string;
  subject: string;
  body: string;
  link: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface FilerClientsTable {
  id: string;
  office_code: string;
  agent_id: string;
  name: string;
  country: string;
  address: string;
  applicant_id: string | null;
  /** `declared`: the agent declared representation; `authorised`: the applicant's account authorised the agent. */
  basis: "declared" | "authorised";
  created_at: Timestamp;
}

export interface FilerFilingsTable {
  office_code: string;
  application_number: string;
  account_id: string;
  /** `filer`: the account filed it; `applicant`: filed for the account by its agent. */
  relation: "filer" | "applicant";
  client_id: string | null;
  filed_at: Timestamp;
}

export interface FilingDraftsTable {
  id: string;
  office_code: string;
  account_id: string;
  kind: string;
  label: string;
  values: Json<Record<string, string>>;
  updated_at: Timestamp;
}

export interface IncomingCorrespondenceTable {
  id: string;
  office_code: string;
  application_number: string;
  account_id: string;
  account_name: string;
  in_reply_to: string | null;
  text: string;
  received_at: Timestamp;
}

export interface FilerTables {
  filer_accounts: FilerAccountsTable;
  filer_sessions: FilerSessionsTable;
  filer_links: FilerLinksTable;
  outbox: OutboxTable;
  filer_clients: FilerClientsTable;
  filer_filings: FilerFilingsTable;
  filing_drafts: FilingDraftsTable;
  incoming_correspondence: IncomingCorrespondenceTable;
}

export interface Database extends FilerTables {}
