/**
 * Criteria to SQL. Every value travels as a bound parameter (`sql` template); only column names and operators are
 * written into the statement. Each criterion is shaped so an index answers it: GIN on arrays (`&&`, `@>`), pg_trgm
 * GIN for `LIKE` and `%`, full text on `to_tsvector('simple', …)`, b-trees for equality and dates.
 */
import { type RawBuilder, type SqlBool, sql } from "kysely";
import * as Keys from "../Keys.js";
import * as Similarity from "../Similarity.js";
import { arabicCode, ipcPath, locarnoPath, numberKeys, viennaPath } from "./codes.js";
import type { Criterion, MarkMode, NameRole } from "./criteria.js";
import { ownerKey } from "./derive.js";

type Bool = RawBuilder<SqlBool>;

const TRUE: Bool = sql<SqlBool>`true`;
const FALSE: Bool = sql<SqlBool>`false`;

/** `LIKE` pattern for a literal text: backslash, `%` and `_` escaped (backslash is LIKE's default escape). */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const texts = (values: ReadonlyArray<string>) => sql`${[...values]}::text[]`;
const ints = (values: ReadonlyArray<number>) => sql`${[...values]}::integer[]`;

const unique = <A>(values: Iterable<A>): A[] => [...new Set(values)];

const distinctive = (phonetic: ReadonlyArray<string>): string[] => {
  const long = phonetic.filter((k) => k.length >= 2);
  return long.length > 0 ? long : [...phonetic];
};

/** Letters transliterations of one name disagree on, in skeletons: kh and h (`خالد` KHALID, `Халид` HALID), w and v/f. */
const looseLetters: Readonly<Record<string, string>> = { x: "h", h: "x", w: "f", f: "w" };

/**
 * The skeletons a mark alike may have stored, for equality through the skeleton's B-tree: the skeleton itself, with
 * each kh/h and w/f swapped (as `Similarity` compares them loosely; at most 16 forms), and without a leading `l` of
 * an Arabic article written into a Latin word (LUXOR `lksr`, `الأقصر` `ksr`: the article is not in an Arabic mark's
 * skeleton).
 */
export const skeletonVariants = (skeleton: string): string[] => {
  if (skeleton === "") return [];
  let forms = [""];
  let swaps = 0;
  for (const c of skeleton) {
    const other = looseLetters[c];
    if (other !== undefined && swaps < 4) {
      swaps++;
      forms = forms.flatMap((f) => [f + c, f + other]);
    } else forms = forms.map((f) => f + c);
  }
  const out = new Set(forms);
  const first = skeleton.split(" ")[0] ?? "";
  if (first.startsWith("l") && first.length >= 4) out.add(skeleton.slice(1));
  return [...out];
};

/** The keys of a text a `similar` criterion looks for, and the predicate over `search_mark m` that finds candidates. */
export const similarKeys = (text: string) => {
  const keys = Keys.forDocument(text);
  return {
    fold: keys.fold,
    latin: keys.latin,
    skeleton: keys.skeleton,
    compact: keys.compact,
    arabic: arabicCode(keys.fold),
    // One-letter keys (of articles and initials: `de` T, `la` L, `i` A) match a large share of the register; they count
    // only when the text has no other.
    phonetic: distinctive(unique(keys.phonetic)),
    // Words of one or two letters (articles, initials) would draw in half the register.
    words: unique(keys.words.filter((w) => [...w].length >= 3)),
  };
};

/**
 * The candidate conditions of a similar mark text, one per index that can answer it; a text with digits or letters
 * standing for words (`4U`) also looks for what it reads as (`for you`).
 */
const candidateParts = (text: string): Bool[] => {
  const reading = Similarity.prepare(text).reading;
  const own = keyParts(text);
  return reading === undefined || reading === text ? own : [...own, ...keyParts(reading)];
};

