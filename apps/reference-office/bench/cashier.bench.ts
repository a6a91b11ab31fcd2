/**
 * The cashier's list (src/fees/Cashbook.ts): a page of 50 of N invoices (default 20,000), searched by part of the
 * payer's name, with and without the trigram index on `invoices.payer_key`, in the same run on the same data; and the
 * unsearched first page (owed and overdue first). Invoice rows are written directly (their ledger is empty, so every
 * state but `unpaid` is set on the row alone): the list reads rows, not how they were raised.
 */
import os from "node:os";
import { Text } from "@ipoffice/domain";
import { Clock, Effect } from "effect";
import { sql } from "kysely";
import type { OpenDatabase } from "../src/db/Database.js";
import { makeCashbook } from "../src/fees/Cashbook.js";
import { openPglite, openPostgres } from "./support.js";

const N = Number(process.env.BENCH_INVOICES ?? 20_000);
const RUNS = 30;
const today = Date.parse("2026-12-07T09:00:00Z");

const families = ["Al Habsi", "Al Busaidi", "Société Générale", "مؤسسة أحمد", "Al Kindi", "Sohar", "Nizwa", "Al Amri"];
const kinds = ["Trading LLC", "Foods SAOG", "Crafts SAOC", "des Dattes", "للتجارة", "Logistics LLC"];
const states = ["unpaid", "partially_paid", "paid", "paid", "paid", "cancelled"];

const payerOf = (i: number) => `${families[i % families.length]} ${kinds[(i * 7) % kinds.length]} ${i}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const run = async (engine: string, open: () => Promise<OpenDatabase | undefined>) => {
  const database = await open();
  if (!database) return;
  const db = database.db;
  for (let start = 0; start < N; start += 1_000) {
    const rows = Array.from({ length: Math.min(1_000, N - start) }, (_, k) => {
      const i = start + k;
      const payer = payerOf(i);
      const day = new Date(Date.parse("2025-01-01T00:00:00Z") + (i % 700) * 86_400_000).toISOString().slice(0, 10);
      return {
        office_code: "OM",
        number: `OM-2025-${String(i + 1).padStart(6, "0")}`,
        year: 2025,
        sequence: i + 1,
        issue_date: day,
        payer,
        payer_key: Text.key(payer),
        currency: "OMR",
        subtotal: 70_000,
        tax: 0,
        total: 70_000,
        state: states[i % states.length] ?? "unpaid",
        data: JSON.stringify({ number: `OM-2025-${String(i + 1).padStart(6, "0")}`, currency: "OMR", total: 70_000 }),
        created_at: new Date(today).toISOString(),
        updated_at: new Date(today).toISOString(),
      };
    });
    await db.insertInto("invoices").values(rows).execute();
  }
  await sql`analyze invoices`.execute(db);
  const book = makeCashbook(db, { office: "OM", timeZone: "Asia/Muscat" });
  const clock = {
    currentTimeMillisUnsafe: () => today,
    currentTimeMillis: Effect.sync(() => today),
    currentTimeNanosUnsafe: () => BigInt(today) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(today) * 1_000_000n),
    monotonicTimeNanosUnsafe: () => BigInt(today) * 1_000_000n,
    monotonicTimeNanos: Effect.sync(() => BigInt(today) * 1_000_000n),
    sleep: () => Effect.void,
  } as Clock.Clock;
  const time = async (payer: string | undefined) => {
    const ms: number[] = [];
    let found = 0;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const page = await Effect.runPromise(
        Effect.provideService(book.list(payer === undefined ? {} : { payer }), Clock.Clock, clock),
      );
      ms.push(performance.now() - t0);
      found = page.matching;
    }
    return { ms: median(ms), found };
  };
  // Three parts of names shared by one invoice in eight, and one name's end shared by one invoice.
  const searches = [
    "habsi",
    "société gén",
    "احمد",
    payerOf(Math.floor(N * 0.6))
      .split(" ")
      .slice(-2)
      .join(" "),
  ];
  const indexed: Array<readonly [string, { ms: number; found: number }]> = [];
  for (const q of searches) indexed.push([q, await time(q)] as const);
  const first = await time(undefined);
  await sql`drop index invoices_payer_key_trgm`.execute(db);
  console.log(`data: ${engine}, ${N} invoices; ${os.cpus().length} cores, Node ${process.version}`);
  for (const [q, withIndex] of indexed) {
    const without = await time(q);
    console.log(
      `search "${q}" (${withIndex.found} found), first page: ${withIndex.ms.toFixed(1)} ms with the trigram index (baseline without it: ${without.ms.toFixed(1)} ms, ratio ${(withIndex.ms / without.ms).toFixed(2)})`,
    );
  }
  console.log(`unsearched first page (counts per state included): ${first.ms.toFixed(1)} ms`);
  await database.close();
};

await run("pglite", () => openPglite());
await run("postgres", openPostgres);
