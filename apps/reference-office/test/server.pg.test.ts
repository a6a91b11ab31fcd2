import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/Logger.js";
import { startServer } from "../src/Server.js";

describe("the reference office server on PGlite", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("starts with demo data, serves pages and the API, keeps data across a restart, and shuts down cleanly", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "ipo-server-"));
    dirs.push(dataDir);
    const first = await startServer({ port: 0, hostname: "127.0.0.1", dataDir, logger: silentLogger() });
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "up", office: "OM" });

    const list = await (await fetch(`${first.url}/api/v1/applications?pageSize=1`)).json();
    expect(list.total).toBeGreaterThanOrEqual(300);
    const kinds = await Promise.all(
      ["trademark", "patent", "industrial_design", "utility_model"].map(
        async (k) => (await (await fetch(`${first.url}/api/v1/applications?kind=${k}&pageSize=1`)).json()).total,
      ),
    );
    expect(kinds.every((n) => n > 0)).toBe(true);

    const page = await fetch(`${first.url}/records?lang=ar`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('lang="ar"');

    const filed = await fetch(`${first.url}/api/v1/applications`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        kind: "trademark",
        mark: { text: "RESTART TEST", type: "word" },
        owners: [{ name: "Al Amri Trading LLC", country: "OM" }],
        goodsAndServices: [{ classNumber: 30, terms: ["coffee"] }],
      }),
    });
    expect(filed.status).toBe(201);
    const { applicationNumber } = await filed.json();
    await first.close();
    await expect(fetch(`${first.url}/health`)).rejects.toThrow();

    const second = await startServer({ port: 0, hostname: "127.0.0.1", dataDir, logger: silentLogger() });
    const again = await fetch(`${second.url}/api/v1/applications/${encodeURIComponent(applicationNumber)}`);
    expect(again.status).toBe(200);
    expect((await again.json()).mark.text).toBe("RESTART TEST");
    const total = (await (await fetch(`${second.url}/api/v1/applications?pageSize=1`)).json()).total;
    expect(total).toBe(list.total + 1);
    await second.close();
  });

  it("starts without reference data, with the smaller built-in demo set", async () => {
    const empty = await mkdtemp(join(tmpdir(), "ipo-noref-"));
    dirs.push(empty);
    const server = await startServer({
      port: 0,
      hostname: "127.0.0.1",
      referenceDataDir: empty,
      logger: silentLogger(),
    });
    const list = await (await fetch(`${server.url}/api/v1/applications?kind=trademark&pageSize=100`)).json();
    expect(list.total).toBeGreaterThan(0);
    await server.close();
  });

  it("finishes a request in flight before closing", async () => {
    const server = await startServer({ port: 0, hostname: "127.0.0.1", seed: false, logger: silentLogger() });
    const body = JSON.stringify({
      kind: "trademark",
      mark: { text: "IN FLIGHT", type: "word" },
      owners: [{ name: "Al Lawati Foods LLC", country: "OM" }],
      goodsAndServices: [{ classNumber: 29, terms: ["dates, processed"] }],
    });
    const { port } = new URL(server.url);
    // Headers and half the body are sent, then the server is asked to close, then the rest of the body arrives.
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/v1/applications",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        closing = server.close();
        setTimeout(() => req.end(body.slice(20)), 100);
      }, 100);
    });
    let closing: Promise<void> | undefined;
    const res = await response;
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text).mark.text).toBe("IN FLIGHT");
    await closing;
  });
});