const keyParts = (text: string): Bool[] => {
  const k = similarKeys(text);
  const parts: Bool[] = [];
  if (k.latin !== "") parts.push(sql<SqlBool>`m.latin % ${k.latin}`);
  if (k.skeleton !== "") {
    parts.push(sql<SqlBool>`m.skeleton = any(${texts(skeletonVariants(k.skeleton))})`);
    // Trigrams of a skeleton of a few consonants ("gl zr") match a large share of the register: the planner then reads
    // the whole table rather than the index, and the equality above already finds those marks. A Latin text's near
    // skeletons come through the romanised column (Arabic and Cyrillic marks are stored romanised too), so the
    // skeleton's trigrams, the dearest scan of all, serve only texts in Arabic or Cyrillic script.
    if (k.skeleton.replace(/\s/g, "").length >= 5 && Keys.scripts(text).some((x) => x === "arabic" || x === "cyrillic"))
      parts.push(sql<SqlBool>`m.skeleton % ${k.skeleton}`);
  }
  if (k.arabic !== "") parts.push(sql<SqlBool>`m.arabic % ${k.arabic}`);
  if (k.phonetic.length > 0) parts.push(sql<SqlBool>`m.phonetic && ${texts(k.phonetic)}`);
  if (k.compact !== "") parts.push(sql<SqlBool>`m.compact = ${k.compact}`);
  if (k.words.length > 0) parts.push(sql<SqlBool>`m.words && ${texts(k.words)}`);
  return parts;
};

/** Any of the candidate conditions, over one record's marks `m` (for the ranking score). */
export const markCandidate = (text: string): Bool => {
  const parts = candidateParts(text);
  return parts.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
};

/** A score in SQL used only to choose which candidates to re-rank when there are more than the engine re-ranks. */
export const markCandidateScore = (text: string) => {
  const k = similarKeys(text);
  // Only the keys the text has: a similarity with an empty key is 0 and costs as much as any other.
  const parts = [
    ...(k.latin !== "" ? [sql<number>`similarity(m.latin, ${k.latin})`] : []),
    ...(k.skeleton !== "" ? [sql<number>`similarity(m.skeleton, ${k.skeleton})`] : []),
    ...(k.arabic !== "" ? [sql<number>`similarity(m.arabic, ${k.arabic})`] : []),
    ...(k.phonetic.length > 0 ? [sql<number>`case when m.phonetic && ${texts(k.phonetic)} then 0.5 else 0 end`] : []),
  ];
  return parts.length === 0 ? sql<number>`0::real` : sql<number>`greatest(${sql.join(parts)})`;
};

/** Rows one index branch of a similar search yields at most (a common word or phonetic key would yield thousands). */
export const branchLimit = 500;

/**
 * The candidate marks of a similar text with a trigram score each: one branch per condition, each answered by its own
 * index and cut at `branchLimit` rows (an `OR` of the seven conditions is costed as one scan and planned as a
 * sequential scan), joined by `UNION ALL`; then the best score per record. Columns: `record_id`, `s`.
 */
export const scoredCandidates = (office: string, text: string) => {
  const parts = candidateParts(text);
  if (parts.length === 0) return sql`select null::text as record_id, 0::real as s where false`;
  const score = markCandidateScore(text);
  const branches = parts.map(
    (p) =>
      sql`(select m.record_id, ${score} as s from search_mark m where m.office_code = ${office} and ${p} limit ${branchLimit})`,
  );
  return sql`select x.record_id, max(x.s) as s from (${sql.join(branches, sql` union all `)}) x group by x.record_id`;
};

const similarMarks = (office: string, text: string): Bool =>
  sql<SqlBool>`d.record_id in (select c.record_id from (${scoredCandidates(office, text)}) c)`;

const markPredicate = (text: string, mode: MarkMode): Bool => {
  switch (mode) {
    case "exact": {
      const fold = Keys.fold(text);
      return fold === "" ? FALSE : sql<SqlBool>`m.folded = ${fold}`;
    }
    case "contains": {
      const compact = Keys.compact(text);
      if (compact === "") return FALSE;
      const code = arabicCode(Keys.fold(text));
      // In a database whose LC_CTYPE is C, pg_trgm sees no trigram in Arabic text; the ASCII code of the letters
      // gives the index something to work with.
      const arabic = code.length >= 3 ? sql<SqlBool>` and m.arabic like ${`%${likeLiteral(code)}%`}` : sql``;
      return sql<SqlBool>`(m.compact like ${`%${likeLiteral(compact)}%`}${arabic})`;
    }
    case "similar":
      return markCandidate(text);
  }
};

/**
 * An `exact` or `contains` mark criterion at the top of the tree or among the items of its top-level `And`: the marks
 * it selects (a statement over `search_mark m` giving `record_id`) and the rest of the tree. Read first, through the
 * mark indexes, they keep the planner from walking the whole register in date order in search of a rare text.
 */
