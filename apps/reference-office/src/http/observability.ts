/**
 * Metrics and traces (decision 0699).
 *
 * Metrics: Prometheus exposition through prom-client, one registry per app (tests run many apps in one process):
 * requests and their durations per office, method, route template and status; scheduled job runs per job and
 * outcome; the process's own figures (memory, event loop lag, garbage collection). The registry is served by the
 * server's internal metrics listener (`IPO_METRICS_PORT`), never by the public app.
 *
 * Traces: the OpenTelemetry API. A span per request (named by method and route template, with the W3C `traceparent`
 * of the caller as parent) and one per database query. Without an SDK registered the API is a no-op that costs a
 * function call; an operator who wants traces registers an SDK before the app starts (docs/operations.md).
 */
import {
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from "@opentelemetry/api";
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export const tracer = trace.getTracer("@ipoffice/reference-office");

/** The route template a request matched (`/api/v1/applications/:number`), or `(unmatched)` for a 404 of no route. */
export const routeOf = (c: Context): string => {
  let path: string;
  try {
    path = routePath(c, -1);
  } catch {
    return "(unmatched)";
  }
  return path === "" || path.includes("*") ? "(unmatched)" : path;
};

export interface Metrics {
  readonly registry: Registry;
  /** Counts and times every request (put it first, so it sees the final status). */
  readonly middleware: MiddlewareHandler;
  /** A scheduled job's run on this instance. */
  jobRun(job: string, outcome: "done" | "failed", ms: number): void;
  /** 1 while the instance is ready (`/ready` answers 200), 0 otherwise. */
  ready(isReady: boolean): void;
}

export const makeMetrics = (officeCode: string, options: { readonly process?: boolean } = {}): Metrics => {
  const registry = new Registry();
  registry.setDefaultLabels({ office: officeCode });
  if (options.process !== false) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "ipoffice_http_requests_total",
    help: "HTTP requests answered, per method, route template and status",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const durations = new Histogram({
    name: "ipoffice_http_request_duration_seconds",
    help: "Time to answer an HTTP request (until the handler returned its response), per method and route template",
    labelNames: ["method", "route"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobs = new Counter({
    name: "ipoffice_job_runs_total",
    help: "Scheduled job runs this instance performed, per job and outcome",
    labelNames: ["job", "outcome"],
    registers: [registry],
  });
  const jobSeconds = new Histogram({
    name: "ipoffice_job_run_duration_seconds",
    help: "Duration of the scheduled job runs this instance performed",
    labelNames: ["job"],
    buckets: [0.1, 1, 10, 60, 600],
    registers: [registry],
  });
  const readyGauge = new Gauge({
    name: "ipoffice_ready",
    help: "1 while this instance answers /ready with 200",
    registers: [registry],
  });
  return {
    registry,
    middleware: async (c, next) => {
      const started = performance.now();
      let status = 500;
      try {
        await next();
        status = c.res.status;
      } finally {
        const route = routeOf(c);
        const method = c.req.method;
        requests.inc({ method, route, status: String(status) });
        durations.observe({ method, route }, (performance.now() - started) / 1000);
      }
    },
    jobRun(job, outcome, ms) {
      jobs.inc({ job, outcome });
      jobSeconds.observe({ job }, ms / 1000);
    },
    ready(isReady) {
      readyGauge.set(isReady ? 1 : 0);
    },
  };
};

const headerGetter: TextMapGetter<Headers> = {
  keys: (carrier) => [...carrier.keys()],
  get: (carrier, key) => carrier.get(key) ?? undefined,
};

/** A server span per request, child of the caller's `traceparent` when it sends one. */
export const traceRequests =
  (officeCode: string): MiddlewareHandler =>
  async (c, next) => {
    const parent = propagation.extract(context.active(), c.req.raw.headers, headerGetter);
    await tracer.startActiveSpan(
      `${c.req.method}`,
      {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": c.req.method, "url.path": c.req.path, "ipoffice.office": officeCode },
      },
      parent,
      async (span: Span) => {
        try {
          await next();
          const route = routeOf(c);
          span.updateName(`${c.req.method} ${route}`);
          span.setAttribute("http.route", route);
          span.setAttribute("http.response.status_code", c.res.status);
          if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  };
