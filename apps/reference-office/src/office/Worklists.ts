/**
 * The desks' worklists as an Effect service: the items of each queue (src/office/queues.ts) in the order staff work
 * them (the time limit that falls first, items with none after, then the oldest filing), with counts per queue, filters
 * (assigned to me, unassigned, kind, Nice class, text) and keyset pagination; assignment and reassignment to a named
 * account of the office that serves the queue, each item in its own transaction with its audit row
 * (`worklists.assign`); and bulk workflow actions, each item performed and reported on its own.
 *
 * One query per page and one per count, on the indexes of migration 0017. The mark or title shown is the office's own
 * (the register's `title`), never a public projection; what a caller may see is decided by the queues its roles serve.
 */
import { type Actor, Calendar, type IpRight, type Workflow } from "@ipoffice/domain";
import { Clock, Context, Data, Effect, Layer, Result } from "effect";
import { type Kysely, type SqlBool, sql } from "kysely";
import { actorKindOf, appendAudit } from "../audit/Audit.js";
import { type IpKind, kindsOf, type OfficeConfig, todayIn, workflowsOf } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { DatabaseError, type PerformError, Rights } from "../rights/Rights.js";
import {
  type Desks,
  type MadridQueue,
  type Queue,
  type QueueId,
  type RightsQueue,
  queuesFor,
  renewalsCutoff,
  resolveDesks,
  serves,
} from "./queues.js";

/** Who asks: an account or a token of the office, with its roles. */
export interface Caller {
  readonly id: string;
  readonly kind: "account" | "token";
  readonly name: string;
  readonly roles: ReadonlyArray<string>;
}

export const assignedFilters = ["all", "me", "unassigned"] as const;
export type AssignedFilter = (typeof assignedFilters)[number];

export interface WorklistFilter {
  readonly assigned?: AssignedFilter | undefined;
  readonly kind?: IpKind | undefined;
  readonly classNumber?: number | undefined;
  /** Words of the mark or title, an owner, or the number. */
  readonly q?: string | undefined;
  /** The cursor of the page before (`next` of the previous page). */
  readonly after?: string | undefined;
  /** Items per page (default 50, at most 200). */
  readonly limit?: number | undefined;
}

export interface WorklistItem {
  /** `right` (key: application number) or `designation` (key: international registration number). */
  readonly type: "right" | "designation";
  readonly key: string;
  readonly st13?: string | undefined;
  readonly kind: IpKind;
  /** The mark or title as the office holds it. */
  readonly title: string | null;
  readonly owners: string;
  readonly status: string;
  /** Filing date (of a designation: the international registration date). */
  readonly filingDate: string;
  /** The time limit that runs first: its date, the action it fires, and days left (negative: overdue). */
  readonly due?: { readonly date: string; readonly action?: string | undefined; readonly daysLeft: number } | undefined;
  readonly assignee?: { readonly id: string; readonly name: string } | undefined;
}

export interface WorklistPage {
  readonly queue: QueueId;
  readonly items: ReadonlyArray<WorklistItem>;
  /** Items matching the filters (every page). */
  readonly total: number;
  /** The cursor of the next page, when there is one. */
  readonly next?: string | undefined;
}

export interface QueueCount {
  readonly queue: QueueId;
  readonly total: number;
  readonly overdue: number;
  readonly mine: number;
  readonly unassigned: number;
}

/** The queue does not exist for this office, or the caller's roles do not serve it (the same answer). */
export class QueueNotFound extends Data.TaggedError("QueueNotFound")<{ readonly queue: string }> {}

/** The cursor was not made by this service. */
export class BadCursor extends Data.TaggedError("BadCursor")<{ readonly cursor: string }> {}

/** The account named cannot take items of this queue: unknown, disabled, of another office, or serving no role of it. */
export class AssigneeNotAllowed extends Data.TaggedError("AssigneeNotAllowed")<{
  readonly assignee: string;
  readonly queue: QueueId;
  readonly reason: string;
}> {}

/** The action cannot be performed in bulk from this queue (not one of its actions, or it needs input per item). */
export class BulkActionNotAllowed extends Data.TaggedError("BulkActionNotAllowed")<{
  readonly action: string;
  readonly queue: QueueId;
  readonly reason: string;
}> {}

