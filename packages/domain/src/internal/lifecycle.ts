/**
 * Moving a right into a workflow state: status, status date, standard status and the pending time limit.
 */
import type { IsoDate, WorkingCalendar } from "../Calendar.js";
import type { Right } from "../IpRight.js";
import type { Definition, TimeLimit } from "../Workflow.js";
import { dateOf, timeLimitEnd } from "./dates.js";

/**
 * The date the term of protection and the annual fees run from: the filing date, or for the national phase of an
 * international application the international filing date (PCT art. 11(3): it has the effect of a regular national
 * application as of the international filing date).
 */
export const termStart = (right: Right): IsoDate =>
  (right.kind === "patent" || right.kind === "utility_model") && right.pct !== undefined
    ? right.pct.filingDate
    : right.filingDate;

/** The date a time limit runs from, or undefined when the right has no such date yet. */
export const startOf = (right: Right, limit: TimeLimit, entry: IsoDate): IsoDate | undefined => {
  switch (limit.from) {
    case "entry":
      return entry;
    case "filingDate":
      return termStart(right);
    case "priorityDate":
      return [termStart(right), ...right.priorities.map((p) => p.date)].sort()[0];
    case "publicationDate":
      return right.publication?.date;
    case "registrationDate":
      return right.registration?.date;
    case "expiryDate":
      return right.expiryDate;
    case "renewalDueDate":
      return right.renewalDueDate;
    case "termEnd":
      return right.renewalDueDate === undefined ? right.expiryDate : undefined;
  }
};

/** The earliest time limit of a state for this right, with its due date (moved to a working day of the calendar). */
export const pendingTimeLimit = (
  def: Definition,
  right: Right,
  stateId: string,
  entry: IsoDate,
  calendar?: WorkingCalendar,
): { action: string; due: IsoDate; from: string } | undefined => {
  const state = def.states.find((s) => s.id === stateId);
  let best: { action: string; due: IsoDate; from: string } | undefined;
  for (const limit of state?.timeLimits ?? []) {
    const start = startOf(right, limit, entry);
    if (start === undefined) continue;
    const due = timeLimitEnd(start, limit, calendar);
    if (best === undefined || due < best.due) best = { action: limit.action, due, from: limit.from };
  }
  return best;
};

/**
 * The right in `stateId` as of instant `at`: status, `statusSince` and `previousStatus` when the status changes,
 * standard status and pending time limit (recomputed, so a renewal moves the time limit that runs from the expiry
 * date; limits running from entry into the state keep running from the original entry on a self-transition).
 * The version is not touched.
 */
export const enterState = <R extends Right>(
  def: Definition,
  right: R,
  stateId: string,
  at: string,
  calendar?: WorkingCalendar,
): R => {
  const moved = right.status !== stateId;
  const state = def.states.find((s) => s.id === stateId);
  const { standardStatus: _standard, timeLimit: _limit, previousStatus, ...rest } = right;
  const statusSince = moved ? at : right.statusSince;
  const base = {
    ...rest,
    status: stateId,
    statusSince,
    ...(moved ? { previousStatus: right.status } : previousStatus !== undefined ? { previousStatus } : {}),
  } as R;
  const limit = pendingTimeLimit(def, base, stateId, dateOf(statusSince), calendar);
  return {
    ...base,
    ...(state?.standard !== undefined ? { standardStatus: state.standard } : {}),
    ...(limit !== undefined ? { timeLimit: limit } : {}),
  };
};