export const leadingMark = (
  c: Criterion,
  office: string,
): { readonly marks: RawBuilder<unknown>; readonly rest: Criterion } | undefined => {
  const marksOf = (x: Criterion) =>
    x._tag === "Mark" && x.mode !== "similar"
      ? sql`select m.record_id from search_mark m where m.office_code = ${office} and ${markPredicate(x.text, x.mode)}`
      : undefined;
  const own = marksOf(c);
  if (own) return { marks: own, rest: { _tag: "All" } };
  if (c._tag !== "And") return undefined;
  const at = c.items.findIndex((x) => marksOf(x) !== undefined);
  const lead = c.items[at];
  const marks = lead && marksOf(lead);
  return marks ? { marks, rest: { _tag: "And", items: c.items.filter((_, i) => i !== at) } } : undefined;
};

const inMarks = (office: string, predicate: Bool): Bool =>
  sql<SqlBool>`d.record_id in (select m.record_id from search_mark m where m.office_code = ${office} and ${predicate})`;

const nameColumns: Record<Exclude<NameRole, "any">, string> = {
  owner: "owners_folded",
  representative: "representatives_folded",
  inventor: "inventors_folded",
};

const namePredicate = (text: string, role: NameRole, mode: MarkMode): Bool => {
  const fold = Keys.fold(text);
  if (fold === "") return FALSE;
  const roles: ReadonlyArray<Exclude<NameRole, "any">> =
    role === "any" ? ["owner", "representative", "inventor"] : [role];
  const per = roles.map((r) => {
    const column = sql.ref(`d.${nameColumns[r]}`);
    switch (mode) {
      case "exact":
        if (r === "owner") return sql<SqlBool>`d.owner_keys @> ${texts([ownerKey(text)])}`;
        return sql<SqlBool>`(${column} like ${`%${likeLiteral(fold)}%`} and (' | ' || ${column} || ' | ') like ${`% | ${likeLiteral(fold)} | %`})`;
      case "contains":
        return sql<SqlBool>`${column} like ${`%${likeLiteral(fold)}%`}`;
      case "similar": {
        if (r !== "owner") return sql<SqlBool>`${column} %> ${fold}`;
        const skeleton = Keys.skeleton(text);
        return skeleton === ""
          ? sql<SqlBool>`d.owners_folded %> ${fold}`
          : sql<SqlBool>`(d.owners_skeleton %> ${skeleton} or d.owners_folded %> ${fold})`;
      }
    }
    return FALSE;
  });
  return per.length === 1 ? (per[0] as Bool) : sql<SqlBool>`(${sql.join(per, sql` or `)})`;
};

const dateColumns = {
  filing: "filing_date",
  priority: "priority_date",
  publication: "publication_date",
  registration: "registration_date",
  expiry: "expiry_date",
} as const;

/** The date columns whose keyset index is on `coalesce(column, date '0001-01-01')` (see `SearchSchema`). */
const sortedDates: Partial<Record<keyof typeof dateColumns, string>> = {
  filing: "filing_date",
  registration: "registration_date",
};

/** True for a real calendar date written YYYY-MM-DD, from 0001-01-01 to 9999-12-31. */
export const isCalendarDate = (text: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(2000, mo, 0)).getUTCDate();
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 ? (leap ? 29 : 28) : days);
};

export interface CompileOptions {
  /** A similar mark text whose candidates a CTE named `c` (`scoredCandidates`) already holds. */
  readonly candidatesOf?: string;
}

