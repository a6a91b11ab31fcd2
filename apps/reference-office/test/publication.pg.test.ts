/**
 * The public reads only what the office has published, on PGlite and PostgreSQL: rights of every kind are filed and
 * some moved through publication by their workflows' actions; the register pages, the public API (lists, counts,
 * records, histories, allowed actions) and invoices show them only from the milestone of their kind's rule, answer
 * an unpublished number exactly as an unknown one (404), and show histories without staff ids or reasons. The SQL
 * filter agrees with the domain's `Publication.isPublic` on random rights, in lists, counts and pages.
 */
import { type Calendar, IpRight, Publication, Workflow } from "@ipoffice/domain";
import fc from "fast-check";
import { Schema } from "effect";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import * as m0008 from "../src/db/migrations/2026_12_07_0008_publication.js";
import { insertRights, listRights, visibleNumbers } from "../src/rights/RightsRepository.js";
import { stepsToPublication, testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const applicants = [{ name: "Nordlicht Werke GmbH", country: "DE" }];
const inventors = [{ name: "Said Al Rawahi", country: "OM" }];
const filings = {
  trademark: { ...trademarkFiling, mark: { text: "SECRET MARK", type: "word" } },
  patent: { kind: "patent", title: "Secret desalination membrane", claimsCount: 12, applicants, inventors },
  withdrawnPatent: { kind: "patent", title: "Withdrawn heat exchanger", claimsCount: 3, applicants, inventors },
  utility_model: { kind: "utility_model", title: "Secret palm pole", claimsCount: 3, applicants, inventors },
  industrial_design: {
    kind: "industrial_design",
    title: "Secret coffee pot",
    designs: [{ product: "Secret coffee pot", locarnoClass: "07-01", views: 4 }],
    applicants,
  },
} as const;
type Name = keyof typeof filings;
const secrets = [
  "SECRET MARK",
  "Secret desalination membrane",
  "Withdrawn heat exchanger",
  "Secret palm pole",
  "Secret coffee pot",
];

describe.each(testDatabases)("publication rule on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  const numbers = {} as Record<Name, { applicationNumber: string; st13: string }>;

  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-03-02T09:00:00Z");
    for (const [name, body] of Object.entries(filings)) {
      const res = await t.jsonAs("clerk", "POST", "/api/v1/applications", body);
      expect(res.status, name).toBe(201);
      numbers[name as Name] = await res.json();
    }
  });
  afterAll(() => database?.close());

  const enc = (name: Name) => encodeURIComponent(numbers[name].applicationNumber);
  const act = (name: Name, role: string, body: Record<string, unknown>) =>
    t.jsonAs(role, "POST", `/api/v1/applications/${enc(name)}/actions`, body);
  const steps = async (name: Name, list: ReadonlyArray<readonly [string, string, Record<string, unknown>?]>) => {
    for (const [role, action, extra] of list)
      expect((await act(name, role, { action, ...extra })).status, action).toBe(200);
  };
  const publicList = async (query = "") => (await t.json("GET", `/api/v1/applications?pageSize=100${query}`)).json();
  const listedNumbers = async (query = "") =>
    (await publicList(query)).items.map((i: { applicationNumber: string }) => i.applicationNumber);
  const registerPage = async () => (await t.app.request("/records?lang=en")).text();
  /** A 404 answer with the number replaced, to compare with the answer for an unknown number. */
  const unknownLike = async (path: (n: string) => string, name: Name) => {
    const number = numbers[name].applicationNumber;
    const unknown = "XX/1999/99999";
    const got = await t.app.request(path(encodeURIComponent(number)));
    const ref = await t.app.request(path(encodeURIComponent(unknown)));
    expect(got.status).toBe(404);
    expect(ref.status).toBe(404);
    expect(got.headers.get("content-type")).toBe(ref.headers.get("content-type"));
    const swap = (text: string) =>
      text
        // The sign-in link carries the page's own address, encoded once more.
        .replaceAll(encodeURIComponent(encodeURIComponent(unknown)), encodeURIComponent(encodeURIComponent(number)))
        .replaceAll(encodeURIComponent(unknown), encodeURIComponent(number))
        .replaceAll(unknown, number);
    expect(await got.text()).toBe(swap(await ref.text()));
  };

  it("lists no unpublished application: not on the register page, its count, nor the API list", async () => {
    const page = await registerPage();
    for (const secret of secrets) expect(page).not.toContain(secret);
    expect(page).toContain("0 records");
    const list = await publicList();
    expect(list).toMatchObject({ total: 0, items: [] });
    for (const kind of ["trademark", "patent", "industrial_design", "utility_model"]) {
      expect((await publicList(`&kind=${kind}`)).total, kind).toBe(0);
    }
    expect((await publicList("&q=secret")).total).toBe(0);
    // The back office sees all five.
    const office = await (await t.app.request("/office/records?lang=en", { headers: await t.as("clerk") })).text();
    for (const secret of secrets) expect(office).toContain(secret);
  });

  it("answers an unpublished number exactly as an unknown one: record page, record, history (404)", async () => {
    for (const name of Object.keys(filings) as Name[]) {
      await unknownLike((n) => `/api/v1/applications/${n}`, name);
      await unknownLike((n) => `/api/v1/applications/${n}/history`, name);
      await unknownLike((n) => `/records/${n}?lang=en`, name);
    }
    const byst13 = await t.app.request(`/records/${numbers.patent.st13}`);
    expect(byst13.status).toBe(404);
    // Staff still read it.
    expect(
      (await t.app.request(`/office/records/${numbers.patent.st13}?lang=en`, { headers: await t.as("clerk") })).status,
    ).toBe(200);
    // The actions available now are for staff only: a stranger is asked to sign in, whether the number exists or not.
    expect((await t.json("GET", `/api/v1/applications/${enc("patent")}/actions`)).status).toBe(401);
  });

  it("shows a patent from its publication, and keeps one withdrawn before publication hidden", async () => {
    await steps("patent", [
      ["clerk", "accord_filing_date"],
      ["formality_examiner", "formalities_compliant"],
      ["classifier", "classification_checked"],
      ["examiner", "complete_search"],
    ]);
    expect(await listedNumbers()).toEqual([]);
    await steps("withdrawnPatent", [
      ["clerk", "accord_filing_date"],
      ["clerk", "withdraw"],
    ]);
    await steps("patent", [["registrar", "publish", { data: { publicationNumber: "2026/09" } }]]);
    expect(await listedNumbers()).toEqual([numbers.patent.applicationNumber]);
    expect((await publicList()).total).toBe(1);
    expect(await registerPage()).toContain("Secret desalination membrane");
    expect(await registerPage()).toContain("1 record<"); // one, not "1 records" (ICU plural, decision 0412)
    const record = await t.json("GET", `/api/v1/applications/${enc("patent")}`);
    expect(record.status).toBe(200);
    expect(await record.json()).toMatchObject({
      title: "Secret desalination membrane",
      publication: { number: "2026/09" },
    });
    expect((await t.app.request(`/records/${numbers.patent.st13}?lang=en`)).status).toBe(200);
    await unknownLike((n) => `/api/v1/applications/${n}`, "withdrawnPatent");
  });

  it("shows the public history without staff ids or reasons; staff see both", async () => {
    await steps("patent", [["examiner", "raise_objection", { reason: "Claim 1 lacks novelty over D1 (internal)" }]]);
    const history = await (await t.json("GET", `/api/v1/applications/${enc("patent")}/history`)).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual([
      "file",
      "accord_filing_date",
      "formalities_compliant",
      "classification_checked",
      "complete_search",
      "publish",
      "raise_objection",
    ]);
    for (const event of history.items) {
      expect(Object.keys(event).sort()).toEqual(
        expect.arrayContaining(["action", "applicationNumber", "at", "fromStatus", "toStatus"]),
      );
      expect(event).not.toHaveProperty("actor");
      expect(event).not.toHaveProperty("reason");
      expect(event).not.toHaveProperty("changes");
    }
    expect(history.items[5]).toMatchObject({ toStatus: "substantive_examination", standardCode: "Q12" });
    const raw = JSON.stringify(history);
    expect(raw).not.toContain("staff-");
    expect(raw).not.toContain("lacks novelty");
    const page = await (await t.app.request(`/records/${numbers.patent.st13}?lang=en`)).text();
    expect(page).not.toContain("lacks novelty");
    expect(page).not.toContain(">By<");
    expect(page).toContain("Q12");
    const office = await (
      await t.app.request(`/office/records/${numbers.patent.st13}?lang=en`, { headers: await t.as("examiner") })
    ).text();
    expect(office).toContain("lacks novelty");
    expect(office).toContain(">By<");
    const staff = await t.staff((r) => r.history(numbers.patent.applicationNumber, { audience: "staff" }));
    expect(staff.at(-1)).toMatchObject({
      actor: { id: expect.stringMatching(/^token:/), role: "examiner" },
      reason: expect.stringContaining("novelty"),
    });
  });

  it("shows a utility model from its publication", async () => {
    await steps("utility_model", [
      ["clerk", "accord_filing_date"],
      ["formality_examiner", "formalities_compliant"],
      ["classifier", "classification_checked"],
      ["examiner", "accept"],
    ]);
    expect(await listedNumbers("&kind=utility_model")).toEqual([]);
    await steps("utility_model", [["registrar", "publish"]]);
    expect(await listedNumbers("&kind=utility_model")).toEqual([numbers.utility_model.applicationNumber]);
  });

  it("shows a trademark from publication by default, and at once where the office publishes on filing", async () => {
    expect(await listedNumbers("&kind=trademark")).toEqual([]);
    const fromFiling = await testApp(database, "2026-03-02T09:00:00Z", {
      publication: { trademark: { from: "filing" } },
    });
    const listed = await (await fromFiling.json("GET", "/api/v1/applications?pageSize=100")).json();
    expect(listed.items.map((i: { applicationNumber: string }) => i.applicationNumber).sort()).toEqual(
      [
        numbers.trademark.applicationNumber,
        numbers.patent.applicationNumber,
        numbers.utility_model.applicationNumber,
      ].sort(),
    );
    expect((await fromFiling.json("GET", `/api/v1/applications/${enc("trademark")}`)).status).toBe(200);
    // The other kinds keep their defaults in that office.
    expect((await fromFiling.json("GET", `/api/v1/applications/${enc("industrial_design")}`)).status).toBe(404);
    await steps("trademark", [
      ["clerk", "accord_filing_date"],
      ["formality_examiner", "formalities_compliant"],
      ["classifier", "classification_checked"],
      ["examiner", "examine"],
    ]);
    expect(await listedNumbers("&kind=trademark")).toEqual([]);
    await steps("trademark", [["registrar", "publish"]]);
    expect(await listedNumbers("&kind=trademark")).toEqual([numbers.trademark.applicationNumber]);
  });

  it("shows a design from registration or publication by default; where the law says registration, not before", async () => {
    const registrationOnly = await testApp(database, "2026-03-02T09:00:00Z", {
      publication: { industrial_design: { from: "registration" } },
    });
    const designs = async (app: typeof t) =>
      (await (await app.json("GET", "/api/v1/applications?kind=industrial_design")).json()).items.map(
        (i: { applicationNumber: string }) => i.applicationNumber,
      );
    await steps("industrial_design", [
      ["clerk", "accord_filing_date"],
      ["formality_examiner", "formalities_compliant"],
      ["classifier", "classification_checked"],
      ["examiner", "accept"],
    ]);
    expect(await designs(t)).toEqual([]);
    expect(await designs(registrationOnly)).toEqual([]);
    await steps("industrial_design", [["registrar", "publish"]]);
    expect(await designs(t)).toEqual([numbers.industrial_design.applicationNumber]);
    expect(await designs(registrationOnly)).toEqual([]);
    expect((await registrationOnly.app.request(`/records/${numbers.industrial_design.st13}`)).status).toBe(404);
    // Three months of opposition period, then registration.
    for (const app of [t, registrationOnly]) app.time.set("2026-06-03T09:00:00Z");
    // The system closes the opposition period when its time limit runs out (the registrar runs the time limits).
    for (const app of [t, registrationOnly])
      expect((await app.jsonAs("registrar", "POST", "/api/v1/time-limits/run")).status).toBe(200);
    await steps("industrial_design", [["registrar", "register"]]);
    expect(await designs(registrationOnly)).toEqual([numbers.industrial_design.applicationNumber]);
    expect((await registrationOnly.app.request(`/records/${numbers.industrial_design.st13}`)).status).toBe(200);
  });

  it("leaves the title of an unpublished right off an invoice for a reader without register.read, and shows it once published", async () => {
    const secret = await (
      await t.jsonAs("clerk", "POST", "/api/v1/applications", {
        ...trademarkFiling,
        mark: { text: "HIDDEN TITLE", type: "word" },
      })
    ).json();
    // A payment integration's token: it may issue and read invoices, not read the register.
    const made = await t.withClock(
      t.accounts.createToken(
        { name: "payments", roles: ["cashier"], scopes: ["fees.read", "fees.invoice"], days: 30 },
        "test",
      ),
    );
    const payments = { authorization: `Bearer ${made.secret}` };
    const res = await t.json(
      "POST",
      "/api/v1/invoices",
      {
        applications: [secret.applicationNumber, numbers.trademark.applicationNumber],
      },
      payments,
    );
    expect(res.status).toBe(201);
    const invoice = (await res.json()).invoice;
    expect(invoice.groups.map((g: { reference: string; title?: string }) => [g.reference, g.title])).toEqual([
      [secret.applicationNumber, undefined],
      [numbers.trademark.applicationNumber, "SECRET MARK"],
    ]);
    const again = await (await t.json("GET", `/api/v1/invoices/${invoice.number}`, undefined, payments)).json();
    expect(JSON.stringify(again)).not.toContain("HIDDEN TITLE");
    const byPayer = await (
      await t.json("GET", `/api/v1/invoices?payer=${encodeURIComponent(invoice.payer)}`, undefined, payments)
    ).json();
    expect(JSON.stringify(byPayer)).not.toContain("HIDDEN TITLE");
    const number = encodeURIComponent(secret.applicationNumber);
    for (const [role, action] of stepsToPublication) {
      const done = await t.jsonAs(role, "POST", `/api/v1/applications/${number}/actions`, { action });
      expect(done.status, action).toBe(200);
    }
    const published = await (await t.json("GET", `/api/v1/invoices/${invoice.number}`, undefined, payments)).json();
    expect(published.invoice.groups[0].title).toBe("HIDDEN TITLE");
  });

  it("fills the publication and registration columns of existing rows when migrating", async () => {
    await m0008.down(database.db);
    await m0008.up(database.db);
    const rows = await database.db
      .selectFrom("rights")
      .select(["application_number", "publication_date", "registration_date", "data"])
      .where("office_code", "=", "OM")
      .execute();
    expect(rows.some((r) => r.publication_date !== null)).toBe(true);
    expect(rows.some((r) => r.registration_date !== null)).toBe(true);
    for (const row of rows) {
      const right = row.data as IpRight.Right;
      expect(row.publication_date, row.application_number).toBe(right.publication?.date ?? null);
      expect(row.registration_date, row.application_number).toBe(right.registration?.date ?? null);
    }
    // The public count reads a covering index (which replaces the plain one on the same key).
    const { rows: indexes } = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename = 'rights' and schemaname = current_schema()`.execute(
      database.db,
    );
    const names = indexes.map((i) => i.indexname);
    expect(names).toContain("rights_public_idx");
    expect(names).not.toContain("rights_filing_date_idx");
  });

  describe("the SQL filter and Publication.isPublic agree on random rights, in lists, counts and pages", () => {
    const office = "ZZ";
    const workflows = Workflow.defaults;
    const kinds = ["trademark", "patent", "industrial_design", "utility_model"] as const;
    const day = fc
      .integer({ min: 0, max: 2000 })
      .map((n) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10) as Calendar.IsoDate);
    const milestone = fc.constantFrom<Publication.Milestone>("filing", "publication", "registration");
    const rule = fc.record({
      trademark: milestone.map((m) => ({ from: m })),
      patent: milestone.map((m) => ({ from: m })),
      industrial_design: fc.uniqueArray(milestone, { minLength: 1, maxLength: 3 }).map((ms) => ({
        from: ms as [Publication.Milestone, ...Publication.Milestone[]],
      })),
      utility_model: milestone.map((m) => ({ from: m })),
    });
    const base = Object.fromEntries(
      kinds.map((kind) => {
        const request = Schema.decodeUnknownSync(IpRight.FilingRequest)(
          kind === "trademark"
            ? trademarkFiling
            : kind === "industrial_design"
              ? filings.industrial_design
              : { ...filings.patent, kind },
        );
        return [
          kind,
          IpRight.file(request, {
            officeCode: office,
            applicationNumber: "x",
            st13: "x",
            filingDate: "2022-01-01" as Calendar.IsoDate,
            at: "2022-01-01T08:00:00Z",
            actor: { id: "t", role: "clerk" },
            workflow: workflows[kind],
            niceEdition: "12",
          }).right,
        ];
      }),
    ) as Record<(typeof kinds)[number], IpRight.Right>;
    const rights: IpRight.Right[] = fc
      .sample(
        fc.record({
          kind: fc.constantFrom(...kinds),
          filingDate: day,
          status: fc.nat(),
          publication: fc.option(day, { nil: undefined }),
          registration: fc.option(day, { nil: undefined }),
        }),
        { numRuns: 120, seed: 20261207 },
      )
      .map((r, i) => {
        const { publication: _p, registration: _r, ...right } = base[r.kind];
        const states = workflows[r.kind].states;
        return {
          ...right,
          applicationNumber: `ZZ/${String(i).padStart(4, "0")}`,
          st13: `ZZ50${String(i).padStart(13, "0")}`,
          filingDate: r.filingDate,
          status: states[r.status % states.length]?.id ?? "filed",
          ...(r.publication ? { publication: { date: r.publication } } : {}),
          ...(r.registration ? { registration: { number: `R${i}`, date: r.registration } } : {}),
        } as IpRight.Right;
      });

    beforeAll(async () => {
      await database.db.transaction().execute((trx) => insertRights(trx, rights, []));
    });

    it("for random rules and days", async () => {
      const cases = fc.sample(fc.tuple(rule, day), { numRuns: 12, seed: 7 });
      for (const [r, today] of cases) {
        const visibility = Publication.visibility(r, workflows);
        const expected = rights
          .filter((x) => Publication.isPublic(x, visibility, today))
          .sort((a, b) =>
            a.filingDate !== b.filingDate
              ? a.filingDate < b.filingDate
                ? 1
                : -1
              : a.applicationNumber < b.applicationNumber
                ? 1
                : -1,
          )
          .map((x) => x.applicationNumber);
        const filter = { visibility, today };
        const pageSize = 7;
        const seen: string[] = [];
        for (let page = 1; page <= Math.max(1, Math.ceil(expected.length / pageSize)); page++) {
          const got = await listRights(database.db, office, { page, pageSize }, filter);
          expect(got.total, `${today} ${JSON.stringify(r)}`).toBe(expected.length);
          expect(got.items.length).toBeLessThanOrEqual(pageSize);
          seen.push(...got.items.map((i) => i.applicationNumber));
        }
        expect(seen).toEqual(expected);
        const some = rights.slice(0, 40).map((x) => x.st13);
        const visible = await visibleNumbers(database.db, office, some, filter);
        expect([...visible].sort()).toEqual(
          rights
            .slice(0, 40)
            .filter((x) => Publication.isPublic(x, visibility, today))
            .map((x) => x.st13)
            .sort(),
        );
        const all = await listRights(database.db, office, { page: 1, pageSize: 500 });
        expect(all.total).toBe(rights.length);
      }
    });
  });
});
