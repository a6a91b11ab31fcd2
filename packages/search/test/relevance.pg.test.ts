/**
 * Relevance of the engine itself, not only of `compare`: the labelled pool (test/fixtures/similar-marks.ts) indexed as
 * a register, each query searched as a `similar` mark, the first 10 hits (the query's own mark left out) the list. The
 * candidate stage (indexes, branch limits, the candidates re-ranked) must lose no more than a point of what `compare`
 * finds when it ranks the whole pool.
 */
import { Result } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine, Similarity } from "../src/index.js";
import { indexDocuments } from "../src/internal/write.js";
import { doc } from "./fixtures.js";
import { groups } from "./fixtures/similar-marks.js";
import { compareScorer, evaluate, evaluateLists, pool, report } from "./relevance.js";
import { type OpenTestDatabase, testDatabases } from "./support/databases.js";

describe.each(testDatabases)("relevance of the engine's similar search on $name", (database) => {
  let open: OpenTestDatabase;
  beforeAll(async () => {
    open = await database.open();
    await indexDocuments(
      open.db,
      pool.map((mark, i) => doc({ recordId: `m-${i}`, markTexts: [mark] })),
    );
  }, 120_000);
  afterAll(async () => open?.close());

  it("recall@10 and precision@10 within a point of compare over the whole pool", async () => {
    const lists = new Map<string, ReadonlyArray<string>>();
    for (const group of groups) {
      const found = await Engine.search(
        open.db,
        { where: { _tag: "Text", field: "mark", value: group.query, mode: "similar" }, limit: 11 },
        { officeCode: "OM" },
      );
      if (Result.isFailure(found)) expect.fail(found.failure.reason);
      const marks = found.success.hits.map((h) => h.document.markTexts[0] ?? "");
      lists.set(group.query, marks.filter((m) => m !== group.query).slice(0, 10));
    }
    const engine = evaluateLists((q) => lists.get(q) ?? []);
    const ours = evaluate(compareScorer(), Similarity.defaultThreshold);
    console.log(`${report("engine similar search", engine)}\n${report("compare over the pool", ours)}`);
    expect(engine.recall).toBeGreaterThanOrEqual(0.9);
    expect(engine.recall).toBeGreaterThanOrEqual(ours.recall - 0.01);
    expect(engine.precision).toBeGreaterThanOrEqual(ours.precision - 0.01);
  }, 120_000);
});
