import { readdirSync, readFileSync } from "node:fs";
import { TrademarkSt66, TrademarkSt96 } from "@ipoffice/exchange";
import { Result } from "effect";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { needs, referenceFile } from "../../../test-support/reference-data.js";
import { lanterna, plainWord } from "./fixtures/trademarks.js";

/**
 * Element paths below `TradeMark` in document order, TM-XML namespace only (national `…Ext` content left out), and the
 * names of each element's children in order. TSDR puts `ApplicantDetails` beside `TradeMarkDetails` rather than in
 * `TradeMark` (where TM-XML has it and the export writes it): both are read as if in `TradeMark`.
 */
const structure = (xml: string) => {
  const p = new SaxesParser({ xmlns: true });
  const stack: Array<{ name: string; path: string | undefined; children: Array<string> }> = [];
  const paths: Array<string> = [];
  const siblings: Array<{ parent: string; names: Array<string> }> = [];
  p.on("opentag", (t) => {
    const parent = stack[stack.length - 1];
    const foreign = t.uri !== TrademarkSt66.namespace || stack.some((s) => s.name.endsWith("Ext"));
    let path: string | undefined;
    if (!foreign && parent?.path !== undefined) path = parent.path === "" ? t.local : `${parent.path}/${t.local}`;
    else if (!foreign && t.local === "TradeMark") path = "";
    else if (!foreign && t.local === "ApplicantDetails" && parent?.name === "TransactionData") path = t.local;
    if (path !== undefined && path !== "") {
      paths.push(path);
      if (parent?.path !== undefined) parent.children.push(t.local);
    }
    stack.push({ name: foreign ? "{other}" : t.local, path, children: [] });
  });
  p.on("closetag", () => {
    const el = stack.pop();
    if (el?.path !== undefined && el.children.length > 0) siblings.push({ parent: el.path, names: el.children });
  });
  p.write(xml).close();
  return { paths, siblings };
};
const paths = (xml: string) => structure(xml).paths;

describe("ST.66 (TM-XML) export of trademarks", () => {
  it("writes a TM-XML transaction with the record's data under TradeMark", () => {
    const xml = TrademarkSt66.write([lanterna, plainWord]);
    expect(xml).toContain(`<Transaction xmlns="${TrademarkSt66.namespace}">`);
    expect(xml.match(/<TradeMark>/g)).toHaveLength(2);
    expect(xml).toContain("<ApplicationNumber>TM/2025/00042</ApplicationNumber>");
    expect(xml).toContain("<KindMark>Individual</KindMark><MarkFeature>Combined</MarkFeature>");
    expect(xml).toContain("<MarkVerbalElementText>LANTERNA &amp; Co. &lt;فانوس&gt;</MarkVerbalElementText>");
    expect(xml).toContain(
      "<CategoryKind>Vienna</CategoryKind><CategoryCodeDetails><CategoryCode>03.01.08</CategoryCode>",
    );
    expect(xml).toContain(
      "<ClassDescription><ClassNumber>35</ClassNumber><GoodsServicesDescription>Retail services; in shops</GoodsServicesDescription>",
    );
    expect(xml).toContain(
      "<Priority><PriorityCountryCode>AE</PriorityCountryCode><PriorityNumber>AE-2024-9981</PriorityNumber>",
    );
    expect(paths(xml).length).toBeGreaterThan(40);
  });

  it("writes the same document in chunks as in one piece", () => {
    expect([...TrademarkSt66.writeChunks([lanterna])].join("")).toBe(TrademarkSt66.write([lanterna]));
  });
});

const dir = "st96/uspto-tsdr-records";
const data = needs(dir);
const files = data.skip ? [] : readdirSync(referenceFile(dir)).filter((f) => /-ST66\.xml$/.test(f));

/**
 * TM-XML elements the export writes that the TSDR records happen not to use (USPTO puts these in its own `…Ext`
 * elements or leaves them out): named here so that any other difference fails the test.
 */
