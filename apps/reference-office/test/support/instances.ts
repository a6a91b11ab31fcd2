/**
 * Real instances of the reference office as child processes on one PostgreSQL database, behind a real haproxy with
 * health checks on `/ready` (the test of several instances and its bench). Each instance's log lines (pino JSON) are
 * kept for the test to read.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const appRoot = fileURLToPath(new URL("../..", import.meta.url));

/** A new, empty database on the server `url` names; dropped by `drop()`. */
export const freshDatabase = async (url: string) => {
  const name = `ipo_inst_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
};

/** Runs the app's CLI (`cli migrate`, …) to its end; resolves with its exit code and output. */
export const runCli = (args: ReadonlyArray<string>, env: Record<string, string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=@ipoffice/source", "--import", "tsx", "src/cli.ts", ...args], {
      cwd: appRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });

export interface Instance {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** The instance's log lines so far, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  /** Resolves when the process has exited (with its code or signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `src/main.ts` on `port` with `env`; resolves once `/ready` answers 200. */
export const startInstance = async (
  name: string,
  port: number,
  env: Record<string, string>,
  args: ReadonlyArray<string> = [],
): Promise<Instance> => {
  const child = spawn(process.execPath, ["--conditions=@ipoffice/source", "--import", "tsx", "src/main.ts", ...args], {
    cwd: appRoot,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Array<Record<string, unknown>> = [];
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    partial += chunk.toString("utf8");
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`instance ${name} exited at start: ${stderr}\n${JSON.stringify(logs.slice(-5))}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ready`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`instance ${name} not ready in 60 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { name, port, child, logs, exited };
};

export interface RunningProxy {
  readonly url: string;
  readonly child: ChildProcess;
  /** The servers' states from haproxy's stats socket (`UP`, `DOWN`, …) by server name. */
  states(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * haproxy in front of `servers`: round robin, a health check on `/ready` every 200 ms (two failures mark a server
 * down, two successes up; a check may take 2 s on a busy machine), connection retries redispatched to another server, and layer-7 retries (empty response,
 * a timeout, a 503 answered while stopping) for the requests that may be repeated safely: not for POST.
 */
export const startProxy = async (
  port: number,
  servers: ReadonlyArray<{ readonly name: string; readonly port: number }>,
): Promise<RunningProxy> => {
  const dir = await mkdtemp(join(tmpdir(), "ipo-haproxy-"));
  const socket = join(dir, "stats.sock");
  const config = `global
  maxconn 4096
  stats socket ${socket} mode 600 level admin

defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout queue 10s
  timeout check 2s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout 503
  option http-server-close

frontend office
  bind 127.0.0.1:${port}
  default_backend instances

backend instances
  balance roundrobin
  # A POST that reached a server is never sent again (it may have been performed); its connection failures are.
  http-request disable-l7-retry if METH_POST
  option httpchk GET /ready
  http-check expect status 200
  default-server inter 200ms fastinter 100ms downinter 200ms fall 2 rise 2
  http-response set-header x-instance %s
${servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`).join("\n")}
`;
  const file = join(dir, "haproxy.cfg");
  await writeFile(file, config);
  const child = spawn("haproxy", ["-f", file, "-db"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ask = (command: string) =>
    new Promise<string>((resolve, reject) => {
      const conn = connect(socket);
      let out = "";
      conn.on("data", (d) => (out += d));
      conn.on("end", () => resolve(out));
      conn.on("error", reject);
      conn.write(`${command}\n`);
    });
  const states = async () => {
    const csv = await ask("show stat");
    const lines = csv.split("\n").filter((l) => l.length > 0);
    const header = (lines[0] ?? "").replace(/^# /, "").split(",");
    const status = header.indexOf("status");
    const out: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const cells = line.split(",");
      if (cells[0] === "instances" && cells[1] !== "BACKEND") out[cells[1] as string] = cells[status] as string;
    }
    return out;
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited: ${stderr}`);
    try {
      const up = await states();
      if (servers.every((s) => up[s.name] === "UP")) break;
    } catch {
      // the socket is not there yet
    }
    if (Date.now() > deadline) throw new Error(`haproxy: servers not up in 20 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    states,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
};
