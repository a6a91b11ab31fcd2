/**
 * The sample offices beside Oman's (config/offices: Jordan, Bulgaria, the GCC Patent Office), each started as
 * `pnpm start` starts it, demo data included, with no code changed: its home page in its default language, its filing
 * form offering its kinds, its products served or absent, filings numbered by its patterns, and demo numbers that never
 * repeat (continuous or yearly serials, decision 0693). On PGlite (the server's embedded database).
 */
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPglite } from "../../../test-support/engines.js";
import { makeAccounts } from "../src/auth/Accounts.js";
import { silentLogger } from "../src/Logger.js";
import { type RunningServer, startServer } from "../src/Server.js";

const offices = new URL("../config/offices/", import.meta.url).pathname;

const filings = {
  trademark: {
    kind: "trademark",
    mark: { text: "ZAYTOUN", type: "word" },
    owners: [{ name: "Amman Olive Press LLC", country: "JO" }],
    goodsAndServices: [{ classNumber: 29, terms: ["olive oil"] }],
  },
  patent: {
    kind: "patent",
    title: "Solar desalination still",
    claimsCount: 8,
    applicants: [{ name: "Gulf Water Research Co.", country: "SA" }],
    inventors: [{ name: "Noura Al Saud", country: "SA" }],
  },
  industrial_design: {
    kind: "industrial_design",
    title: "Coffee pot",
    designs: [{ product: "Coffee pot", locarnoClass: "07-01", views: 4 }],
    applicants: [{ name: "Dallah Works", country: "KW" }],
  },
  utility_model: {
    kind: "utility_model",
    title: "Folding crate",
    claimsCount: 3,
    applicants: [{ name: "Sofia Crates OOD", country: "BG" }],
    inventors: [{ name: "Ivan Petrov", country: "BG" }],
  },
} as const;

interface Expected {
  readonly file: string;
  readonly code: string;
  readonly lang: string;
  readonly name: string;
  readonly kinds: ReadonlyArray<keyof typeof filings>;
  readonly madrid: boolean;
  readonly fees: boolean;
  /** The first two numbers of each kind filed now, in 2026. */
  readonly numbers: Partial<Record<keyof typeof filings, RegExp>>;
  /** The office's weekend as days of the week (0 Sunday … 6 Saturday): no demo time limit falls on them. */
  readonly weekend: ReadonlyArray<number>;
  /** The countries of its local filers (its own, or its member states). */
  readonly home: ReadonlyArray<string>;
}

const samples: ReadonlyArray<Expected> = [
  {
    file: "jo.yaml",
    code: "JO",
    lang: "ar",
    name: "مديرية حماية الملكية الصناعية",
    kinds: ["trademark", "patent", "industrial_design"],
    madrid: true,
    fees: true,
    numbers: { trademark: /^\d+$/, patent: /^JO\/P\/2026\/\d{4}$/, industrial_design: /^JO\/D\/\d+$/ },
    weekend: [5, 6],
    home: ["JO"],
  },
  {
    file: "bg.yaml",
    code: "BG",
    lang: "en",
    name: "Patent Office of the Republic of Bulgaria",
    kinds: ["trademark", "patent", "industrial_design", "utility_model"],
    madrid: true,
    fees: true,
    numbers: { trademark: /^TM2026\d{6}$/, patent: /^P2026\d{6}$/, utility_model: /^U2026\d{6}$/ },
    weekend: [0, 6],
    home: ["BG"],
  },
  {
    file: "gcc.yaml",
    code: "GC",
    lang: "ar",
    name: "مكتب براءات الاختراع لمجلس التعاون",
    kinds: ["patent", "industrial_design"],
    madrid: false,
    fees: false,
    numbers: { patent: /^GC 2026 \d{5}$/, industrial_design: /^GCD 2026 \d{5}$/ },
    weekend: [5, 6],
    home: ["SA", "AE", "BH", "KW", "OM", "QA"],
  },
];

