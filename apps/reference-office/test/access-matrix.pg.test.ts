/**
 * The office × role × endpoint matrix, generated from the routes the app declares (every API operation of the OpenAPI
 * document and every page route): a route added tomorrow is in it the day it is added. For each route and each caller
 * (anonymous, an API token of every role of the office, a token of another office, a revoked token), the access the
 * route declares decides: refused callers get 401 or 403 and write nothing; allowed callers are never refused by the
 * access check and never get a 5xx.
 */
import { Effect, Result } from "effect";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAccounts } from "../src/auth/Accounts.js";
import type { Permission } from "../src/auth/permissions.js";
import { loadOfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import type { RouteAccess } from "../src/http/access.js";
import { testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

/** Rows of every table of the app's schema (sessions and tokens included): a refused request changes none. */
const rowCounts = async (database: OpenDatabase): Promise<Record<string, number>> => {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(database.db);
  const out: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const n = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table_name)}`.execute(
      database.db,
    );
    out[table_name] = Number(n.rows[0]?.n ?? 0);
  }
  return out;
};

/**
 * The offices the matrix runs for: Oman (every product) and the GCC Patent Office sample (no Madrid desk, no fees,
 * patents and designs only), whose routes are fewer but must hold the same rules.
 */
const gccFile = new URL("../config/offices/gcc.yaml", import.meta.url).pathname;
const offices = [
  {
    office: "Oman",
    configure: undefined,
    filing: trademarkFiling,
    minimumRoutes: 60,
    minimumRefusals: 300,
    covers: [
      "/api/v1/applications",
      "/api/v1/madrid/designations/{irn}/decisions",
      "/api/v1/madrid/designations/{irn}/possible-opposition",
      "/office/records/{number}/actions",
      "/office/records/{number}/oppositions",
      "/admin/tokens",
      "/api/v1/cashier/invoices",
      "/cashier",
      "/api/v1/worklists/{queue}",
      "/api/v1/worklists/{queue}/assign",
      "/office/worklists/{queue}/actions",
      "/efiling/filings",
      "/efiling/filings/{number}/reply",
      "/efiling/clients",
      "/office/records/{number}/correspondence",
    ],
  },
  {
    office: "the GCC Patent Office",
    configure: async () => Result.getOrThrow(await loadOfficeConfig(gccFile)),
    filing: {
      kind: "patent",
      title: "Solar desalination still",
      claimsCount: 8,
      applicants: [{ name: "Gulf Water Research Co.", country: "SA" }],
      inventors: [{ name: "Noura Al Saud", country: "SA" }],
    },
    minimumRoutes: 40,
    minimumRefusals: 200,
    covers: [
      "/api/v1/applications",
      "/office/records/{number}/actions",
      "/admin/tokens",
      "/api/v1/worklists",
      "/office/worklists/{queue}",
    ],
  },
] as const;

const cases = offices.flatMap((office) => testDatabases.map((target) => ({ ...office, target, name: target.name })));

describe.each(cases)("office × role × endpoint of $office on $name", ({ target, ...office }) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  let st13: string;
  /** `invalid`: credentials that name no one here, refused on every route, public ones included (RFC 6750 §3.1). */
  const callers = new Map<
    string,
    {
      headers: Record<string, string>;
      permissions: ReadonlySet<Permission> | "none" | "invalid";
      /** An applicant or agent account of the e-filing portal: no staff permission at all. */
      filer?: "applicant" | "agent";
    }
  >();

  beforeAll(async () => {
    database = await target.open();
    // Rate limits off: the matrix sends more requests from one address than a person would.
    const config = office.configure === undefined ? undefined : await office.configure();
    t = await testApp(database, undefined, {
      rateLimits: false,
      ...(config === undefined ? {} : { configure: () => config }),
    });
    st13 = (await (await t.jsonAs("clerk", "POST", "/api/v1/applications", office.filing)).json()).st13;
    expect(st13, "the filing the matrix reads").toMatch(/^[A-Z]{2}\d{15}$/);
    callers.set("anonymous", { headers: {}, permissions: "none" });
    for (const role of t.accounts.roles) {
      callers.set(role, { headers: await t.as(role), permissions: t.accounts.matrix.get(role) ?? new Set() });
    }
    // A token of another office in the same database: it is no one here.
    const jo = makeAccounts(database.db, {
      ...t.config,
      office: { ...t.config.office, code: "JO" as typeof t.config.office.code },
    });
    const foreign = await Effect.runPromise(
      jo.createToken(
        { name: "Jordan registrar", roles: ["registrar", "clerk", "madrid_examiner", "cashier"], days: 30 },
        "test",
      ),
    );
    callers.set("another office's token", {
      headers: { authorization: `Bearer ${foreign.secret}` },
      permissions: "invalid",
    });
    const revoked = await t.withClock(
      t.accounts.createToken({ name: "revoked", roles: ["registrar"], days: 30 }, "test"),
    );
    await t.withClock(t.accounts.revokeToken(revoked.token.id));
    callers.set("revoked token", { headers: { authorization: `Bearer ${revoked.secret}` }, permissions: "invalid" });
    // The e-filing portal's own audience (decision 0602): signed in with the portal's session, never staff.
    if (t.raw.declaredRoutes.some((r) => "filer" in r.access)) {
      for (const kind of ["applicant", "agent"] as const) {
        const f = await t.filer(kind);
        callers.set(`${kind} account`, { headers: f.headers, permissions: "none", filer: kind });
      }
    }
  });
  afterAll(() => database?.close());

  const routes = (): ReadonlyArray<RouteAccess> => t.raw.declaredRoutes;

  const pathOf = (route: RouteAccess) =>
    route.path.replace(
      /\{([^}]+)\}/g,
      (_, name: string) =>
        ({
          number: st13,
          applicationNumber: st13,
          irn: "1800002",
          id: "00000000-0000-4000-8000-000000000000",
          kind: "trademark",
          scheme: "locarno",
          file: "OM-2026-000001.pdf",
          queue: "formality",
        })[name] ?? "x",
    );

  const send = (route: RouteAccess, headers: Record<string, string>) => {
    const isPage = !route.path.startsWith("/api/");
    const body =
      route.method === "get" ? undefined : isPage ? "action=publish&outcome=grant&username=x&password=y" : "{}";
    return t.raw.request(pathOf(route), {
      method: route.method.toUpperCase(),
      headers: {
        ...headers,
        ...(body === undefined
          ? {}
          : { "content-type": isPage ? "application/x-www-form-urlencoded" : "application/json" }),
        accept: isPage ? "text/html" : "application/json",
      },
      ...(body === undefined ? {} : { body }),
    });
  };

  const allowed = (
    route: RouteAccess,
    permissions: ReadonlySet<Permission> | "none" | "invalid",
    filer?: "applicant" | "agent",
  ) => {
    if (permissions === "invalid") return false;
    if ("public" in route.access || "signature" in route.access) return true;
    // Filer routes take an applicant or agent session only; staff routes never take one.
    if ("filer" in route.access) return filer !== undefined && (route.access.filer === "any" || filer === "agent");
    if (permissions === "none") return false;
    if ("signedIn" in route.access) return true;
    return permissions.has(route.access.permission);
  };

  /** Whether the access check refused the answer (as opposed to the route's own 4xx). */
  const refusedByAccess = async (res: Response) => {
    if (res.status === 303) return /^\/(efiling\/)?sign-in/.test(res.headers.get("location") ?? "");
    if (res.status !== 401 && res.status !== 403) return false;
    const text = await res.clone().text();
    return /sign-in-required|permission-required|invalid-token|agent-required|data-refused/.test(text);
  };

  it("covers every route the app serves, API and pages", () => {
    const declared = routes();
    // An office with the e-filing portal has its applicant and agent audience among the callers (decision 0602).
    if (declared.some((r) => r.path === "/efiling/filings"))
      expect([...callers.keys()]).toEqual(expect.arrayContaining(["applicant account", "agent account"]));
    expect(declared.length).toBeGreaterThanOrEqual(office.minimumRoutes);
    for (const op of office.covers) expect(declared.map((r) => r.path)).toContain(op);
  });

  it("refuses every caller without the permission a route needs, writing nothing", async () => {
    const before = await rowCounts(database);
    const refusedCount = { n: 0 };
    for (const route of routes()) {
      for (const [name, caller] of callers) {
        if (allowed(route, caller.permissions, caller.filer)) continue;
        const res = await send(route, caller.headers);
        const what = `${route.method.toUpperCase()} ${route.path} as ${name}: ${res.status}`;
        expect(await refusedByAccess(res), what).toBe(true);
        expect([401, 403, 303], what).toContain(res.status);
        refusedCount.n += 1;
      }
    }
    expect(refusedCount.n).toBeGreaterThan(office.minimumRefusals);
    expect(await rowCounts(database)).toEqual(before);
  }, 120_000);

  it("lets every caller with the permission through the access check, and nothing answers a 5xx", async () => {
    for (const route of routes()) {
      for (const [name, caller] of callers) {
        if (!allowed(route, caller.permissions, caller.filer)) continue;
        if (
          route.path === "/sign-out" ||
          route.path === "/efiling/sign-out" ||
          route.path.startsWith("/admin/accounts/")
        )
          continue;
        const res = await send(route, caller.headers);
        const what = `${route.method.toUpperCase()} ${route.path} as ${name}: ${res.status}`;
        expect(await refusedByAccess(res), what).toBe(false);
        // A 503 is only ever the documented answer for reference data the office lacks (a bare clone has no
        // Locarno, Vienna or IPC list), never a failure.
        const lacksData =
          res.status === 503 &&
          /classification-list-unavailable|reference-data-unavailable/.test(await res.clone().text());
        expect(res.status < 500 || lacksData, what).toBe(true);
      }
    }
  }, 180_000);
});
