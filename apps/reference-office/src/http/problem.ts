/**
 * RFC 9457 problem details: every error answer of the API is `application/problem+json` with a type, a title, the
 * status, a detail a person can act on, and (for invalid input) every failing field with its path.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface FieldIssue {
  /** JSON path of the failing field, e.g. `owners[0].country` ("" for the whole body). */
  readonly path: string;
  readonly message: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly errors?: ReadonlyArray<FieldIssue>;
  readonly [extension: string]: unknown;
}

export const PROBLEM_BASE = "https://ipoffice.dev/problems/";

export const problem = (
  status: ContentfulStatusCode,
  slug: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem => ({ type: PROBLEM_BASE + slug, title, status, detail, ...extensions });

export const sendProblem = (c: Context, p: Problem): Response => {
  const instance = c.req.path;
  return c.body(JSON.stringify({ ...p, instance }), p.status as ContentfulStatusCode, {
    "content-type": "application/problem+json; charset=utf-8",
  });
};

/** Formats a Standard Schema path (keys and indexes) as `owners[0].country`. */
export const formatPath = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string => {
  let out = "";
  for (const segment of path ?? []) {
    const key = typeof segment === "object" && segment !== null ? segment.key : segment;
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
};

export const invalidInput = (issues: ReadonlyArray<FieldIssue>, what = "request body"): Problem =>
  problem(
    400,
    "invalid-input",
    "Invalid input",
    `The ${what} has ${issues.length} invalid field${issues.length === 1 ? "" : "s"}: ${issues
      .slice(0, 5)
      .map((i) => i.path || "(body)")
      .join(", ")}${issues.length > 5 ? ", …" : ""}.`,
    { errors: issues },
  );
