/**
 * The office fee schedules in config/fees, loaded through @ipoffice/fees, against totals computed by hand from the
 * figures each file cites (../shared/data/fees/bulgaria-tm-efiling-fees.xml, DOMAIN.md §5, or illustrative for OM).
 */
import { readdirSync, readFileSync } from "node:fs";
import { FeeSchedule, Quote } from "@ipoffice/fees";
import { Result } from "effect";
import { describe, expect, it } from "vitest";

const folder = new URL("../config/fees/", import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith(".yaml"));
const schedules = files.map((name) => {
  const result = FeeSchedule.fromYaml(readFileSync(new URL(name, folder), "utf8"), name);
  if (Result.isFailure(result)) throw new Error(result.failure.message);
  return result.success;
});
const byOffice = (office: string) => {
  const schedule = schedules.find((s) => s.office === office);
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
  const result = Quote.quote(byOffice(office), { ...params, service, dueDate });
  if (Result.isSuccess(result)) throw new Error("expected an error");
  return result.failure;
};

describe("office fee schedules", () => {
  it("all load and cite their source; one schedule per office file", () => {
    expect(files.sort()).toEqual([
      "ae-trademark.yaml",
      "bg-trademark-2024.yaml",
      "bh-trademark-2016.yaml",
      "eg-patent.yaml",
      "jo-trademark.yaml",
      "om.yaml",
    ]);
    for (const schedule of schedules) expect(schedule.source.length).toBeGreaterThan(10);
    expect(byOffice("OM").illustrative).toBe(true);
    expect(schedules.filter((s) => s.illustrative === true).map((s) => s.office)).toEqual(["OM"]);
  });

  it("Bulgaria (BGN, from the BPO e-filing configuration)", () => {
    const d = "2025-06-01";
    // 520 basic (3 classes) + 2 × 30 extra classes + 20 priority = BGN 600.00
    const filing = total("BG", "trademark.filing", { classes: 5, priorities: 1, language: "bg" }, d);
    expect(filing.total).toBe(60_000);
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
    // certificate: 1010 (3 classes) / 1010 + 2 × 80
    expect(total("BG", "trademark.registration", { classes: 3 }, d).total).toBe(101_000);
    expect(total("BG", "trademark.registration", { classes: 5 }, d).total).toBe(117_000);
    expect(total("BG", "trademark.certificateRequest", {}, d).total).toBe(5_000);
    // The BGN version ends when Bulgaria adopted the euro: no schedule covers a fee due in 2026.
    expect(Result.isFailure(FeeSchedule.applicable(schedules, "trademark.filing", "2026-01-01", "BG"))).toBe(true);
  });

  it("Jordan (USD as found, per class)", () => {
    expect(total("JO", "trademark.filing", { classes: 1 }).total).toBe(65_000);
    expect(total("JO", "trademark.renewal", { classes: 2 }).total).toBe(106_000);
    expect(total("JO", "recordal.transfer").total).toBe(25_000);
    expect(total("JO", "trademark.filing", { classes: 1, language: "ar" }).lines[0]?.description).toBe(
      "الإيداع والنشر والتسجيل لكل فئة",
    );
  });

  it("UAE (AED): filing + publication + registration, renewal with grace surcharge", () => {
    // 1,000 + 1,300 + 6,700 = AED 9,000
    expect(total("AE", ["trademark.filing", "trademark.publication", "trademark.registration"]).total).toBe(900_000);
    expect(total("AE", "trademark.renewal").total).toBe(575_000);
    // Within the 6-month grace period: AED 6,500
    expect(total("AE", "trademark.renewal", { daysLate: 90 }).total).toBe(650_000);
    expect(error("AE", "trademark.renewal", { daysLate: 200 })._tag).toBe("LateBeyondGrace");
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

  it("Egypt (EGP): annuities, 50 % reduction, 7 % grace surcharge; missing years are errors", () => {
    expect(total("EG", "patent.annuity", { year: 2 }).total).toBe(2_000);
    expect(total("EG", "patent.annuity", { year: 4, applicantCategory: "individual" }).total).toBe(4_000);
    // year 3 paid 100 days late: 40 + 7 % = 42.80; small firm: half = 21.40
    expect(total("EG", "patent.annuity", { year: 3, daysLate: 100 }).total).toBe(4_280);
    expect(total("EG", "patent.annuity", { year: 3, daysLate: 100, applicantCategory: "sme" }).total).toBe(2_140);
    expect(total("EG", "patent.annuity", { year: 18 }).total).toBe(100_000);
    expect(error("EG", "patent.annuity", { year: 10 })).toMatchObject({ _tag: "ParameterOutOfRange", value: 10 });
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
