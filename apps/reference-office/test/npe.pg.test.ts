/**
 * National phase entries of PCT applications (src/exchange/npe.ts, `cli import npe`): read from a table, recorded on
 * the office's patents all or none (PCT art. 11(3): the international filing date is the national one, so it cannot
 * come after it), idempotent, and found by the public through their PCT or WO number (INID 86/87).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Result } from "effect";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { runImportCli } from "../src/exchange/cli.js";
import { readNationalPhaseCsv } from "../src/exchange/npe.js";
import { publicFromFiling, testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const header =
  "national_number,pct_application,international_filing_date,wo_publication,wo_publication_date,entry_date";

describe("reading a national phase table", () => {
  it("reads each row's PCT application, publication and entry date", () => {
    const read = readNationalPhaseCsv(
      bytes(`\uFEFF${header}\nPT/2026/00001,pct/om2025/000123,2025-01-15,WO2025/654321,2025-07-24,2026-02-10\n`),
    );
    expect(Result.isSuccess(read) && read.success).toEqual([
      {
        row: 2,
        applicationNumber: "PT/2026/00001",
        pct: {
          applicationNumber: "PCT/OM2025/000123",
          filingDate: "2025-01-15",
          publicationNumber: "WO 2025/654321",
          publicationDate: "2025-07-24",
          nationalPhaseEntryDate: "2026-02-10",
        },
      },
    ]);
  });

  it("names every problem by row and column, and reads nothing of a file that has one", () => {
    const read = readNationalPhaseCsv(
      bytes(
        `${header}\nA,PCT/OM2025/1,2025-02-30,WO 25/1,,2026-01-01\nB,PCT/OM2025/000001,2025-03-01,,2025-04-01,2025-02-01\nA,PCT/OM2025/000002,2025-01-01,,,2026-01-01\n`,
      ),
    );
    expect(Result.isFailure(read) && read.failure.map((p) => `${p.row} ${p.field}`)).toEqual([
      "2 pct_application",
      "2 international_filing_date",
      "2 wo_publication",
      "3 wo_publication_date",
      "3 entry_date",
      "4 national_number",
    ]);
    const columns = readNationalPhaseCsv(bytes("national_number,pct,entry_date\nA,B,C\n"));
    expect(Result.isFailure(columns) && columns.failure.map((p) => p.field)).toEqual([
      "pct",
      "pct_application",
      "international_filing_date",
    ]);
    expect(Result.isFailure(readNationalPhaseCsv(new Uint8Array([0xff, 0xfe, 0x00])))).toBe(true);
    expect(Result.isFailure(readNationalPhaseCsv(bytes("")))).toBe(true);
  });

  it("answers any bytes with entries or problems, never an exception", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ maxLength: 300 }).map((s) => bytes(`${header}\n${s}`)),
        ),
        (input) => {
          const read = readNationalPhaseCsv(input);
          if (Result.isFailure(read)) expect(read.failure.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe.each(testDatabases)("recording national phase entries on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  let dir: string;
  const numbers = { patent: "", mark: "" };

  const cli = async (content: string, ...flags: Array<string>) => {
    const file = join(dir, `npe-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(file, content);
    const out: Array<string> = [];
    const err: Array<string> = [];
    const code = await runImportCli(["npe", file, ...flags], {
      db: database.db,
      config: t.config,
      niceList: "12",
      io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
      clock: t.time.clock,
    });
    return { code, out: out.join(""), err: err.join("") };
  };
  const events = async () =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from right_events where action = 'record_national_phase'`.execute(database.db)
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-03-02T09:00:00Z", { publication: publicFromFiling });
    dir = mkdtempSync(join(tmpdir(), "npe-"));
    const clerk = await t.as("clerk");
    const patent = await t.json(
      "POST",
      "/api/v1/applications",
      {
        kind: "patent",
        title: "Desalination membrane",
        claimsCount: 4,
        applicants: [{ name: "Sohar Water LLC", country: "OM" }],
        inventors: [{ name: "Huda Al Balushi", country: "OM" }],
      },
      clerk,
    );
    expect(patent.status).toBe(201);
    numbers.patent = (await patent.json()).applicationNumber;
    const mark = await t.json("POST", "/api/v1/applications", trademarkFiling, clerk);
    numbers.mark = (await mark.json()).applicationNumber;
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("records them all or none, once, and the public finds the patent by its WO number", async () => {
    const good = `${numbers.patent},PCT/OM2025/000777,2025-02-01,WO 2025/111222,2025-08-14,2026-03-02`;
    // A trademark, an unknown number and an international date after the national one refuse the whole file.
    const refused = await cli(
      `${header}\n${good}\n${numbers.mark},PCT/OM2025/000778,2025-02-01,,,2026-03-02\nPT/2026/99999,PCT/OM2025/000779,2025-02-01,,,2026-03-02\n`,
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("row 3, national_number");
    expect(refused.err).toContain("not a patent or utility model");
    expect(refused.err).toContain("row 4, national_number: no application PT/2026/99999");
    expect(await events()).toBe(0);
    const late = await cli(`${header}\n${numbers.patent},PCT/OM2026/000001,2026-03-05,,,2026-03-06\n`);
    expect(late.err).toContain("international_filing_date: after the national filing date");
    const dry = await cli(`${header}\n${good}\n`, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("would record 1 national phase entry");
    expect(await events()).toBe(0);
    const done = await cli(`${header}\n${good}\n`);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain("recorded 1 national phase entry");
    expect(await events()).toBe(1);
    const again = await cli(`${header}\n${good}\n`);
    expect(again.out).toContain("recorded 0 national phase entries; 1 already recorded");
    expect(await events()).toBe(1);
    const right = await (await t.json("GET", `/api/v1/applications/${encodeURIComponent(numbers.patent)}`)).json();
    expect(right.pct).toMatchObject({ applicationNumber: "PCT/OM2025/000777", publicationNumber: "WO 2025/111222" });
    // The command line wrote beside the app: the index takes the change at the app's next sync (its timer, or here
    // the next write through it).
    const next = await t.json("POST", "/api/v1/applications", trademarkFiling, await t.as("clerk"));
    expect(next.status).toBe(201);
    const found = await (await t.raw.request(`/api/v1/search?pct=${encodeURIComponent("WO2025/111222")}`)).json();
    expect(
      found.hits.map((h: { document: { numbers: { application?: string } } }) => h.document.numbers.application),
    ).toEqual([numbers.patent]);
  });
});
