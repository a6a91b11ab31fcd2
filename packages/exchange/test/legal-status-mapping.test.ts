import { Workflow } from "@ipoffice/domain";
import { LegalStatusMapping, PatentLegalStatus } from "@ipoffice/exchange";
import { Result, Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { schemaFile, validateAll, withSchemaCheck } from "./xmllint.js";

const patent = Workflow.defaults.patent;
const utilityModel = Workflow.defaults.utility_model;
const written: Array<string> = [];
/** A history as the app reads it (dates and office code checked there). */
const history = (h: unknown) => h as LegalStatusMapping.History;

const codes = (m: LegalStatusMapping.Mapping, id: string) => {
  const e = m.events[id];
  return e === undefined || e === "omit"
    ? e
    : `${e.keyEvent}/${e.detailedEvent}${e.indicator ? ` ${e.indicator}` : ""}`;
};

describe("ST.27 legal status from the office's history (decision 0806)", () => {
  it("maps every legal-status action of the shipped patent workflow to ST.27 key and detailed events (ST.27 Annex I)", () => {
    const m = LegalStatusMapping.defaultMapping(patent);
    const table = Object.fromEntries(patent.actions.map((a) => [a.id, codes(m, a.id)]));
    expect({ file: codes(m, "file"), import: codes(m, "import"), ...table }).toEqual({
      file: "A10/A12 NAP",
      import: "A10/A12 NAP",
      accord_filing_date: undefined,
      notify_formality_deficiency: undefined,
      deficiency_remedied: undefined,
      formalities_compliant: undefined,
      classification_checked: undefined,
      complete_search: "D10/D14 SRH",
      publish: "Q10/Q12",
      raise_objection: "D10/D15 EXM",
      reply_to_objection: undefined,
      intend_to_grant: "D10/D22 EXM",
      refuse: "B10/B15 EXM",
      grant: "F10/F11",
      renew: "U10/U11",
      lapse: "H10/H13",
      expire: "H10/H14",
      restore_right: "K10/K13",
      file_opposition: "L10/L11 OPP",
      withdraw_opposition_in_period: "L10/L18 OPP",
      close_opposition_period: undefined,
      opposition_withdrawn: "L10/L18 OPP",
      reject_opposition: "M10/M11 OPP",
      uphold_opposition: "H10/H12 OPP",
      surrender: "H10/H15",
      revoke: "H10/H12",
      file_appeal: "V10/V11 APL",
      close_appeal_period: undefined,
      allow_appeal: "V10/V14 APL",
      dismiss_appeal: "V10/V13 APL",
      withdraw_appeal: "V10/V13 APL",
      withdraw: "B10/B11",
      deem_withdrawn: "B10/B12",
      restore_application: "C10/C13",
      suspend: "T10/T14",
      resume: "T10/T16",
    });
  });

  it("gives each state of the shipped workflows an ST.27 state and stage (PatentLegalStatusData_V6_0.xsd StateCode, StageCode)", () => {
    const m = LegalStatusMapping.defaultMapping(patent);
    expect(m.states).toMatchObject({
      filed: { state: "A", stage: "1" },
      search: { state: "A", stage: "2" },
      substantive_examination: { state: "A", stage: "2" },
      opposition_period: { state: "A", stage: "4" },
      opposition: { state: "A", stage: "5" },
      in_force: { state: "A", stage: "4" },
      // restorable (restore_right, restore_application, an appeal): not active, the stage kept
      lapsed: { state: "N" },
      deemed_withdrawn: { state: "N" },
      refused: { state: "N" },
      // nothing leaves them: terminated
      expired: { state: "T", stage: "6" },
      withdrawn: { state: "T", stage: "6" },
      refusal_final: { state: "T", stage: "6" },
    });
    expect(m.states.lapsed?.stage).toBeUndefined();
    const um = LegalStatusMapping.defaultMapping(utilityModel);
    // a utility model's opposition comes before registration: a pre-grant challenge
    expect(um.states.opposition_period).toEqual({ state: "A", stage: "3" });
    expect(codes(um, "register")).toBe("F10/F12");
    expect(codes(um, "file_opposition")).toBe("E10/E11 OPP");
    for (const mapping of [m, um]) {
      expect(Result.isSuccess(Schema.decodeUnknownResult(LegalStatusMapping.Mapping)(mapping))).toBe(true);
    }
  });

  it("turns a patent's history into ST.27 events with stages, dates and the office's own action", () => {
    const m = LegalStatusMapping.defaultMapping(patent);
    const record = LegalStatusMapping.fromHistory(
      history({
        officeCode: "OM",
        applicationNumber: "P/2023/000311",
        filingDate: "2023-04-18",
        events: [
          { date: "2023-04-18", action: "file", toStatus: "filed" },
          { date: "2023-04-19", action: "accord_filing_date", toStatus: "formality_examination" },
          { date: "2023-05-02", action: "formalities_compliant", toStatus: "classification" },
          { date: "2023-05-09", action: "classification_checked", toStatus: "search" },
          { date: "2024-01-09", action: "complete_search", toStatus: "awaiting_publication", standardCode: "D14" },
          { date: "2024-10-20", action: "publish", toStatus: "substantive_examination", standardCode: "Q12" },
          { date: "2025-03-01", action: "intend_to_grant", toStatus: "grant_pending", standardCode: "D22" },
          { date: "2025-06-02", action: "grant", toStatus: "opposition_period", standardCode: "F11" },
          { date: "2026-03-02", action: "close_opposition_period", toStatus: "in_force" },
          { date: "2026-05-20", action: "lapse", toStatus: "lapsed", standardCode: "H13" },
        ],
      }),
      m,
    );
    expect(
      record?.events.map((e) => [e.date, e.keyEvent, e.detailedEvent, e.state, e.previousStage, e.currentStage]),
    ).toEqual([
      ["2023-04-18", "A10", "A12", "A", "0", "1"],
      ["2024-01-09", "D10", "D14", "A", "2", "2"],
      ["2024-10-20", "Q10", "Q12", "A", "2", "2"],
      ["2025-03-01", "D10", "D22", "A", "2", "2"],
      ["2025-06-02", "F10", "F11", "A", "2", "4"],
      ["2026-05-20", "H10", "H13", "N", "4", "4"],
    ]);
    expect(record?.events.map((e) => e.nationalCode)).toEqual([
      "file",
      "complete_search",
      "publish",
      "intend_to_grant",
      "grant",
      "lapse",
    ]);
    expect(record).toMatchObject({ officeCode: "OM", applicationNumber: "P/2023/000311", filingDate: "2023-04-18" });
    const xml = PatentLegalStatus.write([record as PatentLegalStatus.LegalStatusRecord]);
    written.push(xml);
    const back = PatentLegalStatus.read(xml);
    expect(Result.isSuccess(back) && back.success.records.map((r) => r.record)).toEqual([record]);
  });

  it("uses a recorded ST.27 detailed code for an event the mapping does not name (a userdoc), and leaves out what nothing maps", () => {
    const m = LegalStatusMapping.defaultMapping(patent);
    const record = LegalStatusMapping.fromHistory(
      history({
        officeCode: "OM",
        applicationNumber: "P/1",
        events: [
          { date: "2024-01-01", action: "change_of_owner", toStatus: "in_force", standardCode: "R11" },
          { date: "2024-01-02", action: "note", toStatus: "in_force", standardCode: "Opposition pending" },
          { date: "2024-01-03", action: "notify_formality_deficiency", toStatus: "in_force" },
        ],
      }),
      m,
    );
    expect(record?.events.map((e) => `${e.keyEvent}/${e.detailedEvent}`)).toEqual(["R10/R11"]);
    expect(
      LegalStatusMapping.fromHistory(
        history({
          officeCode: "OM",
          applicationNumber: "P/2",
          events: [{ date: "2024-01-01", action: "x", toStatus: "y" }],
        }),
        m,
      ),
    ).toBeUndefined();
  });

  it("applies an office's override: its codes, an event omitted, a state's stage", () => {
    const override = Schema.decodeUnknownSync(LegalStatusMapping.Override)({
      events: { grant: { keyEvent: "F10", detailedEvent: "F12" }, publish: "omit" },
      states: { in_force: { state: "A", stage: "4" }, lapsed: { state: "T", stage: "6" } },
    });
    const m = LegalStatusMapping.withOverride(LegalStatusMapping.defaultMapping(patent), override);
    expect(codes(m, "grant")).toBe("F10/F12");
    expect(m.events.publish).toBe("omit");
    expect(m.states.lapsed).toEqual({ state: "T", stage: "6" });
    const r = LegalStatusMapping.fromHistory(
      history({
        officeCode: "OM",
        applicationNumber: "P/3",
        events: [
          { date: "2024-01-01", action: "publish", toStatus: "substantive_examination", standardCode: "Q12" },
          { date: "2024-02-01", action: "grant", toStatus: "opposition_period", standardCode: "F11" },
        ],
      }),
      m,
    );
    expect(r?.events.map((e) => e.detailedEvent)).toEqual(["F12"]);
    expect(LegalStatusMapping.overrideIssues(patent, override)).toEqual([]);
  });

  it("names what is wrong in an override: a detailed event of another key, an unknown code, action or state", () => {
    const bad = Schema.decodeUnknownResult(LegalStatusMapping.Override, { errors: "all" })({
      events: { grant: { keyEvent: "F10", detailedEvent: "H13" }, lapse: { keyEvent: "H10", detailedEvent: "H99" } },
    });
    expect(Result.isFailure(bad) && String(bad.failure)).toMatch(/H13 belongs to key event H10, not F10/);
    expect(Result.isFailure(bad) && String(bad.failure)).toMatch(/lapse/);
    expect(
      LegalStatusMapping.overrideIssues(
        patent,
        {
          events: { grnat: { keyEvent: "F10", detailedEvent: "F11" }, change_of_owner: "omit" },
          states: { in_froce: { state: "A" } },
        },
        ["change_of_owner"],
      ),
    ).toEqual([
      { path: "events.grnat", message: expect.stringContaining('"grnat" is not an action of the patent workflow') },
      { path: "states.in_froce", message: expect.stringContaining('"in_froce" is not a state of the patent workflow') },
    ]);
  });

  it("writes, for any run of the shipped workflows' actions, a record the ST.96 reader gives back unchanged", () => {
    const byState = (wf: Workflow.Definition) => (state: string) =>
      wf.actions.filter((a) => a.from.includes(state) && a.to !== undefined && !a.to.startsWith("@"));
    fc.assert(
      fc.property(
        fc.constantFrom(patent, utilityModel),
        fc.array(fc.nat(), { minLength: 1, maxLength: 25 }),
        (wf, picks) => {
          const next = byState(wf);
          let status = wf.initial;
          const events: Array<LegalStatusMapping.HistoryEvent> = [
            { date: "2020-01-01" as never, action: "file", toStatus: status },
          ];
          for (const [i, p] of picks.entries()) {
            const options = next(status);
            const a = options[p % Math.max(options.length, 1)];
            if (a === undefined || a.to === undefined) break;
            status = a.to;
            const day = String((i % 27) + 1).padStart(2, "0");
            events.push({
              date: `2021-01-${day}` as never,
              action: a.id,
              toStatus: status,
              standardCode: a.standardCode,
            });
          }
          const record = LegalStatusMapping.fromHistory(
            history({ officeCode: "OM", applicationNumber: "P/2020/1", filingDate: "2020-01-01", events }),
            LegalStatusMapping.defaultMapping(wf),
          );
          expect(record).toBeDefined();
          const decoded = Schema.decodeUnknownResult(PatentLegalStatus.LegalStatusRecord)(record);
          expect(Result.isSuccess(decoded)).toBe(true);
          // the filing is reported first, from stage 0; the stage never goes back to 0 afterwards
          expect(record?.events[0]).toMatchObject({ keyEvent: "A10", previousStage: "0", currentStage: "1" });
          for (const e of record?.events.slice(1) ?? []) expect(e.previousStage).not.toBe("0");
          const xml = PatentLegalStatus.write([record as PatentLegalStatus.LegalStatusRecord]);
          if (written.length < 40) written.push(xml);
          const back = PatentLegalStatus.read(xml);
          expect(Result.isSuccess(back) && back.success.records[0]?.record).toEqual(record);
        },
      ),
      { numRuns: 150 },
    );
  });

  it(withSchemaCheck("writes legal status valid against PatentLegalStatusData_V6_0.xsd"), () => {
    expect(written.length).toBeGreaterThan(0);
    for (const r of validateAll(schemaFile("PatentLegalStatusData"), written)) {
      expect(r.messages).toEqual([]);
      expect(r.valid).toBe(true);
    }
  });
});
