/**
 * Every standard code of the default workflows and userdoc types, pinned: ST.96 mark categories on marks, ST.27 key
 * and detailed events on patents, utility models and designs (by analogy, ST.87 tables being unavailable), each
 * found in the code lists shipped in `internal/` and meaning what happened.
 */
import { describe, expect, it } from "vitest";
import { LegalStatusStandard, Userdoc, Workflow } from "@ipoffice/domain";

const kinds = ["trademark", "patent", "industrial_design", "utility_model"] as const;

const statesOf = (kind: (typeof kinds)[number]) =>
  Object.fromEntries(Workflow.defaults[kind].states.map((s) => [s.id, s.standard?.code]));
const actionsOf = (kind: (typeof kinds)[number]) =>
  Object.fromEntries(Workflow.defaults[kind].actions.map((a) => [a.id, a.standardCode ?? null]));

describe("standard codes of the default workflows", () => {
  it.each(kinds)("%s: states carry current-status categories and actions event codes of the right list", (kind) => {
    const def = Workflow.defaults[kind];
    const mark = kind === "trademark";
    const statuses: ReadonlyArray<string> = mark
      ? LegalStatusStandard.markCurrentStatusCategoryValues
      : LegalStatusStandard.st27KeyEventCodes;
    const events: ReadonlyArray<string> = mark
      ? LegalStatusStandard.markEventCategoryValues
      : LegalStatusStandard.st27DetailedEventCodes;
    for (const s of def.states) {
      expect(s.standard?.standard, `state ${s.id}`).toBe(mark ? "ST.96" : "ST.27");
      expect(statuses, `state ${s.id}`).toContain(s.standard?.code);
    }
    for (const a of def.actions) {
      if (a.standardCode !== undefined) expect(events, `action ${a.id}`).toContain(a.standardCode);
    }
  });

  it("pins the trademark mapping (ST.96 Trademark_V6_0 MarkCurrentStatusCategory / MarkEventCategory)", () => {
    expect(statesOf("trademark")).toEqual({
      filed: "Application Filed",
      // Once the filing date is accorded the application is no longer merely filed.
      formality_examination: "Filing date accorded",
      formality_deficiency: "Filing date accorded",
      classification: "Filing date accorded",
      substantive_examination: "Classification checked",
      objection_raised: "Classification checked",
      accepted: "Application accepted",
      opposition_period: "Application published",
      opposition: "Opposition pending",
      registration_pending: "Application accepted",
      registered: "Registration published",
      // Invalidity and revocation are different proceedings with different categories.
      cancellation_pending: "Invalidity proceeding pending",
      revocation_pending: "Revocation proceeding pending",
      expired: "Registration cancelled",
      surrendered: "Registration surrendered",
      cancelled: "Registration cancelled",
      refused: "Application refused",
      appeal: "Appeal pending",
      refusal_final: "Application refused",
      withdrawn: "Application withdrawn",
      deemed_withdrawn: "Application withdrawn",
      suspended: "Interruption of proceeding",
    });
    expect(actionsOf("trademark")).toMatchObject({
      classification_checked: "Classification checked",
      publish: "Application published",
      file_opposition: "Opposition pending",
      register: "Registration published",
      surrender: "Registration surrendered",
      file_revocation_request: "Revocation proceeding pending",
      file_invalidity_request: "Invalidity proceeding pending",
      cancel_registration: "Registration cancelled",
      // ST.96 has no renewal category: a renewal records no code rather than a wrong one.
      renew: null,
    });
  });

  it("pins the patent and utility model mapping (ST.27 key and detailed events)", () => {
    expect(statesOf("patent")).toEqual({
      filed: "A10",
      formality_examination: "A10",
      formality_deficiency: "A10",
      classification: "A10",
      search: "D10",
      awaiting_publication: "D10",
      substantive_examination: "D10",
      objection_raised: "D10",
      grant_pending: "D10",
      opposition_period: "F10",
      opposition: "L10",
      in_force: "F10",
      lapsed: "H10",
      expired: "H10",
      surrendered: "H10",
      revoked: "H10",
      refused: "B10",
      appeal: "V10",
      refusal_final: "B10",
      withdrawn: "B10",
      deemed_withdrawn: "B10",
      suspended: "T10",
    });
    expect(actionsOf("patent")).toEqual({
      accord_filing_date: null,
      notify_formality_deficiency: null,
      deficiency_remedied: null,
      formalities_compliant: null,
      // A first classification is not P22 "Classification modified".
      classification_checked: null,
      complete_search: "D14",
      publish: "Q12",
      raise_objection: null,
      reply_to_objection: null,
      intend_to_grant: "D22",
      refuse: "B15",
      grant: "F11",
      renew: "U11",
      lapse: "H13",
      expire: "H14",
      restore_right: "K13",
      file_opposition: "L11",
      withdraw_opposition_in_period: "L18",
      close_opposition_period: null,
      opposition_withdrawn: "L18",
      reject_opposition: "M11",
      uphold_opposition: "H12",
      surrender: "H15",
      revoke: "H12",
      file_appeal: "V11",
      close_appeal_period: null,
      allow_appeal: null,
      dismiss_appeal: "V13",
      withdraw_appeal: null,
      withdraw: "B11",
      deem_withdrawn: "B12",
      restore_application: "C13",
      suspend: "T14",
      resume: "T16",
    });
    // A utility model is registered after a formality-type examination, opposed before registration.
    expect(actionsOf("utility_model")).toMatchObject({
      register: "F12",
      file_opposition: "E11",
      reject_opposition: "E15",
      uphold_opposition: "B17",
      classification_checked: null,
    });
    expect(statesOf("utility_model")).toMatchObject({ opposition_period: "Q10", opposition: "E10", in_force: "F10" });
  });

  it("pins the design mapping (ST.27 by analogy)", () => {
    expect(statesOf("industrial_design")).toMatchObject({
      opposition_period: "Q10",
      opposition: "E10",
      registered: "F10",
      expired: "H10",
      invalidated: "H10",
    });
    expect(actionsOf("industrial_design")).toMatchObject({
      classification_checked: null,
      file_opposition: "E11",
      uphold_opposition: "B17",
      register: "F11",
      renew: "U11",
      expire: "H14",
      invalidate: "H12",
    });
  });
});

