/**
 * Emptying the search outbox into the index (decision 0692). Each batch is one transaction: take up to `batch` queued
 * ids (locked, skipping ids another sync holds), read their rights and designations, index what the public may see
 * today and remove the rest (unpublished, withdrawn from view, deleted), then delete the ids from the outbox. A crash
 * leaves the ids queued; running the sync twice indexes nothing twice.
 *
 * Visibility follows the office's publication rule (`Publication.isPublic`, the rule every public read goes through);
 * a right whose publication or registration date arrives later is queued again by the daily sweep
 * (`queueDueToday`). Madrid designations are public: WIPO publishes each international registration in its Gazette
 * before the IB notifies the designated offices.
 */
import { type IpRight, Publication, type Calendar } from "@ipoffice/domain";
import type { Designation } from "@ipoffice/madrid";
import type { SearchDocument } from "@ipoffice/search";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.js";
import { designationDocument, madridId, rightDocument, rightId } from "./documents.js";

type Db = Kysely<Database>;

export interface DocumentId {
  readonly officeCode: string;
  readonly recordId: string;
}

/** What writes the index: the engine's `index` and `remove`, inside the sync's transaction. */
export interface IndexWriter {
  readonly index: (db: Db, documents: ReadonlyArray<SearchDocument.SearchDocument>) => Promise<unknown>;
  readonly remove: (db: Db, ids: ReadonlyArray<DocumentId>) => Promise<unknown>;
}

export interface SyncOptions {
  readonly officeCode: string;
  readonly visibility: Publication.Visibility;
  readonly today: Calendar.IsoDate;
  readonly writer: IndexWriter;
  /** A regional office's member states: the states each of its rights covers (its designated states). */
  readonly memberStates?: ReadonlyArray<string>;
  /** Ids per transaction (default 500). */
  readonly batch?: number;
}

export interface SyncReport {
  readonly indexed: number;
  readonly removed: number;
}

const RIGHT = "right:";
const MADRID = "madrid:";

/** Indexes every queued change of the office; returns how many documents it wrote and removed. */
export const syncSearchIndex = async (db: Db, options: SyncOptions): Promise<SyncReport> => {
  const batch = Math.max(1, Math.min(5_000, options.batch ?? 500));
  const { officeCode } = options;
  let indexed = 0;
  let removed = 0;
  for (;;) {
    const taken = await db.transaction().execute(async (trx) => {
      const queued = await trx
        .selectFrom("search_outbox")
        .select("record_id")
        .where("office_code", "=", officeCode)
        .orderBy("record_id")
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      if (queued.length === 0) return 0;
      const ids = queued.map((q) => q.record_id);
      const numbers = ids.filter((id) => id.startsWith(RIGHT)).map((id) => id.slice(RIGHT.length));
      const irNumbers = ids.filter((id) => id.startsWith(MADRID)).map((id) => id.slice(MADRID.length));
      const rights =
        numbers.length === 0
          ? []
          : await trx
              .selectFrom("rights")
              .select(["application_number", "data"])
              .where("office_code", "=", officeCode)
              .where("application_number", "in", numbers)
              .execute();
      const designations =
        irNumbers.length === 0
          ? []
          : await trx
              .selectFrom("madrid_designations")
              .select(["ir_number", "data"])
              .where("office_code", "=", officeCode)
              .where("ir_number", "in", irNumbers)
              .execute();
      const documents: SearchDocument.SearchDocument[] = [];
      const shown = new Set<string>();
      for (const row of rights) {
        const right = row.data as IpRight.Right;
        if (!Publication.isPublic(right, options.visibility, options.today)) continue;
        documents.push(rightDocument(right, options.memberStates));
        shown.add(rightId(row.application_number));
      }
      for (const row of designations) {
        documents.push(designationDocument(row.data as Designation.Designation, officeCode));
        shown.add(madridId(row.ir_number));
      }
      // Everything queued that is not shown now: not yet public, or gone.
      const gone = ids.filter((id) => !shown.has(id)).map((recordId) => ({ officeCode, recordId }));
      if (gone.length > 0) await options.writer.remove(trx, gone);
      if (documents.length > 0) await options.writer.index(trx, documents);
      await trx
        .deleteFrom("search_outbox")
        .where("office_code", "=", officeCode)
        .where("record_id", "in", ids)
        .execute();
      indexed += documents.length;
      removed += gone.length;
      return queued.length;
    });
    if (taken < batch) break;
  }
  return { indexed, removed };
};

/**
 * Queues the rights whose publication or registration date is `today`: recorded ahead of the day (a bulletin's
 * date), they become public on it without any write that would queue them.
 */
export const queueDueToday = async (db: Db, officeCode: string, today: Calendar.IsoDate): Promise<number> => {
  const result = await sql`
    insert into search_outbox (office_code, record_id)
    select office_code, 'right:' || application_number from rights
    where office_code = ${officeCode} and (publication_date = ${today} or registration_date = ${today})
    on conflict (office_code, record_id) do update set queued_at = now()`.execute(db);
  return Number(result.numAffectedRows ?? 0);
};
