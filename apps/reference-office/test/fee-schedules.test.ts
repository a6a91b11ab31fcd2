/**
 * The office fee schedules in config/fees, loaded through @ipoffice/fees, against totals computed by hand from the
 * figures each file cites (the UAE's Cabinet Resolutions No. 20 of 2020 and No. 102 of 2025, Bulgaria's 2020 tariff and
 * ../shared/data/fees/bulgaria-tm-efiling-fees.xml, its euro changeover, Egypt's annuity table, DOMAIN.md §5, or
 * illustrative for OM).
 */
import { readdirSync, readFileSync } from "node:fs";
import { FeeSchedule, Money, Quote } from "@ipoffice/fees";
import { Result } from "effect";
import { describe, expect, it } from "vitest";

const folder = new URL("../config/fees/", import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith(".yaml"));
const schedules = files.map((name) => {
  const result = FeeSchedule.fromYaml(readFileSync(new URL(name, folder), "utf8"), name);
  if (Result.isFailure(result)) throw new Error(result.failure.message);
  return result.success;
});
const byOffice = (office: string, id?: string) => {
  const schedule = schedules.find((s) => s.office === office && (id === undefined || s.id === id));
  if (schedule === undefined) throw new Error(`no schedule for ${office}`);
  return schedule;
};

type Params = Omit<Quote.Request, "dueDate" | "service" | "services">;
const total = (
  office: string,
  services: string | ReadonlyArray<string>,
  params: Params = {},
  dueDate = "2026-11-24",
) => {
  const request = { ...params, dueDate, services: typeof services === "string" ? [services] : [...services] };
  const schedule = FeeSchedule.applicable(schedules, request.services[0] ?? "", dueDate, office);
  if (Result.isFailure(schedule)) throw new Error(schedule.failure.message);
  const quote = Quote.quote(schedule.success, request);
  if (Result.isFailure(quote)) throw new Error(quote.failure.message);
  return quote.success;
};
const error = (office: string, service: string, params: Params, dueDate = "2026-11-24") => {
  const schedule = FeeSchedule.applicable(schedules, service, dueDate, office);
  if (Result.isFailure(schedule)) throw new Error(schedule.failure.message);
  const result = Quote.quote(schedule.success, { ...params, service, dueDate });
  if (Result.isSuccess(result)) throw new Error("expected an error");
  return result.failure;
};

