import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Result } from "effect";
import fc from "fast-check";
import { Engine, Query, Statistics } from "../src/index.js";
import { indexDocuments, removeDocuments } from "../src/internal/write.js";
import { doc, register } from "./fixtures.js";
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

describe.each(testDatabases)("Engine.search on $name", (database) => {
  let open: OpenTestDatabase;
  beforeAll(async () => {
    open = await database.open();
    await Engine.index(open.db, register);
  });
  afterAll(async () => open?.close());

  const search = async (query: Query.Query, options: Partial<Engine.SearchOptions> = {}) => {
    const result = await Engine.search(open.db, query, { officeCode: "OM", ...options });
    if (Result.isFailure(result)) throw new Error(result.failure.message);
    return result.success;
  };
  const mark = (value: string): Query.Clause => ({ _tag: "Text", field: "mark", value, mode: "similar" });

  it.each([
    ["نور", "NOOR"],
    ["NOOR", "نور"],
    ["NUR", "نور"],
    ["نور", "NUR"],
  ])("%s finds %s across scripts, with the evidence", async (query, expected) => {
    const result = await search({ where: mark(query) });
    const hit = result.hits.find((h) => h.document.markTexts.includes(expected));
    expect(hit?.similarity?.evidence.length).toBeGreaterThan(0);
    expect(hit?.similarity?.text).toBe(expected);
  });

  it("reads a query written in the flat URL form and pages through it with opaque cursors", async () => {
    const parsed = Query.fromSearchParams(new URLSearchParams("kind=trademark&sort=mark&limit=2"));
    if (Result.isFailure(parsed)) throw new Error(parsed.failure.message);
    const seen: string[] = [];
    let query = parsed.success;
    for (let page = 0; page < 10; page++) {
      const result = await search(query);
      seen.push(...result.hits.map((h) => h.recordId));
      if (!result.next) break;
      const decoded = Query.decodeCursor(Query.encodeCursor(result.next));
      if (Result.isFailure(decoded)) throw new Error(decoded.failure.message);
      query = { ...query, cursor: decoded.success };
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it("a mark contains search gives the same pages whether its marks are read first or the register in date order", async () => {
    const contains = (value: string): Query.Clause => ({ _tag: "Text", field: "mark", value, mode: "contains" });
    for (const where of [
      contains("o"),
      contains("noor"),
      contains("zzzz"),
      { _tag: "And", clauses: [contains("o"), { _tag: "Nice", classes: [3] }] } as const,
    ] satisfies ReadonlyArray<Query.Clause>) {
      const pages = async (countLimit: number) => {
        const seen: string[] = [];
        let query: Query.Query = { where, limit: 1 };
        let total: Engine.SearchResult["total"] | undefined;
        for (let page = 0; page < 20; page++) {
          const result = await search(query, { countLimit });
          total ??= result.total;
          seen.push(...result.hits.map((h) => h.recordId));
          if (!result.next) break;
          query = { ...query, cursor: result.next };
        }
        return { seen, total };
      };
      // countLimit 1 leaves at most one mark to read first: more matches send the query down the date-order path.
      const marksFirst = await pages(10_000);
      const dateOrder = await pages(1);
      expect(marksFirst.seen, JSON.stringify(where)).toEqual(dateOrder.seen);
      expect(marksFirst.total).toEqual({ value: marksFirst.seen.length, exact: true });
    }
  });

  it("a similar search with more candidates than it re-ranks says its total is not exact", async () => {
    const all = await search({ where: { _tag: "Text", field: "mark", value: "NOOR", mode: "similar" } });
    const capped = await search(
      { where: { _tag: "Text", field: "mark", value: "NOOR", mode: "similar" } },
      { candidateLimit: 1 },
    );
    expect(all.total.exact).toBe(true);
    expect(capped.total.exact).toBe(false);
    expect(capped.total.value).toBeGreaterThanOrEqual(all.total.value);
    expect(capped.hits.length).toBeLessThanOrEqual(1);
  });

  it("answers a cursor of another order with an error naming the cursor", async () => {
    const result = await Engine.search(
      open.db,
      { sort: "mark", cursor: { sort: "-filingDate", after: ["2020-01-01"], id: "x" } },
      { officeCode: "OM" },
    );
    expect(Result.isFailure(result) && result.failure.field).toBe("cursor");
    const badDate = await Engine.search(
      open.db,
      { sort: "filingDate", cursor: { sort: "filingDate", after: ["2021-02-30"], id: "x" } },
      { officeCode: "OM" },
    );
    expect(Result.isFailure(badDate) && badDate.failure.field).toBe("cursor");
  });

  it("replaces numbered result sets from the session and reports unknown ones", async () => {
    const result = await search(
      {
        where: {
          _tag: "Or",
          clauses: [
            { _tag: "ResultSet", number: 1 },
            { _tag: "ResultSet", number: 2 },
          ],
        },
      },
      { resultSets: new Map([[1, { _tag: "Kind", kinds: ["industrial_design"] }]]) },
    );
    expect(result.hits.map((h) => h.recordId)).toEqual(["ds-1"]);
    expect(result.unknownResultSets).toEqual([2]);
  });

  it("counts the whole register from the statistics and estimates past the count limit", async () => {
    expect((await search({})).total).toEqual({ value: register.length, exact: true });
    const capped = await search({ where: { _tag: "Kind", kinds: ["trademark"] } }, { countLimit: 2 });
    expect(capped.total.exact).toBe(false);
    expect(capped.total.value).toBeGreaterThan(2);
  });

  it("reads in a read-only transaction (as on a replica)", async () => {
    await open.db.transaction().execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      const result = await Engine.search(
        trx,
        { where: mark("noor"), facets: ["owner", "niceClass"] },
        { officeCode: "OM" },
      );
      expect(Result.isSuccess(result)).toBe(true);
      expect((await Engine.statistics(trx, "OM")).byKind.length).toBeGreaterThan(0);
      await expect(Engine.refreshStatistics(trx, "OM")).rejects.toThrow(/read-only/);
    });
  });
});

describe.each(testDatabases)("statistic counters on $name", (database) => {
  let open: OpenTestDatabase;
  beforeAll(async () => {
    open = await database.open();
  });
  afterAll(async () => open?.close());

  it("any sequence of index and remove leaves the counters equal to a rebuild", async () => {
    const owners = ["Acme Ltd", "ACME LIMITED", "Noor LLC", "شركة النور"];
    const operation = fc.oneof(
      fc.record({
        index: fc.constant(true),
        id: fc.integer({ min: 1, max: 6 }),
        owner: fc.constantFrom(...owners),
        classes: fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }),
        year: fc.integer({ min: 2019, max: 2022 }),
      }),
      fc.record({ index: fc.constant(false), id: fc.integer({ min: 1, max: 6 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (operations) => {
        await Engine.remove(
          open.db,
          [1, 2, 3, 4, 5, 6].map((n) => ({ officeCode: "ST", recordId: `r${n}` })),
        );
        for (const op of operations) {
          if ("owner" in op)
            await Engine.index(open.db, [
              doc({
                officeCode: "ST",
                recordId: `r${op.id}`,
                owners: [op.owner],
                markTexts: ["X"],
                classes: op.classes.map((c) => ({ class: c, status: "pending" })),
                dates: { filing: `${op.year}-01-01` },
              }),
            ]);
          else await Engine.remove(open.db, [{ officeCode: "ST", recordId: `r${op.id}` }]);
        }
        const kept = await Engine.statistics(open.db, "ST");
        await Engine.refreshStatistics(open.db, "ST");
        const rebuilt = await Engine.statistics(open.db, "ST");
        // Labels may keep a spelling whose last right is gone until a rebuild; the counts must agree.
        const counts = (s: typeof kept) =>
          JSON.stringify({ ...s, topApplicants: s.topApplicants.map((a) => [a.key, a.count]) });
        expect(counts(kept)).toBe(counts(rebuilt));
      }),
      { numRuns: 25 },
    );
  });

  it("keeps the statistics in memory until invalidated or too old, and never keeps a failed read", async () => {
    let clock = 0;
    const cache = Engine.statisticsCache({ maxAgeMs: 1_000, now: () => clock });
    const mark = (n: number) =>
      doc({
        officeCode: "SC",
        recordId: `c${n}`,
        owners: ["Cache Co"],
        markTexts: ["C"],
        dates: { filing: "2024-01-01" },
      });
    const applicants = async () => (await cache.read(open.db, "SC")).topApplicants.map((a) => a.count);
    await Engine.index(open.db, [mark(1)]);
    expect(await applicants()).toEqual([1]);
    await Engine.index(open.db, [mark(2)]);
    // Until told, the cache answers from memory: one read, then none.
    expect(await applicants()).toEqual([1]);
    cache.invalidate("OTHER");
    expect(await applicants()).toEqual([1]);
    cache.invalidate("SC");
    expect(await applicants()).toEqual([2]);
    await Engine.index(open.db, [mark(3)]);
    clock += 999;
    expect(await applicants()).toEqual([2]);
    clock += 1;
    expect(await applicants()).toEqual([3]);
    // Concurrent misses share one read; a failing one is forgotten.
    cache.invalidate();
    const [a, b] = [cache.read(open.db, "SC"), cache.read(open.db, "SC")];
    expect(a).toBe(b);
    await a;
    cache.invalidate();
    const broken = {
      selectFrom: () => {
        throw new Error("database gone");
      },
    } as unknown as typeof open.db;
    await expect(cache.read(broken, "SC")).rejects.toThrow("database gone");
    expect(await applicants()).toEqual([3]);
  });

  it("lists no stale rights after indexing with the current keys", async () => {
    await Engine.index(open.db, register);
    expect(await Engine.stale(open.db, "OM")).toEqual([]);
  });
});
