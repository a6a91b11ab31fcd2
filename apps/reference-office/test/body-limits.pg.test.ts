/**
 * Every route is held to a body limit (pages and API alike, the uploads to their own), and an answer given before the
 * body was read says `Connection: close` and closes the connection cleanly: in process (`app.request`) and on a real
 * server socket (`@hono/node-server` on port 0, driven with `node:net` and a keep-alive `http.Agent`).
 */
import { type AddressInfo, connect, type Socket } from "node:net";
import { Agent, request } from "node:http";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { MAX_BODY_BYTES } from "../src/http/middleware.js";
import { countRows } from "../src/rights/RightsRepository.js";
import { testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

/** A body of `bytes` bytes, streamed in 64 KiB chunks (so no length is declared). */
const streamOf = (bytes: number, fill = 0x61) => {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const n = Math.min(64 * 1024, bytes - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(fill));
    },
  });
};

interface RawAnswer {
  readonly head: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Milliseconds from the first byte sent to the answer's head. */
  readonly ms: number;
  /** The server shut its side of the connection (FIN) or closed it. */
  readonly ended: Promise<"end" | "close">;
  readonly socket: Socket;
}

/**
 * Sends a request head announcing `length` bytes on a raw socket, then streams the body (up to `send` bytes) until
 * the answer's head arrives. With `readAfterMs`, the client does not read for that long while it keeps sending.
 */
const rawPost = (
  port: number,
  path: string,
  options: { length: number; send: number; type?: string; readAfterMs?: number },
): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const started = performance.now();
    let received = "";
    let settled = false;
    let written = 0;
    const ended = new Promise<"end" | "close">((done) => {
      socket.once("end", () => done("end"));
      socket.once("close", () => done("close"));
    });
    socket.on("error", () => {}); // EPIPE / ECONNRESET while still sending: expected once the server closes
    const onData = (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const at = received.indexOf("\r\n\r\n");
      if (at < 0 || settled) return;
      settled = true;
      const [statusLine = "", ...lines] = received.slice(0, at).split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        head: received.slice(0, at),
        status: Number(statusLine.split(" ")[1]),
        headers,
        ms: performance.now() - started,
        ended,
        socket,
      });
    };
    if (options.readAfterMs) {
      socket.pause();
      setTimeout(() => {
        socket.on("data", onData);
        socket.resume();
      }, options.readAfterMs);
    } else socket.on("data", onData);
    socket.once("close", () => {
      if (!settled) reject(new Error(`closed without an answer (got ${JSON.stringify(received.slice(0, 200))})`));
    });
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${options.type ?? "application/x-www-form-urlencoded"}\r\nContent-Length: ${options.length}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (!settled && written < options.send && !socket.destroyed) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once("drain", pump);
      }
    };
    pump();
  });

