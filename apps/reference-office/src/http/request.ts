/**
 * Reading requests: the JSON body (with problems for a wrong media type or malformed JSON), and whether a post comes
 * from another site. Who is acting comes from the session or token (src/auth/actor.ts), never from the request.
 */
import { Result } from "effect";
import type { Context } from "hono";
import { nulPaths, nulProblem } from "./nul.js";
import { problem, sendProblem } from "./problem.js";

/**
 * Reads a JSON body, answering 415/400 problems for a wrong media type or malformed JSON, and a 400 problem naming
 * every string or key that holds a NUL character (`body.owners[0].name`), which the database could not store.
 */
export const readJson = async (c: Context): Promise<Result.Result<unknown, Response>> => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    return Result.fail(
      sendProblem(
        c,
        problem(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          `Send the body as application/json (got "${type.slice(0, 100)}").`,
        ),
      ),
    );
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return Result.fail(
      sendProblem(
        c,
        problem(400, "malformed-json", "Malformed JSON", `The body is not valid JSON: ${(error as Error).message}`),
      ),
    );
  }
  const nul = nulPaths(value, "body");
  return nul.length > 0 ? Result.fail(nulProblem(c, nul)) : Result.succeed(value);
};

export type FormBody = Record<string, string | File | Array<string | File>>;

/**
 * Reads a form body (url-encoded or multipart), every value of a repeated field kept. Fails with the answer to give:
 * `malformed` for a body that cannot be parsed, or a 400 problem naming each field holding a NUL character.
 */
export const readForm = async (
  c: Context,
  malformed: (c: Context) => Response | Promise<Response>,
): Promise<Result.Result<FormBody, Response>> => {
  let form: FormBody;
  try {
    form = (await c.req.parseBody({ all: true })) as FormBody;
  } catch {
    return Result.fail(await malformed(c));
  }
  const nul = nulPaths(form, "body");
  for (const [name, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== "string" && item.name.includes("\u0000")) nul.push(`body.${name}.filename`);
    }
  }
  return nul.length > 0 ? Result.fail(nulProblem(c, nul)) : Result.succeed(form);
};

/**
 * Cross-site form posts are refused. Browsers say where a post comes from in `Sec-Fetch-Site` (only `same-origin` and
 * `none`, a person's own navigation, pass); browsers too old to send it send `Origin`, whose host must be the
 * request's (`null` passes: the app's `Referrer-Policy: no-referrer` makes browsers send it for same-origin posts).
 * Clients that send neither (scripts, tests) are not browsers and carry no one's cookies.
 */
export const isCrossSite = (c: Context): boolean => {
  const site = c.req.header("sec-fetch-site");
  if (site !== undefined) return site !== "same-origin" && site !== "none";
  const origin = c.req.header("origin");
  if (origin === undefined || origin === "null") return false;
  try {
    const host = new URL(origin).host;
    return host !== (c.req.header("host") ?? new URL(c.req.url).host) && host !== c.req.header("x-forwarded-host");
  } catch {
    return true;
  }
};
