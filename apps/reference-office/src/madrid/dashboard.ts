/**
 * The numbers of the Madrid dashboard, each from one grouped query: pending designations by age, time limits ahead,
 * overdue ones, decisions per month, median days from notification to decision, transactions per kind.
 */
import { Calendar } from "@ipoffice/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.js";

export interface Dashboard {
  readonly today: string;
  /** Pending designations by months since notification: [0,3), [3,6), [6,9), [9,12), [12,18), 18+. */
  readonly pendingByAge: ReadonlyArray<{ readonly from: number; readonly to: number | null; readonly count: number }>;
  /** Pending designations whose time limit falls within 30, 60 and 90 days (cumulative). */
  readonly dueWithin: ReadonlyArray<{ readonly days: number; readonly count: number }>;
  /** Right to refuse lost: pending past the limit (not yet recorded) and recorded protection by default. */
  readonly overdue: { readonly pending: number; readonly settled: number };
  /** Office → IB documents per month (last 12 months, oldest first). */
  readonly decisionsPerMonth: ReadonlyArray<{ readonly month: string; readonly count: number }>;
  /** Median days from notification to the first decision; null when none was decided. */
  readonly medianDaysToDecision: number | null;
  readonly decided: number;
  /** IB transactions applied, per kind. */
  readonly transactionsPerKind: ReadonlyArray<{ readonly kind: string; readonly count: number }>;
}

const AGE_BUCKETS: ReadonlyArray<readonly [number, number | null]> = [
  [0, 3],
  [3, 6],
  [6, 9],
  [9, 12],
  [12, 18],
  [18, null],
];

const monthsBetween = (from: string, to: string): number => {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
};

const lastMonths = (today: string, n: number): string[] => {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - (n - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
  });
};

export const dashboard = async (db: Kysely<Database>, officeCode: string, today: string): Promise<Dashboard> => {
  const d = (n: number) => Calendar.addDays(today as Calendar.IsoDate, n);
  const plus = (n: number) => {
    const r = d(n);
    return r._tag === "Success" ? r.success : today;
  };
  const designations = db.selectFrom("madrid_designations").where("office_code", "=", officeCode);
  const [byDate, due, overdue, settled, perMonth, median, kinds] = await Promise.all([
    designations
      .where("status", "=", "pending")
      .select(["notification_date", (eb) => eb.fn.countAll<string | number>().as("n")])
      .groupBy("notification_date")
      .execute(),
    designations
      .where("status", "=", "pending")
      .where("time_limit_date", ">=", today)
      .where("time_limit_date", "<=", plus(90))
      .select(["time_limit_date", (eb) => eb.fn.countAll<string | number>().as("n")])
      .groupBy("time_limit_date")
      .execute(),
    designations
      .where("status", "=", "pending")
      .where("time_limit_date", "<", today)
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .executeTakeFirstOrThrow(),
    designations
      .where("status", "=", "protected-by-default")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("madrid_office_documents")
      .where("office_code", "=", officeCode)
      .select([
        sql<string>`to_char(decision_date, 'YYYY-MM')`.as("month"),
        (eb) => eb.fn.countAll<string | number>().as("n"),
      ])
      .groupBy(sql`to_char(decision_date, 'YYYY-MM')`)
      .execute(),
    designations
      .where("first_decision_date", "is not", null)
      .select([
        sql<
          number | string | null
        >`percentile_cont(0.5) within group (order by first_decision_date - notification_date)`.as("median"),
        (eb) => eb.fn.countAll<string | number>().as("n"),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("madrid_applied_transactions")
      .where("office_code", "=", officeCode)
      .select(["kind", (eb) => eb.fn.countAll<string | number>().as("n")])
      .groupBy("kind")
      .orderBy("kind")
      .execute(),
  ]);
  const pendingByAge = AGE_BUCKETS.map(([from, to]) => ({
    from,
    to,
    count: byDate
      .filter((r) => {
        const age = monthsBetween(r.notification_date, today);
        return age >= from && (to === null || age < to);
      })
      .reduce((s, r) => s + Number(r.n), 0),
  }));
  const dueWithin = [30, 60, 90].map((days) => ({
    days,
    count: due.filter((r) => r.time_limit_date <= plus(days)).reduce((s, r) => s + Number(r.n), 0),
  }));
  const counts = new Map(perMonth.map((r) => [r.month, Number(r.n)]));
  return {
    today,
    pendingByAge,
    dueWithin,
    overdue: { pending: Number(overdue.n), settled: Number(settled.n) },
    decisionsPerMonth: lastMonths(today, 12).map((month) => ({ month, count: counts.get(month) ?? 0 })),
    medianDaysToDecision: median.median === null ? null : Math.round(Number(median.median)),
    decided: Number(median.n),
    transactionsPerKind: kinds.map((k) => ({ kind: k.kind, count: Number(k.n) })),
  };
};