/** One request through a keep-alive agent: status, headers, body, and whether it went on a reused socket. */
const viaAgent = (
  agent: Agent,
  port: number,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string; reused: boolean }> =>
  new Promise((resolve, reject) => {
    const req = request({ agent, host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, reused: req.reusedSocket }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });

describe.each(testDatabases)("body limits and connections on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  let st13: string;
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database);
    st13 = (await (await t.json("POST", "/api/v1/applications", trademarkFiling)).json()).st13;
    server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      (server as import("node:http").Server).closeAllConnections();
      server.close(() => resolve());
    });
    await database?.close();
  });

  describe("in process", () => {
    it("a back-office form post over the limit gets an HTML 413, with nothing read past the limit", async () => {
      const before = await countRows(database.db, "OM");
      let pulled = 0;
      const body = streamOf(600 * 1024 * 1024).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            pulled += chunk.length;
            controller.enqueue(chunk);
          },
        }),
      );
      const res = await t.app.request(`/office/records/${st13}/actions?lang=en`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
        body,
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("connection")).toBe("close");
      expect(await res.text()).toContain("The form is too large");
      expect(pulled).toBeLessThan(MAX_BODY_BYTES + 512 * 1024);
      expect(await countRows(database.db, "OM")).toEqual(before);
    });

    it("a declared length over the limit is refused before the body is read, as a problem for the API", async () => {
      for (const path of ["/api/v1/applications", "/api/v1/nice/validate", "/api/v1/payments/notifications"]) {
        const res = await t.app.request(path, {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(600 * 1024 * 1024) },
          body: "{}",
        });
        expect(res.status, path).toBe(413);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(res.headers.get("connection")).toBe("close");
        expect(await res.json()).toMatchObject({
          type: "https://ipoffice.dev/problems/payload-too-large",
          limit: MAX_BODY_BYTES,
        });
      }
      // A page asked for JSON answers with the problem too.
      const json = await t.app.request(`/office/records/${st13}/actions`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": String(2 * MAX_BODY_BYTES),
          accept: "application/json",
        },
        body: "action=x",
      });
      expect(json.status).toBe(413);
      expect((await json.json()).limit).toBe(MAX_BODY_BYTES);
    });

    it("every page form route is limited, and the Madrid uploads keep their own larger limit", async () => {
      for (const path of [
        `/office/records/${st13}/actions`,
        "/file",
        "/madrid/designations/1800000/decide",
        "/records",
        "/nowhere",
      ]) {
        const res = await t.app.request(path, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
          body: streamOf(MAX_BODY_BYTES + 1),
          duplex: "half",
        } as RequestInit);
        expect(res.status, path).toBe(413);
      }
      for (const path of ["/madrid/import", "/api/v1/madrid/transactions"]) {
        const res = await t.app.request(path, {
          method: "POST",
          headers: { "content-type": "application/xml", "transfer-encoding": "chunked" },
          body: streamOf(2 * MAX_BODY_BYTES, 0x20),
          duplex: "half",
        } as RequestInit);
        // Read whole by the route (2 MiB is under its 50 MiB): a document that is not XML, not a 413.
        expect(res.status, path).not.toBe(413);
      }
    });
  });

  describe("on a real socket", () => {
    it("600 MiB posted to a back-office form: 413 at once, Connection: close, the server closes; a new connection works", async () => {
      const answer = await rawPost(port, `/office/records/${st13}/actions?lang=en`, {
        length: 600 * 1024 * 1024,
        send: 600 * 1024 * 1024,
      });
      expect(answer.status).toBe(413);
      expect(answer.headers.connection).toBe("close");
      expect(answer.headers["keep-alive"]).toBeUndefined();
      expect(answer.ms).toBeLessThan(2_000);
      expect(await answer.ended).toBeTruthy();
      answer.socket.destroy();
      const agent = new Agent({ keepAlive: true });
      const health = await viaAgent(agent, port, "GET", "/health");
      expect(health.status).toBe(200);
      agent.destroy();
    });

    it("the answer stays readable by a client that keeps sending and reads late (the server lingers)", async () => {
      const answer = await rawPost(port, "/api/v1/applications", {
        length: 64 * 1024 * 1024,
        send: 16 * 1024 * 1024,
        type: "application/json",
        readAfterMs: 300,
      });
      expect(answer.status).toBe(413);
      expect(answer.headers.connection).toBe("close");
      answer.socket.destroy();
    });

    it("through a keep-alive agent: an unread body closes its connection, the next request gets a fresh one", async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const json = { "content-type": "application/json" };
        // Read and answered: the connection stays open and is reused.
        const read = await viaAgent(
          agent,
          port,
          "POST",
          "/api/v1/nice/validate",
          JSON.stringify({ goodsAndServices: [{ classNumber: 25, terms: ["shirts"] }] }),
          json,
        );
        expect(read.status).toBe(200);
        expect(read.headers.connection).toBe("keep-alive");
        const again = await viaAgent(agent, port, "GET", "/health");
        expect([again.status, again.reused]).toEqual([200, true]);
        // Answered before the body was read (no such route; a declared length over the limit): close, then a new socket.
        const unknown = await viaAgent(agent, port, "POST", "/api/v1/nowhere", JSON.stringify({ a: 1 }), json);
        expect(unknown.status).toBe(404);
        expect(unknown.headers.connection).toBe("close");
        const next = await viaAgent(agent, port, "GET", "/health");
        expect([next.status, next.reused]).toEqual([200, false]);
        const big = await viaAgent(agent, port, "POST", "/api/v1/applications", "x".repeat(MAX_BODY_BYTES + 1), json);
        expect(big.status).toBe(413);
        expect(big.headers.connection).toBe("close");
        const after = await viaAgent(agent, port, "GET", "/health");
        expect([after.status, after.reused]).toEqual([200, false]);
      } finally {
        agent.destroy();
      }
    });
  });
});
