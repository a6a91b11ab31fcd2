import axe from "axe-core";

/** Runs axe-core on an element (its shadow trees included) and returns the violations as readable lines. */
export const axeViolations = async (element: Element): Promise<ReadonlyArray<string>> => {
  const results = await axe.run(element, { resultTypes: ["violations"] });
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`,
  );
};
