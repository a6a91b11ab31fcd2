/**
 * `cli extraction …`: extractions of the register for WIPO's global databases (decision 0801), written into the data
 * drop folder (`--out`, else the configuration's `extraction.folder`). Same settings as the server: DATABASE_URL or
 * IPO_DATA_DIR, IPO_OFFICE_CONFIG.
 */
import type { Extraction } from "@ipoffice/exchange";
import { Clock, Effect, Result } from "effect";
import type { Kysely } from "kysely";
import type { OfficeConfig } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { type Collection, collections, makeExtractions } from "./Extractions.js";

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export const extractionUsage = `usage:
  cli extraction full [--date YYYY-MM-DD] [--out DIR] [--collection trademarks|designs|patents]
        every right the public may see on the date (default today), as ST.96 in ZIPs under <DIR>/<Collection>/Full_Extraction
  cli extraction update [--date YYYY-MM-DD] [--out DIR] [--collection trademarks|designs|patents]
        the rights changed or made public on a day that is over (default yesterday), under <DIR>/<Collection>/Updates
  cli extraction daily
        yesterday's update of each collection not written yet (what the server does every hour)`;

const parse = (args: ReadonlyArray<string>) => {
  const named = new Map<string, string>();
  const bad: Array<string> = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--(date|out|collection)(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? args[++i];
      if (value === undefined || named.has(m[1] as string)) bad.push(a);
      else named.set(m[1] as string, value);
    } else bad.push(a);
  }
  return { named, bad };
};

const summary = (w: Extraction.Written): string => {
  const m = w.manifest;
  const bytes = m.files.reduce((n, f) => n + f.bytes, 0);
  const deleted = m.deleted === undefined ? "" : `, ${m.deleted.records} withdrawn from public view announced`;
  return `${m.collection} ${m.scope} ${m.date}: ${m.records} record(s) in ${m.files.length} ZIP(s), ${(bytes / 1e6).toFixed(1)} MB${deleted}; manifest ${w.manifestPath}\n`;
};

/** Runs an `extraction` command; returns the exit code (1 when nothing could be written, 2 for a bad command). */
export const runExtractionCli = async (
  args: ReadonlyArray<string>,
  deps: {
    readonly db: Kysely<Database>;
    readonly config: OfficeConfig;
    readonly io: CliIo;
    /** The clock that says what today is (tests); the system's otherwise. */
    readonly clock?: Clock.Clock;
  },
): Promise<number> => {
  const { io } = deps;
  const [command, ...rest] = args;
  const { named, bad } = parse(rest);
  const collection = named.get("collection");
  if (
    (command !== "full" && command !== "update" && command !== "daily") ||
    bad.length > 0 ||
    (command === "daily" && rest.length > 0) ||
    (collection !== undefined && !collections.includes(collection as Collection))
  ) {
    io.stderr.write(`${extractionUsage}\n`);
    return 2;
  }
  const extractions = makeExtractions(deps.db, deps.config);
  const date = named.get("date");
  const out = named.get("out");
  const request = {
    ...(date === undefined ? {} : { date }),
    ...(out === undefined ? {} : { folder: out }),
    ...(collection === undefined ? {} : { collections: [collection as Collection] }),
  };
  const run =
    command === "full"
      ? extractions.full(request)
      : command === "update"
        ? extractions.update(request)
        : extractions.daily();
  const done = await Effect.runPromise(
    Effect.result(deps.clock ? Effect.provideService(run, Clock.Clock, deps.clock) : run),
  );
  if (Result.isFailure(done)) {
    const e = done.failure;
    io.stderr.write(`no extraction written: ${e._tag === "ExtractionFailed" ? e.message : String(e.cause)}\n`);
    return 1;
  }
  if (done.success.length === 0) io.stdout.write("nothing due: every update up to yesterday is written\n");
  for (const w of done.success) io.stdout.write(summary(w));
  return 0;
};
