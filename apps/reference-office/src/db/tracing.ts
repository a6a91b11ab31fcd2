/**
 * A span per database query (decision 0699), from Kysely's query log: the statement's text without its parameters
 * and its duration, as a child of the request's span. Without an OpenTelemetry SDK registered the spans go nowhere.
 */
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { LogEvent } from "kysely";

const tracer = trace.getTracer("@ipoffice/reference-office");

/**
 * A span per database query, from Kysely's query log (the query's text without its parameters, its duration). Put
 * as the `log` of a Kysely instance; without an SDK the spans go nowhere.
 */
export const traceQueries = (event: LogEvent): void => {
  const end = Date.now();
  const span = tracer.startSpan("db.query", {
    kind: SpanKind.CLIENT,
    startTime: end - event.queryDurationMillis,
    attributes: {
      "db.system.name": "postgresql",
      "db.query.text": event.query.sql.slice(0, 2000),
    },
  });
  if (event.level === "error") span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(end);
};
