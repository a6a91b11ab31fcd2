/**
 * Writing documents: upsert in batches inside one transaction, with the statistic counters adjusted from the keys
 * each replaced or removed document stored and the keys each new document brings.
 */
import type { Kysely } from "kysely";
import type { SearchDocument } from "../SearchDocument.js";
import type { SearchTables } from "../SearchSchema.js";
import { applyDeltas } from "../Statistics.js";
import { type DerivedDocument, derive, statSeparator } from "./derive.js";

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
  const batches: Array<ReadonlyArray<SearchDocument>> = [];
  for (let i = 0; i < docs.length; i += batchSize) batches.push(docs.slice(i, i + batchSize));
  return inTransaction(db, async (trx) => {
    const deltas: Deltas = new Map();
    let replaced = 0;
    // The database writes one batch while the next one's keys are computed here, so each works on its own core
    // rather than waiting for the other.
    let next = (batches[0] ?? []).map(derive);
    for (const [b, batch] of batches.entries()) {
      const derived = next;
      const [removed, following] = await Promise.all([
        writeBatch(trx, batch, derived, deltas),
        deriveInSlices(batches[b + 1] ?? []),
      ]);
      next = following;
      replaced += removed;
      for (const [k, doc] of batch.entries())
        for (const s of derived[k]?.stats ?? []) count(deltas, doc.officeCode, s, 1);
    }
    for (const [office, perOffice] of deltas) await applyDeltas(trx, office, perOffice);
    return { indexed: docs.length, replaced };
  });
};

const sliceSize = 50;

/** The next turn of the event loop (`setImmediate` where there is one, as in Node; else a timer). */
const yieldTo = (resolve: () => void): void => {
  if (typeof globalThis.setImmediate === "function") globalThis.setImmediate(resolve);
  else globalThis.setTimeout(resolve, 0);
};

/**
 * `derive` over a batch in slices, yielding to the event loop between them: the statements of the batch being
 * written go out and their answers come back meanwhile.
 */
const deriveInSlices = async (batch: ReadonlyArray<SearchDocument>): Promise<DerivedDocument[]> => {
  const out: DerivedDocument[] = [];
  for (let i = 0; i < batch.length; i += sliceSize) {
    await new Promise<void>(yieldTo);
    for (const doc of batch.slice(i, i + sliceSize)) out.push(derive(doc));
  }
  return out;
};

/** One batch: the documents it replaces deleted (their counters taken away), then its rows and marks inserted. */
const writeBatch = async (
  trx: Db,
  batch: ReadonlyArray<SearchDocument>,
  derived: ReadonlyArray<DerivedDocument>,
  deltas: Deltas,
): Promise<number> => {
  const replaced = await deleteDocuments(trx, batch, deltas);
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
  return replaced;
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
