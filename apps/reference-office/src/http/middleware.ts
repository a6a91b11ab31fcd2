/**
 * The app-wide middleware: request ids, the access log, the body limit every route is held to, and the closing of
 * connections whose request body was left unread.
 */
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import type { Logger } from "../Logger.js";
import { problem, sendProblem } from "./problem.js";

/** Largest request body any route accepts (bytes), pages and API alike. Uploads that need more have their own limit. */
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

/** The 413 problem of a body over `limit` bytes. */
export const tooLargeProblem = (c: Context, limit: number): Response =>
  sendProblem(
    c,
    problem(413, "payload-too-large", "Payload too large", `The request body exceeds the limit of ${limit} bytes.`, {
      limit,
    }),
  );

export interface BodyLimitOptions {
  /** Largest body in bytes (default {@link MAX_BODY_BYTES}). */
  readonly maxSize?: number;
  /** Routes that enforce their own (larger) limit: the middleware lets their bodies through untouched. */
  readonly except?: (c: Context) => boolean;
  /** The 413 answer (default: a problem). Pages answer with an HTML page. */
  readonly onTooLarge?: (c: Context, limit: number) => Response | Promise<Response>;
}

/**
 * Holds a request body to `maxSize` bytes: a declared `content-length` over it is answered 413 at once, without
 * reading the body; a chunked body is counted as it is read and answered 413 when it passes the limit.
 */
export const limitBody = (options: BodyLimitOptions | number = {}): MiddlewareHandler => {
  const { maxSize = MAX_BODY_BYTES, except, onTooLarge } = typeof options === "number" ? { maxSize: options } : options;
  const limit = bodyLimit({
    maxSize,
    onError: (c) => (onTooLarge ? onTooLarge(c, maxSize) : tooLargeProblem(c, maxSize)),
  });
  return except ? (c, next) => (except(c) ? next() : limit(c, next)) : limit;
};

/** How long a connection closed after an unread body still takes (and discards) what the client sends. */
export const LINGER_MS = 2_000;

const lingering = Symbol("lingering");

/**
 * Closes a socket the way servers close a connection whose request body they did not read: the answer is sent, then
 * the server's side is shut (FIN) and whatever the client still sends is read and discarded for {@link LINGER_MS}
 * before the socket is closed. Closing at once would make the kernel reset the connection while unread bytes wait,
 * and a reset can destroy the answer before the client reads it.
 */
const lingerOnClose = (socket: Socket): void => {
  const marked = socket as Socket & { [lingering]?: true };
  if (marked[lingering]) return;
  marked[lingering] = true;
  // Node's HTTP server closes a `Connection: close` socket with destroySoon() once the answer is written.
  socket.destroySoon = () => {
    if (socket.destroyed) return;
    if (socket.writable) socket.end();
    socket.resume();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  };
};

/** True when the request announces a body (a length above zero, or chunks). */
const hasBody = (c: Context): boolean => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return false;
  const length = c.req.header("content-length");
  return c.req.header("transfer-encoding") !== undefined || (length !== undefined && length !== "0");
};

/**
 * An answer given before the request body was read (a 413 on its declared length, a 404, a 415, a refused form…)
 * says `Connection: close`, and the server closes the connection cleanly after it (see {@link lingerOnClose}):
 * keeping it alive would leave the unread body where the next request is expected, so the server would have to read
 * all of it first or drop the connection under the client's next request.
 */
export const closeAfterUnreadBody = (): MiddlewareHandler => async (c, next) => {
  await next();
  if (!hasBody(c)) return;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  // Without Node's request (in-process requests), a 413 or a body never touched counts as unread.
  const unread = incoming ? !incoming.readableEnded : c.res.status === 413 || !c.req.raw.bodyUsed;
  if (!unread) return;
  c.header("connection", "close");
  if (incoming?.socket) lingerOnClose(incoming.socket);
};