/** Compiles a criterion over `search_document d` of one office. */
export const compile = (c: Criterion, office: string, options: CompileOptions = {}): Bool => {
  const compileIn = (x: Criterion) => compile(x, office, options);
  switch (c._tag) {
    case "All":
      return TRUE;
    case "None":
      return FALSE;
    case "And":
      return c.items.length === 0 ? TRUE : sql<SqlBool>`(${sql.join(c.items.map(compileIn), sql` and `)})`;
    case "Or":
      return c.items.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(c.items.map(compileIn), sql` or `)})`;
    case "Not":
      return sql<SqlBool>`not coalesce(${compileIn(c.item)}, false)`;
    case "Text": {
      const fold = Keys.fold(c.text);
      return fold === ""
        ? FALSE
        : sql<SqlBool>`to_tsvector('simple', d.all_text) @@ plainto_tsquery('simple', ${fold})`;
    }
    case "Term": {
      const fold = Keys.fold(c.text);
      return fold === ""
        ? FALSE
        : sql<SqlBool>`to_tsvector('simple', d.terms_text) @@ plainto_tsquery('simple', ${fold})`;
    }
    case "Mark":
      if (c.mode !== "similar") return inMarks(office, markPredicate(c.text, c.mode));
      return options.candidatesOf === c.text
        ? sql<SqlBool>`d.record_id in (select c.record_id from c)`
        : similarMarks(office, c.text);
    case "Name":
      return namePredicate(c.text, c.role, c.mode);
    case "OwnerKey":
      return sql<SqlBool>`d.owner_keys @> ${texts([c.key])}`;
    case "Number": {
      const forms = numberKeys(c.kind, c.text);
      return forms.length === 0 ? FALSE : sql<SqlBool>`d.numbers && ${texts(forms)}`;
    }
    case "Kind": {
      const kind = c.kinds.length === 0 ? TRUE : sql<SqlBool>`d.kind in (${sql.join(c.kinds.map((k) => sql`${k}`))})`;
      return c.madrid === undefined ? kind : sql<SqlBool>`(${kind} and d.madrid = ${c.madrid})`;
    }
    case "Status":
      if (c.statuses.length === 0) return TRUE;
      if (c.scheme === "office") return sql<SqlBool>`d.office_status = any(${texts(c.statuses)})`;
      if (c.scheme === "standard") return sql<SqlBool>`d.standard_status = any(${texts(c.statuses)})`;
      return sql<SqlBool>`(d.standard_status = any(${texts(c.statuses)}) or d.office_status = any(${texts(c.statuses)}))`;
    case "NiceClass": {
      if (c.classes.length === 0) return TRUE;
      const all = c.match === "all";
      if (c.statuses === undefined || c.statuses.length === 0)
        return all ? sql<SqlBool>`d.classes @> ${ints(c.classes)}` : sql<SqlBool>`d.classes && ${ints(c.classes)}`;
      const statuses = c.statuses;
      if (!all)
        return sql<SqlBool>`d.class_statuses && ${texts(c.classes.flatMap((k) => statuses.map((s) => `${k}:${s}`)))}`;
      return sql<SqlBool>`(${sql.join(
        c.classes.map((k) => sql<SqlBool>`d.class_statuses && ${texts(statuses.map((s) => `${k}:${s}`))}`),
        sql` and `,
      )})`;
    }
    case "Vienna":
      return pathsPredicate(
        "vienna",
        c.codes.map((x) => viennaPath(x).at(-1)),
      );
    case "Ipc":
      return pathsPredicate(
        "ipc",
        c.symbols.map((x) => ipcPath(x).at(-1)),
      );
    case "Locarno":
      return pathsPredicate(
        "locarno",
        c.codes.map((x) => locarnoPath(x).at(-1)),
      );
    case "Dates": {
      const column = sql.ref(`d.${dateColumns[c.field]}`);
      // A date the calendar does not have (2024-02-30, year 0) matches nothing rather than failing the statement.
      if ((c.from !== undefined && !isCalendarDate(c.from)) || (c.to !== undefined && !isCalendarDate(c.to)))
        return FALSE;
      const parts: Bool[] = [];
      if (c.from !== undefined) parts.push(sql<SqlBool>`${column} >= ${c.from}::date`);
      if (c.to !== undefined) parts.push(sql<SqlBool>`${column} <= ${c.to}::date`);
      // The keyset indexes of filing and registration dates are on `coalesce(date, 0001-01-01)`: the same range on
      // that expression (implied by the one above) lets a page in date order start at the range instead of walking
      // every newer right (2.5 s at 750,000 rights for a class in one year).
      const keyed = sortedDates[c.field];
      if (keyed !== undefined) {
        const key = sql`coalesce(${sql.ref(`d.${keyed}`)}, ${"0001-01-01"}::date)`;
        if (c.from !== undefined) parts.push(sql<SqlBool>`${key} >= ${c.from}::date`);
        if (c.to !== undefined) parts.push(sql<SqlBool>`${key} <= ${c.to}::date`);
      }
      return parts.length === 0 ? TRUE : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
    }
    case "Year":
      return c.years.length === 0 ? TRUE : sql<SqlBool>`d.filing_year = any(${ints(c.years)})`;
    case "States":
      return c.states.length === 0
        ? TRUE
        : sql<SqlBool>`d.designated_states && ${texts(c.states.map((s) => s.toUpperCase()))}`;
  }
};

/** A classification criterion over an array of codes with their ancestors: one of the given nodes, or below it. */
const pathsPredicate = (column: "vienna" | "ipc" | "locarno", nodes: ReadonlyArray<string | undefined>): Bool => {
  const known = nodes.filter((n): n is string => n !== undefined);
  if (nodes.length === 0) return TRUE;
  if (known.length === 0) return FALSE;
  return sql<SqlBool>`${sql.ref(`d.${column}`)} && ${texts(known)}`;
};
