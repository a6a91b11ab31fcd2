import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { ClassificationList as CL } from "@ipoffice/domain";
import { Effect, Result } from "effect";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needs } from "../../../test-support/reference-data.js";
import { createApp } from "../src/App.js";
import { makeClassifications } from "../src/classifications/Classifications.js";
import { runClassificationsCli } from "../src/classifications/cli.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { createLogger, silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { fixedClock, omConfig, withoutRateLimits } from "./support/app.js";
import { testDatabases } from "./support/databases.js";
import { listAudit } from "../src/audit/Audit.js";

/** A Locarno list in the office import format (Locarno Agreement: class and class-subclass). */
const locarnoCsv = [
  "# Locarno classification, three classes for the tests",
  "code,title,language",
  '07,"Household goods, not elsewhere specified",en',
  "07,أدوات منزلية,ar",
  "07-01,China; glassware; dishes,en",
  '07-02,"Cooking appliances, utensils and containers",en',
  "06,Furnishing,en",
  "06-01,Seats,en",
  "32,Graphic symbols and logos,en",
  "32-00,Graphic symbols and logos,en",
].join("\r\n");

/** A bad file: every problem has its line and field. */
const badCsv = [
  "code,title,language", // 1
  "07,Household goods,en", // 2
  "07-1x,Bad code,en", // 3
  "07-01,,en", // 4
  "08-01,Tools,en", // 5: class 08 missing
  "07-02,Cooking,english", // 6
].join("\n");

/** A tier-2 reference-data folder holding a Locarno list in the reference JSON shape, or a corrupt one. */
const referenceFolder = (content: "good" | "corrupt" | "absent") => {
  const dir = mkdtempSync(join(tmpdir(), `ipo-ref-${content}-`));
  if (content !== "absent") {
    mkdirSync(join(dir, "classifications"));
    const good = JSON.stringify(
      [
        {
          Language: "EN",
          Classification: [
            {
              ClassCode: "01",
              ClassDescription: "Foodstuffs",
              LocarnoSubClasses: [{ SubClassCode: "01", SubClassDescription: "Bakers' products" }],
            },
          ],
        },
      ],
      null,
      2,
    );
    writeFileSync(
      join(dir, "classifications", "locarno-en.json"),
      content === "good" ? good : good.replace('"SubClassCode": "01"', '"SubClassCode": "1x"'),
    );
  }
  return dir;
};

const folders = {
  good: referenceFolder("good"),
  absent: referenceFolder("absent"),
};
afterAll(() => {
  for (const dir of Object.values(folders)) rmSync(dir, { recursive: true, force: true });
});

/** A logger whose JSON lines the test reads. */
const capturingLogger = () => {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim() !== "") lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level: "info", destination }), lines };
};

const cliIo = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    out: () => out.join(""),
    err: () => err.join(""),
  };
};

const allReference = needs(
  "classifications/locarno-en.json",
  "classifications/vienna-codes-euipo.csv",
  ...["A", "B", "C", "D", "E", "F", "G", "H"].map((s) => `classifications/ipc-2006-core-en/${s}.json`),
);

