/**
 * Extractions for WIPO's global databases (decision 0801): a full extraction of what the public may see, each day's
 * update by change date, the daily job, the CLI; the same bytes on a re-run; files valid against the ST.96 schemas.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Extraction, TrademarkSt96 } from "@ipoffice/exchange";
import { Clock, Effect, Result } from "effect";
import { strFromU8, unzipSync } from "fflate";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaFile, validateAll, withSchemaCheck } from "../../../packages/exchange/test/xmllint.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { runExtractionCli } from "../src/extraction/cli.js";
import { makeExtractions, startOfDay } from "../src/extraction/Extractions.js";
import { testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Every file under a folder, path → bytes. */
const filesUnder = (root: string): Map<string, Buffer> => {
  const out = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = dir === "" ? e.name : `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else out.set(rel, readFileSync(join(root, rel)));
    }
  };
  walk("");
  return out;
};

/** Checks a manifest's checksums against the folder; returns the application numbers of the records, in order. */
const verified = (root: string, written: Extraction.Written): Array<{ number: string; xml: string }> => {
  const manifest = JSON.parse(readFileSync(join(root, written.manifestPath), "utf8")) as Extraction.Manifest;
  expect(manifest).toEqual(written.manifest);
  const sums = readFileSync(join(root, written.checksumsPath), "utf8");
  const out: Array<{ number: string; xml: string }> = [];
  for (const f of manifest.files) {
    const zip = readFileSync(join(root, f.path));
    expect(sha256(zip)).toBe(f.sha256);
    expect(sums).toContain(`${f.sha256}  ${f.path.split("/").at(-1)}`);
    const entries = unzipSync(zip);
    for (const e of f.entries) {
      const bytes = entries[e.name] as Uint8Array;
      expect(sha256(bytes)).toBe(e.sha256);
      const xml = strFromU8(bytes);
      const read = TrademarkSt96.read(xml);
      if (Result.isFailure(read)) throw new Error(read.failure.message);
      for (const r of read.success.records) out.push({ number: r.record.right.applicationNumber, xml });
    }
  }
  return out;
};

const schemaDocs: Array<string> = [];

describe.each(testDatabases)("extractions for WIPO's global databases on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  const n: Record<string, string> = {};
  const folders: Array<string> = [];
  const folder = () => {
    const f = mkdtempSync(join(tmpdir(), "extraction-"));
    folders.push(f);
    return f;
  };

  /** Sets a right's publication date (data and column), as a bulletin recorded it. */
  const publish = async (number: string, date: string) => {
    await sql`update rights set data = jsonb_set(data::jsonb, '{publication}', ${JSON.stringify({ date, bulletin: "Official Gazette 1" })}::jsonb),
      publication_date = ${date} where application_number = ${number}`.execute(database.db);
  };
  const changedAt = async (number: string, at: string) => {
    await sql`update rights set updated_at = ${at} where application_number = ${number}`.execute(database.db);
  };

  beforeAll(async () => {
    database = await target.open();
    // The default rule: trademarks are public from their publication (EUTMR Art. 44).
    t = await testApp(database, "2026-02-02T09:00:00Z");
    const clerk = await t.as("clerk");
    for (const text of ["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT"]) {
      const res = await t.json(
        "POST",
        "/api/v1/applications",
        { ...trademarkFiling, mark: { text, type: "word" } },
        clerk,
      );
      expect(res.status).toBe(201);
      n[text] = ((await res.json()) as { applicationNumber: string }).applicationNumber;
    }
    t.time.set("2026-03-02T09:00:00Z");
    // Published before: ALPHA, BRAVO, CHARLIE; DELTA on 2026-03-01; ECHO on 2026-03-05 (not yet); FOXTROT never.
    for (const text of ["ALPHA", "BRAVO", "CHARLIE"]) await publish(n[text] as string, "2026-02-10");
    await publish(n.DELTA as string, "2026-03-01");
    await publish(n.ECHO as string, "2026-03-05");
    // Changes, in Muscat time (UTC+4): ALPHA on 1 March at 10:00, BRAVO on 1 March at 01:00 (28 February in UTC),
    // CHARLIE on 28 February at 23:00 (the day before in Muscat), DELTA and ECHO and FOXTROT in February.
    await changedAt(n.ALPHA as string, "2026-03-01T06:00:00Z");
    await changedAt(n.BRAVO as string, "2026-02-28T21:00:00Z");
    await changedAt(n.CHARLIE as string, "2026-02-28T19:00:00Z");
    for (const text of ["DELTA", "ECHO"]) await changedAt(n[text] as string, "2026-02-20T10:00:00Z");
    await changedAt(n.FOXTROT as string, "2026-03-01T08:00:00Z");
  });
  afterAll(async () => {
    await database?.close();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });

  const run = <A, E>(effect: Effect.Effect<A, E>) =>
    Effect.runPromise(Effect.result(Effect.provideService(effect, Clock.Clock, t.time.clock)));
  const ok = async <A, E>(effect: Effect.Effect<A, E>) => {
    const r = await run(effect);
    if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure));
    return r.success;
  };

  it("finds the office's midnight in its time zone (Asia/Muscat, UTC+4)", () => {
    expect(startOfDay("2026-03-01", "Asia/Muscat").toISOString()).toBe("2026-02-28T20:00:00.000Z");
    // a day that begins in summer time: Europe/Paris on 2026-03-29 (the change is at 02:00)
    expect(startOfDay("2026-03-29", "Europe/Paris").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDay("2026-03-30", "Europe/Paris").toISOString()).toBe("2026-03-29T22:00:00.000Z");
  });

  it("writes a full extraction of what the public may see on the day only (the publication rule, decision 0680)", async () => {
    const root = folder();
    const written = await ok(makeExtractions(database.db, t.config).full({ folder: root }));
    expect(written.map((w) => [w.manifest.collection, w.manifest.scope, w.manifest.date])).toEqual([
      ["trademarks", "full", "2026-03-02"],
      ["designs", "full", "2026-03-02"],
      ["patents", "full", "2026-03-02"],
    ]);
    const tm = written[0] as Extraction.Written;
    expect(tm.manifest.files.map((f) => f.path)).toEqual(["Trademarks/Full_Extraction/OM_TM_FULL_20260302_001.zip"]);
    const records = verified(root, tm);
    // in byte order of the numbers; ECHO (published on the 5th) and FOXTROT (never) stay out
    expect(records.map((r) => r.number)).toEqual([n.ALPHA, n.BRAVO, n.CHARLIE, n.DELTA].sort());
    schemaDocs.push(...new Set(records.map((r) => r.xml)));
  });

  it("writes the same bytes when the same extraction runs again", async () => {
    const a = folder();
    const b = folder();
    const extractions = makeExtractions(database.db, t.config);
    await ok(extractions.full({ folder: a, date: "2026-03-02" }));
    await ok(extractions.full({ folder: b, date: "2026-03-02" }));
    await ok(extractions.update({ folder: a, date: "2026-03-01" }));
    await ok(extractions.update({ folder: b, date: "2026-03-01" }));
    const fa = filesUnder(a);
    const fb = filesUnder(b);
    expect([...fa.keys()]).toEqual([...fb.keys()]);
    expect([...fa.keys()].some((k) => k.endsWith(".partial"))).toBe(false);
    for (const [path, bytes] of fa) expect(bytes.equals(fb.get(path) as Buffer), path).toBe(true);
  });

  it("puts in a day's update only the public records changed on that day in the office's time, or made public on it", async () => {
    const root = folder();
    const [tm] = await ok(makeExtractions(database.db, t.config).update({ folder: root, date: "2026-03-01" }));
    expect(tm?.manifest.files.map((f) => f.path)).toEqual(["Trademarks/Updates/OM_TM_UPDATE_20260301_001.zip"]);
    // ALPHA and BRAVO changed on 1 March in Muscat; DELTA was published on it; CHARLIE changed the day before;
    // FOXTROT changed on it but is not public.
    expect(verified(root, tm as Extraction.Written).map((r) => r.number)).toEqual([n.ALPHA, n.BRAVO, n.DELTA].sort());
    const [previous] = await ok(makeExtractions(database.db, t.config).update({ folder: root, date: "2026-02-28" }));
    expect(verified(root, previous as Extraction.Written).map((r) => r.number)).toEqual([n.CHARLIE]);
  });

  it("refuses an update of a day not over, a bad date, or no folder, writing nothing", async () => {
    const root = folder();
    const extractions = makeExtractions(database.db, t.config);
    for (const [request, message] of [
      [{ folder: root, date: "2026-03-02" }, "waits for the day to be over"],
      [{ folder: root, date: "2026-02-30" }, "not a date"],
      [{ date: "2026-03-01" }, "no folder"],
    ] as const) {
      const r = await run(extractions.update(request));
      expect(Result.isFailure(r) && r.failure._tag === "ExtractionFailed" && r.failure.message).toContain(message);
    }
    expect(filesUnder(root).size).toBe(0);
    // A folder that cannot be written (a file stands in its path) is the extraction's failure, named, not the database's.
    const blocked = join(root, "blocked");
    writeFileSync(blocked, "");
    const r = await run(extractions.update({ folder: join(blocked, "out"), date: "2026-03-01" }));
    expect(Result.isFailure(r) && r.failure._tag).toBe("ExtractionFailed");
    expect(Result.isFailure(r) && r.failure.message).toMatch(/ENOTDIR|EEXIST|not a directory/);
  });

  it("writes yesterday's update once a day as the scheduled job (each collection whose manifest is absent)", async () => {
    const root = folder();
    const config = { ...t.config, extraction: { folder: root } };
    const first = await ok(makeExtractions(database.db, config).daily());
    expect(first.map((w) => w.manifestPath)).toEqual([
      "Trademarks/Updates/OM_TM_UPDATE_20260301.manifest.json",
      "Designs/Updates/OM_DS_UPDATE_20260301.manifest.json",
      "Patents/Updates/OM_PT_UPDATE_20260301.manifest.json",
    ]);
    expect(await ok(makeExtractions(database.db, config).daily())).toEqual([]);
    // without a folder, or with the job turned off, nothing
    expect(await ok(makeExtractions(database.db, t.config).daily())).toEqual([]);
    const off = { ...t.config, extraction: { folder: folder(), daily: false } };
    expect(await ok(makeExtractions(database.db, off).daily())).toEqual([]);
  });

  it("runs from the CLI: `extraction full --out DIR --collection trademarks`, and refuses a bad command", async () => {
    const root = folder();
    const out: Array<string> = [];
    const err: Array<string> = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } };
    const deps = { db: database.db, config: t.config, io, clock: t.time.clock };
    expect(await runExtractionCli(["full", "--out", root, "--collection", "trademarks"], deps)).toBe(0);
    expect(out.join("")).toMatch(/^trademarks full 2026-03-02: 4 record\(s\) in 1 ZIP\(s\)/);
    expect(filesUnder(root).has("Trademarks/Full_Extraction/OM_TM_FULL_20260302.manifest.json")).toBe(true);
    expect(await runExtractionCli(["update", "--out", root, "--date", "2026-03-02"], deps)).toBe(1);
    expect(err.join("")).toContain("waits for the day to be over");
    for (const bad of [["fetch"], ["full", "--collection", "music"], ["daily", "--out", root], ["full", "--date"]]) {
      expect(await runExtractionCli(bad, deps)).toBe(2);
    }
  });

  it("announces in a day's update the records delivered before that left public view on it, and never a right not delivered", async () => {
    t.time.set("2026-03-12T09:00:00Z");
    // BRAVO's publication is struck out on 8 March (Muscat): it leaves public view. FOXTROT, never public, changes too.
    await sql`update rights set data = (data::jsonb - 'publication'), publication_date = null
      where application_number = ${n.BRAVO as string}`.execute(database.db);
    await changedAt(n.BRAVO as string, "2026-03-08T06:00:00Z");
    await changedAt(n.FOXTROT as string, "2026-03-08T07:00:00Z");
    const extractions = makeExtractions(database.db, t.config);
    const a = folder();
    const [tm, ds] = await ok(extractions.update({ folder: a, date: "2026-03-08" }));
    const manifest = (tm as Extraction.Written).manifest;
    expect(manifest.records).toBe(0);
    const bravo = (await database.db
      .selectFrom("rights")
      .select(["application_number", "st13"])
      .where("application_number", "=", n.BRAVO as string)
      .executeTakeFirstOrThrow()) as { application_number: string; st13: string };
    expect(manifest.deleted?.applications).toEqual([{ applicationNumber: bravo.application_number, st13: bravo.st13 }]);
    expect(ds?.manifest.deleted).toEqual({ records: 0, applications: [], files: [] });
    // the delete file: an ST.96 trademark bag of tmk:Trademark com:operationCategory="Delete", numbers only
    const deleteZip = manifest.deleted?.files[0];
    expect(deleteZip?.path).toBe("Trademarks/Updates/OM_TM_UPDATE_20260308_DELETE_001.zip");
    const zip = readFileSync(join(a, deleteZip?.path as string));
    expect(sha256(zip)).toBe(deleteZip?.sha256);
    expect(readFileSync(join(a, (tm as Extraction.Written).checksumsPath), "utf8")).toContain(
      `${deleteZip?.sha256}  OM_TM_UPDATE_20260308_DELETE_001.zip`,
    );
    const xml = Object.values(unzipSync(zip)).map((b) => strFromU8(b));
    expect(xml).toHaveLength(1);
    expect(xml[0]).toContain('com:operationCategory="Delete"');
    expect(xml[0]).toContain(`<com:ApplicationNumberText>${bravo.application_number}</com:ApplicationNumberText>`);
    expect(xml[0]).not.toContain("BRAVO");
    expect(xml[0]).not.toContain(n.FOXTROT as string);
    schemaDocs.push(...xml);

    // the same day again: the same bytes (the deletion stays announced by that day)
    const b = folder();
    await ok(extractions.update({ folder: b, date: "2026-03-08" }));
    const fa = filesUnder(a);
    const fb = filesUnder(b);
    expect([...fa.keys()]).toEqual([...fb.keys()]);
    for (const [path, bytes] of fa) expect(bytes.equals(fb.get(path) as Buffer), path).toBe(true);

    // the next day does not announce it again
    const [next] = await ok(extractions.update({ folder: folder(), date: "2026-03-09" }));
    expect(next?.manifest.deleted?.records).toBe(0);
    // the command says how many it announced
    const lines: Array<string> = [];
    const io = { stdout: { write: (s: string) => lines.push(s) }, stderr: { write: (s: string) => lines.push(s) } };
    const cliDeps = { db: database.db, config: t.config, io, clock: t.time.clock };
    expect(
      await runExtractionCli(
        ["update", "--out", folder(), "--date", "2026-03-08", "--collection", "trademarks"],
        cliDeps,
      ),
    ).toBe(0);
    expect(lines.join("")).toContain(
      "trademarks update 2026-03-08: 0 record(s) in 0 ZIP(s), 0.0 MB, 1 withdrawn from public view announced;",
    );

    // published again on 10 March: delivered again, and a later day that drops it announces it again
    await publish(n.BRAVO as string, "2026-03-10");
    await changedAt(n.BRAVO as string, "2026-03-10T06:00:00Z");
    const again = folder();
    const [back] = await ok(extractions.update({ folder: again, date: "2026-03-10" }));
    expect(verified(again, back as Extraction.Written).map((r) => r.number)).toEqual([n.BRAVO]);
    expect(back?.manifest.deleted?.records).toBe(0);
    const ledger = await database.db
      .selectFrom("extraction_deliveries")
      .selectAll()
      .where("application_number", "=", n.BRAVO as string)
      .executeTakeFirstOrThrow();
    expect(ledger.withdrawn_on).toBeNull();

    // an office that changes its rule (trademarks public from registration): every delivered trademark leaves
    const strict = {
      ...t.config,
      publication: { ...t.config.publication, trademark: { from: "registration" as const } },
    };
    const [ruled] = await ok(makeExtractions(database.db, strict).update({ folder: folder(), date: "2026-03-11" }));
    expect(ruled?.manifest.deleted?.applications.map((d) => d.applicationNumber)).toEqual(
      [n.ALPHA, n.BRAVO, n.CHARLIE, n.DELTA].sort(),
    );
    // ECHO (public since 5 March) was never delivered by an extraction: not named
    expect(ruled?.manifest.deleted?.applications.map((d) => d.applicationNumber)).not.toContain(n.ECHO);
  });

  it(withSchemaCheck("writes trademark files valid against Trademark_V6_0.xsd"), () => {
    expect(schemaDocs.length).toBeGreaterThan(0);
    for (const r of validateAll(schemaFile("Trademark"), schemaDocs)) {
      expect(r.messages).toEqual([]);
      expect(r.valid).toBe(true);
    }
  });
});
