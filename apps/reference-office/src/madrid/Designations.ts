/**
 * The office's Madrid designations as an Effect service: what the public may know of each. An international
 * registration is public from the day WIPO publishes it in the Madrid Gazette (Common Regulations Rule 32), before
 * the office hears of it, and so are the refusals, statements of grant and invalidations the office sends back (Rules
 * 17, 18ter, 19, published under Rule 32(1)(a)). So the public view is the designation with its dates, parties, and
 * goods and services per class with the decision on each (its grounds too, as for a national mark), and the history
 * of its statuses; who examined it, the reasons typed into its events and the messages as sent stay in the office.
 */
import { type Calendar, type Country, Publication } from "@ipoffice/domain";
import { Designation } from "@ipoffice/madrid";
import { Clock, Context, Data, Effect, Layer } from "effect";
import type { Kysely } from "kysely";
import { type OfficeConfig, todayIn } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { DatabaseError } from "../rights/Rights.js";
import { getRecord } from "./store.js";

/** No designation of the office carries this international registration number. */
export class DesignationNotFound extends Data.TaggedError("DesignationNotFound")<{ readonly irNumber: string }> {}

/** A change of the designation's status as the public sees it: when, from what, to what, under which code. */
export interface PublicDesignationEvent {
  readonly at: string;
  readonly fromStatus?: string | undefined;
  readonly toStatus: string;
  readonly standardCode?: string | undefined;
}

export interface PublicDesignation {
  readonly officeCode: Country.CountryCode;
  readonly irNumber: string;
  readonly irDate: Calendar.IsoDate;
  readonly designationCategory: string;
  readonly officeOfOrigin: Country.CountryCode;
  readonly notificationDate: Calendar.IsoDate;
  /** The date by which the office must have notified any provisional refusal, and the rule that sets it. */
  readonly refusalTimeLimit: { readonly limit: Calendar.IsoDate; readonly rule: string };
  readonly expiryDate: Calendar.IsoDate;
  /** The status today: a designation still pending after its time limit is protected by default (art. 5(5)). */
  readonly status: Designation.Status;
  readonly statusDate: Calendar.IsoDate;
  readonly mark: Designation.Designation["mark"];
  readonly holders: ReadonlyArray<{ readonly name: string; readonly country?: string | undefined }>;
  readonly representative?: { readonly name: string; readonly country?: string | undefined } | undefined;
  readonly basic: Designation.Designation["basic"];
  readonly goodsAndServices: ReturnType<typeof Publication.publicGoodsAndServices>;
  /** Oldest first. */
  readonly history: ReadonlyArray<PublicDesignationEvent>;
}

/** The public's view of a designation on `today`: nothing about who decided or why (see the module comment). */
export const publicDesignation = (d: Designation.Designation, today: Calendar.IsoDate): PublicDesignation => ({
  officeCode: d.officeCode,
  irNumber: d.irNumber,
  irDate: d.irDate,
  designationCategory: d.designationCategory,
  officeOfOrigin: d.officeOfOrigin,
  notificationDate: d.notificationDate,
  refusalTimeLimit: { limit: d.refusalTimeLimit.limit, rule: d.refusalTimeLimit.rule },
  expiryDate: d.expiryDate,
  status: Designation.statusAt(d, today),
  statusDate: d.statusDate,
  mark: d.mark,
  holders: d.holders.map((h) => ({ name: h.name, country: h.country })),
  ...(d.representative ? { representative: { name: d.representative.name, country: d.representative.country } } : {}),
  basic: d.basic,
  goodsAndServices: Publication.publicGoodsAndServices(d.goodsAndServices),
  history: d.events.map((e) => ({
    at: e.at,
    ...(e.fromStatus ? { fromStatus: e.fromStatus } : {}),
    toStatus: e.toStatus,
    ...(e.standardCode ? { standardCode: e.standardCode } : {}),
  })),
});

/** A designation in the gazette: notified to the office in the period. */
export interface NotifiedDesignation {
  readonly irNumber: string;
  readonly irDate: string;
  readonly notificationDate: string;
  readonly mark: string | null;
  readonly holder: string;
  readonly officeOfOrigin: string;
  /** Nice classes in order. */
  readonly classes: ReadonlyArray<number>;
}

export interface DesignationsShape {
  /** A designation of the office as the public sees it today. */
  readonly publicView: (irNumber: string) => Effect.Effect<PublicDesignation, DesignationNotFound | DatabaseError>;
  /** The designations the IB notified in `[from, to]`, oldest first: at most `limit`, and the total. */
  readonly notified: (
    from: string,
    to: string,
    limit: number,
  ) => Effect.Effect<{ readonly items: ReadonlyArray<NotifiedDesignation>; readonly total: number }, DatabaseError>;
}

export class Designations extends Context.Service<Designations, DesignationsShape>()("ipoffice/Designations") {}

/** International registration numbers are digits (WIPO writes them with up to seven, e.g. 1234567). */
const irNumberPattern = /^\d{1,9}$/;

/** `db` is where reads go: a read replica for the public's (decision 0690). */
export const makeDesignations = (db: Kysely<Database>, config: OfficeConfig): DesignationsShape => ({
  publicView: (irNumber) =>
    Effect.gen(function* () {
      if (!irNumberPattern.test(irNumber)) return yield* Effect.fail(new DesignationNotFound({ irNumber }));
      const found = yield* Effect.tryPromise({
        try: () => getRecord(db, config.office.code, irNumber),
        catch: (cause) => new DatabaseError({ cause }),
      });
      if (found === undefined) return yield* Effect.fail(new DesignationNotFound({ irNumber }));
      const ms = yield* Clock.currentTimeMillis;
      return publicDesignation(found, todayIn(config.office.timeZone, new Date(ms)));
    }),
  notified: (from, to, limit) =>
    Effect.tryPromise({
      try: async () => {
        const base = db
          .selectFrom("madrid_designations")
          .where("office_code", "=", config.office.code)
          .where("notification_date", ">=", from)
          .where("notification_date", "<=", to);
        const [count, rows] = await Promise.all([
          base.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow(),
          base
            .select(["ir_number", "ir_date", "notification_date", "mark", "holder", "office_of_origin", "classes"])
            .orderBy("notification_date")
            .orderBy("ir_number")
            .limit(limit)
            .execute(),
        ]);
        return {
          total: Number(count.n),
          items: rows.map((r) => ({
            irNumber: r.ir_number,
            irDate: String(r.ir_date),
            notificationDate: String(r.notification_date),
            mark: r.mark,
            holder: r.holder,
            officeOfOrigin: r.office_of_origin,
            classes: r.classes
              .split(",")
              .filter((c) => c !== "")
              .map(Number),
          })),
        };
      },
      catch: (cause) => new DatabaseError({ cause }),
    }),
});

export const DesignationsLive = (db: Kysely<Database>, config: OfficeConfig) =>
  Layer.succeed(Designations, makeDesignations(db, config));