describe.each(testDatabases)("classification lists on $name", (target) => {
  let database: OpenDatabase;
  const clock = fixedClock("2026-12-02T09:00:00Z");
  const appWith = async (dir: string, logger = silentLogger()) => {
    const config = await omConfig();
    // Hundreds of searches from one client: the search rate limit is not what these tests are about.
    return createApp({
      db: database.db,
      config: withoutRateLimits(config),
      logger,
      reference: referenceData(dir),
      clock: clock.clock,
    });
  };
  const service = (dir: string) =>
    makeClassifications({ db: database.db, officeCode: "OM", reference: referenceData(dir) });
  const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(Effect.result(effect));
  const counts = async () => {
    const n = async (table: "classification_lists" | "classification_entries" | "classification_imports") =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string | number>().as("n"))
            .where("office_code", "=", "OM")
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      lists: await n("classification_lists"),
      entries: await n("classification_entries"),
      imports: await n("classification_imports"),
    };
  };
  const cli = async (args: ReadonlyArray<string>, dir = folders.absent) => {
    const io = cliIo();
    const code = await runClassificationsCli(args, {
      db: database.db,
      config: await omConfig(),
      reference: referenceData(dir),
      io: io.io,
      clock: clock.clock,
    });
    return { code, out: io.out(), err: io.err() };
  };
  let files: string;

  beforeAll(async () => {
    database = await target.open();
    await ensureOffice(database.db, await omConfig());
    files = mkdtempSync(join(tmpdir(), "ipo-cls-files-"));
    writeFileSync(join(files, "locarno.csv"), locarnoCsv);
    writeFileSync(join(files, "locarno-bad.csv"), badCsv);
    writeFileSync(join(files, "locarno-v2.csv"), `${locarnoCsv}\r\n07-03,Table service,en\r\n`);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it("without an imported list or reference data, no list is available and the answers say what to do", async () => {
    const app = await appWith(folders.absent);
    const overview = await (await app.request("/api/v1/classifications")).json();
    expect(overview.office).toBe("OM");
    expect(overview.lists.map((l: { scheme: string; available: boolean }) => [l.scheme, l.available])).toEqual([
      ["locarno", false],
      ["vienna", false],
      ["ipc", false],
    ]);
    const res = await app.request("/api/v1/classifications/locarno?q=seats");
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const body = await res.json();
    expect(body.type).toMatch(/classification-list-unavailable$/);
    expect(body.detail).toMatch(/classifications\/locarno-en\.json is absent/);
    expect(body.detail).toMatch(/cli classifications import locarno <file\.csv>/);
    expect(body.detail).not.toMatch(/ipo-ref-/);
  });

  it("tier 2: a reference-data file present is used; a corrupt one is logged with file, line and field and skipped", async () => {
    const good = await appWith(folders.good);
    const present = await (await good.request("/api/v1/classifications/locarno?code=01-01")).json();
    expect(present).toMatchObject({
      tier: "reference-data",
      source: "reference data: classifications/locarno-en.json",
      entry: { code: "01-01", parent: "01", levelName: "subclass", title: "Bakers' products" },
      ancestors: [{ code: "01", title: "Foodstuffs" }],
    });

    // A folder of its own: a refusal is logged when the folder is first read (once per process and folder).
    const fresh = referenceFolder("corrupt");
    const { logger, lines } = capturingLogger();
    const corrupt = await appWith(fresh, logger);
    const res = await corrupt.request("/api/v1/classifications/locarno");
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.detail).toMatch(
      /classifications\/locarno-en\.json is not a valid Locarno list \(line \d+, \[0\]\.Classification\[0\]\.LocarnoSubClasses\[0\]\.SubClassCode/,
    );
    const warning = lines.find((l) => String(l["msg"]).startsWith("reference-data Locarno list refused"));
    expect(warning?.["problems"]).toEqual([
      expect.stringMatching(
        /^classifications\/locarno-en\.json:\d+: \[0\]\.Classification\[0\]\.LocarnoSubClasses\[0\]\.SubClassCode: expected a two-digit subclass$/,
      ),
    ]);
    // The office keeps running: the other areas answer.
    expect((await corrupt.request("/health")).status).toBe(200);
    rmSync(fresh, { recursive: true, force: true });
  });

  it("refuses unknown schemes, missing files and bad options with exit code 2, writing nothing", async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(["import", "nice", "x.csv"])).err).toMatch(/"nice" is not a scheme this command imports/);
    expect((await cli(["import", "locarno"])).code).toBe(2);
    expect((await cli(["import", "locarno", "/nonexistent/x.csv"])).err).toMatch(/cannot read .*ENOENT/);
    expect((await cli(["import", "locarno", "x.csv", "--edition"])).err).toMatch(/unknown or incomplete option/);
    expect((await cli(["import", "locarno", "x.csv", "--edition", "\u0000"])).code).toBe(2);
    const list = await cli(["list"]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^locarno\s+not available: The office has imported none/m);
    expect(await counts()).toEqual({ lists: 0, entries: 0, imports: 0 });
  });

  it.skipIf(allReference.skip)(
    allReference.title("with the real reference data, every scheme has a list, searchable through the API"),
    async () => {
      const app = await appWith(referenceData().dir);
      const overview = await (await app.request("/api/v1/classifications")).json();
      expect(
        overview.lists.map((l: { scheme: string; tier: string; entries: number }) => [l.scheme, l.tier, l.entries > 0]),
      ).toEqual([
        ["locarno", "reference-data", true],
        ["vienna", "reference-data", true],
        ["ipc", "reference-data", true],
      ]);
      const ipc = await (await app.request("/api/v1/classifications/ipc?q=ploughs&limit=3")).json();
      expect(ipc.edition).toBe("2006.01");
      expect(ipc.items[0].code).toBe("A01B 3/00");
      const vienna = await (await app.request("/api/v1/classifications/vienna?code=010101")).json();
      expect(vienna.entry).toMatchObject({ code: "01.01.01", levelName: "section", title: "Stars" });
    },
  );

  it("imports a good file in one transaction, with a log row naming who, when and the file", async () => {
    const before = await counts();
    expect(before).toEqual({ lists: 0, entries: 0, imports: 0 });
    const r = await cli([
      "import",
      "locarno",
      join(files, "locarno.csv"),
      "--edition",
      "15-2026",
      "--actor",
      "registrar-1",
    ]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toBe("imported 7 Locarno entries from locarno.csv (edition 15-2026)\n");
    expect(await counts()).toEqual({ lists: 1, entries: 7, imports: 1 });
    const log = await database.db.selectFrom("classification_imports").selectAll().executeTakeFirstOrThrow();
    expect(log).toMatchObject({
      office_code: "OM",
      scheme: "locarno",
      actor_id: "registrar-1",
      source: "locarno.csv",
      edition: "15-2026",
      entries: 7,
      previous_checksum: null,
    });
    expect(new Date(log.at).toISOString()).toBe("2026-12-02T09:00:00.000Z");
    // And in the audit trail, in the same transaction.
    const audit = await listAudit(database.db, "OM", { target: "locarno", limit: 5 });
    expect(audit.items[0]).toMatchObject({ action: "classifications.import", actorId: "registrar-1", outcome: "ok" });
  });

  it("importing the same file again changes nothing", async () => {
    const before = await counts();
    const row = await database.db.selectFrom("classification_lists").selectAll().executeTakeFirstOrThrow();
    clock.set("2026-12-03T09:00:00Z");
    const r = await cli(["import", "locarno", join(files, "locarno.csv"), "--edition=15-2026"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^unchanged: the office's Locarno list already holds these 7 entries/);
    expect(await counts()).toEqual(before);
    expect(await database.db.selectFrom("classification_lists").selectAll().executeTakeFirstOrThrow()).toEqual(row);
  });

  it("a bad file writes nothing and lists every problem with its line and field; the office keeps its list", async () => {
    const before = await counts();
    const r = await cli(["import", "locarno", join(files, "locarno-bad.csv")]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.split("\n").filter((l) => l !== "")).toEqual([
      expect.stringMatching(/^locarno-bad\.csv:3: code: "07-1x" is not a Locarno code/),
      "locarno-bad.csv:4: title: the title is empty",
      "locarno-bad.csv:5: code: the class 08 above 08-01 is not in the list",
      expect.stringMatching(/^locarno-bad\.csv:6: language: "english" is not a language code/),
      "nothing imported: 4 problems in locarno-bad.csv; the office keeps its current Locarno list",
    ]);
    expect(await counts()).toEqual(before);
    const app = await appWith(folders.good);
    const still = await (await app.request("/api/v1/classifications/locarno?code=07-02")).json();
    expect(still).toMatchObject({ tier: "imported", edition: "15-2026", entry: { code: "07-02" } });
  });

  it("tier 3 over tier 2: the imported list answers even where the reference data has one", async () => {
    const app = await appWith(folders.good);
    const overview = await (await app.request("/api/v1/classifications")).json();
    expect(overview.lists[0]).toEqual({
      scheme: "locarno",
      name: CL.schemeNames.locarno,
      available: true,
      tier: "imported",
      edition: "15-2026",
      entries: 7,
      languages: ["ar", "en"],
      source: "locarno.csv",
      importedAt: "2026-12-02T09:00:00.000Z",
      importedBy: "registrar-1",
      reasons: [],
    });
    expect((await app.request("/api/v1/classifications/locarno?code=01-01")).status).toBe(404);
  });

  it("a new file for the scheme replaces the office's list, recording what it replaced", async () => {
    const r = await cli(["import", "locarno", join(files, "locarno-v2.csv"), "--edition", "15-2026"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^replaced the office's Locarno list \(7 entries from locarno\.csv\) with 8 Locarno entries/);
    expect(await counts()).toEqual({ lists: 1, entries: 8, imports: 2 });
    const last = await database.db
      .selectFrom("classification_imports")
      .selectAll()
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ source: "locarno-v2.csv", entries: 8, previous_entries: 7 });
    expect(new Date(last.at).toISOString()).toBe("2026-12-03T09:00:00.000Z");
    // A server already running sees the new list (its cache follows the stored checksum).
    const app = await appWith(folders.absent);
    const found = await (await app.request("/api/v1/classifications/locarno?code=07-03")).json();
    expect(found.entry.title).toBe("Table service");
  });

  it("answers lookups: by code in any spelling, children, search with languages, and problems for bad input", async () => {
    const app = await appWith(folders.absent);
    const get = async (path: string) => {
      const res = await app.request(`/api/v1/classifications${path}`);
      return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.json() };
    };
    const top = await get("/locarno");
    expect(top.status).toBe(200);
    expect(top.body.items.map((i: { code: string }) => i.code)).toEqual(["06", "07", "32"]);
    expect(top.body.truncated).toBe(false);
    const byCode = await get("/locarno?code=7&lang=ar");
    expect(byCode.body.entry).toMatchObject({ code: "07", title: "أدوات منزلية", titleLanguage: "ar", level: 1 });
    expect(byCode.body.items.map((i: { code: string }) => i.code)).toEqual(["07-01", "07-02", "07-03"]);
    expect(byCode.body.items[0]).toMatchObject({ title: "China; glassware; dishes", titleLanguage: "en" });
    const search = await get("/locarno?q=cook");
    expect(search.body.items).toEqual([expect.objectContaining({ code: "07-02", match: "word-prefixes" })]);
    const inSubtree = await get("/locarno?q=graphic&code=07");
    expect(inSubtree.body.items).toEqual([]);
    const limited = await get("/locarno?code=07&limit=2");
    expect([limited.body.items.length, limited.body.truncated]).toEqual([2, true]);

    const bad = await get("/locarno?limit=0&code=7-1x&lang=EN!");
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["code", "lang", "limit"]);
    const badCode = await get("/locarno?code=7-1x");
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors).toEqual([{ path: "code", message: expect.stringMatching(/not a Locarno code/) }]);
    const notInList = await get("/locarno?code=07-09");
    expect(notInList.status).toBe(404);
    expect(notInList.body.errors[0].path).toBe("code");
    const unknown = await get("/nice");
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toMatch(/unknown-classification$/);
    expect(unknown.body.schemes).toEqual(["locarno", "vienna", "ipc"]);
    const noList = await get("/vienna?code=03.01.08");
    expect(noList.status).toBe(503);
  });

  it("never answers 500, whatever the scheme and query parameters (property)", async () => {
    const app = await appWith(folders.good);
    const param = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ maxLength: 300, unit: "binary" }),
      fc.constantFrom("07", "07-01", "0", "-1", "1e3", "201", "%", "A01B 1/02"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom("locarno", "vienna", "ipc"), fc.string({ minLength: 1, maxLength: 20 })),
        fc.array(fc.tuple(fc.constantFrom("q", "code", "limit", "lang", "other"), param), { maxLength: 5 }),
        async (scheme, params) => {
          const search = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
          const res = await app.request(`/api/v1/classifications/${encodeURIComponent(scheme)}?${search}`);
          expect([200, 400, 404, 503]).toContain(res.status);
          const body = await res.json();
          if (res.status !== 200) expect(body.title).toEqual(expect.any(String));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the OpenAPI document describes both routes", async () => {
    const app = await appWith(folders.absent);
    const doc = await (await app.request("/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/classifications", "/api/v1/classifications/{scheme}"]),
    );
    expect(doc.paths["/api/v1/classifications/{scheme}"].get.responses["503"]).toBeDefined();
    expect(doc.components.schemas.ClassificationLookup).toBeDefined();
  });

  it("the service imports bytes that are not UTF-8 as a refusal naming the line, writing nothing", async () => {
    const before = await counts();
    const bytes = new Uint8Array([
      ...new TextEncoder().encode("code,title,language\n03,Animals,en\n03.01,Caf"),
      0xe9,
      0x0a,
    ]);
    const r = await run(service(folders.absent).importCsv("vienna", bytes, { file: "vienna.csv", actor: "t" }));
    expect(Result.isFailure(r) && r.failure._tag === "ClassificationImportError" && r.failure.issues).toEqual([
      { line: 3, field: "encoding", message: expect.stringMatching(/not UTF-8/) },
    ]);
    expect(await counts()).toEqual(before);
  });
});

describe("the command line, run for real", () => {
  it("cli classifications import writes into a PGlite data folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipo-cls-cli-"));
    try {
      writeFileSync(join(dir, "locarno.csv"), locarnoCsv);
      const run = spawnSync(
        process.execPath,
        [
          "--conditions=@ipoffice/source",
          "--import",
          "tsx",
          "src/cli.ts",
          "classifications",
          "import",
          "locarno",
          join(dir, "locarno.csv"),
          "--edition",
          "15-2026",
        ],
        {
          cwd: fileURLToPath(new URL("..", import.meta.url)),
          env: {
            ...process.env,
            IPO_DATA_DIR: join(dir, "data"),
            IPO_REFERENCE_DATA: join(dir, "none"),
            DATABASE_URL: "",
          },
          encoding: "utf8",
        },
      );
      expect(run.stderr).toBe("");
      expect([run.status, run.stdout]).toEqual([0, "imported 7 Locarno entries from locarno.csv (edition 15-2026)\n"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
