/**
 * Storage of rights: the whole record as JSONB (the domain's own JSON form) plus the columns and child rows that lists,
 * filters and statistics query (status, classes with their status, parties). Every write happens inside a
 * transaction the caller opens, together with the event it appends.
 */
import type { Event, IpRight, Publication } from "@ipoffice/domain";
import { type ExpressionBuilder, type Expression, type Kysely, type SqlBool, sql, type Transaction } from "kysely";
import type { Database, NewEventRow } from "../db/schema.js";

type Db = Kysely<Database> | Transaction<Database>;
type Right = IpRight.Right;
type RightEvent = Event.RightEvent;

/** PostgreSQL accepts at most 65,535 parameters a statement: insert in chunks well under that. */
const CHUNK = 500;

const chunks = <T>(rows: ReadonlyArray<T>, size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};

const titleOf = (right: Right): string | null =>
  right.kind === "trademark" ? (right.mark.text ?? null) : (right.title ?? null);

const ownersOf = (right: Right) => right.owners;

export const rightRow = (right: Right) => ({
  office_code: right.officeCode,
  application_number: right.applicationNumber,
  kind: right.kind,
  st13: right.st13,
  status: right.status,
  standard_status: right.standardStatus ? `${right.standardStatus.standard}:${right.standardStatus.code}` : null,
  filing_date: right.filingDate,
  title: titleOf(right),
  owner_names: ownersOf(right)
    .map((o) => o.name)
    .join("; "),
  registration_number: right.registration?.number ?? null,
  expiry_date: right.expiryDate ?? null,
  time_limit_action: right.timeLimit?.action ?? null,
  time_limit_due: right.timeLimit?.due ?? null,
  publication_date: right.publication?.date ?? null,
  registration_date: right.registration?.date ?? null,
  data: JSON.stringify(right),
  version: right.version,
  updated_at: new Date().toISOString(),
});

export const classRows = (right: Right) =>
  right.kind === "trademark"
    ? right.goodsAndServices.map((c) => ({
        office_code: right.officeCode,
        application_number: right.applicationNumber,
        class_number: c.classNumber,
        status: c.status,
      }))
    : [];

export const partyRows = (right: Right) => {
  const base = { office_code: right.officeCode, application_number: right.applicationNumber };
  const rows: Array<typeof base & { role: string; position: number; name: string; country: string | null }> = [];
  const add = (role: string, parties: ReadonlyArray<{ name: string; country?: string | undefined }> | undefined) => {
    parties?.forEach((p, position) => {
      rows.push({ ...base, role, position, name: p.name, country: p.country ?? null });
    });
  };
  add("owner", right.owners);
  add("representative", right.representatives);
  if (right.kind === "patent" || right.kind === "utility_model") add("inventor", right.inventors);
  if (right.kind === "industrial_design") add("designer", right.designers);
  return rows;
};

export const eventRow = (event: RightEvent, updatedAt?: string): NewEventRow => ({
  office_code: event.officeCode,
  application_number: event.applicationNumber,
  at: updatedAt ?? event.at,
  actor_id: event.actor.id,
  actor_role: event.actor.role,
  action: event.action,
  reason: event.reason ?? null,
  from_status: event.fromStatus ?? null,
  to_status: event.toStatus,
  standard_code: event.standardCode ?? null,
  data: JSON.stringify(event),
});

/** Inserts new rights with their child rows and events, in multi-row statements. */
export const insertRights = async (
  trx: Db,
  rights: ReadonlyArray<Right>,
  events: ReadonlyArray<RightEvent>,
): Promise<void> => {
  for (const part of chunks(rights.map(rightRow), 200)) await trx.insertInto("rights").values(part).execute();
  for (const part of chunks(rights.flatMap(classRows))) await trx.insertInto("right_classes").values(part).execute();
  for (const part of chunks(rights.flatMap(partyRows))) await trx.insertInto("right_parties").values(part).execute();
  for (const part of chunks(
    events.map((e) => eventRow(e)),
    300,
  ))
    await trx.insertInto("right_events").values(part).execute();
};

/** Writes a changed right (optimistic: only if the stored version is the one it was read at) and its event. */
export const updateRight = async (
  trx: Db,
  right: Right,
  previousVersion: number,
  event: RightEvent,
): Promise<boolean> => {
  const { office_code, application_number, ...changes } = rightRow(right);
  const result = await trx
    .updateTable("rights")
    .set(changes)
    .where("office_code", "=", office_code)
    .where("application_number", "=", application_number)
    .where("version", "=", previousVersion)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  await trx
    .deleteFrom("right_classes")
    .where("office_code", "=", office_code)
    .where("application_number", "=", application_number)
    .execute();
  await trx
    .deleteFrom("right_parties")
    .where("office_code", "=", office_code)
    .where("application_number", "=", application_number)
    .execute();
  const classes = classRows(right);
  if (classes.length > 0) await trx.insertInto("right_classes").values(classes).execute();
  const parties = partyRows(right);
  if (parties.length > 0) await trx.insertInto("right_parties").values(parties).execute();
  await trx.insertInto("right_events").values(eventRow(event)).execute();
  return true;
};

