import { PatentLegalStatus } from "@ipoffice/exchange";
import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { schemaFile, validateAll, withSchemaCheck } from "./xmllint.js";

/** A national application filed, examined, granted, then lapsed for an unpaid annual fee (ST.27 key and detailed events). */
const history: PatentLegalStatus.LegalStatusRecord = {
  officeCode: "OM",
  applicationNumber: "P/2023/000311",
  filingDate: "2023-04-18",
  events: [
    {
      date: "2023-04-18",
      state: "A",
      previousStage: "0",
      currentStage: "1",
      keyEvent: "A10",
      detailedEvent: "A12",
      indicator: "NAP",
      nationalCode: "FIL",
    },
    {
      date: "2024-01-09",
      state: "A",
      previousStage: "1",
      currentStage: "2",
      keyEvent: "D10",
      detailedEvent: "D11",
      indicator: "EXM",
    },
    { date: "2025-06-02", state: "A", previousStage: "2", currentStage: "4", keyEvent: "F10", detailedEvent: "F11" },
    {
      date: "2026-05-20",
      state: "T",
      previousStage: "4",
      currentStage: "6",
      keyEvent: "H10",
      detailedEvent: "H13",
      nationalCode: "LAPSE-FEE",
    },
  ],
} as unknown as PatentLegalStatus.LegalStatusRecord;

const written: Array<string> = [];

describe("ST.27 legal status events in ST.96 (PatentLegalStatusData_V6_0.xsd)", () => {
  it("writes the events of several applications and reads them back unchanged", () => {
    const other = { ...history, applicationNumber: "P/2024/000002", events: history.events.slice(0, 2) };
    const xml = PatentLegalStatus.write([history, other]);
    written.push(xml);
    const r = PatentLegalStatus.read(xml);
    expect(Result.isSuccess(r) && r.success.records.map((i) => i.record)).toEqual([history, other]);
    expect(Result.isSuccess(r) && r.success.records.flatMap((i) => i.report.entries)).toEqual([]);
    expect(xml).toContain(
      "<pat:StatusEventCode><com:StateCode>T</com:StateCode><com:PreviousStageCode>4</com:PreviousStageCode><com:CurrentStageCode>6</com:CurrentStageCode><pat:KeyEventCode>H10</pat:KeyEventCode><pat:DetailedEventCode>H13</pat:DetailedEventCode>",
    );
  });

  it("refuses a detailed event of another key event (ST.27: H13 belongs to H10), naming the field", () => {
    const xml = PatentLegalStatus.write([history]).replace(
      "<pat:KeyEventCode>H10</pat:KeyEventCode>",
      "<pat:KeyEventCode>F10</pat:KeyEventCode>",
    );
    const r = PatentLegalStatus.read(xml);
    expect(Result.isFailure(r) && r.failure.field).toBe("events.3.detailedEvent");
  });

  it("reports a code outside the ST.27 lists as unreadable, then refuses the record that lacks it", () => {
    const xml = PatentLegalStatus.write([history]).replace(
      "<pat:DetailedEventCode>D11</pat:DetailedEventCode>",
      "<pat:DetailedEventCode>D99</pat:DetailedEventCode>",
    );
    const r = PatentLegalStatus.read(xml);
    expect(Result.isFailure(r) && r.failure.field).toBe("events.1.detailedEvent");
  });

  it("round-trips arbitrary consistent events", () => {
    const keys = ["A10", "B10", "D10", "F10", "H10", "Q10", "U10"] as const;
    const event = fc
      .record({
        date: fc.date({ min: new Date("2000-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }),
        state: fc.constantFrom("A", "N", "T", "U"),
        previousStage: fc.constantFrom("0", "1", "2", "4"),
        currentStage: fc.constantFrom("1", "2", "4", "6"),
        key: fc.constantFrom(...keys),
        n: fc.integer({ min: 1, max: 3 }),
        nationalCode: fc.option(fc.stringMatching(/^[A-Z]{2,6}$/), { nil: undefined }),
      })
      .map(({ date, key, n, nationalCode, ...e }) => ({
        ...e,
        date: date.toISOString().slice(0, 10),
        keyEvent: key,
        detailedEvent: `${key[0]}1${n}`,
        ...(nationalCode === undefined ? {} : { nationalCode }),
      }));
    const docs: Array<string> = [];
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 5 }), (events) => {
        const record = {
          officeCode: "JO",
          applicationNumber: "2024/17",
          events,
        } as unknown as PatentLegalStatus.LegalStatusRecord;
        const xml = PatentLegalStatus.write([record]);
        docs.push(xml);
        const r = PatentLegalStatus.read(xml);
        expect(Result.isSuccess(r) && r.success.records[0]?.record).toEqual(record);
      }),
      { numRuns: 40 },
    );
    written.push(...docs.slice(0, 10));
  });

  it(withSchemaCheck("every document written above validates"), () => {
    const results = validateAll(schemaFile("PatentLegalStatusData"), written);
    expect(results.length).toBeGreaterThan(0);
    for (const v of results) expect(v.messages.slice(0, 5)).toEqual([]);
  });
});
