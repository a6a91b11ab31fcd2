/**
 * How failures become HTTP answers. Packages know nothing of HTTP; this is the one place that maps their typed
 * errors to status codes and problem bodies.
 */
import { Userdoc, Workflow } from "@ipoffice/domain";
import type { Context } from "hono";
import type { Logger } from "../Logger.js";
import {
  ConcurrentUpdate,
  type DatabaseError,
  FilingRefused,
  NoNiceEditionInForce,
  NumberingFailed,
  RegistrationNumberTaken,
  RightNotFound,
} from "../rights/Rights.js";
import { formatPath, invalidInput, type Problem, problem, sendProblem } from "./problem.js";

export type KnownError =
  | RightNotFound
  | ConcurrentUpdate
  | DatabaseError
  | NumberingFailed
  | RegistrationNumberTaken
  | NoNiceEditionInForce
  | FilingRefused
  | Workflow.ActionNotAllowed
  | Workflow.RoleNotAllowed
  | Workflow.InvalidActionInput
  | Userdoc.UserdocError;

export const toProblem = (error: KnownError): Problem => {
  if (error instanceof RightNotFound) {
    return problem(404, "not-found", "Not found", `No application or right numbered ${error.applicationNumber}.`);
  }
  if (error instanceof Workflow.ActionNotAllowed) {
    return problem(
      409,
      "action-not-allowed",
      "Action not allowed in the current state",
      `The action "${error.action}" is not allowed while the right is in state "${error.status}". Allowed: ${
        error.allowed.length > 0 ? error.allowed.join(", ") : "none"
      }.`,
      { state: error.status, allowedActions: error.allowed },
    );
  }
  if (error instanceof Workflow.RoleNotAllowed) {
    return problem(
      403,
      "role-not-allowed",
      "Role not allowed",
      `The role "${error.role}" may not perform "${error.action}". Roles allowed: ${error.allowedRoles.join(", ")}.`,
      { allowedRoles: error.allowedRoles },
    );
  }
  if (error instanceof Workflow.InvalidActionInput) {
    const errors = error.problems.map((p) => ({ path: p.path.join("."), message: p.message }));
    return problem(400, "invalid-input", "Invalid input", error.message, { errors });
  }
  if (error instanceof Userdoc.UserdocError) {
    const errors = error.problems.map((p) => ({ path: p.path.join("."), message: p.message }));
    const conflict = error.reason === "not_applicable" || error.reason === "out_of_time" || error.reason === "workflow";
    return conflict
      ? problem(409, "userdoc-not-applicable", "Request cannot be applied now", error.message, {
          reason: error.reason,
          errors,
        })
      : problem(400, "invalid-input", "Invalid input", error.message, { reason: error.reason, errors });
  }
  if (error instanceof ConcurrentUpdate) {
    return problem(
      409,
      "concurrent-update",
      "Changed by someone else",
      `${error.applicationNumber} changed while this request was processed; read it again and retry.`,
    );
  }
  if (error instanceof NoNiceEditionInForce) {
    return problem(422, "no-nice-edition-in-force", "No Nice edition in force on the filing date", error.message, {
      errors: [{ path: "filingDate", message: error.message }],
    });
  }
  if (error instanceof FilingRefused) {
    const several = error.problems.some((p) => p.request > 0);
    return invalidInput(
      error.problems.map((p) => ({
        path: formatPath(several ? [p.request, ...p.path] : p.path),
        message: p.message,
      })),
    );
  }
  if (error instanceof RegistrationNumberTaken) {
    return problem(409, "registration-number-taken", "Registration number already issued", `${error.message}.`, {
      errors: [{ path: "data.registrationNumber", message: error.message }],
    });
  }
  if (error instanceof NumberingFailed) {
    return problem(500, "numbering-failed", "Numbering failed", error.message);
  }
  return problem(
    503,
    "database-unavailable",
    "Database unavailable",
    "The database did not answer; try again shortly.",
  );
};

export const sendError = (c: Context, logger: Logger, error: KnownError): Response => {
  const p = toProblem(error);
  if (p.status >= 500) logger.error({ err: error, requestId: c.get("requestId") }, p.title);
  return sendProblem(c, p);
};