// ---------------------------------------------------------------------------------------------------------------
// What the public may see: the domain's publication rule as a WHERE clause

/** The publication rule resolved against the office's workflows, and the office's date it is applied on. */
export interface PublicFilter {
  readonly visibility: Publication.Visibility;
  readonly today: string;
}

const kinds: ReadonlyArray<IpRight.IpKind> = ["trademark", "patent", "industrial_design", "utility_model"];

/**
 * The SQL form of `Publication.isPublic`, clause for clause: filed on or before today, and for the right's kind one
 * of its milestones reached (a publication or registration date on or before today; without such a date, a status
 * the workflow reaches only after the publication or registration). A test checks both agree on random rights.
 */
export const publicClause =
  (filter: PublicFilter) =>
  (eb: ExpressionBuilder<Database, "rights">): Expression<SqlBool> => {
    const { today } = filter;
    const statusIn = (statuses: ReadonlyArray<string>) =>
      statuses.length === 0 ? eb.lit(false) : eb("rights.status", "in", statuses);
    const milestone = (kind: Publication.KindVisibility, m: Publication.Milestone): Expression<SqlBool> => {
      switch (m) {
        case "filing":
          return eb.lit(true);
        case "publication":
          return eb.or([
            eb("rights.publication_date", "<=", today),
            eb.and([eb("rights.publication_date", "is", null), statusIn(kind.publishedStates)]),
          ]);
        case "registration":
          return eb.or([
            eb("rights.registration_date", "<=", today),
            eb.and([eb("rights.registration_date", "is", null), statusIn(kind.registeredStates)]),
          ]);
      }
    };
    return eb.and([
      eb("rights.filing_date", "<=", today),
      eb.or(
        kinds.map((k) => {
          const kind = filter.visibility[k];
          return eb.and([eb("rights.kind", "=", k), eb.or(kind.milestones.map((m) => milestone(kind, m)))]);
        }),
      ),
    ]);
  };

/** Of the given application numbers (office or ST.13 form), those the filter lets through (all without a filter). */
export const visibleNumbers = async (
  db: Db,
  officeCode: string,
  numbers: ReadonlyArray<string>,
  filter: PublicFilter | undefined,
): Promise<Set<string>> => {
  if (numbers.length === 0) return new Set();
  let query = db
    .selectFrom("rights")
    .select(["application_number", "st13"])
    .where("office_code", "=", officeCode)
    .where((eb) => eb.or([eb("application_number", "in", [...numbers]), eb("st13", "in", [...numbers])]));
  if (filter) query = query.where(publicClause(filter));
  const rows = await query.execute();
  const found = new Set(rows.flatMap((r) => [r.application_number, r.st13]));
  return new Set(numbers.filter((n) => found.has(n)));
};

export const findRight = async (
  db: Db,
  officeCode: string,
  applicationNumber: string,
  options: { forUpdate?: boolean; filter?: PublicFilter | undefined } = {},
): Promise<Right | undefined> => {
  let query = db
    .selectFrom("rights")
    .select("data")
    .where("office_code", "=", officeCode)
    .where((eb) => eb.or([eb("application_number", "=", applicationNumber), eb("st13", "=", applicationNumber)]));
  if (options.filter) query = query.where(publicClause(options.filter));
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? (row.data as Right) : undefined;
};

/** The rights of these office numbers the filter lets through, in the order of the numbers given (one query). */
export const findRights = async (
  db: Db,
  officeCode: string,
  numbers: ReadonlyArray<string>,
  filter: PublicFilter | undefined,
): Promise<Right[]> => {
  if (numbers.length === 0) return [];
  let query = db
    .selectFrom("rights")
    .select(["application_number", "data"])
    .where("office_code", "=", officeCode)
    .where("application_number", "in", [...numbers]);
  if (filter) query = query.where(publicClause(filter));
  const rows = new Map((await query.execute()).map((r) => [r.application_number, r.data as Right]));
  return numbers.flatMap((n) => rows.get(n) ?? []);
};

