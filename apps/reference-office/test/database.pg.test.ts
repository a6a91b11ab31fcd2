import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ping } from "../src/db/Database.js";
import { testDatabases } from "./support/databases.js";

describe.each(testDatabases)("database on $name", (target) => {
  let database: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database?.close());

  it("answers and has the migrated tables", async () => {
    expect(await ping(database.db)).toBe(true);
    const tables = await database.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        "number_sequences",
        "offices",
        "right_classes",
        "right_events",
        "right_parties",
        "rights",
      ]),
    );
  });

  it("keeps calendar dates as strings and rolls back failed transactions", async () => {
    const db = database.db;
    await db
      .insertInto("offices")
      .values({ code: "OM", names: JSON.stringify({ en: "Oman" }) })
      .execute();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto("offices")
          .values({ code: "JO", names: JSON.stringify({ en: "Jordan" }) })
          .execute();
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const codes = await db.selectFrom("offices").select("code").execute();
    expect(codes.map((r) => r.code)).toEqual(["OM"]);
    const { rows } = await sql<{ d: string }>`select date '2026-02-28' + 1 as d`.execute(db);
    expect(rows[0]?.d).toBe("2026-03-01");
  });

  it("reports affected rows for updates", async () => {
    const result = await database.db
      .updateTable("offices")
      .set({ names: JSON.stringify({ en: "Sultanate of Oman" }) })
      .where("code", "=", "OM")
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(1n);
  });
});
