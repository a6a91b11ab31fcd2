import { Writable } from "node:stream";
import type { KyselyPlugin } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/App.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { referenceData } from "../src/ReferenceData.js";
import { listRights } from "../src/rights/RightsRepository.js";
import { omConfig, testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

/** Counts the statements Kysely sends. */
const counting = () => {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { plugin, count: () => n, reset: () => (n = 0) };
};

describe.each(testDatabases)("queries and logs on $name", (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await target.open();
    const t = await testApp(database, undefined, { as: ["clerk", "cashier"] });
    for (let i = 0; i < 30; i++) {
      await t.json("POST", "/api/v1/applications", { ...trademarkFiling, mark: { text: `MARK ${i}`, type: "word" } });
    }
  });
  afterAll(() => database?.close());

  it("lists a page in a fixed number of statements, whatever the page size (no N+1)", async () => {
    const counter = counting();
    const db = database.db.withPlugin(counter.plugin);
    const small = await listRights(db, "OM", { page: 1, pageSize: 2 });
    const smallCount = counter.count();
    counter.reset();
    const large = await listRights(db, "OM", { page: 1, pageSize: 30 });
    expect(small.items).toHaveLength(2);
    expect(large.items).toHaveLength(30);
    expect(large.items.every((i) => i.classes.length === 2)).toBe(true);
    expect(counter.count()).toBe(smallCount);
    expect(smallCount).toBeLessThanOrEqual(2);
  });

  it("writes one JSON log line per request with its request id", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).trim().split("\n"));
        done();
      },
    });
    const app = createApp({
      db: database.db,
      config: await omConfig(),
      logger: pino({ level: "info" }, sink),
      reference: referenceData(),
    });
    const res = await app.request("/api/v1/applications?pageSize=1", { headers: { "x-request-id": "trace-42" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("trace-42");
    const entry = lines.map((l) => JSON.parse(l)).find((e) => e.path === "/api/v1/applications");
    expect(entry).toMatchObject({ requestId: "trace-42", method: "GET", status: 200, level: 30 });
    const bad = await app.request("/api/v1/applications?pageSize=1", { headers: { "x-request-id": "<script>" } });
    expect(bad.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
