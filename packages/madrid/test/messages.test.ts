import { Builder, Generator, type IBTransaction, OfficeTransaction, Parser } from "@ipoffice/madrid";
import { Result } from "effect";
import { beforeAll, describe, expect, it } from "vitest";
import * as office from "./fixtures/office.js";
import {
  ibSchema,
  officeSchema,
  skipSchemaTests,
  type Validation,
  validateAll,
  withSchemaCheck,
  withXmllint,
} from "./xmllint.js";

const mixed = Generator.ibDocument({ count: 2 * Generator.mixedKinds.length + 2, seed: 7 });

const first = Parser.parseIBDocument(mixed);
if (Result.isFailure(first)) throw new Error(first.failure.message);
const rebuilt = Builder.buildIBDocument(first.success);
const otherPrefixes = mixed
  .replaceAll("tmk:", "t:")
  .replaceAll("xmlns:tmk=", "xmlns:t=")
  .replaceAll("com:", "c:")
  .replaceAll("xmlns:com=", "xmlns:c=")
  .replace(/<c:ExpiryDate>(\d{4}-\d{2}-\d{2})</, "<c:ExpiryDate>$1+04:00<")
  .replace("<c:OrganizationStandardName>Sahara", "<c:OrganizationStandardName><c:B>Sahara</c:B>")
  .replace(
    /<c:OrganizationName><c:OrganizationStandardName>Atlas Textiles S\.A\.<\/c:OrganizationStandardName><\/c:OrganizationName>/,
    "<c:EntityName>Atlas <c:I>Textiles</c:I> S.A.</c:EntityName>",
  );

/** One xmllint run for every IB document of this file (compiling the schema is the slow part). */
let ibResults: Array<Validation> = [];
beforeAll(() => {
  ibResults = validateAll(ibSchema, [mixed, rebuilt, otherPrefixes]);
});

const transactionsOf = (xml: string): Array<IBTransaction.IBTransaction> => {
  const doc = Parser.parseIBDocument(xml);
  if (Result.isFailure(doc)) throw new Error(doc.failure.message);
  return [...doc.success.transactions];
};

describe("IB → office messages", () => {
  it.skipIf(skipSchemaTests)(withXmllint("a generated batch with every covered kind validates against the XSD"), () => {
    expect(ibResults[0]?.messages).toEqual([]);
    expect(ibResults[0]?.valid).toBe(true);
  });

  it("every covered element and category appears in the generated batch", () => {
    const ts = transactionsOf(mixed);
    const seen = new Set(ts.map((t) => ("category" in t ? `${t._tag}:${t.category}` : t._tag)));
    for (const expected of [
      "Designation:Registration",
      "Designation:Subsequent designation",
      "Renewal:Renewal",
      "HolderRepresentativeChange:Change of ownership",
      "PartialChangeOwnership",
      "ProtectionRestriction:Limitation",
      "DesignationTermination:Total cancellation",
      "ProtectionRestriction:Partial cancellation",
      "DesignationTermination:Renunciation",
      "Merger",
      "DesignationTermination:Total ceasing of effect",
      "ProtectionRestriction:Partial ceasing of effect",
      "RecordLicence:Licence",
      "LicenseeRecordChange",
      "HolderRepresentativeChange:Change of holder name and or address",
      "HolderRepresentativeChange:Change of representative",
      "Correction",
    ]) {
      expect(seen, expected).toContain(expected);
    }
    expect(ts.some((t) => t._tag === "CompletedProcessing" && t.category.endsWith("invalidation"))).toBe(true);
  });

  it(withSchemaCheck("parse → build → parse gives the same model, and the rebuilt document validates"), () => {
    // Schema validity is checked wherever xmllint runs (always in CI).
    if (!skipSchemaTests) {
      expect(ibResults[1]?.messages).toEqual([]);
      expect(ibResults[1]?.valid).toBe(true);
    }
    const second = Parser.parseIBDocument(rebuilt);
    expect(Result.isSuccess(second) && second.success).toEqual(first.success);
  });

  it(
    withSchemaCheck(
      "reads a document written with other namespace prefixes, time-zoned dates, entity names and inline markup",
    ),
    () => {
      expect(otherPrefixes).toContain("<c:EntityName>Atlas <c:I>");
      // Schema validity is checked wherever xmllint runs (always in CI).
      if (!skipSchemaTests) {
        expect(ibResults[2]?.messages).toEqual([]);
        expect(ibResults[2]?.valid).toBe(true);
      }
      const a = transactionsOf(mixed);
      const b = transactionsOf(otherPrefixes);
      expect(b).toEqual(a);
    },
  );
});