export interface ListQuery {
  readonly kind?: string | undefined;
  readonly status?: string | undefined;
  readonly q?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export interface RightSummary {
  readonly applicationNumber: string;
  readonly st13: string;
  readonly kind: string;
  readonly title: string | null;
  readonly status: string;
  readonly standardStatus: string | null;
  readonly filingDate: string;
  readonly owners: string;
  readonly registrationNumber: string | null;
  readonly expiryDate: string | null;
  readonly classes: ReadonlyArray<{ readonly classNumber: number; readonly status: string }>;
}

/** A page of rights, newest first, with the total; with a filter, only what it lets through (counted the same way). */
export const listRights = async (
  db: Db,
  officeCode: string,
  query: ListQuery,
  filter?: PublicFilter,
): Promise<{ items: RightSummary[]; total: number }> => {
  let base = db.selectFrom("rights").where("office_code", "=", officeCode);
  if (filter) base = base.where(publicClause(filter));
  if (query.kind) base = base.where("kind", "=", query.kind);
  if (query.status) base = base.where("status", "=", query.status);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb("title", "ilike", pattern),
        eb("owner_names", "ilike", pattern),
        eb("application_number", "ilike", pattern),
      ]),
    );
  }
  const [countRow, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow(),
    base
      .select([
        "application_number",
        "st13",
        "kind",
        "title",
        "status",
        "standard_status",
        "filing_date",
        "owner_names",
        "registration_number",
        "expiry_date",
      ])
      .select((eb) =>
        sql<Array<{ classNumber: number; status: string }>>`coalesce((
          select json_agg(json_build_object('classNumber', c.class_number, 'status', c.status) order by c.class_number)
          from right_classes c
          where c.office_code = ${eb.ref("rights.office_code")} and c.application_number = ${eb.ref("rights.application_number")}
        ), '[]'::json)`.as("classes"),
      )
      .orderBy("filing_date", "desc")
      .orderBy("application_number", "desc")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  return {
    total: Number(countRow.n),
    items: rows.map((r) => ({
      applicationNumber: r.application_number,
      st13: r.st13,
      kind: r.kind,
      title: r.title,
      status: r.status,
      standardStatus: r.standard_status,
      filingDate: r.filing_date,
      owners: r.owner_names,
      registrationNumber: r.registration_number,
      expiryDate: r.expiry_date,
      classes: r.classes,
    })),
  };
};

export const listEvents = async (db: Db, officeCode: string, applicationNumber: string): Promise<RightEvent[]> => {
  const rows = await db
    .selectFrom("right_events")
    .select(["id", "data"])
    .where("office_code", "=", officeCode)
    .where("application_number", "=", applicationNumber)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...(r.data as RightEvent), id: String(r.id) }));
};

/** The numbers of the rights whose pending time limit has run out on `today`, oldest first. */
export const dueTimeLimits = async (db: Db, officeCode: string, today: string, limit: number): Promise<string[]> => {
  const rows = await db
    .selectFrom("rights")
    .select("application_number")
    .where("office_code", "=", officeCode)
    .where("time_limit_due", "<=", today)
    .orderBy("time_limit_due")
    .orderBy("application_number")
    .limit(limit)
    .execute();
  return rows.map((r) => r.application_number);
};

/** The counter year of a continuous series (a number pattern without a year): one row that never restarts. */
export const CONTINUOUS = 0;

/**
 * Reserves `count` consecutive serial numbers of a series and year; returns the first. The counter is a row of
 * `number_sequences` updated in the caller's transaction (decision 0693): its row lock serialises concurrent
 * filings until commit, and a rolled-back filing gives its numbers back, so the serials have no gaps and no repeats.
 * `year` is the filing or registration year of a yearly series, `CONTINUOUS` (0) for one that never restarts: a
 * continuous series created where yearly counters of the same series exist (an office that dropped the year from its
 * pattern) continues after the highest of them, so no number already issued comes again.
 */
export const allocateSerials = async (
  trx: Db,
  officeCode: string,
  series: string,
  year: number,
  count: number,
): Promise<number> => {
  if (year === CONTINUOUS) {
    const { rows } = await sql<{ last_serial: number }>`
      insert into number_sequences (office_code, series, year, last_serial)
      select ${officeCode}, ${series}, ${CONTINUOUS}, coalesce(max(last_serial), 0) + ${count}
        from number_sequences where office_code = ${officeCode} and series = ${series}
      on conflict (office_code, series, year) do update set last_serial = number_sequences.last_serial + ${count}
      returning last_serial`.execute(trx);
    const row = rows[0];
    if (row === undefined) throw new Error(`no serial reserved for ${officeCode} ${series}`);
    return Number(row.last_serial) - count + 1;
  }
  const row = await trx
    .insertInto("number_sequences")
    .values({ office_code: officeCode, series, year, last_serial: count })
    .onConflict((oc) =>
      oc
        .columns(["office_code", "series", "year"])
        .doUpdateSet((eb) => ({ last_serial: sql<number>`${eb.ref("number_sequences.last_serial")} + ${count}` })),
    )
    .returning("last_serial")
    .executeTakeFirstOrThrow();
  return row.last_serial - count + 1;
};

