import { Result, Schema } from "effect";
import { type Actor, type Calendar, type Event, IpRight, Workflow } from "@ipoffice/domain";

export const date = (s: string) => s as Calendar.IsoDate;

export const ctxFor = (kind: IpRight.IpKind, filingDate = "2026-01-05") => ({
  officeCode: "JO",
  applicationNumber: `${kind}/2026/1`,
  st13: "JO502026000001",
  filingDate: date(filingDate),
  at: `${filingDate}T08:00:00Z`,
  actor: { id: "efiling", role: "applicant" },
  workflow: Workflow.defaults[kind],
  niceEdition: "13-2026",
});

export const requests: Record<IpRight.IpKind, unknown> = {
  trademark: {
    kind: "trademark",
    mark: { text: "NAKHLA", type: "word" },
    owners: [{ name: "Nakhla Foods PSC", country: "JO" }],
    goodsAndServices: [
      { classNumber: 29, terms: ["Dates, processed", "Date paste"] },
      { classNumber: 30, terms: ["Pastries", "Coffee"] },
      { classNumber: 35, terms: ["Retail services relating to foodstuffs"] },
    ],
  },
  patent: {
    kind: "patent",
    title: "Solar-powered water desalination still",
    claimsCount: 12,
    ipc: ["C02F 1/14"],
    applicants: [{ name: "Aqaba Water Tech", country: "JO" }],
    inventors: [{ name: "Rana Khalil", country: "JO" }],
  },
  industrial_design: {
    kind: "industrial_design",
    designs: [{ product: "Coffee pot (dallah)", locarnoClass: "07-02", views: 6 }],
    applicants: [{ name: "Dallah Studio", country: "OM" }],
    designers: [{ name: "Salim Al-Harthi" }],
  },
  utility_model: {
    kind: "utility_model",
    title: "Folding date-palm ladder",
    claimsCount: 4,
    applicants: [{ name: "Basra Tools", country: "IQ", kind: "legal" }],
    inventors: [{ name: "Ali Hassan" }],
  },
};

export const fileRight = (kind: IpRight.IpKind, filingDate?: string) =>
  IpRight.file(Schema.decodeUnknownSync(IpRight.FilingRequest)(requests[kind]), ctxFor(kind, filingDate)).right;

export interface Step extends Omit<Workflow.ActionRequest, "action"> {
  readonly role?: string;
  readonly today?: string;
}

/** Performs an action and returns the new right, failing the test with the error message when refused. */
export const act = (
  right: IpRight.Right,
  action: string,
  step: Step = {},
): { right: IpRight.Right; event: Event.RightEvent } => {
  const def = Workflow.defaults[right.kind];
  const role = step.role ?? Workflow.defaults[right.kind].actions.find((a) => a.id === action)?.roles[0] ?? "clerk";
  const today = step.today ?? right.statusSince.slice(0, 10);
  const actor: Actor.Actor = { id: role === "system" ? "system" : `${role}-1`, role };
  const { role: _r, today: _t, ...request } = step;
  const result = Workflow.perform(
    def,
    right,
    { action, ...request },
    { at: `${today}T10:00:00Z`, today: date(today), actor },
  );
  if (Result.isFailure(result)) throw new Error(`${action}: ${result.failure.message}`);
  return result.success;
};

/** Performs a chain of actions. */
export const chain = (right: IpRight.Right, steps: ReadonlyArray<[string, Step?]>): IpRight.Right =>
  steps.reduce((r, [action, step]) => act(r, action, step).right, right);