export type ItemOutcome =
  | {
      readonly key: string;
      readonly outcome: "assigned" | "unassigned" | "unchanged";
      readonly from?: string | undefined;
      readonly to?: string | undefined;
    }
  | { readonly key: string; readonly outcome: "performed"; readonly status: string }
  | {
      readonly key: string;
      readonly outcome: "not-in-queue" | "failed";
      /** Why, for a program: `unknown`, `status`, `not-due`, or the failure's tag (`ActionNotAllowed`…). */
      readonly code: string;
      /** Why, in English. */
      readonly reason: string;
    };

export interface Assignable {
  readonly id: string;
  readonly name: string;
  readonly username: string;
}

export interface WorklistsShape {
  readonly desks: Desks;
  /** The queues the caller's roles serve, with their counts. */
  readonly counts: (caller: Caller) => Effect.Effect<ReadonlyArray<QueueCount>, DatabaseError>;
  readonly list: (
    queue: string,
    filter: WorklistFilter,
    caller: Caller,
  ) => Effect.Effect<WorklistPage, QueueNotFound | BadCursor | DatabaseError>;
  /** Active accounts of the office that serve the queue (whom its items may be assigned to). */
  readonly assignees: (
    queue: string,
    caller: Caller,
  ) => Effect.Effect<ReadonlyArray<Assignable>, QueueNotFound | DatabaseError>;
  /**
   * Assigns items (keys) to an account, or unassigns them (`assignee` null). Each item is checked and written on its
   * own with its audit row; the result says, per item, what happened.
   */
  readonly assign: (
    queue: string,
    keys: ReadonlyArray<string>,
    assignee: string | null,
    caller: Caller,
  ) => Effect.Effect<ReadonlyArray<ItemOutcome>, QueueNotFound | AssigneeNotAllowed | DatabaseError>;
  /** The workflow actions of the queue the caller may perform in bulk (no input per item, not per class). */
  readonly bulkActions: (
    queue: Queue,
    caller: Caller,
  ) => ReadonlyArray<{ readonly id: string; readonly labels: Workflow.Labels; readonly irreversible: boolean }>;
  /** Performs one action on each item, each on its own (its own transaction, event and audit row). */
  readonly performMany: (
    queue: string,
    keys: ReadonlyArray<string>,
    action: string,
    caller: Caller,
  ) => Effect.Effect<ReadonlyArray<ItemOutcome>, QueueNotFound | BulkActionNotAllowed | DatabaseError, Rights>;
}

export class Worklists extends Context.Service<Worklists, WorklistsShape>()("ipoffice/Worklists") {}

const query = <A>(run: () => Promise<A>): Effect.Effect<A, DatabaseError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new DatabaseError({ cause }) });

const FAR = "9999-12-31";
export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;

/** A cursor: the sort key of the last item of a page, as base64url JSON. */
const encodeCursor = (parts: ReadonlyArray<string>): string => Buffer.from(JSON.stringify(parts)).toString("base64url");
const decodeCursor = (cursor: string): [string, string, string] | undefined => {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parts) &&
      parts.length === 3 &&
      parts.every((p) => typeof p === "string" && p.length <= 100) &&
      /^\d{4}-\d{2}-\d{2}$/.test(parts[0] as string) &&
      /^\d{4}-\d{2}-\d{2}$/.test(parts[1] as string)
    )
      return parts as [string, string, string];
  } catch {
    return undefined;
  }
  return undefined;
};

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** A workflow action is irreversible when it ends the procedure, refuses, or registers (it needs a confirmation). */
export const isIrreversible = (workflow: Workflow.Definition, action: Workflow.Action): boolean => {
  const finals = new Set(workflow.states.filter((s) => s.final === true).map((s) => s.id));
  return (
    action.effects?.registration === true ||
    (action.to !== undefined && finals.has(action.to)) ||
    action.outcome !== undefined
  );
};

