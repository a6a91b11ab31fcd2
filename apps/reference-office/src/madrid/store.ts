/**
 * The Madrid tables: reading and writing designation records with their events, in the caller's transaction.
 */
import type { Designation } from "@ipoffice/madrid";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../db/schema.js";

type Db = Kysely<Database> | Transaction<Database>;
type Record = Designation.Designation;

/** The records of these international registrations, locked for update (inside a transaction). */
export const lockRecords = async (
  trx: Transaction<Database>,
  officeCode: string,
  irNumbers: ReadonlyArray<string>,
): Promise<Map<string, { record: Record; version: number }>> => {
  const unique = [...new Set(irNumbers)];
  if (unique.length === 0) return new Map();
  const rows = await trx
    .selectFrom("madrid_designations")
    .select(["ir_number", "data", "version"])
    .where("office_code", "=", officeCode)
    .where("ir_number", "in", unique)
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.ir_number, { record: r.data as Record, version: r.version }]));
};

const firstDecisionDate = (d: Record): string | null => {
  const e = d.events.find((x) => x.action.startsWith("madrid.office."));
  return e ? e.at.slice(0, 10) : null;
};

/**
 * Writes a record (insert or update) and its events beyond the `previousEvents` first ones, in the caller's
 * transaction.
 */
export const saveRecord = async (
  trx: Transaction<Database>,
  record: Record,
  previousEvents: number,
  now: Date,
): Promise<void> => {
  const row = {
    office_code: record.officeCode,
    ir_number: record.irNumber,
    ir_date: record.irDate,
    status: record.status,
    status_date: record.statusDate,
    notification_date: record.notificationDate,
    time_limit_date: record.refusalTimeLimit.limit,
    time_limit_kind: record.refusalTimeLimit.kind,
    holder: record.holders.map((h) => h.name).join("; "),
    mark: record.mark.verbalElement ?? null,
    office_of_origin: record.officeOfOrigin,
    classes: record.goodsAndServices.map((c) => c.classNumber).join(","),
    first_decision_date: firstDecisionDate(record),
    data: JSON.stringify(record),
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await trx
    .insertInto("madrid_designations")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["office_code", "ir_number"]).doUpdateSet((eb) => ({
        ir_date: eb.ref("excluded.ir_date"),
        status: eb.ref("excluded.status"),
        status_date: eb.ref("excluded.status_date"),
        notification_date: eb.ref("excluded.notification_date"),
        time_limit_date: eb.ref("excluded.time_limit_date"),
        time_limit_kind: eb.ref("excluded.time_limit_kind"),
        holder: eb.ref("excluded.holder"),
        mark: eb.ref("excluded.mark"),
        office_of_origin: eb.ref("excluded.office_of_origin"),
        classes: eb.ref("excluded.classes"),
        first_decision_date: eb.ref("excluded.first_decision_date"),
        data: eb.ref("excluded.data"),
        version: sql<number>`madrid_designations.version + 1`,
        updated_at: eb.ref("excluded.updated_at"),
      })),
    )
    .execute();
  const fresh = record.events.slice(previousEvents);
  if (fresh.length === 0) return;
  await trx
    .insertInto("madrid_designation_events")
    .values(
      fresh.map((e) => ({
        office_code: record.officeCode,
        ir_number: record.irNumber,
        at: e.at,
        actor_id: e.actor.id,
        action: e.action,
        from_status: e.fromStatus,
        to_status: e.toStatus,
        key: e.userdoc?.number ?? `${e.action}:${e.at}`,
        reason: e.reason ?? null,
        data: JSON.stringify(e),
      })),
    )
    .onConflict((oc) => oc.columns(["office_code", "ir_number", "key"]).doNothing())
    .execute();
};

export const getRecord = async (db: Db, officeCode: string, irNumber: string): Promise<Record | undefined> => {
  const row = await db
    .selectFrom("madrid_designations")
    .select("data")
    .where("office_code", "=", officeCode)
    .where("ir_number", "=", irNumber)
    .executeTakeFirst();
  return row ? (row.data as Record) : undefined;
};

