import { readFileSync } from "node:fs";
import { PatentSt96 } from "@ipoffice/exchange";
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { needs, referenceFile } from "../../../test-support/reference-data.js";
import { desalination } from "./fixtures/patents.js";
import { schemaFile, validateAll, withSchemaCheck } from "./xmllint.js";

const readOk = (xml: string, options: PatentSt96.ReadOptions = {}) => {
  const r = PatentSt96.read(xml, options);
  if (Result.isFailure(r))
    throw new Error(`refused: ${r.failure.reason} ${r.failure.message} at line ${r.failure.line}`);
  return r.success;
};

const written: Array<string> = [];
const publications: Array<string> = [];

describe("ST.96 patents and utility models (BibliographicData_V6_0.xsd): records of our own", () => {
  it("writes bibliographic data and reads back publication, grant, priorities, IPC, title, claims and parties", () => {
    const xml = PatentSt96.write(desalination);
    written.push(xml);
    const [r] = readOk(xml).records;
    expect(r?.record).toEqual(desalination);
    expect(r?.report.entries).toEqual([]);
    // bibliographic data has no office status and one application number: they are supplied again on reading
    expect(r?.report.supplied.map((s) => s.field)).toEqual([
      "right.st13",
      "right.status",
      "right.statusSince",
      "right.workflowId",
    ]);
    expect(xml).toContain("<pat:PatentClassificationText>C02F 1/44</pat:PatentClassificationText>");
    expect(xml).toContain("<com:ResidenceCountryCode>OM</com:ResidenceCountryCode>");
  });

  it("writes and reads back PCT data (INID 86/87: pat:InternationalFilingData, pat:InternationalPublishingData) and representatives (INID 74: pat:RegisteredPractitioner)", () => {
    const national = {
      right: {
        ...desalination.right,
        pct: {
          applicationNumber: "PCT/GB2023/050977",
          filingDate: "2023-04-18",
          publicationNumber: "WO 2023/201234",
          publicationDate: "2023-10-26",
          nationalPhaseEntryDate: "2024-10-17",
        },
        representatives: [
          {
            name: "Gulf IP Attorneys",
            kind: "legal",
            country: "OM",
            registrationNumber: "AG-104",
            role: "attorney",
            address: { street: "Way 3015, Shatti Al Qurm", city: "Muscat", country: "OM" },
          },
          { name: "Salma Al-Harthy", kind: "natural", country: "AE", role: "agent" },
        ],
      },
    } as unknown as PatentSt96.PatentRecord;
    const xml = PatentSt96.write(national);
    written.push(xml);
    const [r] = readOk(xml).records;
    expect(r?.record).toEqual(national);
    expect(r?.report.entries).toEqual([]);
    expect(PatentSt96.notCarried(national)).toEqual([]);
    expect(xml).toContain(
      "<pat:InternationalFilingData><pat:ApplicationIdentification><com:IPOfficeCode>WO</com:IPOfficeCode><com:ApplicationNumber><com:ApplicationNumberText>PCT/GB2023/050977</com:ApplicationNumberText></com:ApplicationNumber><pat:FilingDate>2023-04-18</pat:FilingDate></pat:ApplicationIdentification><pat:NationalStageFilingDate>2024-10-17</pat:NationalStageFilingDate></pat:InternationalFilingData>",
    );
    expect(xml).toContain("<pat:PublicationNumber>WO 2023/201234</pat:PublicationNumber>");
    expect(xml).toContain("<pat:RegisteredPractitionerCategory>Attorney</pat:RegisteredPractitionerCategory>");
  });

  it("says what of PCT data and representatives ST.96 cannot carry: a WO date without its number, an employee's role", () => {
    const record = {
      right: {
        ...desalination.right,
        pct: { applicationNumber: "PCT/OM2024/000001", filingDate: "2024-01-02", publicationDate: "2024-07-11" },
        representatives: [{ name: "In-house Counsel", kind: "natural", country: "OM", role: "employee" }],
      },
    } as unknown as PatentSt96.PatentRecord;
    const xml = PatentSt96.write(record);
    written.push(xml);
    expect(PatentSt96.notCarried(record).map((d) => d.field)).toEqual(
      expect.arrayContaining(["right.pct.publicationDate", "right.representatives.0.role"]),
    );
    // an incomplete international filing (no date) is left out and reported, not a refusal of the file
    const partial = xml.replace("<pat:FilingDate>2024-01-02</pat:FilingDate>", "");
    const [r] = readOk(partial).records;
    expect(r?.record.right.pct).toBeUndefined();
    expect(r?.report.entries.map((e) => e.kind)).toContain("dropped");
  });

  it("writes the abstract in a pat:PatentPublication and reads it back unchanged, paragraphs and markup characters included", () => {
    const record = {
      right: {
        ...desalination.right,
        abstract: 'A solar still <with> a membrane & heat recovery.\n\nBrine is returned to the sea "diluted".',
      },
    } as PatentSt96.PatentRecord;
    const xml = PatentSt96.writePublication(record, {
      languageCode: "en",
      claimsUri: "https://register.example/records/P%2F2023%2F000311",
      claimsFormat: "PDF",
    });
    publications.push(xml);
    expect(xml).toContain(
      "<pat:Abstract><com:P>A solar still &lt;with&gt; a membrane &amp; heat recovery.</com:P><com:P>",
    );
    const [r] = readOk(xml).records;
    expect(r?.record).toEqual(record);
    // what the model does not keep is listed: the claims' location and the document's language
    expect(r?.report.entries.map((e) => `${e.kind} ${e.path}`)).toEqual([
      "unmapped pat:PatentPublication/@com:languageCode",
      "unmapped pat:PatentPublication/pat:Claims",
    ]);
    // a record without an abstract: the publication has none
    const none = PatentSt96.writePublication(desalination, {
      languageCode: "ar",
      claimsUri: "urn:x",
      claimsFormat: "PDF",
    });
    publications.push(none);
    expect(none).not.toContain("pat:Abstract");
    expect(readOk(none).records[0]?.record).toEqual(desalination);
  });

  it("keeps the first of several abstracts (languages) and reports the others", () => {
    const record = { right: { ...desalination.right, abstract: "First." } } as PatentSt96.PatentRecord;
    const xml = PatentSt96.writePublication(record, {
      languageCode: "en",
      claimsUri: "urn:x",
      claimsFormat: "PDF",
    }).replace(
      "</pat:Abstract>",
      '</pat:Abstract><pat:Abstract com:languageCode="fr"><com:P>Premier.</com:P></pat:Abstract>',
    );
    const [r] = readOk(xml).records;
    expect(r?.record.right.abstract).toBe("First.");
    expect(r?.report.entries.some((e) => e.kind === "dropped" && /1 more abstract/.test(e.detail ?? ""))).toBe(true);
  });

  it("reads a utility model when told the file holds utility models", () => {
    const model = {
      right: {
        ...desalination.right,
        kind: "utility_model",
        st13: "OM202023000000311",
        workflowId: "utility_model_default",
      },
    };
    const xml = PatentSt96.write(model as unknown as PatentSt96.PatentRecord);
    written.push(xml);
    expect(readOk(xml, { kind: "utility_model" }).records[0]?.record).toEqual(model);
  });

  it("refuses bibliographic data without a title, naming the field", () => {
    const xml = PatentSt96.write(desalination).replace(
      /<pat:InventionTitle>.*<\/pat:InventionTitle>/,
      "<pat:InventionTitle></pat:InventionTitle>",
    );
    const r = PatentSt96.read(xml);
    expect(Result.isFailure(r) && r.failure.field).toBe("right.title");
  });
});

