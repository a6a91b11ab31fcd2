import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import type { Logger } from "../Logger.js";
import { problem, sendProblem } from "./problem.js";

/** Largest request body the API accepts (bytes). Uploads that need more have their own limit. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const requestIds = (): MiddlewareHandler =>
  requestId({
    // Accept a caller's id only when it is short and plain; otherwise make one.
    generator: (c) => {
      const given = c.req.header("x-request-id");
      return given && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
  });

export const accessLog =
  (logger: Logger): MiddlewareHandler =>
  async (c, next) => {
    const start = performance.now();
    await next();
    const ms = Math.round((performance.now() - start) * 10) / 10;
    const entry = {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms,
    };
    if (c.res.status >= 500) logger.error(entry, "request failed");
    else logger.info(entry, "request");
  };

export const limitBody = (maxSize = MAX_BODY_BYTES): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: (c) =>
      sendProblem(
        c,
        problem(
          413,
          "payload-too-large",
          "Payload too large",
          `The request body exceeds the limit of ${maxSize} bytes.`,
          {
            limit: maxSize,
          },
        ),
      ),
  });
