/**
 * The database as Kysely sees it: one interface per table, and the Selectable/Insertable/Updateable helpers.
 * Every office-owned row carries `office_code` (also the distribution key for a sharded PostgreSQL).
 */
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
