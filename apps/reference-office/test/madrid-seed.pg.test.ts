import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { dashboard } from "../src/madrid/dashboard.js";
import { settleOverdue } from "../src/madrid/decisions.js";
import { madridSettings } from "../src/madrid/settings.js";
import { seedMadridDemo } from "../src/madrid/seed.js";
import { countMadridRows } from "../src/madrid/store.js";
import { omConfig } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

describe.each(testDatabases)("Madrid demo data and time limits on $name", (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database?.close());

  it("seeds designations over 20 months through the import service: some overdue, some due soon, some decided", async () => {
    const config = await omConfig();
    const seeded = await seedMadridDemo({ db: database.db, config, today: "2026-11-24", months: 20 });
    expect(seeded.designations).toBeGreaterThan(200);
    expect(seeded.decisions).toBeGreaterThan(50);
    const dash = await dashboard(database.db, "OM", "2026-11-24");
    expect(dash.overdue.pending).toBeGreaterThan(0);
    expect(dash.dueWithin.find((d) => d.days === 90)?.count).toBeGreaterThan(0);
    expect(dash.decided).toBeGreaterThan(50);
    expect(dash.medianDaysToDecision).toBeGreaterThan(25);
    expect(dash.decisionsPerMonth).toHaveLength(12);
    expect(dash.transactionsPerKind.map((k) => k.kind)).toContain("Designation");
    const counts = await countMadridRows(database.db, "OM");
    expect(counts.documents).toBe(seeded.decisions);
    // a second start seeds nothing
    expect(await seedMadridDemo({ db: database.db, config, today: "2026-11-24" })).toEqual({
      designations: 0,
      decisions: 0,
    });
    expect(await countMadridRows(database.db, "OM")).toEqual(counts);
  });

  it("records protection by default where the time limit passed, once, with an event", async () => {
    const settings = madridSettings(await omConfig());
    const before = await dashboard(database.db, "OM", "2026-11-24");
    const settled = await settleOverdue(database.db, settings, new Date("2026-11-24T06:00:00Z"));
    expect(settled).toBe(before.overdue.pending);
    const after = await dashboard(database.db, "OM", "2026-11-24");
    expect(after.overdue).toEqual({ pending: 0, settled: before.overdue.settled + settled });
    const events = await database.db
      .selectFrom("madrid_designation_events")
      .where("action", "=", "madrid.protected-by-default")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(settled);
    expect(await settleOverdue(database.db, settings, new Date("2026-11-24T06:00:00Z"))).toBe(0);
  });
});
