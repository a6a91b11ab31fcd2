import { readFileSync } from "node:fs";
import { DesignSt96 } from "@ipoffice/exchange";
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { needs, referenceFile } from "../../../test-support/reference-data.js";
import { chairs } from "./fixtures/designs.js";
import { schemaFile, validateAll, withSchemaCheck } from "./xmllint.js";

const readOk = (xml: string) => {
  const r = DesignSt96.read(xml);
  if (Result.isFailure(r))
    throw new Error(`refused: ${r.failure.reason} ${r.failure.message} at line ${r.failure.line}`);
  return r.success;
};

const bags: Array<string> = [];
const applications: Array<string> = [];

describe("ST.96 industrial designs (DesignApplication_V6_0.xsd): records of our own", () => {
  it("writes a multiple application and reads back every design with its Locarno class, views and status", () => {
    const xml = DesignSt96.write([chairs]);
    bags.push(xml);
    applications.push(DesignSt96.writeApplication(chairs));
    const [r] = readOk(xml).records;
    expect(r?.record).toEqual(chairs);
    expect(r?.report.entries).toEqual([]);
    // a design application has one com:ApplicationNumber: its ST.13 form is made again from the number
    expect(r?.report.supplied.map((s) => s.field)).toEqual(["right.st13", "right.workflowId"]);
    expect(xml.match(/<dgn:Design>/g)).toHaveLength(3);
    expect(xml).toContain("<com:LocarnoClassificationText>06-03</com:LocarnoClassificationText>");
    expect(xml).toContain("<dgn:DesignCurrentStatusCategory>Rejected</dgn:DesignCurrentStatusCategory>");
  });

  it("writes a right that records no Locarno edition with the edition in force on its filing date (ST.96 requires one; Locarno art. 3)", () => {
    const { locarnoEdition: _e, ...right } = chairs.right;
    const undated = { right: { ...right, filingDate: "2024-05-02" } } as DesignSt96.DesignRecord;
    const xml = DesignSt96.write([undated]);
    bags.push(xml);
    expect(xml).toContain("<com:LocarnoClassificationEdition>14-2023</com:LocarnoClassificationEdition>");
    expect(readOk(xml).records[0]?.record.right.locarnoEdition).toBe("14-2023");
    expect(DesignSt96.locarnoEditionOn("2025-01-01")).toBe("15-2025");
    expect(DesignSt96.locarnoEditionOn("2024-12-31")).toBe("14-2023");
    expect(DesignSt96.locarnoEditionOn("2001-06-01")).toBe("9-2009");
  });

  it("lists what ST.96 does not carry: the application title, an office status outside the standard's list", () => {
    const record = {
      right: {
        ...chairs.right,
        title: "Chairs",
        status: "examination",
        designs: [{ ...chairs.right.designs[0], status: "accepted" }],
      },
    } as unknown as DesignSt96.DesignRecord;
    expect(
      DesignSt96.read(DesignSt96.write([record])).pipe((r) =>
        Result.isSuccess(r) ? Object.keys(r.success.records[0]?.record.right ?? {}).includes("title") : true,
      ),
    ).toBe(false);
    const back = readOk(DesignSt96.write([record])).records[0];
    expect(back?.record.right.status).toBe("imported");
    expect(back?.record.right.designs[0]?.status).toBeUndefined();
  });

  it("reports a later design whose applicants differ from the application's instead of dropping them silently", () => {
    const xml = DesignSt96.write([chairs]).replace(
      /(<dgn:Design><dgn:DesignIdentifier>3<\/dgn:DesignIdentifier>[\s\S]*?)Nizwa Furniture SAOC/,
      "$1Another Owner LLC",
    );
    const [r] = readOk(xml).records;
    expect(r?.record.right.owners.map((o) => o.name)).toEqual(["Nizwa Furniture SAOC"]);
    expect(r?.report.entries).toContainEqual(
      expect.objectContaining({
        kind: "dropped",
        detail: "design 3 has its own owners; the model keeps one per application",
      }),
    );
  });

  it("refuses a design without its Locarno class, naming the field and line", () => {
    const xml = DesignSt96.write([chairs]).replace(
      "<com:LocarnoClassificationText>06-03</com:LocarnoClassificationText>",
      "",
    );
    const r = DesignSt96.read(xml);
    expect(Result.isFailure(r) && r.failure.field).toBe("right.designs.2.locarnoClass");
  });
});

const example = "st96/examples/DesignApplication_Example.xml";
const data = needs(example);

describe.skipIf(data.skip)(data.title("ST.96 industrial designs: WIPO's design application example"), () => {
  it("imports it, exports it, and imports the export to the same record, with what it did not keep listed", () => {
    const [r] = readOk(readFileSync(referenceFile(example), "utf8")).records;
    const record = r?.record as DesignSt96.DesignRecord;
    expect(record.right.designs).toEqual([
      expect.objectContaining({ product: "Chair", locarnoClass: "06-01", views: 7, status: "registered" }),
    ]);
    expect(record.right.designers.map((d) => d.name)).toEqual(["Emma Francis", "Jeannette Altova", "Manuel Ho"]);
    expect(record.right.priorities).toEqual([{ country: "WO", number: "DM/096824", date: "2017-03-31" }]);
    const paths = r?.report.entries.map((e) => `${e.kind} ${e.path}`) ?? [];
    expect(paths).toContain("unmapped dgn:DesignApplication/dgn:DesignBag/dgn:Design/dgn:DesignRepresentationBag");
    expect(paths).toContain("unreadable dgn:DesignApplication/dgn:DesignBag/dgn:Design/dgn:DesignIdentifier");
    const xml = DesignSt96.writeApplication(record);
    applications.push(xml);
    bags.push(DesignSt96.write([record, record]));
    const [again] = readOk(xml).records;
    expect(again?.record).toEqual(record);
  });
});

describe("ST.96 industrial designs: schema validity", () => {
  it(withSchemaCheck("every document written above validates (DesignApplication and DesignApplicationBag)"), () => {
    const results = [
      ...validateAll(schemaFile("DesignApplication"), applications),
      ...validateAll(schemaFile("DesignApplicationBag"), bags),
    ];
    expect(results.length).toBeGreaterThan(0);
    for (const v of results) expect(v.messages.slice(0, 5)).toEqual([]);
  });
});