describe.runIf(withPglite).each(samples)("the sample office $code ($file)", (sample) => {
  let server: RunningServer;
  let staff: Record<string, string>;
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      configFile: `${offices}${sample.file}`,
      logger: silentLogger(),
      timeLimitSweep: false,
    });
    const token = await Effect.runPromise(
      makeAccounts(server.database.db, server.config).createToken(
        { name: "sample test", roles: ["clerk", "registrar", "madrid_examiner", "cashier"], days: 1 },
        "test",
      ),
    );
    staff = { authorization: `Bearer ${token.secret}` };
  }, 120_000);
  afterAll(() => server?.close());

  it("starts with its demo data, no application or registration number repeated", async () => {
    const rows = await server.database.db
      .selectFrom("rights")
      .select(["kind", "application_number", "registration_number"])
      .where("office_code", "=", sample.code)
      .execute();
    expect(rows.length).toBeGreaterThan(50);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(sample.kinds));
    if (sample.code === "JO") {
      // Jordan's filing rule (one class per trademark application) holds for its demo marks too.
      const classes = await server.database.db
        .selectFrom("right_classes")
        .select(["application_number"])
        .where("office_code", "=", "JO")
        .execute();
      const perApplication = new Map<string, number>();
      for (const c of classes)
        perApplication.set(c.application_number, (perApplication.get(c.application_number) ?? 0) + 1);
      expect(Math.max(...perApplication.values())).toBe(1);
    }
    for (const kind of sample.kinds) {
      const registered = rows.filter((r) => r.kind === kind && r.registration_number !== null);
      expect(new Set(registered.map((r) => r.registration_number)).size, kind).toBe(registered.length);
    }
  });

  it("seeds its demo from its own configuration: local filers of its country, time limits on its working days", async () => {
    const parties = await server.database.db
      .selectFrom("right_parties")
      .select(["name", "country", "role"])
      .where("office_code", "=", sample.code)
      .execute();
    const countries = new Set(parties.map((p) => p.country));
    for (const country of sample.home) expect(countries.has(country), country).toBe(true);
    // No Omani filer in another office's demo unless Oman is one of its states.
    if (!sample.home.includes("OM")) expect(countries.has("OM")).toBe(false);
    const due = await server.database.db
      .selectFrom("rights")
      .select("time_limit_due")
      .where("office_code", "=", sample.code)
      .where("time_limit_due", "is not", null)
      .execute();
    expect(due.length).toBeGreaterThan(5);
    for (const { time_limit_due } of due) {
      const day = new Date(`${time_limit_due}T12:00:00Z`).getUTCDay();
      expect(sample.weekend, String(time_limit_due)).not.toContain(day);
    }
  });

  it("serves its home page in its default language with its name, and its kinds", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`lang="${sample.lang}"`);
    expect(html).toContain(sample.name);
    for (const kind of ["trademark", "patent", "industrial_design", "utility_model"] as const)
      expect(html.includes(`kind=${kind}`), kind).toBe(sample.kinds.includes(kind));
  });

  it("offers its kinds in the filing form and numbers filings by its patterns", async () => {
    const form = await (await fetch(`${server.url}/file`)).text();
    for (const kind of sample.kinds) expect(form).toContain(`kind=${kind}`);
    // The fees section only where the office charges the kind through its schedules (the Jordan and Bulgaria samples
    // ship trademark fees only).
    for (const kind of sample.kinds) {
      const page = await (await fetch(`${server.url}/file?kind=${kind}`)).text();
      const charged = sample.fees && kind === "trademark";
      expect(page.includes('id="s-fees"'), kind).toBe(charged);
    }
    for (const [kind, pattern] of Object.entries(sample.numbers)) {
      const numbers: string[] = [];
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${server.url}/api/v1/applications`, {
          method: "POST",
          headers: { ...staff, "content-type": "application/json" },
          body: JSON.stringify(filings[kind as keyof typeof filings]),
        });
        expect(response.status, kind).toBe(201);
        numbers.push((await response.json()).applicationNumber);
      }
      for (const n of numbers) expect(n).toMatch(pattern);
      expect(numbers[0]).not.toBe(numbers[1]);
    }
    // A kind the office does not handle is refused, naming the field.
    for (const kind of Object.keys(filings).filter((k) => !sample.kinds.includes(k as keyof typeof filings))) {
      const refused = await fetch(`${server.url}/api/v1/applications`, {
        method: "POST",
        headers: { ...staff, "content-type": "application/json" },
        body: JSON.stringify(filings[kind as keyof typeof filings]),
      });
      expect(refused.status, kind).toBe(400);
      expect(JSON.stringify(await refused.json())).toContain(`does not handle ${kind}`);
    }
  });

  it("serves its products and nothing else", async () => {
    const madrid = await fetch(`${server.url}/api/v1/madrid/designations`, { headers: staff });
    expect(madrid.status).toBe(sample.madrid ? 200 : 404);
    const payments = await fetch(`${server.url}/api/v1/invoices?payer=x`, { headers: staff });
    expect(payments.status === 404).toBe(!sample.fees);
  });
});

describe.runIf(withPglite)("the GCC Patent Office's designated states", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      configFile: `${offices}gcc.yaml`,
      logger: silentLogger(),
      timeLimitSweep: false,
    });
  }, 120_000);
  afterAll(() => server?.close());

  it("finds its public rights by any member state, and none by another state", async () => {
    const search = async (state: string) =>
      (
        (await (await fetch(`${server.url}/api/v1/search?state=${state}&limit=1`)).json()) as {
          total: { value: number };
        }
      ).total.value;
    const all = await search("SA");
    expect(all).toBeGreaterThan(0);
    expect(await search("KW")).toBe(all);
    expect(await search("JO")).toBe(0);
  });
});
