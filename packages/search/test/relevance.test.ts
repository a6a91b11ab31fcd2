import { describe, expect, it } from "vitest";
import { Similarity } from "../src/index.js";
import { groups } from "./fixtures/similar-marks.js";
import { compareScorer, evaluate, pool, report, trigramCut, trigramScorer } from "./relevance.js";

describe("relevance of compare-based ranking on the labelled marks", () => {
  it("the fixture holds at least 300 similar and 300 dissimilar pairs, each with a category", () => {
    const similar = groups.flatMap((g) => Object.values(g.similar).flat());
    const dissimilar = groups.flatMap((g) => Object.values(g.dissimilar).flat());
    expect(similar.length).toBeGreaterThanOrEqual(300);
    expect(dissimilar.length).toBeGreaterThanOrEqual(300);
    // A mark is never labelled both similar and dissimilar to the same query.
    for (const g of groups) {
      const s = new Set(Object.values(g.similar).flat());
      for (const d of Object.values(g.dissimilar).flat()) expect(s.has(d), `${g.query} / ${d}`).toBe(false);
    }
  });

  it("recall@10 is at least 0.9 and ahead of plain trigram similarity on recall and precision", () => {
    const ours = evaluate(compareScorer(), Similarity.defaultThreshold);
    const baseline = evaluate(trigramScorer(), trigramCut);
    console.log(
      `${groups.length} queries, pool of ${pool.length} marks\n${report("compare (cut 0.5)", ours)}\n${report("pg_trgm similarity (cut 0.3)", baseline)}`,
    );
    expect(ours.recall).toBeGreaterThanOrEqual(0.9);
    expect(ours.recall).toBeGreaterThan(baseline.recall);
    expect(ours.precision).toBeGreaterThan(baseline.precision);
    // Across scripts, where the baseline finds nothing.
    expect(ours.byCategory.cross?.found).toBeGreaterThanOrEqual(0.9 * (ours.byCategory.cross?.relevant ?? 0));
  });
});
