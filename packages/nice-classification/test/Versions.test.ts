import fc from "fast-check";
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { Versions } from "../src/index.js";

const inForce = (date: string, history?: Versions.History) => {
  const r = Versions.inForceOn(date, history);
  return Result.isSuccess(r) ? r.success.id : r.failure._tag;
};

// WIPO, "Information about the annual versions of NCL" (2013): yearly versions enter into force on 1 January and are
// named edition-year, NCL(10-2013); editions 10 (2012), 11 (2017), 12 (2023) and 13 (2026) start new series.
describe("Versions.inForceOn: the Nice version in force on a date", () => {
  it("is the version of the year: 12-2023 in 2023, 13-2026 from 2026-01-01", () => {
    expect(inForce("2023-06-15")).toBe("12-2023");
    expect(inForce("2023-12-31")).toBe("12-2023");
    expect(inForce("2024-01-01")).toBe("12-2024");
    expect(inForce("2025-12-31")).toBe("12-2025");
    expect(inForce("2026-01-01")).toBe("13-2026");
    expect(inForce("2031-05-05")).toBe("13-2026"); // until a newer version is added to the history
  });

  it("lists every yearly version from 10-2012 to 13-2026, each from 1 January", () => {
    const yearly = Versions.defaultHistory.filter((v) => v.inForceFrom >= "2012-01-01");
    expect(yearly.map((v) => v.id)).toEqual([
      "10-2012",
      "10-2013",
      "10-2014",
      "10-2015",
      "10-2016",
      "11-2017",
      "11-2018",
      "11-2019",
      "11-2020",
      "11-2021",
      "11-2022",
      "12-2023",
      "12-2024",
      "12-2025",
      "13-2026",
    ]);
    for (const v of Versions.defaultHistory) expect(v.inForceFrom).toBe(`${v.id.split("-")[1]}-01-01`);
    expect(Result.isSuccess(Schema.decodeUnknownResult(Versions.History)(Versions.defaultHistory))).toBe(true);
  });

  it("names the editions before the yearly versions by the year they entered into force", () => {
    expect(inForce("2011-12-31")).toBe("9-2007");
    expect(inForce("2002-01-01")).toBe("8-2002");
    expect(inForce("1997-01-01")).toBe("7-1997");
    expect(inForce("1996-12-31")).toBe("NoVersionInForce");
  });

  it("takes an office's own history (e.g. a version applied later than 1 January)", () => {
    const office: Versions.History = [
      { id: "12-2025", inForceFrom: "2025-01-01" },
      { id: "13-2026", inForceFrom: "2026-03-01" },
    ];
    expect(inForce("2026-02-28", office)).toBe("12-2025");
    expect(inForce("2026-03-01", office)).toBe("13-2026");
    const r = Versions.inForceOn("2024-12-31", office);
    expect(Result.isFailure(r) && r.failure.message).toContain("2025-01-01");
    const disordered = Schema.decodeUnknownResult(Versions.History)([...office].reverse());
    expect(Result.isFailure(disordered)).toBe(true);
  });

  it("is total: any string gives a version or NoVersionInForce, and later dates never give an older version", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = Versions.inForceOn(s);
        expect(Result.isSuccess(r) || r.failure._tag === "NoVersionInForce").toBe(true);
      }),
    );
    const day = fc.date({ min: new Date("1990-01-01"), max: new Date("2040-12-31"), noInvalidDate: true });
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [x, y] = [a, b].map((d) => d.toISOString().slice(0, 10)).sort() as [string, string];
        const vx = Versions.inForceOn(x);
        const vy = Versions.inForceOn(y);
        if (Result.isSuccess(vx) && Result.isSuccess(vy))
          expect(vx.success.inForceFrom <= vy.success.inForceFrom).toBe(true);
      }),
    );
  });

  it("tells the edition of a list or version", () => {
    expect(Versions.editionOf("12")).toBe(12);
    expect(Versions.editionOf("12-2024")).toBe(12);
    expect(Versions.editionOf("newest")).toBeUndefined();
    expect(Versions.sameEdition("12", "12-2025")).toBe(true);
    expect(Versions.sameEdition("10-2015", "13-2026")).toBe(false);
  });
});
