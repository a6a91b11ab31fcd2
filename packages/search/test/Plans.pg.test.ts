/**
 * No sequential scan on a hot path: each kind of query of the portal runs on a generated register of 50,000 rights
 * (ANALYZEd, planner settings untouched), and the plan of every statement the engine sends for it must read
 * `search_document` and `search_mark` through their indexes.
 *
 * The register: 5,000 generated rights indexed through the engine, then copied nine times under new record ids in
 * SQL (the same rows the engine wrote, so the statistics the planner sees are those of a real register, only with
 * each text ten times), which keeps the test to seconds where indexing 50,000 rights would take minutes.
 *
 * The marks are real EU trade marks' verbal elements (reference data). Plans depend on the data: a register made of a
 * few generated syllables, where one trigram matches a large share of the marks, rightly reads the table; so without
 * the real marks the test is skipped, naming the file (never in CI, where the data is beside the clone).
 */
import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Criterion } from "../src/internal/criteria.js";
import { type RunOptions, run } from "../src/internal/run.js";
import { indexDocuments } from "../src/internal/write.js";
import { Statistics } from "../src/index.js";
import { needs } from "../../../test-support/reference-data.js";
import { type OpenTestDatabase, testDatabases } from "./support/databases.js";
import { generate } from "./support/register.js";

const register = generate({ trademarks: 4_000, patents: 1_000, seed: 7 });
const copies = 9;
const sample = register.documents[123];
const mark = sample?.markTexts[0] ?? "NOOR";
const owner = sample?.owners[0] ?? "Acme";

const options: RunOptions = {
  officeCode: "OM",
  sort: "-filingDate",
  pageSize: 20,
  facets: ["kind", "standardStatus", "niceClass", "filingYear", "owner", "designatedState"],
  countLimit: 10_000,
  candidateLimit: 2_000,
  minScore: 0.5,
  facetSize: 20,
};

const hotPaths: ReadonlyArray<readonly [string, Criterion, Partial<RunOptions>]> = [
  ["exact mark", { _tag: "Mark", text: mark, mode: "exact" }, {}],
  ["mark prefix (contains)", { _tag: "Mark", text: mark.slice(0, 4), mode: "contains" }, {}],
  ["similar mark", { _tag: "Mark", text: mark, mode: "similar" }, { sort: "relevance" }],
  ["cross-script similar", { _tag: "Mark", text: "نور", mode: "similar" }, { sort: "relevance" }],
  ["owner", { _tag: "Name", text: owner, role: "owner", mode: "contains" }, {}],
  ["owner, normalised", { _tag: "Name", text: owner, role: "owner", mode: "exact" }, {}],
  [
    "class with status",
    {
      _tag: "And",
      items: [
        { _tag: "NiceClass", classes: [25], statuses: ["refused"] },
        { _tag: "Dates", field: "filing", from: "2020-01-01", to: "2020-12-31" },
      ],
    },
    {},
  ],
  ["application number", { _tag: "Number", kind: "application", text: sample?.numbers.application ?? "TM/2000/1" }, {}],
  ["IPC subclass", { _tag: "Ipc", symbols: ["A61K"] }, {}],
  ["free text", { _tag: "Text", text: "coffee" }, {}],
  ["goods term", { _tag: "Term", text: "footwear" }, {}],
  ["first page of the register", { _tag: "All" }, { facets: [] }],
];

const realMarks = needs("records/euipo-figurative-marks-20k.json");

describe.skipIf(realMarks.skip).each(testDatabases)(realMarks.title("plans on $name"), (database) => {
  let open: OpenTestDatabase;
  const statements: CompiledQuery[] = [];
  let recording = false;
  beforeAll(async () => {
    open = await database.open({ onQuery: (q) => recording && statements.push(q) });
    await indexDocuments(open.db, register.documents);
    for (let n = 1; n <= copies; n++) {
      await sql`insert into search_document
        select (jsonb_populate_record(d, jsonb_build_object('record_id', d.record_id || '~' || ${n}::int))).*
        from search_document d where d.record_id not like '%~%'`.execute(open.db);
      await sql`insert into search_mark
        select (jsonb_populate_record(m, jsonb_build_object('record_id', m.record_id || '~' || ${n}::int))).*
        from search_mark m where m.record_id not like '%~%'`.execute(open.db);
    }
    await Statistics.refresh(open.db, "OM");
    await sql`analyze`.execute(open.db);
  }, 600_000);
  afterAll(async () => open?.close());

  const seqScans = (plan: unknown): string[] => {
    const found: string[] = [];
    const walk = (node: unknown) => {
      if (node === null || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      const relation = n["Relation Name"];
      if (n["Node Type"] === "Seq Scan" && (relation === "search_document" || relation === "search_mark"))
        found.push(String(relation));
      for (const value of Object.values(n)) {
        if (Array.isArray(value)) value.forEach(walk);
        else if (typeof value === "object") walk(value);
      }
    };
    walk(typeof plan === "string" ? JSON.parse(plan) : plan);
    return found;
  };

  it.each(hotPaths)("%s reads through indexes", async (_, criterion, extra) => {
    statements.length = 0;
    recording = true;
    const result = await run(open.db, criterion, { ...options, ...extra });
    recording = false;
    expect(result.total.value).toBeGreaterThanOrEqual(0);
    const selects = statements.filter((s) => /^\s*(select|with)/i.test(s.sql));
    expect(selects.length).toBeGreaterThan(0);
    for (const statement of selects) {
      const explained = await open.db.executeQuery<{ "QUERY PLAN": unknown }>(
        CompiledQuery.raw(`explain (format json) ${statement.sql}`, [...statement.parameters]),
      );
      const plan = explained.rows[0]?.["QUERY PLAN"];
      if (seqScans(plan).length > 0) {
        const text = await open.db.executeQuery<{ "QUERY PLAN": string }>(
          CompiledQuery.raw(`explain ${statement.sql}`, [...statement.parameters]),
        );
        expect.fail(`${statement.sql}\n${text.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
      }
    }
  });

  it("statistics read a few indexed rows", async () => {
    const stats = await Statistics.read(open.db, "OM");
    expect(stats.topApplicants).toHaveLength(10);
    expect(stats.byKind.reduce((n, k) => n + k.count, 0)).toBe(register.documents.length * (copies + 1));
  });
});
