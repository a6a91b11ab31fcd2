/**
 * The desks of the back office: which rights (and Madrid designations) wait in which queue, and who serves it. A queue
 * is defined by workflow actions, not by status names: a right is in the queue when its current state allows one of
 * the queue's actions in the workflow of its kind, so an office with its own workflow (other states, other roles)
 * gets the same desks as long as it keeps the action ids, and an office that names its actions differently lists them
 * in its configuration (`desks.queues.<queue>.actions`). The roles that serve a queue are the roles the workflow gives
 * those actions (less `system`, the applicant and the representative), unless the configuration names them.
 *
 * A state belongs to one queue at most: the first, in the order of {@link queueIds}, that claims it. Pure: no IO.
 */
import { Calendar, type Workflow } from "@ipoffice/domain";
import { Result } from "effect";
import type { IpKind, OfficeConfig } from "../config/OfficeConfig.js";

export const queueIds = [
  "formality",
  "classification",
  "examination",
  "publication",
  "registration",
  "userdocs",
  "renewals",
  "madrid",
] as const;
export type QueueId = (typeof queueIds)[number];
export const isQueueId = (value: string): value is QueueId => (queueIds as ReadonlyArray<string>).includes(value);

/** Queues of rights (every one but `madrid`, whose items are designations). */
export type RightsQueueId = Exclude<QueueId, "madrid">;

/**
 * The default actions of each queue, as the default workflows name them (packages/domain/src/workflows): formality
 * examination (filing date accorded, deficiencies), classification, examination on the merits (with the search of
 * patents), publication, registration or grant, decisions in proceedings opened by post-filing requests (oppositions,
 * cancellation, appeals) and renewals.
 */
export const defaultQueueActions: Readonly<Record<RightsQueueId, ReadonlyArray<string>>> = {
  formality: ["accord_filing_date", "formalities_compliant", "notify_formality_deficiency", "deficiency_remedied"],
  classification: ["classification_checked"],
  examination: ["examine", "raise_objection", "complete_search", "intend_to_grant", "accept", "refuse"],
  publication: ["publish"],
  registration: ["register", "grant"],
  userdocs: [
    "decide_opposition",
    "reject_opposition",
    "uphold_opposition",
    "opposition_withdrawn",
    "cancel_registration",
    "reject_cancellation_request",
    "allow_appeal",
    "dismiss_appeal",
  ],
  renewals: ["renew"],
};

/** Madrid designations waiting for the office's decision (Madrid Protocol art. 5(2): refusal time limit running). */
export const defaultMadridStatuses: ReadonlyArray<string> = ["pending"];

/** The Madrid desk is served by the Madrid examiner (src/auth/permissions.ts). */
export const defaultMadridRoles: ReadonlyArray<string> = ["madrid_examiner"];

/**
 * A registered right enters the renewals queue when its time limit (the end of the grace period) is this close: a
 * year covers the usual 6 months before the renewal date and the 6-month grace period (Paris Convention art. 5bis).
 */
export const defaultRenewalsWithinDays = 365;

/** Roles that never serve a desk: the scheduler and the people outside the office. */
const notStaff = new Set(["system", "applicant", "representative"]);

export interface RightsQueue {
  readonly id: RightsQueueId;
  /** The (kind, status) pairs whose rights wait in this queue. */
  readonly states: ReadonlyArray<{ readonly kind: IpKind; readonly status: string }>;
  /** The queue's actions present in the office's workflows. */
  readonly actions: ReadonlyArray<string>;
  readonly roles: ReadonlyArray<string>;
  /** Renewals only: the time limit falls within this many days. */
  readonly dueWithinDays?: number | undefined;
}

export interface MadridQueue {
  readonly id: "madrid";
  readonly statuses: ReadonlyArray<string>;
  readonly roles: ReadonlyArray<string>;
}

export type Queue = RightsQueue | MadridQueue;

export interface Desks {
  readonly queues: ReadonlyArray<Queue>;
  readonly get: (id: QueueId) => Queue | undefined;
  /** The rights queue a (kind, status) belongs to, if any. */
  readonly queueOf: (kind: string, status: string) => RightsQueueId | undefined;
}

/**
 * The office's queues from its workflows and its configuration. `madrid` is included when the office runs the Madrid
 * desk (`madrid` product).
 */
