import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Criterion } from "../src/internal/criteria.js";
import { type RunOptions, run } from "../src/internal/run.js";
import { indexDocuments } from "../src/internal/write.js";
import { register } from "./fixtures.js";
import { type OpenTestDatabase, testDatabases } from "./support/databases.js";

const options: RunOptions = {
  officeCode: "OM",
  sort: "-filingDate",
  pageSize: 50,
  facets: [
    "kind",
    "officeStatus",
    "standardStatus",
    "niceClass",
    "ipcSymbol",
    "designatedState",
    "owner",
    "filingYear",
  ],
  countLimit: 10_000,
  candidateLimit: 2_000,
  minScore: 0,
  facetSize: 20,
};

describe.each(testDatabases)("criteria on $name", (database) => {
  let open: OpenTestDatabase;
  beforeAll(async () => {
    open = await database.open();
    await indexDocuments(open.db, register);
  });
  afterAll(async () => open?.close());

  const ids = async (criterion: Criterion) =>
    (await run(open.db, criterion, options)).hits.map((h) => h.recordId).sort();

  it.each<[string, Criterion, string[]]>([
    ["number, padded differently", { _tag: "Number", kind: "application", text: "tm 2021-123" }, ["tm-1"]],
    ["number, as written", { _tag: "Number", kind: "application", text: "TM/2021/000123" }, ["tm-1"]],
    ["number in Arabic-Indic digits", { _tag: "Number", kind: "application", text: "TM/٢٠٢١/١٢٣" }, ["tm-1"]],
    ["number of another kind", { _tag: "Number", kind: "registration", text: "TM/2021/000123" }, []],
    ["PCT number", { _tag: "Number", kind: "pct", text: "pct/ep19/51234" }, ["pt-1"]],
    ["IR number", { _tag: "Number", kind: "internationalRegistration", text: "IR 1 234 567" }, ["tm-5"]],
    ["number no rule reads, as written", { _tag: "Number", kind: "registration", text: "r 5501" }, ["tm-1"]],
    ["IPC subclass finds its groups", { _tag: "Ipc", symbols: ["A61K"] }, ["pt-1"]],
    ["IPC section", { _tag: "Ipc", symbols: ["H"] }, ["pt-2"]],
    ["IPC main group", { _tag: "Ipc", symbols: ["a61p 3"] }, ["pt-1"]],
    ["Vienna division", { _tag: "Vienna", codes: ["26.04"] }, ["tm-1"]],
    ["Locarno class", { _tag: "Locarno", codes: ["7"] }, ["ds-1"]],
    ["Nice class", { _tag: "NiceClass", classes: [3] }, ["tm-1", "tm-2"]],
    ["Nice class with its status", { _tag: "NiceClass", classes: [35], statuses: ["registered"] }, []],
    ["Nice class refused", { _tag: "NiceClass", classes: [35], statuses: ["refused"] }, ["tm-1"]],
    ["all of two classes", { _tag: "NiceClass", classes: [29, 30], match: "all" }, ["tm-4"]],
    ["kind", { _tag: "Kind", kinds: ["patent"] }, ["pt-1", "pt-2"]],
    ["Madrid designations", { _tag: "Kind", kinds: ["trademark"], madrid: true }, ["tm-5"]],
    ["status (standard)", { _tag: "Status", statuses: ["granted"] }, ["pt-1"]],
    ["status (office)", { _tag: "Status", scheme: "office", statuses: ["designation_received"] }, ["tm-5"]],
    ["status of the other scheme", { _tag: "Status", scheme: "standard", statuses: ["designation_received"] }, []],
    ["filing dates", { _tag: "Dates", field: "filing", from: "2021-01-01", to: "2021-12-31" }, ["pt-2", "tm-1"]],
    [
      "registration dates from year 1: rights never registered stay out (their sort key is 0001-01-01)",
      { _tag: "Dates", field: "registration", from: "0001-01-01", to: "2021-12-31" },
      ["pt-1", "tm-3"],
    ],
    ["designated state", { _tag: "States", states: ["ae"] }, ["tm-5"]],
    ["term words", { _tag: "Term", text: "Coffee" }, ["tm-4"]],
    ["free text", { _tag: "Text", text: "desalination" }, ["pt-2"]],
    ["mark exact, case and script folded", { _tag: "Mark", text: "noor", mode: "exact" }, ["tm-1"]],
    ["mark contains across words", { _tag: "Mark", text: "haralwa", mode: "contains" }, ["tm-4"]],
    ["mark contains Arabic", { _tag: "Mark", text: "الواد", mode: "contains" }, ["tm-4"]],
    ["LIKE metacharacters are literal", { _tag: "Mark", text: "100%", mode: "contains" }, ["tm-5"]],
    ["underscore is no wildcard", { _tag: "Mark", text: "natur_l", mode: "contains" }, []],
    [
      "owner exact, legal form ignored",
      { _tag: "Name", text: "ACME HOLDINGS", role: "owner", mode: "exact" },
      ["pt-2", "tm-3", "tm-4"],
    ],
    ["owner contains", { _tag: "Name", text: "biogulf", role: "owner", mode: "contains" }, ["pt-1"]],
    ["inventor", { _tag: "Name", text: "Omar Said", role: "inventor", mode: "exact" }, ["pt-1", "pt-2"]],
    ["representative", { _tag: "Name", text: "gulf ip", role: "any", mode: "contains" }, ["tm-4"]],
    [
      "boolean tree",
      {
        _tag: "And",
        items: [
          { _tag: "Kind", kinds: ["trademark"] },
          { _tag: "Not", item: { _tag: "NiceClass", classes: [3] } },
          {
            _tag: "Or",
            items: [
              { _tag: "Status", statuses: ["registered"] },
              { _tag: "NiceClass", classes: [32] },
            ],
          },
        ],
      },
      ["tm-3", "tm-5"],
    ],
  ])("%s", async (_, criterion, expected) => {
    expect(await ids(criterion)).toEqual(expected);
  });

  const similar = async (text: string) =>
    (await run(open.db, { _tag: "Mark", text, mode: "similar" }, { ...options, sort: "relevance", minScore: 0.5 }))
      .hits;

  it.each([
    ["نور", ["tm-1", "tm-2", "tm-3"]],
    ["NOOR", ["tm-1", "tm-2", "tm-3"]],
    ["nur", ["tm-1", "tm-2", "tm-3"]],
    ["NOUR", ["tm-1", "tm-2", "tm-3"]],
    ["سحر الوادي", ["tm-4"]],
    ["SAHAR ALWADI", ["tm-4"]],
  ])("similar %s finds the same mark in every script", async (text, expected) => {
    const hits = await similar(text);
    expect(hits.map((h) => h.recordId).sort()).toEqual(expected);
    for (const hit of hits) {
      expect(hit.similarity?.score).toBeGreaterThanOrEqual(0.5);
      expect(hit.similarity?.evidence.length).toBeGreaterThan(0);
    }
  });

  it("ranks the identical spelling first and explains it", async () => {
    const hits = await similar("NOOR");
    expect(hits[0]?.recordId).toBe("tm-1");
    expect(hits[0]?.similarity?.evidence[0]?._tag).toBe("Identical");
    const scores = hits.map((h) => h.similarity?.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("combines a similar mark with filters", async () => {
    const result = await run(
      open.db,
      {
        _tag: "And",
        items: [
          { _tag: "Mark", text: "نور", mode: "similar" },
          { _tag: "NiceClass", classes: [3] },
        ],
      },
      { ...options, sort: "relevance" },
    );
    expect(result.hits.map((h) => h.recordId).sort()).toEqual(["tm-1", "tm-2"]);
    expect(result.facets.niceClass?.find((c) => c.value === "3")?.count).toBe(2);
  });

  it("facet counts equal the counts of the filtered search", async () => {
    const result = await run(open.db, { _tag: "Kind", kinds: ["trademark"] }, options);
    expect(result.total).toEqual({ value: 5, exact: true });
    for (const f of result.facets.niceClass ?? []) {
      const filtered = await run(
        open.db,
        {
          _tag: "And",
          items: [
            { _tag: "Kind", kinds: ["trademark"] },
            { _tag: "NiceClass", classes: [Number(f.value)] },
          ],
        },
        options,
      );
      expect(filtered.total.value, `class ${f.value}`).toBe(f.count);
    }
    expect(result.facets.owner?.[0]).toMatchObject({ value: "acme holdings", count: 2 });
    expect(result.facets.kind).toEqual([{ value: "trademark", label: "trademark", count: 5 }]);
    const statuses = result.facets.standardStatus ?? [];
    expect(statuses.reduce((n, s) => n + s.count, 0)).toBe(5);
  });

  it("keyset pagination visits every hit once, in order", async () => {
    for (const sort of [
      "-filingDate",
      "filingDate",
      "registrationDate",
      "-registrationDate",
      "applicationNumber",
      "-applicationNumber",
      "mark",
      "-mark",
      "relevance",
    ] as const) {
      const seen: string[] = [];
      let cursor: RunOptions["cursor"];
      for (let page = 0; page < 20; page++) {
        const result = await run(open.db, { _tag: "All" }, { ...options, sort, pageSize: 3, cursor, facets: [] });
        seen.push(...result.hits.map((h) => h.recordId));
        cursor = result.next;
        if (!cursor) break;
      }
      expect(seen.length, sort).toBe(register.length);
      expect(new Set(seen).size, sort).toBe(register.length);
    }
  });
});
