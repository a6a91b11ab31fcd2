import { Result, Schema, SchemaIssue } from "effect";
import { describe, expect, it } from "vitest";
import { Event, GoodsAndServices, Inid, IpRight, type Workflow } from "@ipoffice/domain";

const tinyWorkflow: Workflow.Definition = {
  id: "tm_tiny",
  kind: "trademark",
  labels: { en: "Tiny" },
  initial: "filed",
  roles: ["examiner"],
  states: [
    {
      id: "filed",
      labels: { en: "Filed" },
      standard: { standard: "ST.96", code: "Application Filed" },
      timeLimits: [{ from: "filingDate", months: 2, action: "examine" }],
    },
    { id: "done", labels: { en: "Done" }, final: true },
  ],
  actions: [{ id: "examine", labels: { en: "Examine" }, from: ["filed"], to: "done", roles: ["examiner"] }],
};

const decodeAll = Schema.decodeUnknownResult(IpRight.FilingRequest, { errors: "all" });
const paths = (input: unknown) => {
  const r = decodeAll(input);
  if (Result.isSuccess(r)) return [];
  return SchemaIssue.makeFormatterStandardSchemaV1()(r.failure.issue).issues.map((i) =>
    (i.path ?? []).map((p) => (typeof p === "object" ? p.key : p)).join("."),
  );
};

const trademarkRequest = {
  kind: "trademark",
  mark: { text: "SAHARA BREEZE", type: "word" },
  owners: [{ name: "Breeze Trading LLC", country: "JO" }],
  goodsAndServices: [
    { classNumber: 35, terms: ["Advertising"] },
    { classNumber: 25, terms: ["Clothing", { text: "Footwear", basicNumber: "250032" }] },
  ],
};

describe("FilingRequest", () => {
  it("decodes a trademark request", () => {
    expect(Result.isSuccess(decodeAll(trademarkRequest))).toBe(true);
  });

  it("reports every bad field with its path", () => {
    const bad = {
      kind: "trademark",
      mark: { type: "word" },
      owners: [{ name: "", country: "jo" }],
      goodsAndServices: [
        { classNumber: 46, terms: [] },
        { classNumber: 25, terms: ["Clothing"] },
        { classNumber: 25, terms: ["Hats"] },
      ],
      priorities: [{ country: "BG", number: "123", date: "2026-02-30x" }],
    };
    expect(paths(bad).sort()).toEqual(
      [
        "mark.text",
        "owners.0.name",
        "owners.0.country",
        "goodsAndServices.0.classNumber",
        "goodsAndServices.0.terms",
        "priorities.0.date",
      ].sort(),
    );
  });

  it("reports rule violations once the fields are well formed", () => {
    expect(paths({ ...trademarkRequest, mark: { type: "word", text: " " } })).toEqual(["mark.text"]);
    expect(
      paths({
        ...trademarkRequest,
        goodsAndServices: [...trademarkRequest.goodsAndServices, { classNumber: 25, terms: ["Hats"] }],
      }),
    ).toEqual(["goodsAndServices.2.classNumber"]);
    expect(
      paths({
        ...trademarkRequest,
        owners: [
          { name: "A", country: "JO", share: 60 },
          { name: "B", country: "OM", share: 30 },
        ],
      }),
    ).toEqual(["owners"]);
  });

  it("rejects an unknown kind and a patent without inventors", () => {
    expect(paths({ kind: "copyright" }).length).toBeGreaterThan(0);
    expect(
      paths({
        kind: "patent",
        title: "Solar still",
        claimsCount: 3,
        applicants: [{ name: "A", country: "OM" }],
        inventors: [],
      }),
    ).toEqual(["inventors"]);
  });
});