export const resolveDesks = (
  workflows: Readonly<Record<IpKind, Workflow.Definition>>,
  kinds: ReadonlyArray<IpKind>,
  config: Pick<OfficeConfig, "desks"> & { readonly office: Pick<OfficeConfig["office"], "products"> },
): Desks => {
  const configured = config.desks?.queues ?? {};
  const claimed = new Map<string, RightsQueueId>();
  const queues: Queue[] = [];
  for (const id of queueIds) {
    if (id === "madrid") {
      if (!config.office.products.includes("madrid")) continue;
      queues.push({
        id,
        statuses: configured[id]?.statuses ?? defaultMadridStatuses,
        roles: configured[id]?.roles ?? defaultMadridRoles,
      });
      continue;
    }
    const wanted = new Set(configured[id]?.actions ?? defaultQueueActions[id]);
    const states: Array<{ kind: IpKind; status: string }> = [];
    const actions = new Set<string>();
    const roles = new Set<string>();
    for (const kind of kinds) {
      const workflow = workflows[kind];
      const finals = new Set(workflow.states.filter((s) => s.final === true).map((s) => s.id));
      for (const action of workflow.actions) {
        if (!wanted.has(action.id)) continue;
        const staff = action.roles.filter((r) => !notStaff.has(r));
        if (staff.length === 0) continue;
        actions.add(action.id);
        for (const r of staff) roles.add(r);
        for (const status of action.from) {
          // A final state waits for no one (a restoration is asked for, not worked through a desk).
          if (finals.has(status)) continue;
          const key = `${kind}\u0000${status}`;
          if (claimed.has(key)) continue;
          claimed.set(key, id);
          states.push({ kind, status });
        }
      }
    }
    queues.push({
      id,
      states,
      actions: [...actions],
      roles: configured[id]?.roles ?? [...roles].sort(),
      ...(id === "renewals" ? { dueWithinDays: config.desks?.renewalsWithinDays ?? defaultRenewalsWithinDays } : {}),
    });
  }
  const byId = new Map(queues.map((q) => [q.id, q]));
  return {
    queues,
    get: (id) => byId.get(id),
    queueOf: (kind, status) => claimed.get(`${kind}\u0000${status}`),
  };
};

/** Whether an account or token with these roles serves the queue (sees it, may be assigned its items). */
export const serves = (queue: Queue, roles: ReadonlyArray<string>): boolean =>
  queue.roles.some((r) => roles.includes(r));

/** The queues these roles serve, in order. */
export const queuesFor = (desks: Desks, roles: ReadonlyArray<string>): ReadonlyArray<Queue> =>
  desks.queues.filter((q) => serves(q, roles));

/** The last day a renewals item's time limit may fall on to be in the queue today. */
export const renewalsCutoff = (today: Calendar.IsoDate, days: number): Calendar.IsoDate =>
  Result.getOrElse(Calendar.addDays(today, days), () => today);

/**
 * Problems of the `desks` configuration: an unknown queue, an action no workflow of the office has, a role no account
 * can hold. Each names its path.
 */
export const desksIssues = (
  desks: OfficeConfig["desks"],
  workflows: ReadonlyArray<Workflow.Definition>,
  roles: ReadonlyArray<string>,
): Array<{ path: string; message: string }> => {
  const issues: Array<{ path: string; message: string }> = [];
  const actionIds = new Set(workflows.flatMap((w) => w.actions.map((a) => a.id)));
  const known = new Set(roles);
  for (const [queue, setting] of Object.entries(desks?.queues ?? {})) {
    if (!isQueueId(queue)) {
      issues.push({ path: `desks.queues.${queue}`, message: `unknown queue (queues: ${queueIds.join(", ")})` });
      continue;
    }
    (setting.actions ?? []).forEach((a, i) => {
      if (queue === "madrid")
        issues.push({
          path: `desks.queues.madrid.actions.${i}`,
          message: "the Madrid queue lists statuses, not actions",
        });
      else if (!actionIds.has(a))
        issues.push({
          path: `desks.queues.${queue}.actions.${i}`,
          message: `no workflow of the office has the action ${a}`,
        });
    });
    (setting.roles ?? []).forEach((r, i) => {
      if (!known.has(r)) issues.push({ path: `desks.queues.${queue}.roles.${i}`, message: `unknown role ${r}` });
    });
  }
  return issues;
};
