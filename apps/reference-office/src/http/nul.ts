/**
 * NUL characters (U+0000) are refused at the door. PostgreSQL cannot store them in text, so a NUL that reached a
 * query failed there, as a 5xx, with a stack in the log. Every query parameter and path segment (the middleware) and
 * every string and key of a JSON or form body (the body readers in `request.ts`) is checked before any handler
 * touches the database; a NUL answers 400 naming each field (`query.q`, `path.number`, `body.owners[0].name`).
 */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { type FieldIssue, problem, sendProblem } from "./problem.js";

const NUL = "\u0000";
/** At most this many fields are named in one answer. */
const MAX_NAMED = 20;

/** A NUL written out or percent-encoded (the URL parser encodes a raw one). */
const mayHoldNul = (text: string): boolean => text.includes(NUL) || /%00/i.test(text);

const message = "contains a NUL character (U+0000), which is not accepted";

/** A key as it appears in a field path (a NUL in the key itself is shown as `\u0000`). */
const shown = (key: string): string => key.replaceAll(NUL, "\\u0000").slice(0, 100);

const keyPath = (base: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(shown(key))}]`;

/** The paths (under `base`) of every string or key holding a NUL in a decoded JSON or form value. */
export const nulPaths = (value: unknown, base: string, found: Array<string> = []): Array<string> => {
  if (found.length >= MAX_NAMED) return found;
  if (typeof value === "string") {
    if (value.includes(NUL)) found.push(base);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length && found.length < MAX_NAMED; i++) nulPaths(value[i], `${base}[${i}]`, found);
  } else if (typeof value === "object" && value !== null && !(value instanceof Blob)) {
    for (const [key, item] of Object.entries(value)) {
      if (found.length >= MAX_NAMED) break;
      const path = keyPath(base, key);
      if (key.includes(NUL)) found.push(path);
      else nulPaths(item, path, found);
    }
  }
  return found;
};

/** The 400 problem naming every field that holds a NUL. */
export const nulProblem = (c: Context, paths: ReadonlyArray<string>): Response => {
  const errors: Array<FieldIssue> = paths.map((path) => ({ path, message }));
  return sendProblem(
    c,
    problem(
      400,
      "nul-character",
      "NUL character refused",
      `${paths.slice(0, 5).join(", ")}${paths.length > 5 ? ", …" : ""} ${paths.length === 1 ? "contains" : "contain"} a NUL character (U+0000); remove it and send the request again.`,
      { errors },
    ),
  );
};

const split = new WeakMap<ReadonlyArray<string>, ReadonlyArray<ReadonlyArray<string>>>();
const templates = (paths: ReadonlyArray<string>): ReadonlyArray<ReadonlyArray<string>> => {
  let known = split.get(paths);
  if (known === undefined) {
    known = paths.map((p) => p.split("/"));
    split.set(paths, known);
  }
  return known;
};

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * The names of the path's segments: from the documented path the request fits (`/api/v1/applications/{applicationNumber}`
 * names its fourth segment `applicationNumber`, as the OpenAPI document does), else from the route it matched
 * (`/records/:number` names its segment `number`).
 */
const segmentNames = (
  c: Context,
  segments: ReadonlyArray<string>,
  documented: ReadonlyArray<ReadonlyArray<string>>,
): Array<string | undefined> => {
  const fits = documented.find(
    (template) =>
      template.length === segments.length &&
      template.every((t, i) => /^\{\w+\}$/.test(t) || t === decode(segments[i] ?? "")),
  );
  if (fits) return fits.map((t) => (/^\{\w+\}$/.test(t) ? t.slice(1, -1) : undefined));
  const route = [...matchedRoutes(c)].reverse().find((r) => r.method !== "ALL");
  const pattern = route?.path.split("/") ?? [];
  if (pattern.length !== segments.length) return [];
  return pattern.map((p) => (p.startsWith(":") ? p.slice(1).replace(/[{?].*$/, "") : undefined));
};

/**
 * Refuses a NUL in any query parameter (name or value) or path segment, before the route runs. `documentedPaths` are
 * the API's path templates (`/api/v1/applications/{applicationNumber}`), whose parameter names name the segments.
 */
export const refuseNul =
  (documentedPaths: ReadonlyArray<string> = []): MiddlewareHandler =>
  async (c, next) => {
    const url = c.req.url;
    const at = url.indexOf("?");
    const rawPath = new URL(url).pathname;
    const found: Array<string> = [];
    if (mayHoldNul(rawPath)) {
      const segments = rawPath.split("/");
      const names = segmentNames(c, segments, templates(documentedPaths));
      segments.forEach((segment, i) => {
        if (decode(segment).includes(NUL)) found.push(`path.${names[i] ?? `segments[${i - 1}]`}`);
      });
      if (found.length === 0) found.push("path");
    }
    if (at >= 0 && mayHoldNul(url.slice(at))) {
      const hash = url.indexOf("#", at);
      for (const [key, value] of new URLSearchParams(url.slice(at + 1, hash < 0 ? undefined : hash))) {
        if (found.length >= MAX_NAMED) break;
        if (key.includes(NUL) || value.includes(NUL)) {
          const path = keyPath("query", key);
          if (!found.includes(path)) found.push(path);
        }
      }
    }
    if (found.length > 0) return nulProblem(c, found);
    return next();
  };
