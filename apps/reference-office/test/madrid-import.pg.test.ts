import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Builder, Generator } from "@ipoffice/madrid";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { runMadridCli } from "../src/madrid/cli.js";
import { makeDesk } from "../src/madrid/desk.js";
import { importLockName, recoverInterruptedRuns } from "../src/madrid/importer.js";
import { countMadridRows } from "../src/madrid/store.js";
import { omConfig, testApp } from "./support/app.js";
import { testDatabases } from "./support/databases.js";
import { batch, batchWithInvalid, xmlPost } from "./support/madrid.js";

interface Report {
  applied: number;
  duplicates: number;
  rejected: number;
  documents: Array<{
    outcome: string;
    file: string;
    index?: number;
    reason?: string;
    message?: string;
    irNumber?: string;
  }>;
}

describe.each(testDatabases)("Madrid import on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-11-24T09:00:00Z", { as: ["madrid_examiner"] });
  });
  afterAll(() => database?.close());

  const post = async (xml: string): Promise<Report> => {
    const res = await t.app.request("/api/v1/madrid/transactions", xmlPost(xml));
    expect(res.status).toBe(200);
    return (await res.json()) as Report;
  };
  const counts = () => countMadridRows(database.db, "OM");

  const invalid = batchWithInvalid({ count: 8, mode: "designations", notificationDate: "2026-05-04" }, 3);

  it("reports each document: one invalid document is rejected with its reason, the rest applied", async () => {
    const report = await post(invalid);
    expect([report.applied, report.duplicates, report.rejected]).toEqual([7, 0, 1]);
    const rejected = report.documents.filter((d) => d.outcome === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ index: 3, reason: "Invalid" });
    expect(rejected[0]?.message).toMatch(/2026-02-30|day/);
    const c = await counts();
    expect(c.designations).toBe(7);
    expect(c.applied).toBe(7);
    expect(c.events).toBe(7);
    const list = await (await t.app.request("/api/v1/madrid/designations?pageSize=200")).json();
    expect(list.total).toBe(7);
    expect(list.items.map((d: { irNumber: string }) => d.irNumber)).not.toContain("1800003");
  });

  it("re-importing the batch gives duplicates only and the same rows", async () => {
    const before = await counts();
    const report = await post(invalid);
    expect([report.applied, report.duplicates, report.rejected]).toEqual([0, 7, 1]);
    const after = await counts();
    expect({ ...after, reports: 0 }).toEqual({ ...before, reports: 0 });
  });

  it("applies the other kinds of transaction in order (mixed batch)", async () => {
    const report = await post(
      batch({ count: 36, mode: "mixed", firstIrNumber: 1_700_000, notificationDate: "2026-06-01" }),
    );
    expect(report.rejected).toBe(0);
    expect(report.applied).toBe(36);
    const kinds = await database.db
      .selectFrom("madrid_applied_transactions")
      .select("kind")
      .distinct()
      .where("office_code", "=", "OM")
      .execute();
    expect(kinds.length).toBeGreaterThanOrEqual(10);
  });

  it("rejects transactions for an office the deployment does not host, writing nothing", async () => {
    const before = await counts();
    const report = await post(
      batch({ count: 3, mode: "designations", receivingOffice: "JO", firstIrNumber: 1_600_000 }),
    );
    expect(report.rejected).toBe(3);
    expect(report.documents.every((d) => d.reason === "OfficeNotHosted")).toBe(true);
    expect(report.documents[0]?.message).toMatch(/JO.*does not host.*OM/);
    const after = await counts();
    expect(after.designations).toBe(before.designations);
    expect(after.applied).toBe(before.applied);
  });

  it("a document that fails inside its transaction leaves nothing of it (rules and storage)", async () => {
    // a renewal of a registration the office never received: the rules refuse it after the key was inserted
    const renewal = [...Generator.transactions({ count: 4, mode: "mixed", firstIrNumber: 1_500_000 })][3];
    expect(renewal?._tag).toBe("Renewal");
    const fixed = Builder.buildIBDocument({
      header: Generator.generatedHeader({ count: 1, mode: "designations" }),
      transactions: [renewal!],
    });
    const before = await counts();
    const report = await post(fixed);
    expect(report.documents.map((d) => d.reason)).toEqual(["UnknownRegistration"]);
    expect(await counts()).toEqual({ ...before, reports: before.reports + 1 });

    // a storage failure while writing the events of one designation: its record and its key roll back too
    await sql`create or replace function madrid_test_fail() returns trigger language plpgsql as $$
      begin if new.ir_number = '1400001' then raise exception 'disk full (test)'; end if; return new; end $$`.execute(
      database.db,
    );
    await sql`create trigger madrid_test_fail before insert on madrid_designation_events for each row execute function madrid_test_fail()`.execute(
      database.db,
    );
    try {
      const mid = await counts();
      const r = await post(batch({ count: 3, mode: "designations", firstIrNumber: 1_400_000 }));
      expect(r.documents.map((d) => d.outcome)).toEqual(["applied", "rejected", "applied"]);
      expect(r.documents[1]).toMatchObject({ reason: "StoreFailed", irNumber: "1400001" });
      const after = await counts();
      expect(after.designations).toBe(mid.designations + 2);
      expect(after.applied).toBe(mid.applied + 2);
      const ghost = await database.db
        .selectFrom("madrid_designations")
        .select("ir_number")
        .where("ir_number", "=", "1400001")
        .execute();
      expect(ghost).toEqual([]);
    } finally {
      await sql`drop trigger madrid_test_fail on madrid_designation_events`.execute(database.db);
    }
    // once the fault is gone, the same batch applies the missing document only
    const again = await post(batch({ count: 3, mode: "designations", firstIrNumber: 1_400_000 }));
    expect(again.documents.map((d) => d.outcome)).toEqual(["duplicate", "applied", "duplicate"]);
  });

  it("a rejected document echoes at most 100 characters of any value: a 20 MB root element name, a long file name", async () => {
    const before = await counts();
    const res = await t.app.request("/api/v1/madrid/transactions", xmlPost(`<${"a".repeat(20_000_000)}/>`));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeLessThan(2_000);
    const report = JSON.parse(text) as Report;
    expect(report.documents[0]).toMatchObject({ outcome: "rejected", reason: "WrongDocument" });
    expect(report.documents[0]?.message).toContain(`${"a".repeat(100)}…`);
    const stored = await database.db
      .selectFrom("madrid_import_reports")
      .select(sql<number>`max(length(message))`.as("longest"))
      .executeTakeFirstOrThrow();
    expect(Number(stored.longest)).toBeLessThanOrEqual(1_000);

    const form = new FormData();
    form.append("files", new Blob(["<x/>"], { type: "application/xml" }), `${"n".repeat(5_000)}.xml`);
    const named = (await (
      await t.app.request("/api/v1/madrid/transactions", { method: "POST", body: form })
    ).json()) as Report;
    expect(named.documents[0]?.file.length).toBeLessThanOrEqual(256);
    expect(named.documents[0]?.file.endsWith("…")).toBe(true);
    expect((await counts()).designations).toBe(before.designations);
  });

  it("a run left unfinished by a killed import is marked interrupted, with the counts of what it applied", async () => {
    const desk = makeDesk({ db: database.db, config: await omConfig(), now: () => new Date("2026-11-24T09:00:00Z") });
    const xml = batch({ count: 20, mode: "designations", notificationDate: "2026-07-06", firstIrNumber: 1_870_000 });
    // The state a killed import leaves: its run row unfinished with zero counts beside the reports it wrote.
    async function* dying() {
      yield xml.slice(0, Math.floor(xml.length * 0.6));
      throw new Error("killed");
    }
    await expect(desk.importSources([{ name: "dying.xml", chunks: dying() }], "test:killed")).rejects.toThrow("killed");
    const run = await database.db
      .selectFrom("madrid_import_runs")
      .selectAll()
      .where("source", "=", "test:killed")
      .executeTakeFirstOrThrow();
    expect([run.finished_at, run.interrupted_at, run.applied]).toEqual([null, null, 0]);
    const applied = Number(
      (
        await database.db
          .selectFrom("madrid_import_reports")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("run_id", "=", run.id)
          .where("outcome", "=", "applied")
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(applied).toBeGreaterThan(5);
    expect(applied).toBeLessThan(20);

    const now = new Date("2026-11-24T10:00:00Z");
    const recovered = await recoverInterruptedRuns(database.db, "OM", now);
    expect(recovered).toEqual([
      { runId: run.id, source: "test:killed", startedAt: expect.any(Date), applied, duplicates: 0, rejected: 0 },
    ]);
    const after = await database.db
      .selectFrom("madrid_import_runs")
      .selectAll()
      .where("id", "=", run.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ finished_at: null, applied, duplicates: 0, rejected: 0 });
    expect(after.interrupted_at && new Date(after.interrupted_at).toISOString()).toBe(now.toISOString());
    expect(await recoverInterruptedRuns(database.db, "OM", now)).toEqual([]);
    // Running the batch again finishes it: what was applied is a duplicate.
    const again = await desk.importSources([{ name: "again.xml", chunks: [xml] }], "test:again");
    expect([again.applied, again.duplicates]).toEqual([20 - applied, applied]);
  });

  // PostgreSQL only (the server and the CLI share it); PGlite is one process's at a time, so there is nothing to test.
  if (target.name === "postgres")
    it("a run whose importer is alive in another process (its advisory lock held) is left alone", async () => {
      const id = randomUUID();
      await database.db
        .insertInto("madrid_import_runs")
        .values({ office_code: "OM", id, source: "test:live", started_at: new Date() })
        .execute();
      const key = importLockName("OM", id);
      await database.db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(hashtextextended(${key}, 0))`.execute(conn);
        try {
          expect((await recoverInterruptedRuns(database.db, "OM", new Date())).map((r) => r.runId)).not.toContain(id);
        } finally {
          await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(conn);
        }
      });
      expect((await recoverInterruptedRuns(database.db, "OM", new Date())).map((r) => r.runId)).toEqual([id]);
    });

  it("the API takes a batch larger than the default 1 MiB body limit, up to its own 50 MiB", async () => {
    const big = batch({ count: 300, mode: "designations", firstIrNumber: 1_100_000, notificationDate: "2026-10-06" });
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const res = await t.app.request("/api/v1/madrid/transactions", {
      method: "POST",
      headers: { "content-type": "application/xml" },
      body: big,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).applied).toBe(300);
    const tooBig = await t.app.request("/api/v1/madrid/transactions", {
      method: "POST",
      headers: { "content-type": "application/xml", "content-length": String(51 * 1024 * 1024) },
      body: "<x/>",
    });
    expect(tooBig.status).toBe(413);
  });

  it("the import page takes a batch larger than the API's 1 MiB body limit", async () => {
    const big = batch({ count: 300, mode: "designations", firstIrNumber: 1_000_000, notificationDate: "2026-10-05" });
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const form = new FormData();
    form.append("files", new Blob([big], { type: "application/xml" }), "week-41.xml");
    const res = await t.app.request("/madrid/import?lang=en", { method: "POST", body: form });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("300 applied, 0 duplicates, 0 rejected");
  });

  it("imports several files of a multipart upload, and answers problems for bad uploads", async () => {
    const form = new FormData();
    form.append("files", new Blob([batch({ count: 2, mode: "designations", firstIrNumber: 1_300_000 })]), "one.xml");
    form.append("files", new Blob([batch({ count: 2, mode: "designations", firstIrNumber: 1_310_000 })]), "two.xml");
    const res = await t.app.request("/api/v1/madrid/transactions", { method: "POST", body: form });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report & { files: number };
    expect(report.files).toBe(2);
    expect(report.applied).toBe(4);
    expect(new Set(report.documents.map((d) => d.file))).toEqual(new Set(["one.xml", "two.xml"]));

    const before = await counts();
    const json = await t.app.request("/api/v1/madrid/transactions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
    expect((await json.json()).type).toMatch(/unsupported-media-type/);
    const notXml = await post("this is not XML");
    expect(notXml.documents).toEqual([expect.objectContaining({ outcome: "rejected", reason: "NotWellFormed" })]);
    const xxe = await post(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><tmk:MadridIBToOfficeTransaction/>',
    );
    expect(xxe.documents[0]?.reason).toBe("DoctypeForbidden");
    const emptyForm = await t.app.request("/api/v1/madrid/transactions", { method: "POST", body: new FormData() });
    expect(emptyForm.status).toBe(400);
    const tooBig = await t.app.request("/madrid/import", {
      method: "POST",
      headers: {
        "content-type": "application/xml",
        "content-length": String(51 * 1024 * 1024),
        accept: "application/json",
      },
      body: "<x/>",
    });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).limit).toBe(50 * 1024 * 1024);
    expect({ ...(await counts()), reports: 0 }).toEqual({ ...before, reports: 0 });
  });
});

describe("Madrid CLI", () => {
  it("imports a folder, prints the summary and exits 1 when a document was rejected", async () => {
    const dir = mkdtempSync(join(tmpdir(), "madrid-cli-"));
    const database = await (testDatabases[0] as (typeof testDatabases)[number]).open();
    try {
      writeFileSync(join(dir, "a.xml"), batchWithInvalid({ count: 4, mode: "designations" }, 1));
      writeFileSync(join(dir, "b.xml"), batch({ count: 2, mode: "designations", firstIrNumber: 1_200_000 }));
      writeFileSync(join(dir, "notes.txt"), "not a batch");
      const out: string[] = [];
      const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => true } };
      const deps = { db: database.db, config: await omConfig(), io: io as never };
      expect(await runMadridCli(["import", dir], deps)).toBe(1);
      expect(out.join("")).toMatch(/^2 file\(s\): 5 applied, 0 duplicate, 1 rejected/m);
      rmSync(join(dir, "a.xml"));
      out.length = 0;
      expect(await runMadridCli(["import", dir], deps)).toBe(0);
      expect(out.join("")).toMatch(/^1 file\(s\): 0 applied, 2 duplicate, 0 rejected/m);
      expect(await runMadridCli(["import"], deps)).toBe(2);
      expect(await runMadridCli(["import", join(dir, "missing")], deps)).toBe(2);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