describe("standard codes of the userdoc types", () => {
  it("are ST.27 detailed events for patents and designs, ST.96 mark events for marks", () => {
    for (const t of Userdoc.types) {
      if (t.standardCode !== undefined) {
        expect(LegalStatusStandard.lookup("ST.27", t.standardCode)?.list, t.id).toMatch(/^st27(Detailed|Key)Event$/);
      }
      if (t.markEventCode !== undefined) {
        expect(LegalStatusStandard.lookup("ST.96", t.markEventCode)?.list, t.id).toBe("markEvent");
      }
    }
    expect(
      Object.fromEntries(Userdoc.types.map((t) => [t.id, [t.standardCode ?? null, t.markEventCode ?? null]])),
    ).toEqual({
      transfer: ["R14", "National assignment history entry"],
      licence: ["S11", null],
      licence_cancellation: ["S13", null],
      pledge: ["S20", null],
      pledge_release: ["S22", null],
      security_measure: ["S20", null],
      security_measure_lifted: ["S22", null],
      bankruptcy: ["W10", null],
      change_of_name: ["R13", null],
      change_of_address: ["R18", null],
      change_of_representative: ["R17", null],
      renewal: [null, null],
      annual_fee: [null, null],
      withdrawal: [null, null],
      opposition: [null, null],
      invalidity: ["L15", null],
      revocation: [null, null],
      appeal: [null, null],
      restoration: [null, null],
    });
  });

  it("eventCodeOf gives the mark event category of a status, and the ST.27 code itself", () => {
    expect(LegalStatusStandard.eventCodeOf({ standard: "ST.96", code: "Application Filed" })).toBe("Application filed");
    expect(LegalStatusStandard.eventCodeOf({ standard: "ST.96", code: "Opposition pending" })).toBe(
      "Opposition pending",
    );
    expect(LegalStatusStandard.eventCodeOf({ standard: "ST.96", code: "no such category" })).toBeUndefined();
    expect(LegalStatusStandard.eventCodeOf({ standard: "ST.27", code: "A10" })).toBe("A10");
  });
});
