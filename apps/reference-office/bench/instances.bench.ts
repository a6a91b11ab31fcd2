/**
 * Requests per second of a read-heavy route mix (decision 0698): one instance answering directly, the same instance
 * behind haproxy (the proxy's cost), and two instances on the same PostgreSQL database behind haproxy (the scaling
 * ratio). The instances are real processes started as in production (`cli migrate`, then `start --no-migrate`) on a
 * database of their own with the demo data; the load comes from autocannon in this process.
 *
 * Needs PostgreSQL (`IPO_BENCH_DATABASE_URL`, else `IPO_TEST_DATABASE_URL`, else the local server) and haproxy;
 * says so and stops without them.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import autocannon from "autocannon";
import { freshDatabase, runCli, startInstance, startProxy } from "../test/support/instances.js";
import { pgUrl } from "./support.js";

const DURATION_S = Number(process.env.IPO_BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;

if (spawnSync("haproxy", ["-v"], { stdio: "ignore" }).error !== undefined) {
  console.log("# instances bench skipped: haproxy is not installed (Debian package haproxy)");
  process.exit(0);
}
let database: Awaited<ReturnType<typeof freshDatabase>>;
try {
  database = await freshDatabase(pgUrl);
} catch (error) {
  console.log(`# instances bench skipped: PostgreSQL unavailable (${(error as Error).message})`);
  process.exit(0);
}

const env = { DATABASE_URL: database.url, IPO_RATE_LIMIT_STORE: "database", LOG_LEVEL: "warn" };
const stops: Array<() => Promise<unknown>> = [];
try {
  const migrated = await runCli(["migrate"], { DATABASE_URL: database.url });
  if (migrated.code !== 0) throw new Error(`cli migrate failed: ${migrated.stderr}`);
  // The first instance writes the demo data; the second finds it there.
  const a = await startInstance("a", 3610, { ...env, IPO_SEED: "true" }, ["--no-migrate"]);
  stops.push(async () => {
    a.child.kill("SIGTERM");
    await a.exited;
  });
  const b = await startInstance("b", 3611, { ...env, IPO_SEED: "false" }, ["--no-migrate"]);
  stops.push(async () => {
    b.child.kill("SIGTERM");
    await b.exited;
  });
  const one = await startProxy(3612, [{ name: "a", port: a.port }]);
  stops.push(() => one.stop());
  const two = await startProxy(3603, [
    { name: "a", port: a.port },
    { name: "b", port: b.port },
  ]);
  stops.push(() => two.stop());

  // The public's reads of published records: the API's record and history, the record page, the portal's home.
  const list = await (await fetch(`http://127.0.0.1:${a.port}/api/v1/applications?pageSize=100`)).json();
  const numbers = (list.items as Array<{ applicationNumber: string; st13: string }>).slice(0, 25);
  const requests = numbers.flatMap((r) => {
    const number = encodeURIComponent(r.applicationNumber);
    return [
      { method: "GET" as const, path: `/api/v1/applications/${number}` },
      { method: "GET" as const, path: `/api/v1/applications/${number}/history` },
      { method: "GET" as const, path: `/records/${encodeURIComponent(r.st13)}` },
      { method: "GET" as const, path: `/api/v1/applications/${number}` },
    ];
  });
  requests.splice(10, 0, { method: "GET", path: "/" });
  const run = async (url: string) => {
    const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, requests });
    const bad = result.non2xx + result.errors + result.timeouts;
    if (bad > 0) console.log(`# ${url}: ${bad} answers not 2xx (${result.non2xx} non-2xx, ${result.errors} errors)`);
    return result.requests.average;
  };
  // Warm both instances (code paths compiled, caches filled), then measure each setting in turn.
  await run(two.url);
  const direct = await run(`http://127.0.0.1:${a.port}`);
  const proxied = await run(one.url);
  const both = await run(two.url);

  console.log(
    `data: PostgreSQL, the demo data (${list.total} public rights); mix of ${requests.length} GETs (record and history JSON, record page, home) over ${numbers.length} records, ${CONNECTIONS} connections, ${DURATION_S} s each`,
  );
  console.log(
    `machine: ${os.cpus().length} cores, Node ${process.versions.node}; load generator, proxy, instances and PostgreSQL on the same machine`,
  );
  console.log(`read mix, 1 instance direct: ${direct.toFixed(0)} req/s (baseline)`);
  console.log(
    `read mix, 1 instance behind haproxy: ${proxied.toFixed(0)} req/s (ratio to direct: ${(proxied / direct).toFixed(2)})`,
  );
  console.log(
    `read mix, 2 instances behind haproxy: ${both.toFixed(0)} req/s (scaling ratio to 1 behind haproxy: ${(both / proxied).toFixed(2)}, to direct: ${(both / direct).toFixed(2)})`,
  );
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await database.drop();
}