const notInTsdrRecords = new Set([
  "ExpiryDate",
  "MarkImageDetails/MarkImage/MarkImageFilename",
  "MarkImageDetails/MarkImage/MarkImageFileFormat",
  "MarkImageDetails/MarkImage/MarkImageCategory",
  "MarkImageDetails/MarkImage/MarkImageCategory/CategoryKind",
  "MarkImageDetails/MarkImage/MarkImageCategory/CategoryCodeDetails",
  "MarkImageDetails/MarkImage/MarkImageCategory/CategoryCodeDetails/CategoryCode",
  "GoodsServicesDetails/GoodsServices/ClassificationKindCode",
  "GoodsServicesDetails/GoodsServices/ClassificationVersion",
  "PriorityDetails/Priority/PriorityDate",
  "ApplicantDetails/Applicant/ApplicantIdentifier",
  "ApplicantDetails/Applicant/ApplicantNationalityCode",
  "ApplicantDetails/Applicant/ApplicantAddressBook/FormattedNameAddress/Address/AddressCountryCode",
  "ApplicantDetails/Applicant/ApplicantAddressBook/FormattedNameAddress/Address/FormattedAddress/AddressStreet",
  "ApplicantDetails/Applicant/ApplicantAddressBook/ContactInformationDetails",
  "ApplicantDetails/Applicant/ApplicantAddressBook/ContactInformationDetails/Phone",
  "ApplicantDetails/Applicant/ApplicantAddressBook/ContactInformationDetails/Email",
  "RepresentativeDetails/Representative/RepresentativeIdentifier",
  "RepresentativeDetails/Representative/RepresentativeLegalEntity",
  "RepresentativeDetails/Representative/RepresentativeAddressBook/FormattedNameAddress/Address/AddressCountryCode",
  "RepresentativeDetails/Representative/RepresentativeAddressBook/FormattedNameAddress/Address/FormattedAddress/AddressStreet",
  "MarkEventDetails/MarkEvent/Comment",
]);

describe.skipIf(data.skip)(data.title("ST.66 export compared with the six USPTO TSDR ST.66 records"), () => {
  const tsdr = files.map((f) => paths(readFileSync(referenceFile(`${dir}/${f}`), "utf8")));
  const known = new Set(tsdr.flat());
  // Which sibling comes before which, as the records have them ("a b" when a element a precedes a sibling b).
  const before = new Set<string>();
  for (const f of files) {
    for (const { parent, names } of structure(readFileSync(referenceFile(`${dir}/${f}`), "utf8")).siblings) {
      names.forEach((a, i) => {
        for (const b of names.slice(i + 1)) if (a !== b) before.add(`${parent}|${a}|${b}`);
      });
    }
  }
  const imported = [...files.map((f) => f.replace("-ST66", "-ST96"))].map((f) => {
    const r = TrademarkSt96.read(readFileSync(referenceFile(`${dir}/${f}`), "utf8"));
    if (Result.isFailure(r)) throw new Error(r.failure.message);
    return r.success.records[0]?.record as TrademarkSt96.TrademarkRecord;
  });

  it("uses only element paths of TM-XML that the records use, besides the ones named", () => {
    expect(files).toHaveLength(6);
    const ours = new Set(paths(TrademarkSt66.write([lanterna, plainWord, ...imported])));
    const unknown = [...ours].filter((p) => !known.has(p) && !notInTsdrRecords.has(p));
    expect(unknown).toEqual([]);
    // the named exceptions are all written somewhere (so the list cannot grow stale)
    expect([...notInTsdrRecords].filter((p) => !ours.has(p))).toEqual([]);
  });

  it("writes siblings in the order the records have them", () => {
    const against: Array<string> = [];
    for (const { parent, names } of structure(TrademarkSt66.write([lanterna, ...imported])).siblings) {
      names.forEach((a, i) => {
        for (const b of names.slice(i + 1)) {
          if (a !== b && before.has(`${parent}|${b}|${a}`) && !before.has(`${parent}|${a}|${b}`)) {
            against.push(`${parent}: ${a} before ${b}`);
          }
        }
      });
    }
    expect(before.size).toBeGreaterThan(100);
    expect([...new Set(against)]).toEqual([]);
  });

  it("exports a record imported from the ST.96 file with the data of the ST.66 file", () => {
    const index = files.indexOf("sn87881347-ST66.xml");
    const xml = TrademarkSt66.write([imported[index] as TrademarkSt96.TrademarkRecord]);
    const theirs = readFileSync(referenceFile(`${dir}/sn87881347-ST66.xml`), "utf8");
    for (const element of [
      "ApplicationNumber",
      "MarkVerbalElementText",
      "GoodsServicesDescription",
      "MarkDisclaimer",
    ]) {
      const value = (s: string) => new RegExp(`<${element}>([^<]*)</${element}>`).exec(s)?.[1];
      expect(value(xml), element).toBe(value(theirs));
    }
  });
});
