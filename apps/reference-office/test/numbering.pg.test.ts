/**
 * Application and registration numbers as the office's patterns say (decision 0693): a pattern with the year restarts
 * its serial each year, one without runs on (Jordan's `{serial}`, a registration number `{serial:6}`); concurrent
 * filings get consecutive numbers without gaps or repeats, and a filing that fails gives its number back. On PGlite
 * and PostgreSQL.
 */
import { ApplicationNumber, IpRight } from "@ipoffice/domain";
import { Clock, Effect, Result, Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { counterOf, restartsYearly } from "../src/rights/numbering.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { makeRights } from "../src/rights/Rights.js";
import { allocateSerials } from "../src/rights/RightsRepository.js";
import { seedDemoData } from "../src/seed/demo.js";
import * as m0021 from "../src/db/migrations/2026_12_07_0021_unique_registration_numbers.js";
import { fixedClock, omConfig, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const pattern = (text: string) => Schema.decodeUnknownSync(ApplicationNumber.Pattern)(text);

/** Oman's configuration under another office code, with the given patterns. */
const officeWith = async (
  code: string,
  applications: Partial<Record<keyof OfficeConfig["numbering"]["applications"], string>>,
  registrations: Partial<Record<keyof OfficeConfig["numbering"]["registrations"], string>> = {},
): Promise<OfficeConfig> => {
  const om = await omConfig();
  const decode = (m: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, pattern(v as string)]));
  return {
    ...om,
    office: { ...om.office, code: code as OfficeConfig["office"]["code"] },
    numbering: {
      ...om.numbering,
      applications: { ...om.numbering.applications, ...decode(applications) },
      registrations: { ...om.numbering.registrations, ...decode(registrations) },
    },
  };
};

const design = {
  kind: "industrial_design",
  title: "Coffee pot",
  designs: [{ product: "Coffee pot", locarnoClass: "07-01", views: 4 }],
  applicants: [{ name: "Nordlicht Werke GmbH", country: "DE" }],
};

describe("restartsYearly", () => {
  it("is true exactly when the pattern shows the year", () => {
    expect(restartsYearly(pattern("TM/{yyyy}/{serial:6}"))).toBe(true);
    expect(restartsYearly(pattern("{yy}-{serial}"))).toBe(true);
    expect(restartsYearly(pattern("{serial}"))).toBe(false);
    expect(restartsYearly(pattern("OM-{kind}-{serial:6}"))).toBe(false);
  });
});

