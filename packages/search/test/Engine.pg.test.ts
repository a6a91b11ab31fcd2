import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Statistics } from "../src/index.js";
import { indexDocuments, removeDocuments } from "../src/internal/write.js";
import { register } from "./fixtures.js";
import { type OpenTestDatabase, testDatabases } from "./support/databases.js";

describe.each(testDatabases)("engine on $name", (database) => {
  let open: OpenTestDatabase;
  beforeAll(async () => {
    open = await database.open();
    await indexDocuments(open.db, register);
  });
  afterAll(async () => open?.close());

  it("stores one row per document and per mark text", async () => {
    const docs = await sql<{ n: number }>`select count(*)::int n from search_document`.execute(open.db);
    const marks = await sql<{ n: number }>`select count(*)::int n from search_mark`.execute(open.db);
    expect(docs.rows[0]?.n).toBe(register.length);
    expect(marks.rows[0]?.n).toBe(register.reduce((n, d) => n + d.markTexts.length, 0));
  });

  it("keeps statistic counters equal to a rebuild", async () => {
    const incremental = await Statistics.read(open.db, "OM");
    await Statistics.refresh(open.db, "OM");
    expect(await Statistics.read(open.db, "OM")).toEqual(incremental);
    expect(incremental.topApplicants[0]).toEqual({ key: "acme holdings", label: expect.any(String), count: 3 });
  });

  it("removes documents and their counts", async () => {
    await removeDocuments(open.db, [{ officeCode: "OM", recordId: "pt-2" }]);
    const stats = await Statistics.read(open.db, "OM");
    expect(stats.byKind.find((k) => k.key === "patent")?.count).toBe(1);
    await indexDocuments(open.db, register);
  });
});