describe("office fee schedules", () => {
  it("all load and cite their source; one schedule version per file; one currency per office on any date", () => {
    expect(files.sort()).toEqual([
      "ae-trademark-2020.yaml",
      "ae-trademark-2025.yaml",
      "bg-trademark-2020.yaml",
      "bg-trademark-2026.yaml",
      "bh-trademark-2016.yaml",
      "eg-patent.yaml",
      "jo-trademark.yaml",
      "om.yaml",
    ]);
    for (const schedule of schedules) expect(schedule.source.length).toBeGreaterThan(10);
    expect(byOffice("OM").illustrative).toBe(true);
    expect(schedules.filter((s) => s.illustrative === true).map((s) => s.office)).toEqual(["OM"]);
    expect(FeeSchedule.currencyOverlaps(schedules)).toEqual([]);
    // Versions of one office follow each other without a gap.
    const next = (id: string) => schedules.find((s) => s.id === id);
    expect(next("ae-trademark-2020")?.effectiveTo).toBe("2025-11-14");
    expect(next("ae-trademark-2025")?.effectiveFrom).toBe("2025-11-15");
    expect(next("bg-trademark-2020")?.effectiveTo).toBe("2025-12-31");
    expect(next("bg-trademark-2026")?.effectiveFrom).toBe("2026-01-01");
  });

  it("Bulgaria, 2020 tariff (BGN): the filing lump sum covers registration; the certificate is BGN 50", () => {
    const d = "2025-06-01";
    // 520 lump sum (3 classes) + 2 × 30 extra classes + 20 priority = BGN 600.00
    const filing = total("BG", "trademark.filing", { classes: 5, priorities: 1, language: "bg" }, d);
    expect(filing.total).toBe(60_000);
    expect(filing.currency).toBe("BGN");
    expect(filing.lines.map((l) => [l.code, l.quantity, l.amount])).toEqual([
      ["001", 1, 52_000],
      ["003", 2, 6_000],
      ["009", 1, 2_000],
    ]);
    expect(filing.lines[1]?.description).toBe("Такса за всеки клас над 3");
    // 520 + 20 exhibition priority
    expect(total("BG", "trademark.filing", { classes: 2, exhibitions: 1 }, d).total).toBe(54_000);
    // collective: 1010 + 1 × 80
    expect(total("BG", "trademark.collectiveFiling", { classes: 4 }, d).total).toBe(109_000);
    expect(total("BG", "trademark.certificate", {}, d).total).toBe(5_000);
    // No registration fee since the 2020 amendment: the lump sum at filing covers it.
    expect(Object.keys(byOffice("BG", "bg-trademark-2020").items)).not.toContain("trademark.registration");
    // Before the 2020 tariff no schedule is shipped.
    expect(Result.isFailure(FeeSchedule.applicable(schedules, "trademark.filing", "2020-04-13", "BG"))).toBe(true);
  });

  it("Bulgaria from 2026-01-01 (EUR): each amount is the BGN one at 1.95583, rounded to the cent", () => {
    const lev = byOffice("BG", "bg-trademark-2020");
    const euro = byOffice("BG", "bg-trademark-2026");
    expect(euro.currency).toBe("EUR");
    // The euro schedule is the lev schedule converted as the euro law says, item by item and line by line.
    const converted = FeeSchedule.convert(lev, {
      currency: "EUR",
      rate: "1.95583",
      id: euro.id,
      effectiveFrom: euro.effectiveFrom,
      source: euro.source,
    });
    if (Result.isFailure(converted)) throw new Error(converted.failure.message);
    expect(euro.items).toEqual(converted.success.items);
    // BGN 520 = EUR 265.87; 2 × 15.34; 10.23 priority
    const filing = total("BG", "trademark.filing", { classes: 5, priorities: 1 }, "2026-01-01");
    expect(filing.currency).toBe("EUR");
    expect(filing.lines.map((l) => [l.code, l.quantity, l.amount])).toEqual([
      ["001", 1, 26_587],
      ["003", 2, 3_068],
      ["009", 1, 1_023],
    ]);
    expect(Money.format(filing.total, "EUR", "en")).toBe("€306.78");
    expect(total("BG", "trademark.certificate", {}, "2026-01-01").total).toBe(2_556);
    // A fee due on 2025-12-31 is still in BGN.
    expect(total("BG", "trademark.filing", { classes: 1 }, "2025-12-31").currency).toBe("BGN");
  });

  it("Jordan (the USD figures found, converted at 0.709 JOD per USD to the fils, per class)", () => {
    // USD 650 → JOD 460.850; 2 × USD 530 → 2 × JOD 375.770; USD 250 → JOD 177.250.
    expect(total("JO", "trademark.filing", { classes: 1 }).total).toBe(460_850);
    expect(total("JO", "trademark.renewal", { classes: 2 }).total).toBe(751_540);
    expect(total("JO", "recordal.transfer").total).toBe(177_250);
    expect(total("JO", "trademark.filing", { classes: 1 }).currency).toBe("JOD");
    expect(total("JO", "trademark.filing", { classes: 1, language: "ar" }).lines[0]?.description).toBe(
      "الإيداع والنشر والتسجيل لكل فئة",
    );
  });

  it("UAE, Cabinet Resolution No. 20 of 2020 (AED, from 2020-04-05): the reduced fees", () => {
    const d = "2024-06-01";
    // 750 filing + 750 publication + 5,000 registration = AED 6,500 for one class
    const all = ["trademark.filing", "trademark.publication", "trademark.registration"];
    expect(total("AE", all, { classes: 1 }, d).total).toBe(650_000);
    expect(total("AE", "trademark.search", { classes: 2 }, d).total).toBe(70_000);
    // renewal in the last year: 5,000 + 750 + 750 = 6,500
    expect(total("AE", "trademark.renewal", { classes: 1 }, d).total).toBe(650_000);
    expect(total("AE", "trademark.opposition", {}, d).total).toBe(750_000);
    // Before the 2020 resolution no UAE schedule is shipped (the 2019 fees are not).
    expect(Result.isFailure(FeeSchedule.applicable(schedules, "trademark.filing", "2020-04-04", "AE"))).toBe(true);
  });

  it("UAE, Cabinet Resolution No. 102 of 2025 (AED, from 2025-11-15): per class, renewal 5,750 / 6,500, SMEs 50 %", () => {
    const d = "2026-11-24";
    // three classes: 3 × (750 + 750 + 5,000) = AED 19,500
    const all = ["trademark.filing", "trademark.publication", "trademark.registration"];
    expect(total("AE", all, { classes: 3 }, d).total).toBe(1_950_000);
    // renewal per class: 2 × 5,750; within the six months after: 2 × 6,500
    expect(total("AE", "trademark.renewal", { classes: 2 }, d).total).toBe(1_150_000);
    const late = total("AE", "trademark.renewal", { classes: 2, daysLate: 90 }, d);
    expect(late.total).toBe(1_300_000);
    expect(late.lines.map((l) => [l.code, l.quantity, l.unitAmount])).toEqual([
      ["AE-TM-REN", 2, 575_000],
      ["AE-TM-REN-LATE", 2, 75_000],
    ]);
    expect(total("AE", "trademark.collectiveRenewal", { classes: 1, lateWithinGrace: true }, d).total).toBe(975_000);
    // members of the National SME Programme: half
    expect(total("AE", "trademark.renewal", { classes: 1, applicantCategory: "sme" }, d).total).toBe(287_500);
    expect(total("AE", "trademark.expeditedExamination", {}, d).total).toBe(225_000);
    expect(error("AE", "trademark.renewal", { classes: 1, daysLate: 200 })._tag).toBe("LateBeyondGrace");
    // The renewal is per class: a request without the classes is an error, never a guess.
    expect(error("AE", "trademark.renewal", {})).toMatchObject({ _tag: "MissingParameter", parameter: "classes" });
    // 2025-11-14 is still under the 2020 resolution
    expect(total("AE", "trademark.renewal", { classes: 1 }, "2025-11-14").total).toBe(650_000);
  });

  it("Bahrain (USD as found, from 2016)", () => {
    // search 2 × 265 + filing 265 + publication 132 + registration 1,325 = 2,252
    const all = ["trademark.search", "trademark.filing", "trademark.publication", "trademark.registration"];
    expect(total("BH", all, { classes: 2 }).total).toBe(225_200);
    expect(total("BH", "trademark.renewal").total).toBe(172_300);
    // late renewal: 1,988
    expect(total("BH", "trademark.renewal", { lateWithinGrace: true }).total).toBe(198_800);
    expect(total("BH", "recordal.transfer").total).toBe(39_700);
    expect(Result.isFailure(FeeSchedule.applicable(schedules, "trademark.filing", "2015-12-31", "BH"))).toBe(true);
  });

  it("Egypt (EGP): annuities of years 2–20, 50 % reduction, 7 % grace surcharge", () => {
    expect(total("EG", "patent.annuity", { year: 2 }).total).toBe(2_000);
    expect(total("EG", "patent.annuity", { year: 4, applicantCategory: "individual" }).total).toBe(4_000);
    // year 3 paid 100 days late: 40 + 7 % = 42.80; small firm: half = 21.40
    expect(total("EG", "patent.annuity", { year: 3, daysLate: 100 }).total).toBe(4_280);
    expect(total("EG", "patent.annuity", { year: 3, daysLate: 100, applicantCategory: "sme" }).total).toBe(2_140);
    // years 6–16: 150, 200, 250, 300, 350, 400, 500, 600, 700, 800, 900
    const middle = Array.from({ length: 11 }, (_, i) => total("EG", "patent.annuity", { year: 6 + i }).total / 100);
    expect(middle).toEqual([150, 200, 250, 300, 350, 400, 500, 600, 700, 800, 900]);
    expect(total("EG", "patent.annuity", { year: 18 }).total).toBe(100_000);
    // the whole term (years 2–20): EGP 9,390
    const all = Array.from({ length: 19 }, (_, i) => total("EG", "patent.annuity", { year: 2 + i }).total);
    expect(all.reduce((a, b) => a + b, 0)).toBe(939_000);
    expect(error("EG", "patent.annuity", { year: 21 })).toMatchObject({ _tag: "ParameterOutOfRange", value: 21 });
    expect(error("EG", "patent.annuity", { year: 19, daysLate: 400 })._tag).toBe("LateBeyondGrace");
  });

  it("OM (illustrative, OMR with 3 decimals): every service quotes", () => {
    // 50 + 2 × 20 + 10 priority = 100.000; individual −25 % = 75.000
    expect(total("OM", "trademark.filing", { classes: 3, priorities: 1, applicantCategory: "individual" }).total).toBe(
      75_000,
    );
    // claims band 31–50 = 450.000; university −50 %
    expect(total("OM", "patent.examination", { claims: 35, applicantCategory: "university" }).total).toBe(225_000);
    // year 12 = 120.000 + 20 % late = 144.000
    expect(total("OM", "patent.annuity", { year: 12, daysLate: 30 }).total).toBe(144_000);
    // 40 + 19 × 10 = 230.000, capped at 200.000
    expect(total("OM", "design.filing", { designs: 20 }).total).toBe(200_000);
    expect(total("OM", "utilityModel.filing", { claims: 12 }).total).toBe(64_000);
    const om = byOffice("OM");
    const full = { classes: 2, claims: 12, pages: 40, priorities: 1, designs: 3, year: 5 };
    for (const service of Object.keys(om.items)) {
      const quote = total("OM", service, full);
      expect(quote.total, service).toBeGreaterThan(0);
      expect(quote.currency).toBe("OMR");
    }
    for (const kind of ["trademark.", "patent.", "design.", "utilityModel.", "recordal."])
      expect(Object.keys(om.items).some((service) => service.startsWith(kind))).toBe(true);
  });
});