describe("file", () => {
  const ctx = {
    officeCode: "JO",
    applicationNumber: "TM/2026/000123",
    st13: "JO502026000123",
    filingDate: "2026-11-24" as IpRight.Right["filingDate"],
    at: "2026-11-24T09:30:00Z",
    actor: { id: "u1", role: "applicant" },
    workflow: tinyWorkflow,
    niceEdition: "13-2026",
  };

  it("builds a pending right in the initial state with its filing event", () => {
    const request = Schema.decodeUnknownSync(IpRight.FilingRequest)(trademarkRequest);
    const { right, event } = IpRight.file(request, ctx);
    expect(right.kind).toBe("trademark");
    if (right.kind !== "trademark") return;
    expect(right.status).toBe("filed");
    expect(right.version).toBe(1);
    expect(right.standardStatus).toEqual({ standard: "ST.96", code: "Application Filed" });
    expect(right.timeLimit).toEqual({ action: "examine", due: "2027-01-24", from: "filingDate" });
    expect(right.mark.category).toBe("individual");
    expect(right.owners[0]).toEqual({ name: "Breeze Trading LLC", kind: "legal", country: "JO" });
    expect(right.goodsAndServices.map((c) => [c.classNumber, c.status, c.edition])).toEqual([
      [25, "pending", "13-2026"],
      [35, "pending", "13-2026"],
    ]);
    expect(right.goodsAndServices[0]?.terms[1]).toEqual({ text: "Footwear", basicNumber: "250032", status: "pending" });
    expect(GoodsAndServices.overallStatus(right.goodsAndServices)).toBe("pending");
    expect(event).toMatchObject({
      action: "file",
      fromStatus: null,
      toStatus: "filed",
      // The event is the ST.96 mark event category ("Application filed"), the status the current status category.
      standardCode: "Application filed",
    });
    expect(event.changes.map((c) => c.field)).toContain("goodsAndServices.25");
    // The right and the event survive a JSON round trip and decode with their schemas.
    expect(Schema.decodeUnknownSync(IpRight.Right)(JSON.parse(JSON.stringify(right)))).toEqual(right);
    expect(Schema.decodeUnknownSync(Event.RightEvent)(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it("files a multiple design application, numbering the designs", () => {
    const request = Schema.decodeUnknownSync(IpRight.FilingRequest)({
      kind: "industrial_design",
      designs: [
        { product: "Chair", locarnoClass: "06-01", views: 4 },
        { product: "Table", locarnoClass: "06-03", views: 6 },
      ],
      applicants: [{ name: "Dana Haddad", country: "JO", kind: "natural" }],
    });
    const { right } = IpRight.file(request, { ...ctx, workflow: { ...tinyWorkflow, kind: "industrial_design" } });
    expect(right.kind === "industrial_design" && right.designs.map((d) => [d.number, d.locarnoClass])).toEqual([
      [1, "06-01"],
      [2, "06-03"],
    ]);
  });
});

describe("priorityProblems", () => {
  const date = (s: string) => s as IpRight.Priority["date"];
  it("allows 6 months for marks and 12 for patents", () => {
    const p = [{ country: "BG" as IpRight.Priority["country"], number: "1", date: date("2026-05-24") }];
    expect(IpRight.priorityProblems("trademark", date("2026-11-24"), p)).toEqual([]);
    expect(IpRight.priorityProblems("trademark", date("2026-11-25"), p)).toHaveLength(1);
    expect(IpRight.priorityProblems("patent", date("2027-05-24"), p)).toEqual([]);
    expect(IpRight.priorityProblems("patent", date("2026-05-24"), p)[0]?.path).toEqual([0, "date"]);
  });
});

describe("INID field names", () => {
  it("name fields of the rights model", () => {
    const fieldsOf = (s: { readonly fields: Record<string, unknown> }) => new Set(Object.keys(s.fields));
    const members = [IpRight.Trademark, IpRight.Patent, IpRight.IndustrialDesign, IpRight.UtilityModel].map(fieldsOf);
    const nested: Record<string, Set<string>> = {
      registration: fieldsOf(IpRight.Registration),
      priorities: fieldsOf(IpRight.Priority),
      publication: fieldsOf(IpRight.Publication),
      mark: fieldsOf(IpRight.Mark),
      pct: fieldsOf(IpRight.Pct),
      designs: fieldsOf(IpRight.Design),
    };
    // "applicants" is the form label of the owners before registration.
    const unknown = Inid.fields.filter((f) => {
      const [head, sub] = f.split(".") as [string, string | undefined];
      if (head === "applicants") return false;
      if (!members.some((m) => m.has(head))) return true;
      return sub !== undefined && !nested[head]?.has(sub);
    });
    expect(unknown).toEqual([]);
  });
});