describe("office → IB messages", () => {
  const doc = (t: (typeof office.all)[number]) =>
    Builder.buildOfficeDocument({
      header: { officeCode: "OM", requestDate: "2026-11-24" },
      transactions: [t],
    } as never);

  const combined = Builder.buildOfficeDocument({
    header: { officeCode: "OM", requestDate: "2026-11-24" },
    transactions: office.all,
  } as never);
  let results: Array<Validation> = [];
  beforeAll(() => {
    results = validateAll(officeSchema, [...office.all.map(doc), combined]);
  });

  it.skipIf(skipSchemaTests)(withXmllint("every office transaction kind validates against the XSD"), () => {
    expect(results).toHaveLength(office.all.length + 1);
    results.slice(0, office.all.length).forEach((r, i) => {
      expect(r.messages, office.all[i]?._tag).toEqual([]);
      expect(r.valid).toBe(true);
    });
  });

  it("each office transaction reads back to the same model", () => {
    for (const t of office.all) {
      const parsed = Parser.parseOfficeDocument(doc(t));
      if (Result.isFailure(parsed)) throw new Error(parsed.failure.message);
      expect(parsed.success.transactions[0]).toEqual(t);
    }
  });

  it(withSchemaCheck("one document can carry several transactions, counted per category in the header"), () => {
    if (!skipSchemaTests) {
      expect(results.at(-1)?.messages).toEqual([]);
      expect(results.at(-1)?.valid).toBe(true);
    }
    expect(combined).toContain(
      "<tmk:MadridOfficeTransactionCategory>Final decision</tmk:MadridOfficeTransactionCategory><com:TransactionTotalQuantity>2</com:TransactionTotalQuantity>",
    );
  });
});

describe("provisional refusals carry what Rule 17(2) and 17(3) ask", () => {
  const build = (t: unknown) =>
    Builder.buildOfficeDocument({
      header: { officeCode: "OM", requestDate: "2026-11-24" },
      transactions: [t],
    } as never);
  const read = (xml: string) => {
    const parsed = Parser.parseOfficeDocument(xml);
    if (Result.isFailure(parsed)) throw new Error(parsed.failure.message);
    return parsed.success.transactions[0];
  };

  it("earlier marks (17(2)(v)) as tmk:Trademark with owner, the opponent (17(3)) as its tmk:Plaintiff and in the comment", () => {
    const xml = build(office.oppositionRefusal);
    expect(xml).toContain(
      "<tmk:TrademarkBag><tmk:Trademark><com:RegistrationOfficeCode>OM</com:RegistrationOfficeCode>",
    );
    expect(xml).toContain(
      "<tmk:ApplicantBag><tmk:Applicant><com:Contact><com:Name><com:OrganizationName><com:OrganizationStandardName>Gold Coffee Trading LLC",
    );
    expect(xml).toContain(
      "<tmk:OppositionBag><tmk:Opposition><com:OppositionDate>2026-09-10</com:OppositionDate><tmk:PlaintiffBag><tmk:Plaintiff>",
    );
    expect(xml).toContain("Time limit for a request for review or appeal: 2 months, ending on 2027-01-24");
    expect(xml).toContain(
      "Authority for a request for review or appeal: Trademark Appeals Committee, Ministry of Commerce, Muscat",
    );
    expect(xml).toContain(
      "Refusal based on an opposition filed on 2026-09-10 by Gold Coffee Trading LLC, Way 3021, Building 12, 112, Muscat, OM",
    );
  });

  it("an opposition not resting on an earlier mark is read back from the comment (the opponent's name and address as one line)", () => {
    const { earlierMarks: _, ...noMarks } = office.oppositionRefusal as OfficeTransaction.ProvisionalRefusal;
    const back = read(build(noMarks)) as OfficeTransaction.ProvisionalRefusal;
    expect(back.opposition).toEqual({
      filedOn: "2026-09-10",
      opponent: { kind: "organization", name: "Gold Coffee Trading LLC, Way 3021, Building 12, 112, Muscat, OM" },
    });
  });

  it("rule17Missing names what a refusal lacks: time limit, authority, date pronounced, owners' and opponent's addresses", () => {
    expect(OfficeTransaction.rule17Missing(office.oppositionRefusal as OfficeTransaction.ProvisionalRefusal)).toEqual(
      [],
    );
    const bare = {
      ...(office.oppositionRefusal as OfficeTransaction.ProvisionalRefusal),
      responseMonths: undefined,
      reviewAuthority: undefined,
      pronouncedDate: undefined,
      earlierMarks: [{ registrationNumber: "1", owner: { kind: "person", name: "A" } }],
      opposition: { filedOn: "2026-09-10", opponent: { kind: "person", name: "B" } },
    } as unknown as OfficeTransaction.ProvisionalRefusal;
    expect(OfficeTransaction.rule17Missing(bare).map((m) => m.path)).toEqual([
      "responseMonths",
      "reviewAuthority",
      "pronouncedDate",
      "earlierMarks[0].owner.address",
      "opposition.opponent.address",
    ]);
  });
});
