/**
 * Structured JSON logs (one object per line) with the request id on every request line.
 */
import pino from "pino";

export type Logger = pino.Logger;

export const createLogger = (options: { level?: string; destination?: pino.DestinationStream } = {}): Logger =>
  pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? "info",
      base: { service: "reference-office" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );

/** A logger that writes nothing (tests). */
export const silentLogger = (): Logger => pino({ level: "silent" });
