/**
 * From a search document to the rows the engine stores: the query columns of `search_document`, one `search_mark`
 * row per mark text with its keys, and the statistic keys the document counts towards.
 */
import type { Insertable } from "kysely";
import { Result } from "effect";
import * as Keys from "../Keys.js";
import * as Numbers from "../Numbers.js";
import type { SearchDocument } from "../SearchDocument.js";
import type { SearchDocumentTable, SearchMarkTable } from "../SearchSchema.js";
import { arabicCode, ipcPath, locarnoPath, numberKeys, viennaPath } from "./codes.js";

/** Legal-form words dropped from an owner's name before counting applicants (fold applied first). */
const legalForms = new Set([
  "ltd",
  "limited",
  "llc",
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "gmbh",
  "ag",
  "kg",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "bv",
  "nv",
  "plc",
  "oy",
  "ab",
  "as",
  "kk",
  "pte",
  "pty",
  "sl",
  "wll",
  "saoc",
  "saog",
  "the",
  "and",
  "شركة",
  "ش",
  "م",
  "ذ",
]);

/**
 * A small memo for the keys of texts that repeat across a register (owners, agents, goods terms): a batch of a
 * thousand marks names far fewer parties and terms. Bounded, so a long load never grows it past `memoSize`.
 */
const memoSize = 50_000;
const memo = <A>(f: (text: string) => A): ((text: string) => A) => {
  const cache = new Map<string, A>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = f(text);
    if (cache.size >= memoSize) cache.clear();
    cache.set(text, value);
    return value;
  };
};

const fold = memo(Keys.fold);
// The same mark text recurs across a register (a word mark filed in many classes, a house mark's series).
const documentKeys = memo(Keys.forDocument);
const skeleton = memo(Keys.skeleton);

/** The name of an owner as counted among applicants: folded, without punctuation and legal-form words. */
export const ownerKey = (name: string): string => cachedOwnerKey(name);

const computeOwnerKey = (name: string): string => {
  const words = fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .split(" ")
    .filter((w) => w !== "");
  const kept = words.filter((w) => !legalForms.has(w));
  return (kept.length > 0 ? kept : words).join(" ");
};
const cachedOwnerKey = memo(computeOwnerKey);

/** The application number as it sorts: canonical form, digit groups padded so 2021/9 comes before 2021/10. */
const applicationKey = (text: string | undefined): string => {
  if (text === undefined) return "";
  const canonical = Numbers.normalise("application", text);
  const form = Result.isSuccess(canonical) ? canonical.success : text.toUpperCase();
  return form.replace(/\d+/g, (d) => d.padStart(12, "0")).slice(0, 200);
};

const joinFolded = (texts: ReadonlyArray<string>): string => texts.map(fold).join(" | ");

const unique = <A>(values: Iterable<A>): A[] => [...new Set(values)];

/** The separator inside a statistic key (name, then its parts). */
export const statSeparator = "\u001f";

export interface DerivedDocument {
  readonly row: Insertable<SearchDocumentTable>;
  readonly marks: ReadonlyArray<Insertable<SearchMarkTable>>;
  /** The statistic counters the document counts towards, each `name␟key␟label` (label may be empty). */
  readonly stats: ReadonlyArray<string>;
}

const clean = (text: string) => text.replaceAll(statSeparator, " ");

/** A statistic counter as stored in `stat_keys`: `name␟key␟label`. */
export const statKey = (name: string, key: string, label = ""): string =>
  `${name}${statSeparator}${clean(key)}${statSeparator}${clean(label)}`;

/** The status a document is counted under in the statistics and the status facet. */
export const statusOf = (doc: SearchDocument): string => doc.standardStatus ?? doc.officeStatus ?? "unknown";

