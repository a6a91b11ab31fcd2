import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Query } from "../src/index.js";
import { query } from "./arbitraries.js";

const read = (params: Query.SearchParamsInput) => {
  const r = Query.fromSearchParams(params);
  if (r._tag === "Failure") throw new Error(r.failure.message);
  return r.success;
};
const problem = (params: Query.SearchParamsInput) => {
  const r = Query.fromSearchParams(params);
  if (r._tag === "Success") throw new Error(`read: ${JSON.stringify(r.success)}`);
  return { field: r.failure.field, reason: r.failure.reason };
};

describe("Query.fromSearchParams", () => {
  it("reads the flat form: repeated parameters are any of, different ones AND", () => {
    expect(read("mark=NOOR&nice=25&nice=35&owner=Al+Wadi&owner=Noor+Co&filedFrom=2024-01-01&kind=trademark")).toEqual({
      where: {
        _tag: "And",
        clauses: [
          { _tag: "Text", field: "mark", value: "NOOR", mode: "similar" },
          { _tag: "Name", role: "owner", values: ["Al Wadi", "Noor Co"], mode: "contains" },
          { _tag: "Kind", kinds: ["trademark"] },
          { _tag: "Nice", classes: [25, 35] },
          { _tag: "Date", field: "filing", from: "2024-01-01" },
        ],
      },
    });
  });

  it("reads numbers in any common written form, Arabic-Indic digits included", () => {
    expect(read({ appNo: "tm ٢٠٢٤-٠٠١٢٣" }).where).toEqual({
      _tag: "Number",
      kind: "application",
      value: "TM/2024/123",
    });
    expect(read({ pct: "WO 2024/123456 A1" }).where).toEqual({ _tag: "Number", kind: "pct", value: "WO2024/123456" });
    expect(read({ irNo: "IR 1 234 567" }).where).toEqual({
      _tag: "Number",
      kind: "internationalRegistration",
      value: "1234567",
    });
  });

  it("reads IPC symbols in either spacing; a subclass finds its groups (hierarchy is the engine's prefix match)", () => {
    expect(read("ipc=A61K31/00&ipc=a61k%2031/00&ipc=A61K").where).toEqual({
      _tag: "Classification",
      scheme: "ipc",
      codes: ["A61K 31/00", "A61K"],
    });
  });

  it("adds an expert expression in where, and the per-class status of Nice classes", () => {
    expect(read({ nice: ["25", "35"], niceStatus: "refused", where: "TM=NUR OR #1" }).where).toEqual({
      _tag: "And",
      clauses: [
        { _tag: "Nice", classes: [25, 35], status: "refused" },
        {
          _tag: "Or",
          clauses: [
            { _tag: "Text", field: "mark", value: "NUR", mode: "similar" },
            { _tag: "ResultSet", number: 1 },
          ],
        },
      ],
    });
  });

  it.each([
    ["nice=46", "nice", "a Nice class is a number from 1 to 45"],
    ["filedFrom=2024-02-30", "filedFrom", "write a date as YYYY-MM-DD"],
    ["filedFrom=2024-05-01&filedTo=2024-01-01", "filedTo", "the range ends before it starts"],
    ["markMode=fuzzy", "markMode", "write exact, contains or similar"],
    ["mark=A&mark=B", "mark", "give it once"],
    ["utm_source=x", "utm_source", "not a search parameter"],
    ["limit=0", "limit", "write a whole number from 1 to 100"],
    ["cursor=abc", "cursor", "not a cursor given by this search (start again from the first page)"],
    ["appNo=---", "appNo", "write letters and digits, e.g. TM/2024/00123"],
    ["ipc=Z99", "ipc", '"Z99" is not an IPC code: the section is a letter from A to H'],
    ["state=QQ", "state", "QQ is not a WIPO ST.3 code"],
    ["niceStatus=refused", "niceStatus", "give the classes in nice"],
  ])("%s → %s: %s", (params, field, reason) => {
    expect(problem(params)).toEqual({ field, reason });
  });

  it("names where and the column of an expert error", () => {
    const r = Query.fromSearchParams({ where: "TM=X AND XY=3" });
    expect(r._tag === "Failure" && r.failure).toMatchObject({ field: "where", column: 10 });
  });

  it("limits sizes: text length, values, conditions", () => {
    expect(problem({ mark: "x".repeat(201) }).field).toBe("mark");
    expect(problem({ owner: Array.from({ length: 51 }, (_, i) => `o${i}`) }).field).toBe("owner");
    expect(
      problem({
        where: Array.from({ length: 40 }, (_, i) => `#${i + 1}`).join(" OR "),
        owner: "a",
        nice: "1",
        mark: "x",
        state: "BG",
        q: "z",
        goods: "g",
        kind: "patent",
        status: "s",
        standardStatus: "t",
        ipc: "A",
        vienna: "01",
        locarno: "01",
        appNo: "1",
        regNo: "2",
        irNo: "3",
        pct: "WO2024/1",
        priorityNo: "4",
        representative: "r",
        inventor: "i",
        designer: "d",
        name: "n",
        filedFrom: "2024-01-01",
        publishedFrom: "2024-01-01",
        registeredFrom: "2024-01-01",
        expiresFrom: "2024-01-01",
        priorityFrom: "2024-01-01",
      }).reason,
    ).toMatch(/at most 64 conditions/);
    expect(Query.fromSearchParams({ utm: "x", mark: "NOOR" }, { ignoreUnknown: true })._tag).toBe("Success");
  });

  it("never throws on any parameters", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom(...Query.parameterNames), fc.string({ maxLength: 8 })),
            fc.oneof(
              fc.string({ unit: "binary", maxLength: 40 }),
              fc.constantFrom("25", "A61K", "2024-01-01", "c1.e30", "TM=(", "similar"),
            ),
          ),
          { maxLength: 12 },
        ),
        (entries) => {
          const r = Query.fromSearchParams(new URLSearchParams(entries));
          if (r._tag === "Failure") expect(r.failure.field.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("Query.toSearchParams", () => {
  it("writes the flat form when it holds the query, the expert syntax otherwise", () => {
    expect(Query.toSearchParams(read("mark=NOOR&nice=25&sort=-filingDate")).toString()).toBe(
      "mark=NOOR&nice=25&sort=-filingDate",
    );
    expect(
      Query.toSearchParams({
        where: {
          _tag: "Or",
          clauses: [
            { _tag: "Text", field: "mark", value: "NOOR", mode: "similar" },
            { _tag: "Nice", classes: [25] },
          ],
        },
      }).get("where"),
    ).toBe('TM="NOOR" OR CL=25');
    expect(Query.toSearchParams(read("mark=NOOR&nice=25&where=NOT+ST%3Drefused")).toString()).toBe(
      "mark=NOOR&nice=25&where=NOT+ST%3D%22refused%22",
    );
  });

  it("round trip: fromSearchParams(toSearchParams(q)) is normalise(q)", () => {
    fc.assert(
      fc.property(query, (q) => {
        const back = Query.fromSearchParams(Query.toSearchParams(q));
        expect(back._tag === "Success" ? back.success : back.failure.message).toEqual(Query.normalise(q));
      }),
      { numRuns: 300 },
    );
  });

  it("round trip with a cursor of the same sort", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Query.Sort.literals),
        fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null)), { maxLength: 3 }),
        fc.string({ minLength: 1, maxLength: 30 }),
        (sort, after, id) => {
          const q: Query.Query = { ...(sort === "relevance" ? {} : { sort }), cursor: { sort, after, id } };
          const back = Query.fromSearchParams(Query.toSearchParams(q));
          expect(back._tag === "Success" ? back.success : back.failure.message).toEqual(q);
        },
      ),
    );
  });
});