const example = "st96/examples/PatentPublication_Example.xml";
const data = needs(example);

describe.skipIf(data.skip)(data.title("ST.96 patents: WIPO's patent publication example"), () => {
  it("imports its bibliographic data, exports it, and imports the export to the same record", () => {
    const { records, outside } = readOk(readFileSync(referenceFile(example), "utf8"));
    const [r] = records;
    const record = r?.record as PatentSt96.PatentRecord;
    expect(record.right).toMatchObject({
      applicationNumber: "13797521",
      filingDate: "2013-03-12",
      claimsCount: 10,
      publication: { number: "08936998", date: "2015-01-20" },
      priorities: [{ country: "JP", number: "2007-290922", date: "2007-11-08" }],
    });
    expect(record.right.ipc).toContain("H01L 21/30");
    expect(record.right.inventors.map((i) => i.name)).toContain("Jun Utsumi");
    // the abstract, which ST.96 holds in the publication beside the bibliographic data (PatentPublication_V6_0.xsd)
    expect(record.right.abstract).toMatch(
      /^A device is provided with: a first substrate mainly containing silicon dioxide;/,
    );
    expect(record.right.abstract).toMatch(/different from the main component of the second substrate\.$/);
    const paths = r?.report.entries.map((e) => `${e.kind} ${e.path}`) ?? [];
    expect(paths).toContain("unmapped pat:PatentPublication/pat:BibliographicData/pat:PartyBag/pat:ExaminerBag");
    expect(paths).toContain(
      "unmapped pat:PatentPublication/pat:BibliographicData/pat:PatentClassificationBag/pat:CPCClassificationBag",
    );
    // the description, claims and drawings are not kept: listed
    for (const part of ["pat:Description", "pat:Claims", "pat:Drawings"]) {
      expect(paths).toContain(`unmapped pat:PatentPublication/${part}`);
    }
    expect(outside).toEqual([]);
    const xml = PatentSt96.write(record);
    written.push(xml);
    // the bibliographic data alone has no abstract
    const { abstract, ...withoutAbstract } = record.right;
    expect(abstract).toBeDefined();
    expect(readOk(xml).records[0]?.record).toEqual({ right: withoutAbstract });
    const publication = PatentSt96.writePublication(record, {
      languageCode: "en",
      claimsUri: "https://register.example/records/13797521/claims",
      claimsFormat: "HTML",
    });
    publications.push(publication);
    expect(readOk(publication).records[0]?.record).toEqual(record);
  });
});

describe("ST.96 patents: schema validity", () => {
  it(withSchemaCheck("every publication written above validates against PatentPublication_V6_0.xsd"), () => {
    const results = validateAll(schemaFile("PatentPublication"), publications);
    expect(results.length).toBeGreaterThan(0);
    for (const v of results) expect(v.messages.slice(0, 5)).toEqual([]);
  });

  it(withSchemaCheck("every document written above validates against BibliographicData_V6_0.xsd"), () => {
    const results = validateAll(schemaFile("BibliographicData"), written);
    expect(results.length).toBeGreaterThan(0);
    for (const v of results) expect(v.messages.slice(0, 5)).toEqual([]);
  });
});
