import { readdirSync, readFileSync } from "node:fs";
import { Loss, TrademarkSt96 } from "@ipoffice/exchange";
import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { needs, referenceFile } from "../../../test-support/reference-data.js";
import { carriedRecord, lanterna, plainWord } from "./fixtures/trademarks.js";
import { schemaFile, validateAll, withSchemaCheck } from "./xmllint.js";

const readOk = (xml: string, options: TrademarkSt96.ReadOptions = {}) => {
  const r = TrademarkSt96.read(xml, options);
  if (Result.isFailure(r))
    throw new Error(`refused: ${r.failure.reason} ${r.failure.message} at line ${r.failure.line}`);
  return r.success;
};

/**
 * Documents the tests wrote, validated together by the last test of this file: compiling the flattened schema takes
 * xmllint several seconds, so it is done once.
 */
const written: Array<{ readonly from: string; readonly xml: string }> = [];
const expectValid = (from: string, docs: ReadonlyArray<string>) => {
  for (const xml of docs) written.push({ from, xml });
};

describe("ST.96 trademarks: records of our own (ST.96 V6_0, Trademark_V6_0.xsd TrademarkType)", () => {
  it(withSchemaCheck("writes a bag that validates and reads back every field it carries, with nothing lost"), () => {
    const xml = TrademarkSt96.write([lanterna, plainWord]);
    expectValid("own records", [xml]);
    const back = readOk(xml);
    expect(back.records.map((r) => r.record)).toEqual([lanterna, plainWord]);
    for (const r of back.records) {
      expect(r.report.entries).toEqual([]);
      expect(r.report.supplied.map((s) => s.field)).toEqual(["right.workflowId"]);
    }
  });

  it("keeps per-class status, per-term status and basic numbers (INID 511)", () => {
    const xml = TrademarkSt96.write([lanterna]);
    expect(xml).toContain("<tmk:NationalStatusCode>refused</tmk:NationalStatusCode>");
    expect(xml).toContain("<tmk:WIPOBasicNumber>250093</tmk:WIPOBasicNumber>");
    expect(xml).toContain("<tmk:ClassificationTermStatus>Accepted</tmk:ClassificationTermStatus>");
    expect(xml).toContain("<com:ST13ApplicationNumber>502025000000042</com:ST13ApplicationNumber>");
  });

  it("escapes markup in text and reads it back", () => {
    const xml = TrademarkSt96.write([lanterna]);
    expect(xml).toContain("LANTERNA &amp; Co. &lt;فانوس&gt;");
  });

  it(withSchemaCheck("round-trips arbitrary records of what ST.96 carries, each valid against the schema"), () => {
    const docs: Array<string> = [];
    fc.assert(
      fc.property(fc.array(carriedRecord, { minLength: 1, maxLength: 3 }), (records) => {
        const xml = TrademarkSt96.write(records);
        docs.push(xml);
        const back = readOk(xml);
        expect(back.records.map((r) => r.record)).toEqual(records);
        for (const r of back.records) expect(r.report.entries).toEqual([]);
      }),
      { numRuns: 60 },
    );
    expectValid("arbitrary records", docs);
  });

  it("lists what of a record ST.96 does not carry, field by field", () => {
    const right = lanterna.right;
    const record = {
      ...lanterna,
      right: {
        ...right,
        version: 4,
        statusSince: "2025-11-02T10:15:00Z",
        standardStatus: { standard: "ST.96", code: "Registration published" },
        representatives: [{ ...right.representatives[0], registrationNumber: "A-77" }],
      },
    } as unknown as TrademarkSt96.TrademarkRecord;
    expect(TrademarkSt96.notCarried(record).map((n) => n.field)).toEqual([
      "right.statusSince",
      "right.version",
      "right.representatives.0.registrationNumber",
      "right.standardStatus",
    ]);
    expect(TrademarkSt96.notCarried(lanterna)).toEqual([]);
  });

  it("writes the same document in chunks as in one piece", () => {
    expect([...TrademarkSt96.writeChunks([lanterna, plainWord])].join("")).toBe(
      TrademarkSt96.write([lanterna, plainWord]),
    );
  });

  it("reads the same records from a stream cut anywhere, even inside a multi-byte character", async () => {
    const bytes = new TextEncoder().encode(TrademarkSt96.write([lanterna, plainWord]));
    const whole = readOk(TrademarkSt96.write([lanterna, plainWord]));
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 8 }),
        async (cuts) => {
          const at = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = at.slice(1).map((end, i) => bytes.slice(at[i], end));
          const r = await TrademarkSt96.readAsync(chunks);
          expect(Result.isSuccess(r) && r.success.records).toEqual(whole.records);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("fills what the file does not say from the options, and lists each as supplied", () => {
    const xml = TrademarkSt96.write([plainWord])
      .replace(
        /<com:ApplicationNumber><com:IPOfficeCode>JO<\/com:IPOfficeCode><com:ST13ApplicationNumber>.*?<\/com:ApplicationNumber>/,
        "",
      )
      .replace(/<com:ClassificationVersion>.*?<\/com:ClassificationVersion>/, "");
    const [r] = readOk(xml, { niceEdition: "13-2026", workflowId: "tm_national" }).records;
    expect(r?.record.right.goodsAndServices[0]?.edition).toBe("13-2026");
    expect(r?.record.right.workflowId).toBe("tm_national");
    expect(r?.record.right.st13).toBe("JO502026000171234");
    expect(r?.report.supplied.map((s) => s.field).sort()).toEqual([
      "right.goodsAndServices.0.edition",
      "right.st13",
      "right.workflowId",
    ]);
  });

  it("refuses a record the model refuses, naming the record, field, element and line", () => {
    const xml = TrademarkSt96.write([plainWord, lanterna]).replace(
      "<com:ApplicationDate>2025-03-14</com:ApplicationDate>",
      "<com:ApplicationDate>2025-02-30</com:ApplicationDate>",
    );
    const r = TrademarkSt96.read(xml);
    expect(Result.isFailure(r)).toBe(true);
    if (Result.isFailure(r)) {
      expect(r.failure.reason).toBe("Invalid");
      expect(r.failure.record).toBe(1);
      expect(r.failure.field).toBe("right.filingDate");
      expect(r.failure.line).toBe(2);
    }
  });

  it("lists an element no mapping uses, with its path and line, instead of dropping it silently", () => {
    const xml = TrademarkSt96.write([plainWord])
      .replace("<tmk:Trademark>", "<tmk:Trademark>\n")
      .replace("<com:ApplicationDate>", "<com:FilingPlace>JO</com:FilingPlace>\n<com:ApplicationDate>");
    const [r] = readOk(xml).records;
    expect(r?.report.entries).toEqual([
      { kind: "unmapped", path: "tmk:Trademark/com:FilingPlace", line: 3, text: "JO" },
    ]);
    expect(Loss.format(r?.report as Loss.Report)).toContain('unmapped   line 3: tmk:Trademark/com:FilingPlace = "JO"');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Real records (tier-2 reference data)

const usptoDir = "st96/uspto-tsdr-records";
const example = "st96/examples/TrademarkApplication_Example.xml";
const real = needs(usptoDir, example, "st96/schemas-v6_0/Trademark_V6_0.xsd");
const usptoFiles = real.skip
  ? []
  : readdirSync(referenceFile(usptoDir))
      .filter((f) => /-ST96\.xml$/.test(f))
      .map((f) => `${usptoDir}/${f}`);

describe.skipIf(real.skip)(
  real.title("ST.96 trademarks: the six USPTO TSDR records and WIPO's trademark application example"),
  () => {
    it("finds the six current USPTO records", () => {
      expect(usptoFiles).toHaveLength(6);
    });

    it(withSchemaCheck("imports each, exports it valid, and imports the export to the same record"), () => {
      const docs: Array<string> = [];
      for (const file of [...usptoFiles, example]) {
        const first = readOk(readFileSync(referenceFile(file), "utf8"));
        expect(first.records, file).toHaveLength(1);
        const record = first.records[0]?.record as TrademarkSt96.TrademarkRecord;
        const xml = TrademarkSt96.write([record]);
        docs.push(xml);
        const again = readOk(xml);
        expect(again.records[0]?.record, file).toEqual(record);
        expect(again.records[0]?.report.entries, file).toEqual([]);
        expect(TrademarkSt96.notCarried(record), file).toEqual([]);
      }
      expectValid("real records", docs);
    });

    it("reports, per file, every element the model does not keep", () => {
      const xml = readFileSync(referenceFile(`${usptoDir}/sn87881347-ST96.xml`), "utf8");
      const { records, outside } = readOk(xml);
      const [r] = records;
      const paths = r?.report.entries.map((e) => `${e.kind} ${e.path}`) ?? [];
      // USPTO-only parts, and what the model has no field for, are listed…
      expect(paths).toContain("unmapped tmk:Trademark/com:FilingPlace");
      expect(paths).toContain("unmapped tmk:Trademark/tmk:NationalCorrespondent");
      expect(paths).toContain("unmapped tmk:Trademark/tmk:ApplicantBag/tmk:Applicant/com:IncorporationState");
      // …changes of form are listed as normalised (an earlier ST.96 element name, a date with a time zone)…
      expect(r?.report.entries).toContainEqual(
        expect.objectContaining({ kind: "normalised", text: "2018-04-17-04:00", detail: "2018-04-17" }),
      );
      // …a publication without a date, which the model needs, is left out and said so…
      expect(paths).toContain("dropped tmk:Trademark/tmk:PublicationBag/tmk:Publication/com:PublicationIdentifier");
      // …and what is kept is not listed.
      expect(paths.some((p) => p.includes("MarkEventBag"))).toBe(false);
      expect(paths.some((p) => p.includes("GoodsServicesDescriptionText"))).toBe(false);
      expect(outside.map((o) => o.path)).toContain(
        "tmk:TrademarkTransaction/tmk:TrademarkTransactionBody/tmk:TransactionContentBag/com:TransactionCategory",
      );
      expect(r?.record.right.mark).toMatchObject({ text: "BURGER ADDICT", type: "word", category: "individual" });
      expect(r?.record.right.goodsAndServices[0]?.terms).toHaveLength(10);
      expect(r?.record.events).toHaveLength(19);
    });

    it("reads WIPO's example: registration, publication, class 9 with its terms, three applicants", () => {
      const [r] = readOk(readFileSync(referenceFile(example), "utf8")).records;
      const right = r?.record.right;
      expect(right?.registration).toEqual({ number: "5169753", date: "2017-03-28" });
      expect(right?.publication).toEqual({
        date: "2017-01-10",
        bulletin: "USPTO Official Gazette for Trademarks (OG)",
      });
      expect(right?.goodsAndServices.map((c) => c.classNumber)).toEqual([9]);
      expect(right?.owners.map((o) => o.country)).toEqual(["CN", "CN", "CN"]);
    });
  },
);

describe("ST.96 trademarks: schema validity", () => {
  it(withSchemaCheck("every document written above validates against Trademark_V6_0.xsd"), () => {
    expect(written.length).toBeGreaterThan(0);
    const results = validateAll(
      schemaFile("Trademark"),
      written.map((w) => w.xml),
    );
    results.forEach((v, i) => {
      expect({ from: written[i]?.from, messages: v.messages.slice(0, 5) }).toEqual({
        from: written[i]?.from,
        messages: [],
      });
      expect(v.valid).toBe(true);
    });
  });
});