describe.each(testDatabases)("numbering on $name", (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database?.close());

  const service = async (config: OfficeConfig, at: string) => {
    await ensureOffice(database.db, config);
    const time = fixedClock(at);
    const rights = makeRights(database.db, config, "12");
    const run = <A, E>(effect: Effect.Effect<A, E>) =>
      Effect.runPromise(Effect.result(Effect.provideService(effect, Clock.Clock, time.clock)));
    const file = async (body: unknown) => {
      const request = Schema.decodeUnknownSync(IpRight.FilingRequest)(body);
      const filed = await run(rights.file([request], { id: "clerk-1", role: "clerk" }));
      return Result.getOrThrow(filed)[0]!.right;
    };
    return { rights, run, time, file };
  };

  it("runs a continuous serial on across years, and restarts a yearly one", async () => {
    const config = await officeWith("JO", { trademark: "{serial}", patent: "P/{yyyy}/{serial:4}" });
    const s = await service(config, "2026-12-31T08:00:00Z");
    const patent = {
      kind: "patent",
      title: "Heat exchanger",
      applicants: [{ name: "Nordlicht Werke GmbH", country: "DE" }],
      inventors: [{ name: "Said Al Rawahi", country: "OM" }],
      claimsCount: 12,
    };
    expect((await s.file(trademarkFiling)).applicationNumber).toBe("1");
    expect((await s.file(trademarkFiling)).applicationNumber).toBe("2");
    expect((await s.file(patent)).applicationNumber).toBe("P/2026/0001");
    s.time.set("2027-01-03T08:00:00Z");
    const next = await s.file(trademarkFiling);
    expect(next.applicationNumber).toBe("3");
    // The ST.13 form keeps the filing year beside the continuous serial.
    expect(next.st13).toBe("JO502027000000003");
    expect((await s.file(patent)).applicationNumber).toBe("P/2027/0001");
    const rows = await database.db
      .selectFrom("number_sequences")
      .select(["series", "year", "last_serial"])
      .where("office_code", "=", "JO")
      .orderBy("series")
      .orderBy("year")
      .execute();
    expect(rows).toEqual([
      { series: "application:patent", year: 2026, last_serial: 1 },
      { series: "application:patent", year: 2027, last_serial: 1 },
      { series: "application:trademark", year: 0, last_serial: 3 },
    ]);
  });

  it("writes the office's own {kind} codes (numbering.kindCodes), the default where it names none", async () => {
    const om = await officeWith("LY", {
      trademark: "{kind}/{yyyy}/{serial:4}",
      industrial_design: "{kind}-{serial:3}",
    });
    const config = { ...om, numbering: { ...om.numbering, kindCodes: { industrial_design: "ID" } } };
    const s = await service(config, "2026-08-03T08:00:00Z");
    expect((await s.file(trademarkFiling)).applicationNumber).toBe("TM/2026/0001");
    expect((await s.file(design)).applicationNumber).toBe("ID-001");
  });

  it("numbers registrations on a continuous serial across years", async () => {
    const config = await officeWith(
      "BH",
      { industrial_design: "D/{yyyy}/{serial}" },
      { industrial_design: "{serial:6}" },
    );
    const s = await service(config, "2026-03-02T08:00:00Z");
    const register = async (number: string) => {
      for (const [role, action] of [
        ["clerk", "accord_filing_date"],
        ["formality_examiner", "formalities_compliant"],
        ["classifier", "classification_checked"],
        ["examiner", "accept"],
        ["registrar", "publish"],
      ] as const)
        Result.getOrThrow(await s.run(s.rights.perform(number, { action }, { id: `${role}-1`, role })));
    };
    const first = await s.file(design);
    await register(first.applicationNumber);
    s.time.set("2026-12-01T08:00:00Z");
    Result.getOrThrow(await s.run(s.rights.fireDueTimeLimits()));
    const done = Result.getOrThrow(
      await s.run(s.rights.perform(first.applicationNumber, { action: "register" }, { id: "r", role: "registrar" })),
    );
    expect(done.right.registration?.number).toBe("000001");
    const second = await s.file(design);
    expect(second.applicationNumber).toBe("D/2026/2");
    await register(second.applicationNumber);
    s.time.set("2027-04-01T08:00:00Z");
    Result.getOrThrow(await s.run(s.rights.fireDueTimeLimits()));
    const again = Result.getOrThrow(
      await s.run(s.rights.perform(second.applicationNumber, { action: "register" }, { id: "r", role: "registrar" })),
    );
    // Registered in another year, the serial runs on: no second 000001.
    expect(again.right.registration?.number).toBe("000002");
  });

  it("keeps numbers issued twice before the unique index, marked, and refuses a number already held (migration 0021)", async () => {
    const config = await officeWith(
      "LB",
      { industrial_design: "D/{yyyy}/{serial}" },
      { industrial_design: "{serial:6}" },
    );
    const s = await service(config, "2026-03-02T08:00:00Z");
    const toRegistration = async (number: string) => {
      for (const [role, action] of [
        ["clerk", "accord_filing_date"],
        ["formality_examiner", "formalities_compliant"],
        ["classifier", "classification_checked"],
        ["examiner", "accept"],
        ["registrar", "publish"],
      ] as const)
        Result.getOrThrow(await s.run(s.rights.perform(number, { action }, { id: `${role}-1`, role })));
    };
    const numbers = [];
    for (let i = 0; i < 3; i++) {
      const filed = await s.file(design);
      await toRegistration(filed.applicationNumber);
      numbers.push(filed.applicationNumber);
    }
    s.time.set("2026-12-01T08:00:00Z");
    Result.getOrThrow(await s.run(s.rights.fireDueTimeLimits()));
    const register = (number: string, registrationNumber?: string) =>
      s.run(
        s.rights.perform(
          number,
          { action: "register", ...(registrationNumber ? { data: { registrationNumber } } : {}) },
          { id: "r", role: "registrar" },
        ),
      );
    expect(Result.getOrThrow(await register(numbers[0]!)).right.registration?.number).toBe("000001");
    // A number typed by the registrar that another design holds is refused, and nothing is written.
    const taken = await register(numbers[1]!, "000001");
    expect(Result.isFailure(taken) && taken.failure._tag).toBe("RegistrationNumberTaken");
    expect(Result.isFailure(taken) && taken.failure.message).toContain(numbers[0]);
    const unchanged = await s.run(s.rights.get(numbers[1]!, { audience: "staff" }));
    expect(Result.getOrThrow(unchanged).registration).toBeUndefined();
    expect(Result.getOrThrow(await register(numbers[1]!, "000777")).right.registration?.number).toBe("000777");
    expect(Result.getOrThrow(await register(numbers[2]!)).right.registration?.number).toBe("000002");

    // An office upgrading with a repeat (written before the index existed): the migration keeps it, marked.
    await m0021.down(database.db);
    await database.db
      .updateTable("rights")
      .set({ registration_number: "000001" })
      .where("office_code", "=", "LB")
      .where("application_number", "=", numbers[2]!)
      .execute();
    await m0021.up(database.db);
    const rows = await database.db
      .selectFrom("rights")
      .select(["application_number", "registration_number", "registration_repeat"])
      .where("office_code", "=", "LB")
      .orderBy("application_number")
      .execute();
    expect(rows).toEqual([
      { application_number: numbers[0], registration_number: "000001", registration_repeat: false },
      { application_number: numbers[1], registration_number: "000777", registration_repeat: false },
      { application_number: numbers[2], registration_number: "000001", registration_repeat: true },
    ]);
    // The index now holds what the code promised: a second holder cannot be written.
    await expect(
      database.db
        .updateTable("rights")
        .set({ registration_number: "000777" })
        .where("office_code", "=", "LB")
        .where("application_number", "=", numbers[0]!)
        .execute(),
    ).rejects.toThrow(/rights_registration_number_uq|duplicate key|unique/);
  });

  it("numbers concurrent filings consecutively, without gaps or repeats", async () => {
    const config = await officeWith("KW", { trademark: "{serial:5}" });
    const s = await service(config, "2026-05-04T08:00:00Z");
    const request = Schema.decodeUnknownSync(IpRight.FilingRequest)(trademarkFiling);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        s.run(s.rights.file(i % 3 === 0 ? [request, request] : [request], { id: `agent-${i}`, role: "applicant" })),
      ),
    );
    const numbers = results.flatMap((r) => Result.getOrThrow(r).map((f) => f.right.applicationNumber)).sort();
    expect(numbers).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 1).padStart(5, "0")));
  });

  it("gives back the numbers of a filing that fails, so the series has no gap", async () => {
    // A one-digit serial runs out at 9: the tenth filing fails after its serial was reserved, and rolls it back.
    const config = await officeWith("QA", { trademark: "Q{serial:1}" });
    const s = await service(config, "2026-05-04T08:00:00Z");
    const request = Schema.decodeUnknownSync(IpRight.FilingRequest)(trademarkFiling);
    for (let i = 0; i < 9; i++) await s.file(trademarkFiling);
    const failed = await s.run(s.rights.file([request], { id: "agent", role: "applicant" }));
    expect(Result.isFailure(failed) && failed.failure._tag).toBe("NumberingFailed");
    const row = await database.db
      .selectFrom("number_sequences")
      .select("last_serial")
      .where("office_code", "=", "QA")
      .executeTakeFirstOrThrow();
    expect(row.last_serial).toBe(9);
  });

  it("continues a series whose pattern lost its year after the highest yearly counter", async () => {
    // An office that numbered "TM/{yyyy}/{serial}" and now writes "{serial:6}": no number already issued returns.
    await allocateSerials(database.db, "SA", "application:trademark", 2024, 41);
    await allocateSerials(database.db, "SA", "application:trademark", 2025, 17);
    const config = await officeWith("SA", { trademark: "{serial:6}" });
    expect(counterOf(config, "application", "trademark", 2026)).toEqual({ series: "application:trademark", year: 0 });
    const s = await service(config, "2026-05-04T08:00:00Z");
    expect((await s.file(trademarkFiling)).applicationNumber).toBe("000042");
    expect((await s.file(trademarkFiling)).applicationNumber).toBe("000043");
  });

  it("seeds a demo with a continuous pattern without repeating an application or registration number", async () => {
    const config = await officeWith(
      "JO",
      { trademark: "{serial}", patent: "P{serial}", industrial_design: "D{serial}", utility_model: "U{serial}" },
      {
        trademark: "{serial:6}",
        patent: "P{serial:6}",
        industrial_design: "D{serial:6}",
        utility_model: "U{serial:6}",
      },
    );
    // A fresh office code: the first test's JO rows are another office's here.
    const fresh = { ...config, office: { ...config.office, code: "EG" as OfficeConfig["office"]["code"] } };
    await ensureOffice(database.db, fresh);
    await seedDemoData({
      db: database.db,
      config: fresh,
      reference: referenceData(),
      logger: silentLogger(),
      counts: { trademark: 60, patent: 15, industrial_design: 10, utility_model: 5 },
      today: "2026-11-30",
    });
    const rows = await database.db
      .selectFrom("rights")
      .select(["kind", "application_number", "registration_number"])
      .where("office_code", "=", "EG")
      .execute();
    expect(rows.length).toBe(90);
    const registered = rows.filter((r) => r.registration_number !== null);
    expect(registered.length).toBeGreaterThan(5);
    for (const kind of ["trademark", "patent", "industrial_design", "utility_model"]) {
      const numbers = rows.filter((r) => r.kind === kind).map((r) => r.application_number);
      expect(new Set(numbers).size, kind).toBe(numbers.length);
      const regs = registered.filter((r) => r.kind === kind).map((r) => r.registration_number);
      expect(new Set(regs).size, kind).toBe(regs.length);
    }
    // The counters stand where the demo ended: the next filing continues the series.
    const s = await service(fresh, "2026-12-01T08:00:00Z");
    const trademarks = rows.filter((r) => r.kind === "trademark").length;
    expect((await s.file(trademarkFiling)).applicationNumber).toBe(String(trademarks + 1));
  });
});
