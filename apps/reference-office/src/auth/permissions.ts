/**
 * Who may do what: the permissions the routes ask for, the staff roles, and the matrix that grants permissions to
 * roles. The matrix is data in the office configuration (`access.permissions`) with the default below; it is checked
 * when the configuration loads (unknown roles and permissions are errors naming their path).
 *
 * Workflow actions are checked twice: the route asks for `rights.act`, and the workflow names the roles that may
 * perform each action (the account acts under the first of its roles the action allows).
 */
import type { Workflow } from "@ipoffice/domain";
import type { FieldIssue } from "../http/problem.js";

/** Every permission a route or page may ask for, with what it allows. */
export const permissions = {
  "register.read": "read every right of the office, published or not, with its full history",
  "rights.file": "file applications through the API",
  "rights.act": "perform workflow actions (the workflow also names the roles allowed for each action)",
  "userdocs.record": "record post-filing requests (transfers, renewals, changes…)",
  "timelimits.run": "perform by hand the actions of time limits that have run out",
  "madrid.read": "read the Madrid desk: designations, documents, the dashboard",
  "madrid.decide": "decide on Madrid designations (refusals, grants) and send them to the International Bureau",
  "madrid.import": "import transactions from the International Bureau",
  "fees.read": "read invoices, payments, receipts and invoice PDFs",
  "fees.invoice": "issue invoices",
  "fees.cancel": "cancel invoices",
  "fees.cashbook": "list every invoice of the office, owed and overdue first, and search them by payer",
  "accounts.manage": "create, change and disable staff accounts of the office",
  "tokens.manage": "issue and revoke API tokens of the office",
  "audit.read": "read the audit trail",
  "worklists.assign":
    "assign and reassign the items of the queues the account serves to staff who serve them (audited)",
  "rights.import": "bring rights from another system into the register (whole files: CSV or XLSX through a mapping)",
} as const;
export type Permission = keyof typeof permissions;
export const permissionNames = Object.keys(permissions) as ReadonlyArray<Permission>;
export const isPermission = (value: string): value is Permission => Object.hasOwn(permissions, value);

/**
 * Roles that are not workflow roles: the Madrid examiner, the cashier, the office administrator and the system
 * administrator. The workflow roles (clerk, examiner, registrar, …) come from the office's workflows.
 */
export const officeRoles = ["madrid_examiner", "cashier", "office_admin", "sysadmin"] as const;

/** Roles no account may hold: `system` acts when time limits run out; applicants act through the e-filing portal. */
export const reservedRoles: ReadonlyArray<string> = ["system", "applicant", "representative"];

const examining: ReadonlyArray<Permission> = ["register.read", "rights.act", "worklists.assign"];

/** The default matrix: what each role needs for its work, no more. */
export const defaultPermissions: Readonly<Record<string, ReadonlyArray<Permission>>> = {
  clerk: ["register.read", "rights.file", "rights.act", "userdocs.record", "fees.read", "worklists.assign"],
  formality_examiner: examining,
  classifier: examining,
  examiner: examining,
  opposition_division: examining,
  board_of_appeal: examining,
  registrar: ["register.read", "rights.act", "userdocs.record", "timelimits.run", "audit.read", "worklists.assign"],
  madrid_examiner: ["register.read", "madrid.read", "madrid.decide", "madrid.import", "worklists.assign"],
  cashier: ["register.read", "fees.read", "fees.invoice", "fees.cancel", "fees.cashbook"],
  office_admin: ["accounts.manage", "tokens.manage", "audit.read", "rights.import"],
  sysadmin: ["accounts.manage", "tokens.manage", "audit.read", "rights.import"],
};

/** The roles an account of the office may hold: its workflows' roles and the office roles, less the reserved ones. */
export const assignableRoles = (workflows: Iterable<Workflow.Definition>): ReadonlyArray<string> => {
  const roles = new Set<string>();
  for (const w of workflows) for (const r of w.roles) roles.add(r);
  for (const r of officeRoles) roles.add(r);
  for (const r of reservedRoles) roles.delete(r);
  return [...roles].sort();
};

/** The office's matrix: its configured one, else the default, for the roles it has. */
export const permissionMatrix = (
  configured: Readonly<Record<string, ReadonlyArray<string>>> | undefined,
  roles: ReadonlyArray<string>,
): ReadonlyMap<string, ReadonlySet<Permission>> => {
  const source = configured ?? defaultPermissions;
  return new Map(roles.map((r) => [r, new Set((source[r] ?? []).filter(isPermission))]));
};

/** Problems of a configured matrix: unknown roles and permissions, each with its path. */
export const checkPermissionMatrix = (
  configured: Readonly<Record<string, ReadonlyArray<string>>>,
  roles: ReadonlyArray<string>,
): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const known = new Set(roles);
  for (const [role, granted] of Object.entries(configured)) {
    if (!known.has(role)) {
      issues.push({
        path: `access.permissions.${role}`,
        message: reservedRoles.includes(role)
          ? `${role} is not a role an account can hold`
          : `unknown role ${role} (roles: ${roles.join(", ")})`,
      });
      continue;
    }
    granted.forEach((p, i) => {
      if (!isPermission(p))
        issues.push({
          path: `access.permissions.${role}.${i}`,
          message: `unknown permission ${p} (permissions: ${permissionNames.join(", ")})`,
        });
    });
  }
  return issues;
};

/** The permissions of a set of roles under a matrix. */
export const permissionsOfRoles = (
  matrix: ReadonlyMap<string, ReadonlySet<Permission>>,
  roles: ReadonlyArray<string>,
): ReadonlySet<Permission> => {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of matrix.get(r) ?? []) out.add(p);
  return out;
};
