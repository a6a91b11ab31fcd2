/**
 * A NUL character (U+0000) anywhere a request can carry one (a query parameter's name or value, a path segment, a
 * JSON string or key, a form field, an upload's file name) is a 400 problem naming the field, never a 5xx, and nothing
 * is written: property-based over every GET route of the OpenAPI document, the pages, and the JSON and form posts.
 */
import { Gateway } from "@ipoffice/fees";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { signatureHeader } from "../src/fees/api.js";
import { countMadridRows } from "../src/madrid/store.js";
import { countRows } from "../src/rights/RightsRepository.js";
import { testApp, testGatewaySecret, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";
import { batch, xmlPost } from "./support/madrid.js";

interface Parameter {
  readonly name: string;
  readonly in: "path" | "query";
}

/** Text around one NUL (any Unicode around it, never a lone surrogate, so it can be percent-encoded). */
const withNul = fc
  .tuple(fc.string({ unit: "grapheme", maxLength: 6 }), fc.string({ unit: "grapheme", maxLength: 6 }))
  .map(([before, after]) => `${before}\u0000${after}`);

/** Every string leaf and key of a JSON value, with the path the app names it by and a way to put a NUL in it. */
type Spot = { readonly path: string; readonly put: (nul: string) => unknown };
const keyPath = (base: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}["${key}"]`;
const spots = (value: unknown, base: string, rebuild: (v: unknown) => unknown): Array<Spot> => {
  if (typeof value === "string") return [{ path: base, put: (nul) => rebuild(nul) }];
  if (Array.isArray(value))
    return value.flatMap((item, i) =>
      spots(item, `${base}[${i}]`, (v) => rebuild(value.map((x, j) => (j === i ? v : x)))),
    );
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    return [
      // a new key holding a NUL
      { path: `${base}[key]`, put: (nul) => rebuild({ ...value, [nul]: 1 }) },
      ...entries.flatMap(([key, item]) => spots(item, keyPath(base, key), (v) => rebuild({ ...value, [key]: v }))),
    ];
  }
  return [];
};

describe.each(testDatabases)("NUL characters on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  let st13: string;
  let invoice: string;
  const irn = "1800000";
  beforeAll(async () => {
    database = await target.open();
    // Hundreds of requests from one (in-process) client: the rate limits would answer 429 before the NUL check.
    t = await testApp(database, "2026-11-24T09:00:00Z", {
      rateLimits: false,
      as: ["clerk", "cashier", "madrid_examiner", "registrar"],
    });
    st13 = (await (await t.json("POST", "/api/v1/applications", trademarkFiling)).json()).st13;
    invoice = (await (await t.json("POST", "/api/v1/invoices", { applications: [st13] })).json()).invoice.number;
    const imported = await t.app.request(
      "/api/v1/madrid/transactions",
      xmlPost(batch({ count: 2, mode: "designations", notificationDate: "2026-06-01" })),
    );
    expect((await imported.json()).applied).toBe(2);
  });
  afterAll(() => database?.close());

  const rows = async () => ({
    ...(await countRows(database.db, "OM")),
    ...(await countMadridRows(database.db, "OM")),
  });

  /** A plausible value for each path parameter, so that without the NUL the route would reach its handler. */
  const sample = (name: string): string =>
    ({
      applicationNumber: st13,
      number: st13,
      irn,
      scheme: "locarno",
      kind: "trademark",
      id: "00000000-0000-4000-8000-000000000000",
    })[name] ?? "x";

  const expectNul = async (res: Response, field: string | RegExp, what: string) => {
    expect(res.status, what).toBe(400);
    expect(res.headers.get("content-type"), what).toContain("application/problem+json");
    const body = await res.json();
    expect(body.type, what).toBe("https://ipoffice.dev/problems/nul-character");
    const paths = body.errors.map((e: { path: string }) => e.path);
    if (typeof field === "string") expect(paths, what).toContain(field);
    else
      expect(
        paths.some((p: string) => field.test(p)),
        `${what}: ${paths}`,
      ).toBe(true);
  };

  it("every GET route of the OpenAPI document and every page: a NUL in a path segment or query parameter is a 400 naming it", async () => {
    const doc = await (await t.app.request("/api/v1/openapi.json")).json();
    const routes: Array<{ path: string; parameters: ReadonlyArray<Parameter> }> = Object.entries(
      doc.paths as Record<string, { get?: { parameters?: ReadonlyArray<Parameter> } }>,
    ).flatMap(([path, item]) => (item.get ? [{ path, parameters: item.get.parameters ?? [] }] : []));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const pages = [
      "/records",
      "/records/{number}",
      "/office",
      "/office/records",
      "/office/records/{number}",
      "/file",
      "/file/receipt/{number}",
      "/madrid",
      "/madrid/designations/{irn}",
      "/madrid/import",
      "/madrid/dashboard",
      "/payments",
    ].map((path) => ({
      path,
      parameters: [
        ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1] ?? "", in: "path" as const })),
        { name: "q", in: "query" as const },
        { name: "lang", in: "query" as const },
      ],
    }));
    const before = await rows();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes, ...pages),
        fc.nat(),
        fc.constantFrom("path", "query", "query name"),
        withNul,
        async (route, pick, where, nul) => {
          const inPath = route.parameters.filter((p) => p.in === "path");
          const inQuery = [...route.parameters.filter((p) => p.in === "query"), { name: "other", in: "query" }];
          const target = (
            where === "path" && inPath.length > 0 ? inPath[pick % inPath.length] : inQuery[pick % inQuery.length]
          ) as Parameter;
          const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
            encodeURIComponent(target.in === "path" && target.name === name ? nul : sample(name)),
          );
          const query =
            target.in === "path"
              ? ""
              : where === "query name"
                ? `?${encodeURIComponent(nul)}=1`
                : `?${encodeURIComponent(target.name)}=${encodeURIComponent(nul)}`;
          const res = await t.app.request(`${path}${query}`);
          const field =
            target.in === "path" ? `path.${target.name}` : where === "query name" ? /^query/ : `query.${target.name}`;
          await expectNul(res, field, `GET ${path}${query}`);
        },
      ),
      { numRuns: 300 },
    );
    expect(await rows()).toEqual(before);
  });

  it("JSON posts: a NUL in any string or key of the body is a 400 naming its path, before anything is written", async () => {
    const posts: Array<{ path: string; body: unknown }> = [
      { path: "/api/v1/applications", body: trademarkFiling },
      { path: `/api/v1/applications/${st13}/actions`, body: { action: "accord_filing_date", reason: "ok" } },
      {
        path: `/api/v1/applications/${st13}/userdocs`,
        body: { type: "change_of_name", data: { newName: "Al Habsi Trading SAOG" } },
      },
      {
        path: "/api/v1/nice/validate",
        body: { goodsAndServices: [{ classNumber: 25, terms: ["shirts", { text: "hats" }] }], language: "en" },
      },
      {
        path: "/api/v1/fees/quote",
        body: { services: ["trademark.filing"], dueDate: "2026-11-24", classes: 2, reference: "r" },
      },
      { path: "/api/v1/invoices", body: { applications: [st13], payer: "Al Habsi Trading LLC" } },
      { path: `/api/v1/invoices/${invoice}/cancellation`, body: { reason: "filed twice" } },
      {
        path: `/api/v1/madrid/designations/${irn}/decisions`,
        body: { outcome: "partial-refusal", grounds: "prior mark", refused: [{ classNumber: 25, terms: ["shirts"] }] },
      },
      { path: "/api/v1/madrid/fees", body: { kind: "application", classes: 3, designatedParties: ["OM"] } },
    ];
    const cases = posts.flatMap((post) => spots(post.body, "body", (v) => v).map((spot) => ({ ...post, spot })));
    const before = await rows();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), withNul, async ({ path, spot }, nul) => {
        const res = await t.json("POST", path, spot.put(nul));
        await expectNul(res, spot.path.endsWith("[key]") ? /^body/ : spot.path, `POST ${path} ${spot.path}`);
      }),
      { numRuns: 300 },
    );
    expect(await rows()).toEqual(before);
  });

  it("form posts of the pages: a NUL in any field (or its name) is a 400 naming it", async () => {
    const forms: Array<{ path: string; fields: Array<[string, string]> }> = [
      {
        path: "/file?lang=en",
        fields: [
          ["kind", "trademark"],
          ["markText", "NAKHLA"],
          ["ownerName", "Al Habsi Trading LLC"],
          ["goodsAndServicesText", "25: shirts"],
        ],
      },
      {
        path: `/office/records/${st13}/actions?lang=en`,
        fields: [
          ["action", "accord_filing_date"],
          ["role", "clerk"],
          ["reason", "ok"],
        ],
      },
      {
        path: `/madrid/designations/${irn}/decide?lang=en`,
        fields: [
          ["outcome", "total-refusal"],
          ["grounds", "prior mark"],
        ],
      },
    ];
    const before = await rows();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...forms),
        fc.nat(),
        fc.boolean(),
        fc.boolean(),
        withNul,
        async (form, pick, inName, multipart, nul) => {
          const i = pick % form.fields.length;
          const fields = form.fields.map(([k, v], j): [string, string] =>
            j !== i ? [k, v] : inName ? [`${k}${nul}`, v] : [k, nul],
          );
          let body: BodyInit;
          if (multipart) {
            const data = new FormData();
            for (const [k, v] of fields) data.append(k, v);
            body = data;
          } else body = new URLSearchParams(fields).toString();
          const res = await t.app.request(form.path, {
            method: "POST",
            headers: multipart ? {} : { "content-type": "application/x-www-form-urlencoded" },
            body,
          });
          const [name] = form.fields[i] ?? [""];
          await expectNul(res, inName ? /^body/ : keyPath("body", name), `POST ${form.path} ${name}`);
        },
      ),
      { numRuns: 150 },
    );
    expect(await rows()).toEqual(before);
  });

  it("an upload's file name with a NUL is refused; a signed webhook body with one is never a 5xx", async () => {
    // The file name raw in the part's header (busboy refuses the header), or encoded as RFC 5987 allows.
    for (const disposition of ['filename="week\u000047.xml"', "filename*=UTF-8''week%0047.xml"]) {
      const boundary = "----nul-test";
      const body = `--${boundary}\r\nContent-Disposition: form-data; name="files"; ${disposition}\r\nContent-Type: application/xml\r\n\r\n${batch({ count: 1, mode: "designations" })}\r\n--${boundary}--\r\n`;
      const before = await rows();
      const upload = await t.app.request("/api/v1/madrid/transactions", {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(upload.status, disposition).toBe(400);
      const problem = await upload.json();
      if (disposition.startsWith("filename*")) expect(problem.errors[0].path).toBe("body.files[0].filename");
      expect(await rows()).toEqual(before);
    }

    for (const field of ["gateway", "transactionId", "invoice", "currency", "at", "kind"]) {
      const body = JSON.stringify({
        gateway: "thawani",
        transactionId: "tx-nul",
        invoice,
        kind: "payment",
        amount: 1000,
        currency: "OMR",
        at: "2026-11-24T08:59:00Z",
        [field]: "a\u0000b",
      });
      const header = await Gateway.sign(body, testGatewaySecret, Math.floor(Date.parse("2026-11-24T09:00:00Z") / 1000));
      const res = await t.app.request("/api/v1/payments/notifications", {
        method: "POST",
        headers: { "content-type": "application/json", [signatureHeader]: header },
        body,
      });
      expect(res.status, field).toBeGreaterThanOrEqual(400);
      expect(res.status, field).toBeLessThan(500);
    }
  });
});