/** Raises a series' counter to `serial` when it stands lower (numbers brought in from another system). */
export const raiseSerials = async (
  trx: Db,
  officeCode: string,
  series: string,
  year: number,
  serial: number,
): Promise<void> => {
  await trx
    .insertInto("number_sequences")
    .values({ office_code: officeCode, series, year, last_serial: serial })
    .onConflict((oc) =>
      oc.columns(["office_code", "series", "year"]).doUpdateSet((eb) => ({
        last_serial: sql<number>`greatest(${eb.ref("number_sequences.last_serial")}, ${serial})`,
      })),
    )
    .execute();
};

export const countRows = async (db: Db, officeCode: string) => {
  const count = async (table: "rights" | "right_classes" | "right_parties" | "right_events") =>
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
    rights: await count("rights"),
    classes: await count("right_classes"),
    parties: await count("right_parties"),
    events: await count("right_events"),
  };
};

// ---------------------------------------------------------------------------------------------------------------
// The gazette: what the office published in a period

/** A right in a gazette section: its numbers, kind, title and owners, and the date it entered the section. */
export interface GazetteRight {
  readonly applicationNumber: string;
  readonly st13: string;
  readonly kind: string;
  readonly title: string | null;
  readonly ownerNames: string;
  readonly registrationNumber: string | null;
  readonly date: string;
}

/** A recordal or request applied to a right in the period (renewal, transfer, licence…): the userdoc's type. */
export interface GazetteRecordal extends Omit<GazetteRight, "date"> {
  readonly userdoc: string;
  readonly at: string;
}

export interface GazetteSection<A> {
  readonly items: ReadonlyArray<A>;
  readonly total: number;
}

/** A right's listing columns as a gazette entry gives them. */
const gazetteEntry = (r: {
  readonly application_number: string;
  readonly st13: string;
  readonly kind: string;
  readonly title: string | null;
  readonly owner_names: string;
  readonly registration_number: string | null;
}): Omit<GazetteRight, "date"> => ({
  applicationNumber: r.application_number,
  st13: r.st13,
  kind: r.kind,
  title: r.title,
  ownerNames: r.owner_names,
  registrationNumber: r.registration_number,
});

/**
 * The public rights whose publication (or registration) date falls in `[from, to]`, oldest first, at most `limit`
 * with the total. Public as the publication rule says on `filter.today`, so a gazette never shows more than the register.
 */
export const gazetteRights = async (
  db: Db,
  officeCode: string,
  filter: PublicFilter,
  milestone: "publication" | "registration",
  from: string,
  to: string,
  limit: number,
): Promise<GazetteSection<GazetteRight>> => {
  const column = milestone === "publication" ? "publication_date" : "registration_date";
  const base = db
    .selectFrom("rights")
    .where("office_code", "=", officeCode)
    .where(column, ">=", from)
    .where(column, "<=", to)
    .where(publicClause(filter));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow(),
    base
      .select([
        "application_number",
        "st13",
        "kind",
        "title",
        "owner_names",
        "registration_number",
        `${column} as date`,
      ])
      .orderBy(column)
      .orderBy("application_number")
      .limit(limit)
      .execute(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({ ...gazetteEntry(r), date: String(r.date) })),
  };
};

/**
 * The userdocs applied to public rights on a day of `[from, to]` in the office's time zone (renewals, transfers,
 * licences…; an event that carries a userdoc), oldest first, at most `limit` with the total.
 */
export const gazetteRecordals = async (
  db: Db,
  officeCode: string,
  filter: PublicFilter,
  timeZone: string,
  from: string,
  to: string,
  limit: number,
): Promise<GazetteSection<GazetteRecordal>> => {
  const day = sql<string>`(right_events.at at time zone ${timeZone})::date`;
  const userdoc = sql<string>`right_events.data -> 'userdoc' ->> 'type'`;
  const base = db
    .selectFrom("right_events")
    .innerJoin("rights", (join) =>
      join
        .onRef("rights.office_code", "=", "right_events.office_code")
        .onRef("rights.application_number", "=", "right_events.application_number"),
    )
    .where("right_events.office_code", "=", officeCode)
    .where(sql<boolean>`${day} between ${from}::date and ${to}::date`)
    .where(sql<boolean>`${userdoc} is not null`)
    .where(publicClause(filter));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow(),
    base
      .select([
        "rights.application_number",
        "rights.st13",
        "rights.kind",
        "rights.title",
        "rights.owner_names",
        "rights.registration_number",
        "right_events.at",
        userdoc.as("userdoc"),
      ])
      .orderBy("right_events.id")
      .limit(limit)
      .execute(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      ...gazetteEntry(r),
      userdoc: r.userdoc,
      at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
    })),
  };
};
