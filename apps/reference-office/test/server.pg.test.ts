import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultConfigFile } from "../src/config/OfficeConfig.js";
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

  it("serves another office from the configuration file it is given, and refuses an invalid one", async () => {
    // The office file refers to files beside it (fee schedules, Madrid data): give the copy the same surroundings.
    const root = await mkdtemp(join(tmpdir(), "ipo-config-"));
    dirs.push(root);
    const configDir = dirname(dirname(defaultConfigFile));
    for (const entry of await readdir(configDir)) {
      if (entry !== "offices") await symlink(join(configDir, entry), join(root, entry));
    }
    const dir = join(root, "offices");
    await mkdir(dir);
    const om = await readFile(defaultConfigFile, "utf8");
    const jo = om
      .replace("code: OM", "code: JO")
      .replace("timeZone: Asia/Muscat", "timeZone: Asia/Amman")
      .replace('trademark: "TM/{yyyy}/{serial:6}"', 'trademark: "JO-TM-{yyyy}-{serial:5}"')
      .replace("schedules: [../fees/om.yaml]", "schedules: [../fees/jo-trademark.yaml]")
      .replace("currency: OMR", "currency: USD")
      .replace("hostedOffices: [OM]", "hostedOffices: [JO]");
    await writeFile(join(dir, "jo.yaml"), jo);
    const server = await startServer({
      port: 0,
      hostname: "127.0.0.1",
      seed: false,
      configFile: join(dir, "jo.yaml"),
      logger: silentLogger(),
    });
    expect((await (await fetch(`${server.url}/health`)).json()).office).toBe("JO");
    const filed = await fetch(`${server.url}/api/v1/applications`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        kind: "trademark",
        mark: { text: "PETRA", type: "word" },
        owners: [{ name: "Petra Pharma Co.", country: "JO" }],
        goodsAndServices: [{ classNumber: 5, terms: ["pharmaceutical preparations"] }],
      }),
    });
    const right = await filed.json();
    expect(right.applicationNumber).toMatch(/^JO-TM-\d{4}-00001$/);
    expect(right.st13).toMatch(/^JO50/);
    await server.close();

    await writeFile(join(dir, "bad.yaml"), jo.replace("code: JO", "code: J0"));
    await expect(
      startServer({ port: 0, seed: false, configFile: join(dir, "bad.yaml"), logger: silentLogger() }),
    ).rejects.toThrow(/office\.code/);
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

  it("listens on 127.0.0.1 unless told otherwise, and on the address it is given", async () => {
    const local = await startServer({ port: 0, seed: false, timeLimitSweep: false, logger: silentLogger() });
    try {
      expect(local.address.address).toBe("127.0.0.1");
      expect(local.url).toBe(`http://127.0.0.1:${local.address.port}`);
      expect((await fetch(`${local.url}/health`)).status).toBe(200);
    } finally {
      await local.close();
    }
    const everywhere = await startServer({
      port: 0,
      hostname: "0.0.0.0",
      seed: false,
      timeLimitSweep: false,
      logger: silentLogger(),
    });
    try {
      expect(everywhere.address.address).toBe("0.0.0.0");
      expect(everywhere.url).toBe(`http://localhost:${everywhere.address.port}`);
    } finally {
      await everywhere.close();
    }
  });
});
