import { describe, expect, it } from "vitest";
import { groupByBestMatch, type NiceTermHit } from "../src/index.js";

const hit = (classNumber: number, text: string): NiceTermHit => ({
  classNumber,
  text,
  basicNumber: null,
  language: "en",
  matchKind: "prefix",
});

describe("groupByBestMatch", () => {
  it("puts the class of the best-ranked hit first and keeps the search order inside each class", () => {
    const ranked = [
      hit(30, "coffee"),
      hit(7, "coffee grinders"),
      hit(30, "coffee-based beverages"),
      hit(3, "detergent tablets for coffee machines"),
      hit(7, "coffee roasters"),
    ];
    expect(groupByBestMatch(ranked).map((h) => `${h.classNumber}:${h.text}`)).toEqual([
      "30:coffee",
      "30:coffee-based beverages",
      "7:coffee grinders",
      "7:coffee roasters",
      "3:detergent tablets for coffee machines",
    ]);
    expect(groupByBestMatch([])).toEqual([]);
  });
});
