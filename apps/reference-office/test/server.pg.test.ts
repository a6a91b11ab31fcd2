import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { Effect } from "effect";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultConfigFile } from "../src/config/OfficeConfig.js";
import { Gateway } from "@ipoffice/fees";
import { migrate, openDatabase } from "../src/db/Database.js";
import { makeDesk } from "../src/madrid/desk.js";
import { createLogger, silentLogger } from "../src/Logger.js";
import { type RunningServer, startServer } from "../src/Server.js";
import { omConfig, stepsToPublication } from "./support/app.js";
import { batch } from "./support/madrid.js";
import { makeAccounts } from "../src/auth/Accounts.js";
import { withPglite } from "../../../test-support/engines.js";

/** An API token acting as a clerk, made in the server's database (servers started without the demo). */
const tokenOf = async (server: RunningServer, role = "clerk") => {
  const made = await Effect.runPromise(
    makeAccounts(server.database.db, server.config).createToken({ name: "test", roles: [role], days: 1 }, "test"),
  );
  return { authorization: `Bearer ${made.secret}` };
};

describe.runIf(withPglite)("the reference office server on PGlite", () => {
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

    // The demo writes 360 rights; the public register lists those the office has published (marks, patents and
    // utility models from publication, designs from registration or publication).
    const list = await (await fetch(`${first.url}/api/v1/applications?pageSize=1`)).json();
    expect(list.total).toBeGreaterThanOrEqual(100);
    expect(list.total).toBeLessThan(360);
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

    // The demo's accounts and API token, made for this data directory and kept in it, readable by its owner only.
    const credentialsFile = join(dataDir, "demo-credentials.json");
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
    const demo = JSON.parse(await readFile(credentialsFile, "utf8"));
    expect(demo.token).toBe(first.demo?.token);
    expect(Object.keys(demo.accounts)).toEqual(expect.arrayContaining(["clerk", "examiner", "office_admin"]));
    const stranger = await fetch(`${first.url}/api/v1/applications`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(stranger.status).toBe(401);
    const signIn = await fetch(`${first.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: demo.accounts.examiner, password: demo.password }).toString(),
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get("set-cookie")).toMatch(
      /^ipo_session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/,
    );

    const filed = await fetch(`${first.url}/api/v1/applications`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${demo.token}` },
      body: JSON.stringify({
        kind: "trademark",
        mark: { text: "RESTART TEST", type: "word" },
        owners: [{ name: "Al Amri Trading LLC", country: "OM" }],
        goodsAndServices: [{ classNumber: 30, terms: ["coffee"] }],
      }),
    });
    expect(filed.status).toBe(201);
    const { applicationNumber } = await filed.json();
    const path = `${first.url}/api/v1/applications/${encodeURIComponent(applicationNumber)}`;
    expect((await fetch(path)).status).toBe(404);
    // The demo's staff move it to publication, each with a token of their role.
    for (const [role, action] of stepsToPublication) {
      const done = await fetch(`${path}/actions`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(await tokenOf(first, role)) },
        body: JSON.stringify({ action }),
      });
      expect(done.status, action).toBe(200);
    }
    await first.close();
    await expect(fetch(`${first.url}/health`)).rejects.toThrow();

    const second = await startServer({ port: 0, hostname: "127.0.0.1", dataDir, logger: silentLogger() });
    const again = await fetch(`${second.url}/api/v1/applications/${encodeURIComponent(applicationNumber)}`);
    expect(again.status).toBe(200);
    expect((await again.json()).mark.text).toBe("RESTART TEST");
    const total = (await (await fetch(`${second.url}/api/v1/applications?pageSize=1`)).json()).total;
    expect(total).toBe(list.total + 1);
    await second.close();
  }, 240_000); // seeds 360 rights and 288 designations twice over: minutes on a loaded machine

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
      .replace("currency: OMR", "currency: JOD")
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
      headers: { "content-type": "application/json", ...(await tokenOf(server)) },
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
    const clerk = await tokenOf(server);
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
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            ...clerk,
          },
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

  it("the demo signs gateway notifications with its data directory's own secret (0600, reused); without one, 503", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "ipo-secret-"));
    dirs.push(dataDir);
    const lines: string[] = [];
    const logger = createLogger({ level: "info", destination: { write: (line: string) => lines.push(line) } });
    const options = { port: 0, dataDir, seed: false, timeLimitSweep: false, logger } as const;
    const notify = async (url: string, secret: string) => {
      const body = JSON.stringify({
        gateway: "test",
        transactionId: "tx-1",
        invoice: "OM-2026-999999",
        kind: "payment",
        amount: 1,
        currency: "OMR",
        at: new Date().toISOString(),
      });
      const header = await Gateway.sign(body, secret, Math.floor(Date.now() / 1000));
      return fetch(`${url}/api/v1/payments/notifications`, {
        method: "POST",
        headers: { "content-type": "application/json", "payment-signature": header },
        body,
      });
    };
    const secretLine = () => JSON.parse(lines.find((l) => l.includes("payment gateway")) ?? "{}");

    const first = await startServer(options);
    const file = join(dataDir, "payment-gateway-secret");
    const secret = (await readFile(file, "utf8")).trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(secretLine()).toMatchObject({ level: "warn", file, created: true });
    expect(secretLine().msg).toContain(file);
    // Signed with the demo's secret: verified, then refused for its unknown invoice (404), not for its signature.
    expect((await notify(first.url, secret)).status).toBe(404);
    expect((await notify(first.url, "ipoffice-development-gateway-secret")).status).toBe(401);
    await first.close();

    lines.length = 0;
    const second = await startServer(options);
    expect(secretLine()).toMatchObject({ file, created: false });
    expect((await readFile(file, "utf8")).trim()).toBe(secret);
    expect((await notify(second.url, secret)).status).toBe(404);
    await second.close();

    // In memory (no data directory) and no variable: the gateway is not configured.
    lines.length = 0;
    const memory = await startServer({ ...options, dataDir: undefined });
    expect(secretLine()).toMatchObject({ level: "warn", variable: "IPO_PAYMENT_GATEWAY_SECRET" });
    const refused = await notify(memory.url, secret);
    expect(refused.status).toBe(503);
    expect((await refused.json()).type).toBe("https://ipoffice.dev/problems/payment-gateway-not-configured");
    await memory.close();
  });

  it("at start, marks a Madrid import run left unfinished by a killed import as interrupted, and says so", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "ipo-recover-"));
    dirs.push(dataDir);
    // The state a killed import leaves: the run row unfinished, beside the reports of what it applied.
    const before = await openDatabase({ dataDir });
    let runId: string;
    try {
      await migrate(before.db);
      const desk = makeDesk({ db: before.db, config: await omConfig(), now: () => new Date() });
      const xml = batch({ count: 10, mode: "designations", notificationDate: "2026-07-06" });
      async function* dying() {
        yield xml.slice(0, Math.floor(xml.length * 0.7));
        throw new Error("killed");
      }
      await expect(desk.importSources([{ name: "w.xml", chunks: dying() }], "cli:w.xml")).rejects.toThrow("killed");
      runId = (await before.db.selectFrom("madrid_import_runs").select("id").executeTakeFirstOrThrow()).id;
    } finally {
      await before.close();
    }
    const lines: string[] = [];
    const logger = createLogger({ level: "info", destination: { write: (line: string) => lines.push(line) } });
    const server = await startServer({ port: 0, dataDir, seed: false, timeLimitSweep: false, logger });
    try {
      const line = JSON.parse(lines.find((l) => l.includes("was interrupted")) ?? "{}");
      expect(line).toMatchObject({ level: "warn", runId, source: "cli:w.xml", duplicates: 0, rejected: 0 });
      expect(line.applied).toBeGreaterThan(0);
      const run = await server.database.db
        .selectFrom("madrid_import_runs")
        .selectAll()
        .where("id", "=", runId)
        .executeTakeFirstOrThrow();
      expect(run.interrupted_at).not.toBeNull();
      expect(run.applied).toBe(line.applied);
    } finally {
      await server.close();
    }
  });
});
