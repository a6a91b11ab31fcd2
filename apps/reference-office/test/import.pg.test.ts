/**
 * Import from another system (decision 0802): CSV or XLSX through the office's column mapping, or ST.96 XML, into the
 * register through the rights service: all rows or none, a dry run, a row-by-row report, idempotent by the source's
 * number, hostile input refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PatentSt96, TrademarkSt96 } from "@ipoffice/exchange";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { sql } from "kysely";
import { Result } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { runImportCli } from "../src/exchange/cli.js";
import { forgetImportJobs } from "../src/exchange/importJob.js";
import { prepareImport } from "../src/exchange/importFile.js";
import { testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const mappingYaml = `source: legacy-register
kind: trademark
dateFormat: DD/MM/YYYY
columns:
  number: App No
  filingDate: Filed
  markText: Mark
  status: Status
  owner: Owner
  ownerCountry: Country
  goodsAndServices: Goods
  registrationNumber: Reg No
  registrationDate: Registered
values:
  status:
    Registered: registered
    Pending: filed
`;
const header = "App No,Filed,Mark,Status,Owner,Country,Goods,Reg No,Registered";
const rowOf = (n: number, mark = `MARK ${n}`) =>
  `LEG-${n},05/01/2020,${mark},Registered,Owner ${n} LLC,OM,"30: coffee; tea | 43: cafés",R-${n},01/06/2020`;

describe.each(testDatabases)("import from another system on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  let dir: string;
  const file = (name: string, content: string | Buffer) => {
    const f = join(dir, name);
    writeFileSync(f, content);
    return f;
  };
  let mapping: string;

  const cli = async (...args: Array<string>) => {
    const out: Array<string> = [];
    const err: Array<string> = [];
    const code = await runImportCli(args, {
      db: database.db,
      config: t.config,
      niceList: "12",
      io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
      clock: t.time.clock,
    });
    return { code, out: out.join(""), err: err.join("") };
  };
  const count = async (table: "rights" | "right_events" | "imported_rights" | "audit_log") =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]?.n,
    );

  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-03-02T09:00:00Z");
    dir = mkdtempSync(join(tmpdir(), "import-"));
    mapping = file("mapping.yaml", mappingYaml);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("checks everything in a dry run and writes nothing, then imports every row with its event and audit row", async () => {
    const csv = file("register.csv", [header, rowOf(1), rowOf(2), rowOf(3)].join("\r\n"));
    const before = await count("rights");
    const dry = await cli("rights", csv, "--mapping", mapping, "--dry-run");
    expect(dry).toMatchObject({ code: 0, err: "" });
    expect(dry.out).toContain("dry run, nothing written: would import 3 right(s) from legacy-register");
    expect(await count("rights")).toBe(before);
    expect(await count("imported_rights")).toBe(0);

    const real = await cli("rights", csv, "--mapping", mapping);
    expect(real.out).toContain("imported 3 right(s) from legacy-register; 0 already imported before");
    expect(await count("rights")).toBe(before + 3);
    const staffView = await t.staff((r) => r.get("LEG-2", { audience: "staff" }));
    expect(staffView).toMatchObject({ status: "registered", filingDate: "2020-01-05", mark: { text: "MARK 2" } });
    const history = await t.staff((r) => r.history("LEG-2", { audience: "staff" }));
    expect(history.map((e) => [e.action, e.toStatus, e.reason])).toEqual([
      ["import", "registered", "brought in from legacy-register (its number LEG-2)"],
    ]);
    const audit = await sql<{ action: string }>`select action from audit_log where target = 'LEG-2'`.execute(
      database.db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["rights.import"]);
  });

  it("is idempotent by the source's number: running the same file again changes nothing", async () => {
    const csv = file("again.csv", [header, rowOf(1), rowOf(2), rowOf(3), rowOf(4)].join("\n"));
    const rights = await count("rights");
    const events = await count("right_events");
    const run = await cli("rights", csv, "--mapping", mapping);
    expect(run.out).toContain("imported 1 right(s) from legacy-register; 3 already imported before");
    expect(await count("rights")).toBe(rights + 1);
    expect(await count("right_events")).toBe(events + 1);
    const again = await cli("rights", csv, "--mapping", mapping);
    expect(again.out).toContain("imported 0 right(s) from legacy-register; 4 already imported before");
    expect(await count("rights")).toBe(rights + 1);
  });

  it("forgets import jobs untouched for the retention with their checkpoints, keeps what they imported, and a re-run writes nothing", async () => {
    const rows = async (table: "import_jobs" | "import_job_chunks" | "import_job_numbers") =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]?.n,
      );
    const jobs = await rows("import_jobs");
    expect(jobs).toBeGreaterThanOrEqual(2);
    expect(await rows("import_job_numbers")).toBeGreaterThan(0);
    const rights = await count("rights");
    const imported = await count("imported_rights");
    // the first file's job last changed long ago; the second's now
    await sql`update import_jobs set updated_at = ${new Date("2025-06-01T00:00:00Z")} where file_name like ${"%register.csv"}`.execute(
      database.db,
    );
    const cutoff = new Date("2026-01-01T00:00:00Z");
    expect(await forgetImportJobs(database.db, "XX", new Date("2100-01-01T00:00:00Z"))).toBe(0); // another office's
    expect(await forgetImportJobs(database.db, "OM", cutoff)).toBe(1);
    expect(await rows("import_jobs")).toBe(jobs - 1);
    const left = await sql<{ n: number }>`select count(*)::int as n from import_job_chunks c
      where not exists (select 1 from import_jobs j where j.office_code = c.office_code and j.id = c.job_id)`.execute(
      database.db,
    );
    expect(left.rows[0]?.n).toBe(0);
    expect(await forgetImportJobs(database.db, "OM", cutoff)).toBe(0);
    expect([await count("rights"), await count("imported_rights")]).toEqual([rights, imported]);
    // the file again: a new job, nothing written twice (the source numbers)
    const again = await cli("rights", join(dir, "register.csv"), "--mapping", mapping);
    expect(again.out).toContain("imported 0 right(s) from legacy-register; 3 already imported before");
    expect(await count("rights")).toBe(rights);
    expect(await rows("import_jobs")).toBe(jobs);
  });

  it("refuses the whole file with a row-by-row report when one row is wrong: nothing partial", async () => {
    const csv = file(
      "bad.csv",
      [
        header,
        rowOf(10),
        "LEG-11,31/02/2020,X,Registered,O LLC,OM,30: tea,R-11,01/06/2020",
        rowOf(12, "=cmd|' /C calc'!A0"),
      ].join("\n"),
    );
    const rights = await count("rights");
    const run = await cli("rights", csv, "--mapping", mapping);
    expect(run.code).toBe(1);
    expect(run.err).toContain("refused, nothing written (2 problem(s))");
    expect(run.err).toContain('row 3, filingDate (Filed): "31/02/2020" is not a date DD/MM/YYYY');
    expect(run.err).toContain("row 4, markText (Mark): starts like a spreadsheet formula");
    expect(await count("rights")).toBe(rights);
    const json = await cli("rights", csv, "--mapping", mapping, "--jsonl");
    expect(
      json.err
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l).row),
    ).toEqual([3, 4]);
  });

  it("refuses a number already in the register from elsewhere, and the whole file with it", async () => {
    const filed = await t.json("POST", "/api/v1/applications", trademarkFiling, await t.as("clerk"));
    const taken = ((await filed.json()) as { applicationNumber: string }).applicationNumber;
    const csv = file("clash.csv", [header, rowOf(20), rowOf(21).replace("LEG-21", taken)].join("\n"));
    const rights = await count("rights");
    const run = await cli("rights", csv, "--mapping", mapping);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `row 3, applicationNumber: ${taken} is already in the register, and was not brought in from legacy-register`,
    );
    expect(await count("rights")).toBe(rights);
  });

  it("refuses rows whose ST.13 numbers (made from the numbers' digits) meet each other or the register's", async () => {
    const csv = file(
      "st13.csv",
      [header, rowOf(40), rowOf(40).replace("LEG-40", "OLD-40"), rowOf(1).replace("LEG-1", "X-1")].join("\n"),
    );
    const run = await cli("rights", csv, "--mapping", mapping);
    expect(run.code).toBe(1);
    expect(run.err).toContain("row 3, st13: ST.13 OM502020000000040 is also that of row 2");
    expect(run.err).toContain("row 4, st13: ST.13 OM502020000000001 is already in the register");
  });

  it("refuses registration numbers held twice in the file or already in the register (migration 0021)", async () => {
    const csv = file(
      "registrations.csv",
      [header, rowOf(60), rowOf(61).replace("R-61", "R-60"), rowOf(62).replace("R-62", "R-1")].join("\n"),
    );
    const rights = await count("rights");
    const run = await cli("rights", csv, "--mapping", mapping);
    expect(run.code).toBe(1);
    expect(run.err).toContain("row 3, registrationNumber: registration number R-60 is also that of row 2");
    expect(run.err).toContain("row 4, registrationNumber: registration number R-1 is already held by a trademark");
    expect(await count("rights")).toBe(rights);
  });

  it("moves the office's series past the numbers brought in that its own patterns write", async () => {
    // The office's forms: applications TM/{yyyy}/{serial:6}, registrations {serial:6} (a continuous series).
    const csv = file(
      "own-forms.csv",
      [
        header,
        rowOf(70).replace("LEG-70", "TM/2026/000500").replace("R-70", "004000"),
        rowOf(71).replace("LEG-71", "TM/2026/000480").replace("R-71", "R-71"),
      ].join("\n"),
    );
    const run = await cli("rights", csv, "--mapping", mapping);
    expect(run.code, run.err).toBe(0);
    const filed = await t.json("POST", "/api/v1/applications", trademarkFiling, await t.as("clerk"));
    expect(((await filed.json()) as { applicationNumber: string }).applicationNumber).toBe("TM/2026/000501");
    const registration = await database.db
      .selectFrom("number_sequences")
      .select("last_serial")
      .where("office_code", "=", "OM")
      .where("series", "=", "registration:trademark")
      .executeTakeFirstOrThrow();
    expect(registration.last_serial).toBe(4000);
  });

  it("refuses a mapping that does not hold, naming each problem", async () => {
    const bad = file(
      "bad-mapping.yaml",
      "source: Legacy\nkind: trademark\ncolumns:\n  filingDate: Filed\n  colour: C\n",
    );
    const run = await cli("rights", file("x.csv", header), "--mapping", bad);
    expect(run.code).toBe(1);
    expect(run.err).toContain("the mapping is refused");
    expect(run.err).toMatch(/row 0, source: /);
    expect(run.err).toMatch(/row 0, columns\.colour: /);
    expect((await cli("rights", "x.csv")).code).toBe(2);
    expect((await cli("rights", "x.xml", "--mapping", mapping)).code).toBe(2);
  });

  it("imports an XLSX sheet and refuses one holding a formula", async () => {
    const sheetFile = async (name: string, formula: boolean) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Register");
      ws.addRow(header.split(","));
      ws.addRow(["LEG-30", "05/01/2020", "XL MARK", "Pending", "XL LLC", "OM", "25: clothing", "", ""]);
      if (formula)
        ws.addRow([
          "LEG-31",
          "05/01/2020",
          { formula: 'HYPERLINK("http://x.example")' },
          "Pending",
          "Y LLC",
          "OM",
          "25: hats",
          "",
          "",
        ]);
      return file(name, Buffer.from(await wb.xlsx.writeBuffer()));
    };
    const hostile = await cli("rights", await sheetFile("formula.xlsx", true), "--mapping", mapping);
    expect(hostile.code).toBe(1);
    expect(hostile.err).toContain("row 3, column 3: a formula: refused, not evaluated");
    const good = await cli("rights", await sheetFile("good.xlsx", false), "--mapping", mapping);
    expect(good.out).toContain("imported 1 right(s)");
    expect(await t.staff((r) => r.get("LEG-30", { audience: "staff" }))).toMatchObject({ status: "filed" });
  });

  it("streams an XLSX sheet row by row into checkpointed chunks, and refuses a file that is no workbook, writing nothing", async () => {
    // written with exceljs's streaming writer, shared strings after the sheet (the reader spools such a sheet)
    const path = join(dir, "streamed.xlsx");
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = writer.addWorksheet("Register");
    ws.addRow(header.split(",")).commit();
    for (let i = 1; i <= 1_100; i++) {
      const n = `XS-${String(i).padStart(4, "0")}`;
      ws.addRow([n, "05/01/2016", `MARK ${n}`, "Pending", "XS LLC", "OM", "30: tea", "", ""]).commit();
    }
    ws.commit();
    await writer.commit();
    const xs = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*)::int as n from rights where application_number like 'XS-%'`.execute(
            database.db,
          )
        ).rows[0]?.n,
      );
    const run = await cli("rights", path, "--mapping", mapping, "--chunk-rows", "500");
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain("1100 right(s) checked");
    expect(run.out).toContain("chunk 1 (rows 2-501, 500 right(s)): landed");
    expect(run.out).toContain("chunk 3 (rows 1002-1101, 100 right(s)): landed");
    expect(await xs()).toBe(1_100);
    expect(await t.staff((r) => r.get("XS-0007", { audience: "staff" }))).toMatchObject({ filingDate: "2016-01-05" });
    // the same file again: a job done, nothing written
    expect((await cli("rights", path, "--mapping", mapping)).out).toContain("imported 0 right(s)");
    const rights = await count("rights");
    const broken = await cli(
      "rights",
      file("broken.xlsx", Buffer.from("PK\u0003\u0004 not a zip at all")),
      "--mapping",
      mapping,
    );
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/row 0, file: not an XLSX workbook/);
    expect(await count("rights")).toBe(rights);
  });

  it("imports ST.96 trademarks the same way, idempotent, and refuses a DOCTYPE or an oversized file", async () => {
    const right = await t.staff((r) => r.get("LEG-1", { audience: "staff" }));
    const record = {
      right: {
        ...right,
        applicationNumber: "ST96-77",
        st13: "OM502020000000077",
        ...(right.registration ? { registration: { ...right.registration, number: "R-77" } } : {}),
        goodsAndServices: right.kind === "trademark" ? right.goodsAndServices : [],
      },
    } as TrademarkSt96.TrademarkRecord;
    const xml = file("bag.xml", TrademarkSt96.write([record]));
    const first = await cli("rights", xml, "--source", "other-office");
    expect(first.out, first.err).toContain("imported 1 right(s) from other-office");
    expect((await cli("rights", xml, "--source", "other-office")).out).toContain("imported 0 right(s)");
    const doctype = file(
      "evil.xml",
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${TrademarkSt96.write([record]).replace(/^<\?xml[^>]*>/, "")}`,
    );
    const refused = await cli("rights", doctype, "--source", "other-office");
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/\nline 1, .*DoctypeForbidden/);
    const big = await prepareImport(xml, { format: "st96", source: "other-office", kind: "trademark" }, t.config, 100);
    expect(big.problems[0]?.message).toMatch(/bytes: over the limit of 100 bytes/);
  });

  it("names each refused ST.96 record by its position in the file and its line, even when every record is on one line", async () => {
    const right = await t.staff((r) => r.get("LEG-1", { audience: "staff" }));
    const filed = await t.json("POST", "/api/v1/applications", trademarkFiling, await t.as("clerk"));
    const taken = ((await filed.json()) as { applicationNumber: string }).applicationNumber;
    const record = (number: string, st13: string) =>
      ({
        right: {
          ...right,
          applicationNumber: number,
          st13,
          registration: undefined,
          status: "filed",
          goodsAndServices: right.kind === "trademark" ? right.goodsAndServices : [],
        },
      }) as TrademarkSt96.TrademarkRecord;
    // the package writes a bag on one line after the declaration: every record starts on line 2
    const bag = TrademarkSt96.write([
      record("ST96-P1", "OM502020000000971"),
      record(taken, "OM502020000000972"),
      record("ST96-P1", "OM502020000000973"),
    ]);
    expect(bag.split("\n").length).toBeLessThanOrEqual(3);
    const rights = await count("rights");
    const run = await cli("rights", file("positions.xml", bag), "--source", "positions-office");
    expect(run.code).toBe(1);
    // a problem the reader finds (the number met twice) and one the register finds (a number from elsewhere)
    expect(run.err).toContain("record 3 (line 2), com:ApplicationNumberText: ST96-P1 is also the number of record 1");
    expect(run.err).toContain(`record 2 (line 2), applicationNumber: ${taken} is already in the register`);
    expect(run.err).not.toMatch(/row 2,/);
    expect(await count("rights")).toBe(rights);
    const jsonl = await cli("rights", file("positions.xml", bag), "--source", "positions-office", "--jsonl");
    const problems = jsonl.err
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { row: number; line?: number });
    expect(problems.map((p) => [p.row, p.line])).toEqual([
      [2, 2],
      [3, 2],
    ]);
  });

  it("imports a patent from an ST.96 pat:PatentPublication with its abstract", async () => {
    const record = {
      right: {
        kind: "patent",
        officeCode: "OM",
        applicationNumber: "PUB-1",
        st13: "OM102021000000991",
        filingDate: "2021-02-03",
        status: "filed",
        statusSince: "2021-02-03T00:00:00Z",
        workflowId: "patent_default",
        version: 1,
        owners: [{ name: "Falaj Water Technologies LLC", kind: "legal", country: "OM" }],
        representatives: [],
        priorities: [],
        title: "Membrane still",
        abstract: "A still with a membrane.\n\nHeat is recovered from the brine.",
        claimsCount: 3,
        ipc: ["C02F 1/44"],
        inventors: [{ name: "Said Al Rawahi", country: "OM" }],
      },
    } as unknown as PatentSt96.PatentRecord;
    const xml = file(
      "publication.xml",
      PatentSt96.writePublication(record, {
        languageCode: "en",
        claimsUri: "https://other-office.example/PUB-1/claims.pdf",
        claimsFormat: "PDF",
      }),
    );
    // ST.96 bibliographic data has no status: the office translates the supplied one (decision 0805)
    const out: Array<string> = [];
    const code = await runImportCli(["rights", xml, "--source", "publication-office", "--kind", "patent"], {
      db: database.db,
      config: { ...t.config, imports: { statuses: { patent: { imported: "filed" } } } },
      niceList: "12",
      io: { stdout: { write: (x: string) => out.push(x) }, stderr: { write: (x: string) => out.push(x) } },
      clock: t.time.clock,
    });
    expect(code, out.join("")).toBe(0);
    expect(out.join("")).toContain("imported 1 right(s) from publication-office");
    const right = await t.staff((r) => r.get("PUB-1", { audience: "staff" }));
    expect(right).toMatchObject({ kind: "patent", title: "Membrane still" });
    expect(right.kind === "patent" && right.abstract).toBe(
      "A still with a membrane.\n\nHeat is recovered from the brine.",
    );
  });

  it("translates ST.96 statuses outside the workflow through the standard categories and the office's table, and reports it", async () => {
    const right = await t.staff((r) => r.get("LEG-1", { audience: "staff" }));
    const record = (n: number, status: string) =>
      ({
        right: {
          ...right,
          applicationNumber: `ST96-S${n}`,
          st13: `OM5020200000009${String(n).padStart(2, "0")}`,
          ...(right.registration ? { registration: { ...right.registration, number: `R-S${n}` } } : {}),
          status,
          goodsAndServices: right.kind === "trademark" ? right.goodsAndServices : [],
        },
      }) as TrademarkSt96.TrademarkRecord;
    // ST.96 mark current status categories (Trademark_V6_0.xsd MarkCurrentStatusCategoryType) and another office's code
    const xml = file(
      "statuses.xml",
      TrademarkSt96.write([record(1, "Registration published"), record(2, "Application published"), record(3, "LIVE")]),
    );
    // "LIVE" is no category: refused, naming the status and where to translate it; nothing written
    const refused = await cli("rights", xml, "--source", "status-office");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('status: "LIVE" is not a state of workflow trademark_default');
    expect(refused.err).toContain("imports.statuses.trademark");
    expect(refused.err).not.toContain("Registration published");
    // the office's table translates it; the categories go to the first state carrying them
    const config = { ...t.config, imports: { statuses: { trademark: { LIVE: "registered" } } } };
    const out: Array<string> = [];
    const code = await runImportCli(["rights", xml, "--source", "status-office"], {
      db: database.db,
      config,
      niceList: "12",
      io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) } },
      clock: t.time.clock,
    });
    expect(code, out.join("")).toBe(0);
    expect(out.join("")).toContain(
      'status "Registration published" of trademark translated to registered (standard category): 1 right(s)',
    );
    expect(out.join("")).toContain(
      'status "Application published" of trademark translated to opposition_period (standard category)',
    );
    expect(out.join("")).toContain('status "LIVE" of trademark translated to registered (configuration): 1 right(s)');
    const statuses = await Promise.all(
      [1, 2, 3].map(async (n) => (await t.staff((r) => r.get(`ST96-S${n}`, { audience: "staff" }))).status),
    );
    expect(statuses).toEqual(["registered", "opposition_period", "registered"]);
  });

  it("refuses a status translation naming no state of the workflow when the configuration is loaded, naming the path", async () => {
    const { defaultConfigFile, parseOfficeConfig } = await import("../src/config/OfficeConfig.js");
    const { readFileSync } = await import("node:fs");
    const base = readFileSync(defaultConfigFile, "utf8");
    const bad = parseOfficeConfig(
      `${base}\nimports:\n  statuses:\n    patent: { GRANTED: granted }\n`,
      defaultConfigFile,
    );
    expect(Result.isFailure(bad) && bad.failure.issues).toContainEqual({
      path: "imports.statuses.patent.GRANTED",
      message: expect.stringContaining('"granted" is not a state of the patent workflow (patent_default)'),
    });
    const good = parseOfficeConfig(
      `${base}\nimports:\n  statuses:\n    patent: { GRANTED: in_force }\n`,
      defaultConfigFile,
    );
    expect(Result.isSuccess(good)).toBe(true);
  });

  it("offers the import on the administrator's page: a dry run, the import, a refused file row by row (en, ar)", async () => {
    const admin = await t.session("office_admin");
    const clerk = await t.session("clerk");
    for (const lang of ["en", "ar"]) {
      const res = await t.raw.request(`/admin/import?lang=${lang}`, { headers: { cookie: admin.cookie } });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('enctype="multipart/form-data"');
      expect(body).toContain(`_csrf=${encodeURIComponent(admin.csrf)}`);
    }
    expect((await t.raw.request("/admin/import", { headers: { cookie: clerk.cookie } })).status).toBe(403);
    const post = (mode: string, csv: string, name = "register.csv") => {
      const form = new FormData();
      form.append("data", new Blob([csv], { type: "text/csv" }), name);
      form.append("mapping", new Blob([mappingYaml], { type: "application/yaml" }), "legacy.yaml");
      return t.raw.request(`/admin/import?mode=${mode}&_csrf=${encodeURIComponent(admin.csrf)}&lang=en`, {
        method: "POST",
        headers: { cookie: admin.cookie },
        body: form,
      });
    };
    const csv = [header, rowOf(50), rowOf(51)].join("\n");
    const rights = await count("rights");
    const dry = await post("dry-run", csv);
    expect(dry.status).toBe(200);
    expect(await dry.text()).toContain("Dry run, nothing written: 2 rights would be imported from legacy-register");
    expect(await count("rights")).toBe(rights);
    const real = await post("import", csv);
    expect(await real.text()).toContain("Imported 2 rights from legacy-register; 0 already imported before");
    expect(await count("rights")).toBe(rights + 2);
    const history = await t.staff((r) => r.history("LEG-50", { audience: "staff" }));
    expect(history[0]?.actor.id).toBe(admin.accountId);
    const bad = await post("import", [header, rowOf(52), rowOf(53, "+SUM(A1)")].join("\n"));
    expect(bad.status).toBe(422);
    const text = await bad.text();
    expect(text).toContain("register.csv refused, nothing written: 1 problem.");
    expect(text).toMatch(/<td class="ipo-num">3<\/td><td dir="ltr"><bdi>markText \(Mark\)<\/bdi>/);
    expect(await count("rights")).toBe(rights + 2);
    // without the CSRF token, refused before anything is read
    const form = new FormData();
    form.append("data", new Blob([csv]), "register.csv");
    const forged = await t.raw.request("/admin/import?mode=import", {
      method: "POST",
      headers: { cookie: admin.cookie },
      body: form,
    });
    expect(forged.status).toBe(403);
  });

  it("runs the administrator's import in checkpointed chunks with its progress, and resumes a stopped one when the same file is uploaded again", async () => {
    const admin = await t.session("office_admin");
    const post = (csv: string) => {
      const form = new FormData();
      form.append("data", new Blob([csv], { type: "text/csv" }), "big.csv");
      form.append("mapping", new Blob([mappingYaml], { type: "application/yaml" }), "legacy.yaml");
      return t.raw.request(`/admin/import?mode=import&_csrf=${encodeURIComponent(admin.csrf)}&lang=en`, {
        method: "POST",
        headers: { cookie: admin.cookie },
        body: form,
      });
    };
    const numbers = Array.from({ length: 620 }, (_, i) => `PG-${String(i + 1).padStart(4, "0")}`);
    const csv = [header, ...numbers.map((n) => `${n},05/01/2017,MARK ${n},Pending,Owner LLC,OM,30: coffee,,`)].join(
      "\n",
    );
    const pgRights = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*)::int as n from rights where application_number like 'PG-%'`.execute(
            database.db,
          )
        ).rows[0]?.n,
      );
    // the database fails while the second chunk (rows 502-621) is written
    await sql`create function ipo_test_fail_page_chunk() returns trigger language plpgsql as $$
      begin raise exception 'injected failure writing chunk %', new.chunk; end $$`.execute(database.db);
    await sql`create trigger ipo_test_fail_page_chunk before insert on import_job_chunks for each row
      when (new.chunk = 2) execute function ipo_test_fail_page_chunk()`.execute(database.db);
    try {
      const cut = await post(csv);
      expect(cut.status).toBe(503);
      const text = await cut.text();
      expect(text).toContain("Stopped: chunk 2: the database failed (injected failure writing chunk 2");
      expect(text).toContain("Chunks written: 1 of 2; rows in all: 620; rights written by this upload: 500.");
      expect(await pgRights()).toBe(500);
    } finally {
      await sql`drop trigger ipo_test_fail_page_chunk on import_job_chunks`.execute(database.db);
      await sql`drop function ipo_test_fail_page_chunk()`.execute(database.db);
    }
    const resumed = await post(csv);
    expect(resumed.status).toBe(200);
    const text = await resumed.text();
    expect(text).toContain("Imported 120 rights from legacy-register; 500 already imported before");
    expect(text).toContain("Chunks written: 2 of 2; rows in all: 620; rights written by this upload: 120.");
    expect(await pgRights()).toBe(620);
    // the job is done: once more writes nothing
    const again = await (await post(csv)).text();
    expect(again).toContain("Imported 0 rights");
    expect(await pgRights()).toBe(620);
  });

  it("imports industrial designs, patents and utility models from tables with their fields, all or none, idempotent", async () => {
    const designs = file(
      "designs.yaml",
      `source: legacy-designs
kind: industrial_design
locarnoEdition: "14-2023"
columns: { number: No, filingDate: Filed, product: Products, locarnoClass: Locarno, views: Views, designers: Designers,
           owner: Owner, ownerCountry: Country, registrationNumber: Reg No, registrationDate: Registered }
`,
    );
    const designHeader = "No,Filed,Products,Locarno,Views,Designers,Owner,Country,Reg No,Registered";
    const designCsv = file(
      "designs.csv",
      [
        designHeader,
        'LD-1,2020-01-05,Chair | Stool,06-01 | 06-01,4 | 2,"Lina Saleh (JO)",Salt Co,OM,DR-1,2020-06-01',
        "LD-2,2021-03-17,Lamp,26-05,,,Noor LLC,AE,,",
      ].join("\n"),
    );
    const rights = await count("rights");
    const dry = await cli("rights", designCsv, "--mapping", designs, "--dry-run");
    expect(dry.out).toContain("would import 2 right(s) from legacy-designs");
    expect(await count("rights")).toBe(rights);
    expect((await cli("rights", designCsv, "--mapping", designs)).out).toContain("imported 2 right(s)");
    const d1 = await t.staff((r) => r.get("LD-1", { audience: "staff" }));
    expect(d1).toMatchObject({
      kind: "industrial_design",
      status: "registered",
      designs: [
        { product: "Chair", views: 4 },
        { product: "Stool", views: 2 },
      ],
      designers: [{ name: "Lina Saleh", country: "JO" }],
    });
    expect((await cli("rights", designCsv, "--mapping", designs)).out).toContain(
      "imported 0 right(s) from legacy-designs; 2 already imported before",
    );

    for (const kind of ["patent", "utility_model"] as const) {
      const mappingFile = file(
        `${kind}.yaml`,
        `source: legacy-${kind.replace("_", "-")}
kind: ${kind}
columns: { number: No, filingDate: Filed, title: Title, claimsCount: Claims, ipc: IPC, inventors: Inventors,
           owner: Applicant, ownerCountry: Country, priorities: Priority, pctApplicationNumber: PCT No,
           pctFilingDate: PCT Filed }
`,
      );
      const head = "No,Filed,Title,Claims,IPC,Inventors,Applicant,Country,Priority,PCT No,PCT Filed";
      const prefix = kind === "patent" ? "LP" : "LU";
      const good = `${prefix}-1,2020-01-05,Solar still,12,C02F 1/14,"Sara Nasser (OM); Ali Said",Desal LLC,OM,US 62/1 2019-01-07,PCT/OM2020/000017,2020-01-05`;
      // one bad row (an IPC symbol the model refuses) refuses the file: nothing written
      const bad = `${prefix}-2,2021-03-17,Pump,2,Z99,,Pump Co,AE,,,`;
      const before = await count("rights");
      const refused = await cli(
        "rights",
        file(`${kind}-bad.csv`, [head, good, bad].join("\n")),
        "--mapping",
        mappingFile,
      );
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/row 3, ipc \(IPC\)/);
      expect(await count("rights")).toBe(before);
      const ok = await cli("rights", file(`${kind}.csv`, [head, good].join("\n")), "--mapping", mappingFile);
      expect(ok.code, ok.err).toBe(0);
      expect(await count("rights")).toBe(before + 1);
      const right = await t.staff((r) => r.get(`${prefix}-1`, { audience: "staff" }));
      expect(right).toMatchObject({
        kind,
        status: "filed",
        claimsCount: 12,
        ipc: ["C02F 1/14"],
        inventors: [{ name: "Sara Nasser", country: "OM" }, { name: "Ali Said" }],
        priorities: [{ country: "US", number: "62/1", date: "2019-01-07" }],
        pct: { applicationNumber: "PCT/OM2020/000017", filingDate: "2020-01-05" },
      });
    }
  });

  it("resumes an import cut short by a database failure mid-way: whole chunks landed, the rest written on the next run, nothing twice", async () => {
    const numbers = Array.from({ length: 230 }, (_, i) => `CR-${String(i + 1).padStart(4, "0")}`);
    const csv = file(
      "crash.csv",
      [header, ...numbers.map((n) => `${n},05/01/2018,MARK ${n},Pending,Owner LLC,OM,30: coffee,,`)].join("\n"),
    );
    const countOf = async (query: string) =>
      Number((await sql<{ n: number }>`${sql.raw(query)}`.execute(database.db)).rows[0]?.n);
    const crRights = () => countOf("select count(*)::int as n from rights where application_number like 'CR-%'");
    const crEvents = () =>
      countOf("select count(*)::int as n from right_events where application_number like 'CR-%' and action = 'import'");
    const crAudit = () => countOf("select count(*)::int as n from audit_log where target like 'CR-%'");
    // A real failure of the database while chunk 3 is written: its rights are inserted in its transaction, then the
    // checkpoint's insert fails, so the whole chunk rolls back (the check pass, a dry run, writes no checkpoint).
    await sql`create function ipo_test_fail_chunk() returns trigger language plpgsql as $$
      begin raise exception 'injected failure writing chunk %', new.chunk; end $$`.execute(database.db);
    await sql`create trigger ipo_test_fail_chunk before insert on import_job_chunks for each row
      when (new.chunk = 3) execute function ipo_test_fail_chunk()`.execute(database.db);
    const cut = await cli("rights", csv, "--mapping", mapping, "--chunk-rows", "50");
    if (!cut.out.includes("checked")) throw new Error(cut.err);
    expect(cut.code).toBe(1);
    expect(cut.out).toContain("230 right(s) checked");
    expect(cut.out).toContain("chunk 1 (rows 2-51, 50 right(s)): landed, 50 new, 0 already imported");
    expect(cut.out).toContain("chunk 2 (rows 52-101, 50 right(s)): landed");
    expect(cut.out).toContain("chunk 3 (rows 102-151, 50 right(s)): failed");
    expect(cut.out).toContain("chunk 5 (rows 202-231, 30 right(s)): not written");
    expect(cut.err).toContain("injected failure writing chunk 3");
    expect(cut.err).toContain("2 of 5 chunk(s) landed (100 right(s) written in this run)");
    // nothing partial: chunks 1 and 2 whole, nothing of chunk 3 although its rights had been inserted
    expect(await crRights()).toBe(100);
    expect(await crEvents()).toBe(100);
    expect(await crAudit()).toBe(100);
    const job = await database.db
      .selectFrom("import_jobs")
      .selectAll()
      .where("file_name", "like", "%crash.csv")
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: "failed", rows_total: 230, rows_done: 100, chunks_done: 2, chunk_rows: 50 });
    expect(job.message).toContain("injected failure");
    const chunks = await database.db
      .selectFrom("import_job_chunks")
      .select(["chunk", "first_row", "last_row", "imported"])
      .where("job_id", "=", job.id)
      .orderBy("chunk")
      .execute();
    expect(chunks).toEqual([
      { chunk: 1, first_row: 2, last_row: 51, imported: 50 },
      { chunk: 2, first_row: 52, last_row: 101, imported: 50 },
    ]);
    expect(await countOf(`select count(*)::int as n from import_job_numbers where job_id = '${job.id}'`)).toBe(100);

    // the database is well again: the same command continues after the last chunk that landed
    await sql`drop trigger ipo_test_fail_chunk on import_job_chunks`.execute(database.db);
    await sql`drop function ipo_test_fail_chunk()`.execute(database.db);
    const resumed = await cli("rights", csv, "--mapping", mapping, "--chunk-rows", "50");
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.out).toContain("a job of this file began before: resumed");
    expect(resumed.out).toContain("chunk 1 (rows 2-51, 50 right(s)): landed before");
    expect(resumed.out).toContain("chunk 3 (rows 102-151, 50 right(s)): landed, 50 new, 0 already imported");
    expect(resumed.out).toContain("imported 130 right(s) from legacy-register; 100 already imported before");
    // every right once, with one import event and one audit row each
    expect(await crRights()).toBe(230);
    expect(await crEvents()).toBe(230);
    expect(await crAudit()).toBe(230);
    expect(await countOf("select count(*)::int as n from imported_rights where source_number like 'CR-%'")).toBe(230);
    const after = await database.db
      .selectFrom("import_jobs")
      .selectAll()
      .where("id", "=", job.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ state: "done", rows_done: 230, chunks_done: 5, message: null });
    // a third run of a finished job writes nothing
    const third = await cli("rights", csv, "--mapping", mapping);
    expect(third.out).toContain("imported 0 right(s) from legacy-register; 230 already imported before");
    expect(await crRights()).toBe(230);
  });

  it("writes all rows or none, whatever the rows (property)", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            mark: fc.stringMatching(/^[=+@-]?[A-Z][A-Z ]{0,10}[A-Z]$/),
            day: fc.integer({ min: 1, max: 31 }),
            klass: fc.integer({ min: 0, max: 46 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        async (rows) => {
          run += 1;
          const csv = file(
            `p-${run}.csv`,
            [
              header,
              ...rows.map(
                (r, i) =>
                  `P-${run * 10 + i},${String(r.day).padStart(2, "0")}/02/2021,${r.mark},Pending,P LLC,OM,${r.klass}: goods,,`,
              ),
            ].join("\n"),
          );
          const before = await count("rights");
          const result = await cli("rights", csv, "--mapping", mapping);
          const after = await count("rights");
          const valid = rows.every((r) => !/^[=+@-]/.test(r.mark) && r.day <= 28 && r.klass >= 1 && r.klass <= 45);
          if (valid) {
            expect(result.code, result.err).toBe(0);
            expect(after).toBe(before + rows.length);
          } else {
            expect(result.code).toBe(1);
            expect(after).toBe(before);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