export const derive = (doc: SearchDocument): DerivedDocument => {
  const n = doc.numbers;
  const numbers = unique([
    ...numberKeys("application", n.application),
    ...numberKeys("registration", n.registration),
    ...numberKeys("st13", n.st13),
    ...numberKeys("internationalRegistration", n.internationalRegistration),
    ...numberKeys("pct", n.pct),
    ...(n.priority ?? []).flatMap((p) => numberKeys("priority", p)),
  ]);
  const ipc = unique(doc.ipc.flatMap((s) => ipcPath(s)));
  const vienna = unique(doc.vienna.flatMap((s) => viennaPath(s)));
  const locarno = unique(doc.locarno.flatMap((s) => locarnoPath(s)));
  const classes = unique(doc.classes.map((c) => c.class)).sort((a, b) => a - b);
  const classStatuses = unique(doc.classes.map((c) => `${c.class}:${c.status}`));
  const ownerKeys = unique(doc.owners.map(ownerKey).filter((k) => k !== ""));
  const title = doc.title ?? doc.markTexts[0] ?? null;
  const filingYear = doc.dates.filing ? Number(doc.dates.filing.slice(0, 4)) : null;
  const status = statusOf(doc);

  const marks = doc.markTexts.map((text, position): Insertable<SearchMarkTable> => {
    const keys = documentKeys(text);
    return {
      office_code: doc.officeCode,
      record_id: doc.recordId,
      position,
      text,
      folded: keys.fold,
      latin: keys.latin,
      skeleton: keys.skeleton,
      compact: keys.compact,
      arabic: arabicCode(keys.fold),
      phonetic: unique(keys.phonetic),
      words: unique(keys.words),
    };
  });

  const allText = [
    ...doc.markTexts,
    doc.title ?? "",
    ...doc.owners,
    ...doc.representatives,
    ...doc.inventors,
    ...marks.map((m) => m.skeleton),
  ]
    .filter((t) => t !== "")
    .map(fold)
    .join(" ");

  const stats = unique([
    statKey("kind", doc.kind),
    statKey("status", status),
    ...classes.map((c) => statKey("nice", String(c))),
    ...ipc.filter((p) => p.length === 1).map((p) => statKey("ipc_section", p)),
    ...ipc.filter((p) => p.length === 3).map((p) => statKey("ipc_class", p)),
    ...(filingYear !== null ? [statKey("filings", `${filingYear}:${doc.kind}`)] : []),
    ...doc.owners
      .map((o) => [ownerKey(o), o] as const)
      .filter(([k]) => k !== "")
      .map(([k, label]) => statKey("applicant", k, label)),
  ]);
  // One count per applicant even when the same owner is written twice.
  const seen = new Set<string>();
  const uniqueStats = stats.filter((s) => {
    const id = s.slice(0, s.lastIndexOf(statSeparator));
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });

  return {
    row: {
      office_code: doc.officeCode,
      record_id: doc.recordId,
      kind: doc.kind,
      madrid: doc.numbers.internationalRegistration !== undefined,
      title,
      title_key: title === null ? "" : fold(title).slice(0, 200),
      application_key: applicationKey(n.application),
      numbers,
      owners_folded: joinFolded(doc.owners),
      owners_skeleton: doc.owners.map(skeleton).join(" | "),
      owner_keys: ownerKeys,
      representatives_folded: joinFolded(doc.representatives),
      inventors_folded: joinFolded(doc.inventors),
      classes,
      class_statuses: classStatuses,
      vienna,
      ipc,
      locarno,
      designated_states: unique(doc.designatedStates.map((s) => s.toUpperCase())),
      office_status: doc.officeStatus ?? null,
      standard_status: doc.standardStatus ?? null,
      filing_date: doc.dates.filing ?? null,
      priority_date: doc.dates.priority ?? null,
      publication_date: doc.dates.publication ?? null,
      registration_date: doc.dates.registration ?? null,
      expiry_date: doc.dates.expiry ?? null,
      filing_year: filingYear,
      terms_text: doc.terms.map(fold).join(" "),
      all_text: allText,
      stat_keys: uniqueStats,
      keys_version: Keys.version,
      document: JSON.stringify(doc),
    },
    marks,
    stats: uniqueStats,
  };
};
