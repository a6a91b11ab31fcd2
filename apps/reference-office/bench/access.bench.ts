/**
 * Who-is-who costs: a sign-in at the office's password cost (scrypt N = 2^15, r = 8, p = 1; the goal is 100–300 ms
 * on this machine) beside the hash alone; and the access check per request (resolving an API token or a session
 * cookie in the database, then the permission) beside the same route with no access check. PGlite in memory.
 */
import os from "node:os";
import { Effect, Result } from "effect";
import { Hono } from "hono";
import { accessSettingsOf, makeAccounts } from "../src/auth/Accounts.js";
import { hashPassword, verifyPassword } from "../src/auth/passwords.js";
import { defaultConfigFile, loadOfficeConfig } from "../src/config/OfficeConfig.js";
import { accessControl, needs } from "../src/http/access.js";
import { silentLogger } from "../src/Logger.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { openPglite } from "./support.js";

const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 12);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3_000);

const config = Result.getOrThrow(await loadOfficeConfig(defaultConfigFile));
const database = await openPglite();
await ensureOffice(database.db, config);
const accounts = makeAccounts(database.db, config);
const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

console.log(
  `# ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
);

// 1. Sign-in at the office's cost, beside scrypt alone at that cost.
const password = "correct horse battery staple";
await run(accounts.create({ username: "bench", displayName: "Bench", roles: ["examiner"], password }));
const params = accessSettingsOf(config).hash;
const stored = await hashPassword(password, params);
const hashOnly: number[] = [];
const signIns: number[] = [];
for (let i = 0; i < SIGN_INS; i++) {
  const t0 = performance.now();
  await verifyPassword(password, stored);
  hashOnly.push(performance.now() - t0);
  const t1 = performance.now();
  await run(accounts.signIn("bench", password, { address: "127.0.0.1" }));
  signIns.push(performance.now() - t1);
}
const signIn = median(signIns);
const hash = median(hashOnly);
console.log(
  `sign-in (scrypt ln=${params.ln}, r=${params.r}, p=${params.p}): ${signIn.toFixed(0)} ms median of ${SIGN_INS} (baseline: ${hash.toFixed(0)} ms scrypt verification alone, ratio: ${(signIn / hash).toFixed(2)}); goal 100–300 ms`,
);

// 2. The access check per request.
const token = await run(accounts.createToken({ name: "bench", roles: ["examiner"], days: 30 }, "bench"));
const session = await run(accounts.signIn("bench", password, {}));
const routes = [{ method: "get" as const, path: "/x/{id}", access: needs("register.read") }];
const handler = (c: { json: (v: unknown) => Response }) => c.json({ ok: true });
const guarded = new Hono();
guarded.use(
  accessControl({
    accounts,
    routes,
    logger: silentLogger(),
    // The service's effects need nothing from the context (the clock is the default one).
    run: (effect) => Effect.runPromise(effect as Effect.Effect<never, unknown>),
  }),
);
guarded.get("/x/:id", handler);
const plain = new Hono();
plain.get("/x/:id", handler);

const time = async (app: Hono, headers: Record<string, string>) => {
  for (let i = 0; i < 200; i++) await app.request(`/x/${i}`, { headers });
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const res = await app.request(`/x/${i}`, { headers });
    if (res.status !== 200) throw new Error(`status ${res.status}`);
  }
  return ((performance.now() - t0) * 1000) / REQUESTS;
};
const base = await time(plain, {});
const withToken = await time(guarded, { authorization: `Bearer ${token.secret}` });
const withCookie = await time(guarded, { cookie: `ipo_session=${session.cookie}` });
console.log(
  `access check with an API token: ${withToken.toFixed(0)} µs/request over ${REQUESTS} (baseline: ${base.toFixed(0)} µs/request for the route with no check, ratio: ${(withToken / base).toFixed(2)})`,
);
console.log(
  `access check with a session cookie: ${withCookie.toFixed(0)} µs/request over ${REQUESTS} (baseline: ${base.toFixed(0)} µs/request for the route with no check, ratio: ${(withCookie / base).toFixed(2)})`,
);
await database.close();