export const makeWorklists = (db: Kysely<Database>, config: OfficeConfig): WorklistsShape => {
  const officeCode = config.office.code;
  const workflows = workflowsOf(config);
  const kinds = kindsOf(config);
  const desks = resolveDesks(workflows, kinds, config);
  const today = Effect.map(Clock.currentTimeMillis, (ms) => ({
    at: new Date(ms).toISOString(),
    today: todayIn(config.office.timeZone, new Date(ms)),
  }));

  const visible = (id: string, caller: Caller): Effect.Effect<Queue, QueueNotFound> => {
    const queue = desks.queues.find((q) => q.id === id);
    return queue !== undefined && serves(queue, caller.roles)
      ? Effect.succeed(queue)
      : Effect.fail(new QueueNotFound({ queue: id.slice(0, 64) }));
  };

  /** The rights of a queue matching the filters (no order, no page); with `only`, of one (kind, status) of it. */
  const rightsBase = (
    queue: RightsQueue,
    filter: WorklistFilter,
    day: Calendar.IsoDate,
    caller: Caller,
    only?: { readonly kind: string; readonly status: string },
  ) => {
    const byKind = new Map<string, string[]>();
    for (const s of queue.states) {
      if (filter.kind !== undefined && s.kind !== filter.kind) continue;
      if (only !== undefined && (s.kind !== only.kind || s.status !== only.status)) continue;
      byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.status]);
    }
    let base = db
      .selectFrom("rights as r")
      .leftJoin("worklist_assignments as a", (join) =>
        join
          .onRef("a.office_code", "=", "r.office_code")
          .on("a.item_type", "=", "right")
          .onRef("a.item_key", "=", "r.application_number"),
      )
      .where("r.office_code", "=", officeCode)
      .where((eb) =>
        byKind.size === 0
          ? sql<SqlBool>`false`
          : eb.or(
              [...byKind].map(([kind, statuses]) => eb.and([eb("r.kind", "=", kind), eb("r.status", "in", statuses)])),
            ),
      );
    // Written on the indexed expression (migration 0017); a right with no time limit is never due.
    if (queue.dueWithinDays !== undefined)
      base = base.where(
        sql<SqlBool>`coalesce(r.time_limit_due, ${sql.lit(FAR)}::date) <= ${renewalsCutoff(day, queue.dueWithinDays)}::date`,
      );
    if (filter.assigned === "me") base = base.where("a.account_id", "=", caller.id);
    if (filter.assigned === "unassigned") base = base.where("a.account_id", "is", null);
    if (filter.classNumber !== undefined) {
      const n = filter.classNumber;
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom("right_classes as c")
            .select(sql`1`.as("one"))
            .whereRef("c.office_code", "=", "r.office_code")
            .whereRef("c.application_number", "=", "r.application_number")
            .where("c.class_number", "=", n),
        ),
      );
    }
    if (filter.q !== undefined && filter.q.trim() !== "") {
      const pattern = likePattern(filter.q.trim());
      base = base.where((eb) =>
        eb.or([
          eb("r.title", "ilike", pattern),
          eb("r.owner_names", "ilike", pattern),
          eb("r.application_number", "ilike", pattern),
        ]),
      );
    }
    return base;
  };

  const madridBase = (queue: MadridQueue, filter: WorklistFilter, caller: Caller) => {
    let base = db
      .selectFrom("madrid_designations as d")
      .leftJoin("worklist_assignments as a", (join) =>
        join
          .onRef("a.office_code", "=", "d.office_code")
          .on("a.item_type", "=", "designation")
          .onRef("a.item_key", "=", "d.ir_number"),
      )
      .where("d.office_code", "=", officeCode)
      .where("d.status", "in", queue.statuses.length === 0 ? ["\u0000"] : [...queue.statuses]);
    // Madrid designations are marks.
    if (filter.kind !== undefined && filter.kind !== "trademark") base = base.where(sql<SqlBool>`false`);
    if (filter.assigned === "me") base = base.where("a.account_id", "=", caller.id);
    if (filter.assigned === "unassigned") base = base.where("a.account_id", "is", null);
    if (filter.classNumber !== undefined)
      base = base.where(sql<SqlBool>`(',' || d.classes || ',') like ${`%,${filter.classNumber},%`}`);
    if (filter.q !== undefined && filter.q.trim() !== "") {
      const pattern = likePattern(filter.q.trim());
      base = base.where((eb) =>
        eb.or([eb("d.mark", "ilike", pattern), eb("d.holder", "ilike", pattern), eb("d.ir_number", "ilike", pattern)]),
      );
    }
    return base;
  };

  const daysLeft = (day: Calendar.IsoDate, date: string) => Calendar.diffDays(day, date as Calendar.IsoDate);

  const names = async (ids: ReadonlyArray<string>): Promise<Map<string, string>> => {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom("accounts")
      .select(["id", "display_name"])
      .where("office_code", "=", officeCode)
      .where("id", "in", [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  };

  // The steps both kinds of page share: cut the rows read (one more than the page) to the page, name the assignees in
  // one query, and give the cursor of the last row when there is more.
  const pageOf = <R extends { readonly account_id: string | null }>(
    queue: QueueId,
    total: string | number,
    rows: ReadonlyArray<R>,
    limit: number,
    item: (row: R) => WorklistItem,
    cursor: (row: R) => ReadonlyArray<string>,
  ): Effect.Effect<WorklistPage, DatabaseError> =>
    Effect.gen(function* () {
      const page = rows.slice(0, limit);
      const who = yield* query(() => names(page.flatMap((r) => (r.account_id ? [r.account_id] : []))));
      const last = page.at(-1);
      return {
        queue,
        total: Number(total),
        items: page.map(
          (r): WorklistItem => ({
            ...item(r),
            ...(r.account_id ? { assignee: { id: r.account_id, name: who.get(r.account_id) ?? r.account_id } } : {}),
          }),
        ),
        ...(rows.length > limit && last ? { next: encodeCursor(cursor(last)) } : {}),
      };
    });

  const list: WorklistsShape["list"] = (id, filter, caller) =>
    Effect.gen(function* () {
      const queue = yield* visible(id, caller);
      const { today: day } = yield* today;
      const limit = Math.min(Math.max(filter.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
      const after = filter.after === undefined || filter.after === "" ? undefined : decodeCursor(filter.after);
      if (filter.after !== undefined && filter.after !== "" && after === undefined)
        return yield* Effect.fail(new BadCursor({ cursor: filter.after.slice(0, 100) }));
      if (queue.id === "madrid") {
        const base = madridBase(queue, filter, caller);
        const [count, rows] = yield* query(() =>
          Promise.all([
            base.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow(),
            (after === undefined
              ? base
              : base.where(
                  sql<SqlBool>`(d.time_limit_date, d.ir_date, d.ir_number) > (${after[0]}, ${after[1]}, ${after[2]})`,
                )
            )
              .select([
                "d.ir_number",
                "d.mark",
                "d.holder",
                "d.status",
                "d.ir_date",
                "d.time_limit_date",
                "d.time_limit_kind",
                "a.account_id",
              ])
              .orderBy("d.time_limit_date")
              .orderBy("d.ir_date")
              .orderBy("d.ir_number")
              .limit(limit + 1)
              .execute(),
          ]),
        );
        return yield* pageOf(
          queue.id,
          count.n,
          rows,
          limit,
          (r): WorklistItem => ({
            type: "designation",
            key: r.ir_number,
            kind: "trademark",
            title: r.mark,
            owners: r.holder,
            status: r.status,
            filingDate: String(r.ir_date),
            due: {
              date: String(r.time_limit_date),
              action: r.time_limit_kind,
              daysLeft: daysLeft(day, String(r.time_limit_date)),
            },
          }),
          (r) => [String(r.time_limit_date), String(r.ir_date), r.ir_number],
        );
      }
      const base = rightsBase(queue, filter, day, caller);
      const sortDue = sql<string>`coalesce(r.time_limit_due, ${sql.lit(FAR)}::date)`;
      // One page per (kind, status) of the queue, each read in the order of the index of migration 0017 and cut at the
      // page size, then merged: the page costs the same whatever the size of the queue (a single ORDER BY over the OR
      // of the states would sort the whole queue).
      const pairs = queue.states.filter((s) => filter.kind === undefined || s.kind === filter.kind);
      const part = (pair: { readonly kind: string; readonly status: string }) => {
        const one = rightsBase(queue, filter, day, caller, pair);
        return db
          .selectFrom(
            (after === undefined
              ? one
              : one.where(
                  sql<SqlBool>`(coalesce(r.time_limit_due, ${sql.lit(FAR)}::date), r.filing_date, r.application_number) > (${after[0]}::date, ${after[1]}::date, ${after[2]})`,
                )
            )
              .select([
                "r.application_number",
                "r.st13",
                "r.kind",
                "r.title",
                "r.owner_names",
                "r.status",
                "r.filing_date",
                "r.time_limit_due",
                "r.time_limit_action",
                "a.account_id",
                sortDue.as("sort_due"),
              ])
              .orderBy(sortDue)
              .orderBy("r.filing_date")
              .orderBy("r.application_number")
              .limit(limit + 1)
              .as("p"),
          )
          .selectAll();
      };
      const [count, rows] = yield* query(async () => {
        if (pairs.length === 0) return [{ n: 0 }, []] as const;
        const union = pairs.slice(1).reduce((acc, pair) => acc.unionAll(part(pair)), part(pairs[0]!));
        return Promise.all([
          base.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow(),
          db
            .selectFrom(union.as("u"))
            .selectAll()
            .orderBy("u.sort_due")
            .orderBy("u.filing_date")
            .orderBy("u.application_number")
            .limit(limit + 1)
            .execute(),
        ]);
      });
      return yield* pageOf(
        queue.id,
        count.n,
        rows,
        limit,
        (r): WorklistItem => ({
          type: "right",
          key: r.application_number,
          st13: r.st13,
          kind: r.kind as IpKind,
          title: r.title,
          owners: r.owner_names,
          status: r.status,
          filingDate: String(r.filing_date),
          ...(r.time_limit_due
            ? {
                due: {
                  date: String(r.time_limit_due),
                  ...(r.time_limit_action ? { action: r.time_limit_action } : {}),
                  daysLeft: daysLeft(day, String(r.time_limit_due)),
                },
              }
            : {}),
        }),
        (r) => [String(r.time_limit_due ?? FAR), String(r.filing_date), r.application_number],
      );
    });

  const counts: WorklistsShape["counts"] = (caller) =>
    Effect.gen(function* () {
      const { today: day } = yield* today;
      const out: QueueCount[] = [];
      for (const queue of queuesFor(desks, caller.roles)) {
        const row = yield* query(() => {
          if (queue.id === "madrid") {
            return madridBase(queue, {}, caller)
              .select([
                (eb) => eb.fn.countAll<string | number>().as("total"),
                sql<string | number>`count(*) filter (where d.time_limit_date < ${day})`.as("overdue"),
                sql<string | number>`count(*) filter (where a.account_id = ${caller.id})`.as("mine"),
                sql<string | number>`count(*) filter (where a.account_id is null)`.as("unassigned"),
              ])
              .executeTakeFirstOrThrow();
          }
          return rightsBase(queue, {}, day, caller)
            .select([
              (eb) => eb.fn.countAll<string | number>().as("total"),
              sql<string | number>`count(*) filter (where r.time_limit_due < ${day})`.as("overdue"),
              sql<string | number>`count(*) filter (where a.account_id = ${caller.id})`.as("mine"),
              sql<string | number>`count(*) filter (where a.account_id is null)`.as("unassigned"),
            ])
            .executeTakeFirstOrThrow();
        });
        out.push({
          queue: queue.id,
          total: Number(row.total),
          overdue: Number(row.overdue),
          mine: Number(row.mine),
          unassigned: Number(row.unassigned),
        });
      }
      return out;
    });

  const assignableAccounts = (queue: Queue) =>
    query(async () => {
      const rows = await db
        .selectFrom("accounts")
        .select(["id", "display_name", "username", "roles"])
        .where("office_code", "=", officeCode)
        .where("status", "=", "active")
        .orderBy("display_name")
        .orderBy("username")
        .execute();
      return rows
        .filter((r) => serves(queue, (r.roles as ReadonlyArray<string>) ?? []))
        .map((r) => ({ id: r.id, name: r.display_name, username: r.username }));
    });

  const assignees: WorklistsShape["assignees"] = (id, caller) =>
    Effect.flatMap(visible(id, caller), assignableAccounts);

  /** Whether the item is in the queue now (its kind and status, and for renewals its time limit). */
  const inQueue = async (
    trx: Kysely<Database>,
    queue: Queue,
    key: string,
    day: Calendar.IsoDate,
  ): Promise<{ itemType: "right" | "designation"; key: string } | { code: string; reason: string }> => {
    if (queue.id === "madrid") {
      const d = await trx
        .selectFrom("madrid_designations")
        .select(["ir_number", "status"])
        .where("office_code", "=", officeCode)
        .where("ir_number", "=", key)
        .executeTakeFirst();
      if (!d) return { code: "unknown", reason: "unknown international registration" };
      return queue.statuses.includes(d.status)
        ? { itemType: "designation", key: d.ir_number }
        : { code: "status", reason: `status ${d.status} is not in this queue` };
    }
    const r = await trx
      .selectFrom("rights")
      .select(["application_number", "kind", "status", "time_limit_due"])
      .where("office_code", "=", officeCode)
      .where((eb) => eb.or([eb("application_number", "=", key), eb("st13", "=", key)]))
      .executeTakeFirst();
    if (!r) return { code: "unknown", reason: "unknown application number" };
    if (!queue.states.some((s) => s.kind === r.kind && s.status === r.status))
      return { code: "status", reason: `status ${r.status} is not in this queue` };
    if (
      queue.dueWithinDays !== undefined &&
      !(r.time_limit_due && String(r.time_limit_due) <= renewalsCutoff(day, queue.dueWithinDays))
    )
      return { code: "not-due", reason: "no renewal falls due yet" };
    return { itemType: "right", key: r.application_number };
  };

  const assign: WorklistsShape["assign"] = (id, keys, assignee, caller) =>
    Effect.gen(function* () {
      const queue = yield* visible(id, caller);
      const { at, today: day } = yield* today;
      let to: { id: string; name: string } | undefined;
      if (assignee !== null) {
        const people = yield* assignableAccounts(queue);
        const found = people.find((p) => p.id === assignee || p.username === assignee);
        if (!found)
          return yield* Effect.fail(
            new AssigneeNotAllowed({
              assignee: assignee.slice(0, 100),
              queue: queue.id,
              reason: `no active account of the office serving the ${queue.id} queue (roles: ${queue.roles.join(", ")}) is ${assignee.slice(0, 100)}`,
            }),
          );
        to = { id: found.id, name: found.name };
      }
      const out: ItemOutcome[] = [];
      for (const key of [...new Set(keys)]) {
        const outcome = yield* query(() =>
          db.transaction().execute(async (trx): Promise<ItemOutcome> => {
            const item = await inQueue(trx, queue, key, day);
            if ("code" in item) return { key, outcome: "not-in-queue", ...item };
            const current = await trx
              .selectFrom("worklist_assignments")
              .select("account_id")
              .where("office_code", "=", officeCode)
              .where("item_type", "=", item.itemType)
              .where("item_key", "=", item.key)
              .forUpdate()
              .executeTakeFirst();
            const from = current?.account_id;
            if (from === to?.id) return { key: item.key, outcome: "unchanged", ...(from ? { from, to: from } : {}) };
            if (to === undefined) {
              await trx
                .deleteFrom("worklist_assignments")
                .where("office_code", "=", officeCode)
                .where("item_type", "=", item.itemType)
                .where("item_key", "=", item.key)
                .execute();
            } else {
              await trx
                .insertInto("worklist_assignments")
                .values({
                  office_code: officeCode,
                  item_type: item.itemType,
                  item_key: item.key,
                  account_id: to.id,
                  assigned_by: caller.id,
                  assigned_at: at,
                })
                .onConflict((oc) =>
                  oc.columns(["office_code", "item_type", "item_key"]).doUpdateSet({
                    account_id: to.id,
                    assigned_by: caller.id,
                    assigned_at: at,
                  }),
                )
                .execute();
            }
            await appendAudit(
              trx,
              officeCode,
              {
                actorKind: actorKindOf({ id: caller.id, role: caller.roles[0] ?? "" }),
                actorId: caller.id,
                action: "worklists.assign",
                target: item.key,
                outcome: "ok",
                details: { queue: queue.id, from: from ?? null, to: to?.id ?? null },
              },
              at,
            );
            return to === undefined
              ? { key: item.key, outcome: "unassigned", ...(from ? { from } : {}) }
              : { key: item.key, outcome: "assigned", ...(from ? { from } : {}), to: to.id };
          }),
        );
        out.push(outcome);
      }
      return out;
    });

  const bulkActions: WorklistsShape["bulkActions"] = (queue, caller) => {
    if (queue.id === "madrid") return [];
    const seen = new Map<string, { id: string; labels: Workflow.Labels; irreversible: boolean }>();
    for (const kind of new Set(queue.states.map((s) => s.kind))) {
      const workflow = workflows[kind];
      for (const action of workflow.actions) {
        if (!queue.actions.includes(action.id) || seen.has(action.id)) continue;
        if (!action.roles.some((r) => caller.roles.includes(r))) continue;
        // Per-item input cannot be given in bulk: grounds, per-class decisions, numbers and dates typed by hand. A
        // registration number is the office's own when none is given (src/rights/Rights.ts).
        const needs = (action.requires ?? []).filter(
          (f) => !(f === "registrationNumber" && action.effects?.registration),
        );
        if (needs.length > 0 || action.outcome !== undefined || action.effects?.opensProceeding !== undefined) continue;
        if (action.effects?.closeProceedings !== undefined) continue;
        seen.set(action.id, { id: action.id, labels: action.labels, irreversible: isIrreversible(workflow, action) });
      }
    }
    return [...seen.values()];
  };

  const performMany: WorklistsShape["performMany"] = (id, keys, action, caller) =>
    Effect.gen(function* () {
      const queue = yield* visible(id, caller);
      if (!bulkActions(queue, caller).some((a) => a.id === action))
        return yield* Effect.fail(
          new BulkActionNotAllowed({
            action: action.slice(0, 64),
            queue: queue.id,
            reason: "not an action of this queue that your roles may perform for several items at once",
          }),
        );
      const { today: day } = yield* today;
      const rights = yield* Rights;
      const out: ItemOutcome[] = [];
      for (const key of [...new Set(keys)]) {
        const item = yield* query(() => inQueue(db, queue, key, day));
        if ("code" in item) {
          out.push({ key, outcome: "not-in-queue", ...item });
          continue;
        }
        const kind = (yield* query(() =>
          db
            .selectFrom("rights")
            .select("kind")
            .where("office_code", "=", officeCode)
            .where("application_number", "=", item.key)
            .executeTakeFirstOrThrow(),
        )).kind as IpKind;
        const workflow = workflows[kind];
        const allowed = workflow.actions.find((a) => a.id === action)?.roles ?? [];
        const role = caller.roles.find((r) => allowed.includes(r)) ?? caller.roles[0] ?? "anonymous";
        const actor: Actor.Actor = { id: caller.id, role, name: caller.name.slice(0, 300) };
        const done: Result.Result<{ right: IpRight.Right }, PerformError> = yield* Effect.result(
          rights.perform(item.key, { action }, actor),
        );
        out.push(
          Result.isSuccess(done)
            ? { key: item.key, outcome: "performed", status: done.success.right.status }
            : { key: item.key, outcome: "failed", code: done.failure._tag, reason: failureText(done.failure) },
        );
      }
      return out;
    });

  return { desks, counts, list, assignees, assign, bulkActions, performMany };
};

const failureText = (e: PerformError): string => {
  switch (e._tag) {
    case "ActionNotAllowed":
      return `the action is not allowed in status ${e.status}`;
    case "RoleNotAllowed":
      return "your role may not perform this action";
    case "InvalidActionInput":
      return e.message;
    case "ConcurrentUpdate":
      return "the record changed meanwhile; try again";
    case "RightNotFound":
      return "unknown application number";
    default:
      return e.message;
  }
};

export const WorklistsLive = (db: Kysely<Database>, config: OfficeConfig) =>
  Layer.succeed(Worklists, makeWorklists(db, config));
