/**
 * Writing documents: upsert in batches inside one transaction, with the statistic counters adjusted from the keys
 * each replaced or removed document stored and the keys each new document brings.
 */
import type { Kysely } from "kysely";
import type { SearchDocument } from "../SearchDocument.js";
import type { SearchTables } from "../SearchSchema.js";
import { applyDeltas } from "../Statistics.js";
import { derive, statSeparator } from "./derive.js";

type Db = Kysely<SearchTables>;

export interface DocumentId {
  readonly officeCode: string;
  readonly recordId: string;
}

type Deltas = Map<string, Map<string, { delta: number; label: string }>>;

const count = (deltas: Deltas, office: string, stored: string, sign: 1 | -1) => {
  const last = stored.lastIndexOf(statSeparator);
  const key = stored.slice(0, last);
  const label = sign === 1 ? stored.slice(last + 1) : "";
  let perOffice = deltas.get(office);
  if (!perOffice) {
    perOffice = new Map();
    deltas.set(office, perOffice);
  }
  const entry = perOffice.get(key);
  if (entry) {
    entry.delta += sign;
    if (label !== "" && (entry.label === "" || label < entry.label)) entry.label = label;
  } else perOffice.set(key, { delta: sign, label });
};

/** Deletes documents (their marks go with them) and returns, per office, the counters they took away. */
const deleteDocuments = async (trx: Db, ids: ReadonlyArray<DocumentId>, deltas: Deltas): Promise<number> => {
  if (ids.length === 0) return 0;
  const byOffice = new Map<string, string[]>();
  for (const id of ids) {
    const list = byOffice.get(id.officeCode) ?? [];
    list.push(id.recordId);
    byOffice.set(id.officeCode, list);
  }
  let removed = 0;
  for (const [office, recordIds] of byOffice) {
    const rows = await trx
      .deleteFrom("search_document")
      .where("office_code", "=", office)
      .where("record_id", "in", recordIds)
      .returning(["stat_keys"])
      .execute();
    removed += rows.length;
    for (const row of rows) for (const k of row.stat_keys) count(deltas, office, k, -1);
  }
  return removed;
};

const inTransaction = async <A>(db: Db, run: (trx: Db) => Promise<A>): Promise<A> =>
  db.isTransaction ? run(db) : db.transaction().execute(run);

export const batchSize = 500;

export const indexDocuments = async (
  db: Db,
  documents: ReadonlyArray<SearchDocument>,
): Promise<{ readonly indexed: number; readonly replaced: number }> => {
  // The last version of a document in the input wins.
  const latest = new Map<string, SearchDocument>();
  for (const doc of documents) latest.set(`${doc.officeCode}\u0000${doc.recordId}`, doc);
  const docs = [...latest.values()];
  return inTransaction(db, async (trx) => {
    const deltas: Deltas = new Map();
    let replaced = 0;
    for (let i = 0; i < docs.length; i += batchSize) {
      const batch = docs.slice(i, i + batchSize);
      replaced += await deleteDocuments(trx, batch, deltas);
      const derived = batch.map(derive);
      await trx
        .insertInto("search_document")
        .values(derived.map((d) => d.row))
        .execute();
      const marks = derived.flatMap((d) => d.marks);
      for (let j = 0; j < marks.length; j += batchSize) {
        await trx
          .insertInto("search_mark")
          .values(marks.slice(j, j + batchSize))
          .execute();
      }
      for (const [k, doc] of batch.entries())
        for (const s of derived[k]?.stats ?? []) count(deltas, doc.officeCode, s, 1);
    }
    for (const [office, perOffice] of deltas) await applyDeltas(trx, office, perOffice);
    return { indexed: docs.length, replaced };
  });
};

export const removeDocuments = async (db: Db, ids: ReadonlyArray<DocumentId>): Promise<{ readonly removed: number }> =>
  inTransaction(db, async (trx) => {
    const deltas: Deltas = new Map();
    let removed = 0;
    for (let i = 0; i < ids.length; i += batchSize)
      removed += await deleteDocuments(trx, ids.slice(i, i + batchSize), deltas);
    for (const [office, perOffice] of deltas) await applyDeltas(trx, office, perOffice);
    return { removed };
  });