export interface DesignationSummary {
  readonly irNumber: string;
  readonly irDate: string;
  readonly status: string;
  readonly notificationDate: string;
  readonly timeLimit: string;
  readonly timeLimitKind: string;
  readonly holder: string;
  readonly mark: string | null;
  readonly officeOfOrigin: string;
  readonly classes: ReadonlyArray<number>;
}

export interface ListFilter {
  /** A stored status, or `overdue` (pending past its time limit) or `open` (pending, time limit not passed). */
  readonly status?: string | undefined;
  /** Only pending designations whose time limit falls within this many days from today. */
  readonly dueWithinDays?: number | undefined;
  readonly today: string;
  readonly limit: number;
  readonly offset: number;
}

export const listDesignations = async (
  db: Db,
  officeCode: string,
  filter: ListFilter,
): Promise<{ items: DesignationSummary[]; total: number }> => {
  let q = db.selectFrom("madrid_designations").where("office_code", "=", officeCode);
  if (filter.status === "overdue") {
    q = q.where("status", "=", "pending").where("time_limit_date", "<", filter.today);
  } else if (filter.status === "open") {
    q = q.where("status", "=", "pending").where("time_limit_date", ">=", filter.today);
  } else if (filter.status === "protected-by-default") {
    q = q.where((eb) =>
      eb.or([
        eb("status", "=", "protected-by-default"),
        eb.and([eb("status", "=", "pending"), eb("time_limit_date", "<", filter.today)]),
      ]),
    );
  } else if (filter.status !== undefined) {
    q = q.where("status", "=", filter.status);
  }
  if (filter.dueWithinDays !== undefined) {
    q = q
      .where("status", "=", "pending")
      .where("time_limit_date", ">=", filter.today)
      .where(sql<boolean>`time_limit_date <= ${filter.today}::date + ${filter.dueWithinDays}::int`);
  }
  const [rows, count] = await Promise.all([
    q
      .select([
        "ir_number",
        "ir_date",
        "status",
        "notification_date",
        "time_limit_date",
        "time_limit_kind",
        "holder",
        "mark",
        "office_of_origin",
        "classes",
      ])
      .orderBy("time_limit_date")
      .orderBy("ir_number")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      irNumber: r.ir_number,
      irDate: r.ir_date,
      status: r.status,
      notificationDate: r.notification_date,
      timeLimit: r.time_limit_date,
      timeLimitKind: r.time_limit_kind,
      holder: r.holder,
      mark: r.mark,
      officeOfOrigin: r.office_of_origin,
      classes: r.classes === "" ? [] : r.classes.split(",").map(Number),
    })),
  };
};

export interface OfficeDocumentSummary {
  readonly id: string;
  readonly kind: string;
  readonly decisionDate: string;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export const listOfficeDocuments = async (
  db: Db,
  officeCode: string,
  irNumber: string,
): Promise<OfficeDocumentSummary[]> =>
  (
    await db
      .selectFrom("madrid_office_documents")
      .select(["id", "kind", "decision_date", "created_by", "created_at"])
      .where("office_code", "=", officeCode)
      .where("ir_number", "=", irNumber)
      .orderBy("created_at")
      .execute()
  ).map((r) => ({
    id: r.id,
    kind: r.kind,
    decisionDate: r.decision_date,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
  }));

export const getOfficeDocument = async (db: Db, officeCode: string, id: string) =>
  db
    .selectFrom("madrid_office_documents")
    .select(["id", "ir_number", "kind", "xml", "decision_date"])
    .where("office_code", "=", officeCode)
    .where("id", "=", id)
    .executeTakeFirst();

/** Row counts of the Madrid tables (tests compare them). */
export const countMadridRows = async (db: Db, officeCode: string) => {
  const count = async (
    table:
      | "madrid_designations"
      | "madrid_applied_transactions"
      | "madrid_designation_events"
      | "madrid_office_documents"
      | "madrid_import_reports",
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .where("office_code", "=", officeCode)
          .select((eb) => eb.fn.countAll<string | number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    designations: await count("madrid_designations"),
    applied: await count("madrid_applied_transactions"),
    events: await count("madrid_designation_events"),
    documents: await count("madrid_office_documents"),
    reports: await count("madrid_import_reports"),
  };
};
