/**
 * Writing ST.96 V6_0 Madrid documents. Elements are written in schema order; every output validates against
 * `MadridIBToOfficeTransaction_V6_0.xsd` / `MadridOfficeToIBTransaction_V6_0.xsd` (tested with xmllint).
 */
import * as IB from "./IBTransaction.js";
import { header, transaction } from "./internal/ib-xml.js";
import { officeHeader, officeTransaction } from "./internal/office-xml.js";
import { el, rootAttrs, toXml, write } from "./internal/xml.js";
import type * as Office from "./OfficeTransaction.js";

const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The header counts (`tmk:MadridIBTransactionCountBag`) for a list of transactions. */
export const countTransactions = (
  transactions: ReadonlyArray<IB.IBTransaction>,
): Pick<IB.Header, "transactionCount" | "counts"> => {
  const counts = new Map<IB.Header["counts"][number]["category"], number>();
  for (const t of transactions) {
    const c = IB.transactionCategory(t);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return {
    transactionCount: transactions.length,
    counts: [...counts].map(([category, count]) => ({ category, count })) as unknown as IB.Header["counts"],
  };
};

/** One IB → office document. The header's counts are recomputed from the transactions. */
export const buildIBDocument = (doc: IB.Document): string =>
  prolog +
  toXml(
    el(
      "tmk:MadridIBToOfficeTransaction",
      [
        header({ ...doc.header, ...countTransactions(doc.transactions) }),
        el("tmk:MadridIBToOfficeBag", doc.transactions.map(transaction)),
      ],
      rootAttrs,
    ),
  );

/**
 * The same document as a sequence of text chunks, for batches too large to hold in memory. The header is
 * written as given (its counts must match the transactions that follow).
 */
export function* streamIBDocument(h: IB.Header, transactions: Iterable<IB.IBTransaction>): Generator<string> {
  const attrs = Object.entries(rootAttrs)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join("");
  yield `${prolog}<tmk:MadridIBToOfficeTransaction${attrs}>${toXml(header(h))}<tmk:MadridIBToOfficeBag>`;
  for (const t of transactions) {
    const out: Array<string> = [];
    write(transaction(t), out);
    yield out.join("");
  }
  yield "</tmk:MadridIBToOfficeBag></tmk:MadridIBToOfficeTransaction>\n";
}

/** One office → IB document. */
export const buildOfficeDocument = (doc: Office.Document): string =>
  prolog +
  toXml(
    el(
      "tmk:MadridOfficeToIBTransaction",
      [
        officeHeader(doc.header, doc.transactions),
        el("tmk:MadridOfficeToIBBag", doc.transactions.map(officeTransaction)),
      ],
      rootAttrs,
    ),
  );