describe("Query cursors", () => {
  it("are opaque and checked", () => {
    const c = Query.encodeCursor({ sort: "-filingDate", after: ["2024-01-01", 7], id: "r1" });
    expect(c.startsWith("c1.")).toBe(true);
    expect(Query.decodeCursor(c)).toMatchObject({ _tag: "Success", success: { id: "r1" } });
    expect(Query.decodeCursor(`${c}x`)._tag).toBe("Failure");
    expect(Query.decodeCursor("c1.e30")._tag).toBe("Failure"); // {} lacks the fields
    // The URL carries the cursor as it is; whether it fits the order is the engine's to say (Engine.search).
    expect(Query.fromSearchParams({ cursor: c })).toMatchObject({ _tag: "Success", success: { cursor: { id: "r1" } } });
    expect(Query.fromSearchParams({ cursor: "c1.e30" })).toMatchObject({
      _tag: "Failure",
      failure: { field: "cursor" },
    });
  });
});

describe("Query.fromJson", () => {
  it("reads back any query as JSON (through JSON text)", () => {
    fc.assert(
      fc.property(query, (q) => {
        const back = Query.fromJson(JSON.parse(JSON.stringify(q)));
        expect(back._tag === "Success" ? back.success : back.failure.message).toEqual(Query.normalise(q));
      }),
      { numRuns: 200 },
    );
  });

  it("decodes the API's body and names the failing path", () => {
    const good = Query.fromJson({ where: { _tag: "Nice", classes: [25] }, sort: "relevance", limit: 20 });
    expect(good._tag === "Success" && good.success).toEqual({ where: { _tag: "Nice", classes: [25] } });
    const bad = Query.fromJson({ where: { _tag: "Nice", classes: [99] } });
    expect(bad._tag).toBe("Failure");
    expect(bad._tag === "Failure" && bad.failure.field).toBe("where.classes[0]");
  });

  it("gives values their canonical form, as the URL does, and names the path of a bad one", () => {
    const r = Query.fromJson({
      where: {
        _tag: "And",
        clauses: [
          { _tag: "Number", kind: "application", value: "tm 2024-00123" },
          { _tag: "Classification", scheme: "ipc", codes: ["a61k31/00"] },
        ],
      },
    });
    expect(r._tag === "Success" && r.success.where).toEqual({
      _tag: "And",
      clauses: [
        { _tag: "Number", kind: "application", value: "TM/2024/123" },
        { _tag: "Classification", scheme: "ipc", codes: ["A61K 31/00"] },
      ],
    });
    const bad = Query.fromJson({
      where: {
        _tag: "Or",
        clauses: [
          { _tag: "Kind", kinds: ["patent"] },
          { _tag: "DesignatedState", states: ["QQ"] },
        ],
      },
    });
    expect(bad._tag === "Failure" && bad.failure).toMatchObject({ field: "where.clauses[1].states[0]" });
    const dates = Query.fromJson({ where: { _tag: "Date", field: "filing", from: "2024-05-01", to: "2024-02-30" } });
    expect(dates._tag === "Failure" && dates.failure.field).toBe("where.to");
  });
});

describe("Query.codeScope: a code finds everything under it", () => {
  it.each([
    ["ipc", "A61K", "A61K 31/00", true],
    ["ipc", "A61", "A61K 31/045", true],
    ["ipc", "A", "A61K 31/045", true],
    ["ipc", "A61K 31/00", "A61K 31/045", true],
    ["ipc", "A61K 3/00", "A61K 31/00", false],
    ["ipc", "A61K 31/045", "A61K 31/04", false],
    ["ipc", "A61K", "A61J 1/00", false],
    ["vienna", "03", "03.01.08", true],
    ["vienna", "03.01", "03.01.08", true],
    ["vienna", "03.01", "03.11.01", false],
    ["vienna", "03.01.08", "03.01.08", true],
    ["locarno", "07", "07-01", true],
    ["locarno", "07-01", "07-02", false],
  ] as const)("%s %s finds %s: %s", (scheme, code, stored, expected) => {
    expect(Query.codeCovers(scheme, code, stored)).toBe(expected);
  });
});
