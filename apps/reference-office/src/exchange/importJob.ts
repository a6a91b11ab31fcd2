/**
 * An import from another system as a checkpointed job (decision 0804): the file is streamed (CSV parsed as a stream,
 * ST.96 records read one by one; an XLSX sheet, whose ZIP must be read whole, up to 50 MiB), checked whole first, then
 * written in chunks, each chunk in one transaction with its checkpoint, so that a run cut short continues, when run
 * again with the same file, after the last chunk that landed, and writes nothing twice.
 *
 * How "all or none" and "resume" combine:
 * 1. **Check pass**: every row of the file is read and converted, and every chunk is tried against the register in a
 *    transaction that is rolled back (the rights service's dry run). Any problem refuses the file: nothing is
 *    written, and the report lists every problem (the first 1,000) with its row and field.
 * 2. **Write pass**: only a file that passed is written, chunk by chunk (`chunkRows` rights each, default 500). A
 *    chunk is one transaction: its rights, their events and audit rows, the source numbers, and the checkpoint (the
 *    chunk's rows and counts in `import_job_chunks`, the numbers it wrote in `import_job_numbers`, the job's rows
 *    done). A chunk lands whole or not at all.
 * 3. **Resume**: a job is the file's SHA-256 with the import's settings (mapping or ST.96 kind) and source. Run again
 *    after a crash, a database failure or a refused chunk, the same file skips the chunks that landed and goes on
 *    from the first that did not; a file whose job is done writes nothing. A file with the same rows changed in one
 *    byte is another job, and the source's numbers keep it idempotent (a number brought in before is left as it is).
 *
 * So a file is written whole unless the run stops mid-way; then the report (and the job's record) says which chunks
 * landed, and running it again completes it.
 */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { ApplicationNumber, type Actor } from "@ipoffice/domain";
import { DesignSt96, PatentSt96, type Refusal, TableImport, TrademarkSt96 } from "@ipoffice/exchange";
import { Clock, Effect, Result } from "effect";
import type { Kysely } from "kysely";
import { type OfficeConfig, workflowsOf } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import type { ImportItem, ImportProblem, RightsShape } from "../rights/Rights.js";
import { type ImportSpec, st96Refusal, streamXlsx, type XlsxEvent } from "./importFile.js";
import { countTranslations, type StatusTranslation, statusTranslator, type TranslationCount } from "./statuses.js";

/** Rights per chunk by default. */
export const defaultChunkRows = 500;
/** Problems a report lists (the count says how many more there were). */
export const maxReportedProblems = 1_000;
/** Rows of a streamed table (CSV, XLSX): far beyond a whole-file import's 100,000. */
const maxStreamRows = 10_000_000;
/** Characters of a streamed ST.96 file: memory stays flat, records and depth stay limited. */
const maxStreamChars = 64 * 1024 * 1024 * 1024;

export interface ChunkReport {
  readonly chunk: number;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly rights: number;
  /** `landed` in this run, `landed before` (a resumed job skipped it), `failed`, or `not written` after a failure. */
  readonly outcome: "landed" | "landed before" | "failed" | "not written" | "checked";
  readonly imported: number;
  readonly unchanged: number;
}

export interface JobReport {
  readonly source: string;
  readonly sha256: string;
  readonly dryRun: boolean;
  /** `refused` (nothing written), `checked` (a dry run), `done`, or `stopped` (some chunks landed: run again). */
  readonly outcome: "refused" | "checked" | "done" | "stopped";
  readonly rights: number;
  readonly problems: ReadonlyArray<ImportProblem>;
  /** Problems beyond those listed. */
  readonly moreProblems: number;
  readonly chunks: ReadonlyArray<ChunkReport>;
  readonly imported: number;
  readonly unchanged: number;
  /** A job of this file had begun before: its landed chunks were skipped. */
  readonly resumed: boolean;
  /** Why the write stopped (a chunk refused, the database failed). */
  readonly stoppedBecause?: string;
  /** ST.96 statuses translated into the workflow's states (decision 0805), counted by value. */
  readonly translated: ReadonlyArray<TranslationCount>;
}

export interface JobDeps {
  readonly db: Kysely<Database>;
  readonly config: OfficeConfig;
  readonly rights: RightsShape;
  /** The clock (tests); the system's otherwise. */
  readonly clock?: Clock.Clock;
}

type Event =
  | { readonly _tag: "Item"; readonly item: ImportItem }
  | { readonly _tag: "Problem"; readonly problem: ImportProblem };

/** The file's bytes, 64 KiB at a time, hashed as they pass. */
const hashed = (path: string) => {
  const hash = createHash("sha256");
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
      hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
  }
  return { chunks: chunks(), digest: () => hash.digest("hex") };
};

/** The converter settings of a table of `kind` for this office (workflow, states, ST.13 from the number's digits). */
export const tableOptions = (config: OfficeConfig, kind: TableImport.Mapping["kind"]): TableImport.ConvertOptions => {
  const officeCode = config.office.code;
  const workflow = workflowsOf(config)[kind];
  const ipTypeCodes = config.numbering.ipTypeCodes;
  return {
    officeCode,
    workflowId: workflow.id,
    states: workflow.states.map((s) => s.id),
    st13: (number, filingDate) => {
      const digits = number.match(/\d+/g)?.at(-1) ?? "";
      const made = ApplicationNumber.toSt13(
        {
          office: officeCode,
          ipType: kind,
          year: Number(filingDate.slice(0, 4)),
          serial: Number(digits.slice(-9) || "0"),
        },
        ipTypeCodes,
      );
      return Result.isSuccess(made) ? made.success : undefined;
    },
  };
};

/** The file's rights one by one, or its problems; a refusal of the whole file (malformed, hostile) ends it. */
async function* itemsOf(
  input: { readonly path: string; readonly name: string },
  spec: ImportSpec,
  config: OfficeConfig,
  bytes: { chunks: AsyncGenerator<Uint8Array> },
  onTranslated: (t: StatusTranslation | undefined) => void = () => undefined,
): AsyncGenerator<Event> {
  const officeCode = config.office.code;
  if (spec.format === "table") {
    const options = tableOptions(config, spec.mapping.kind);
    // An XLSX is streamed from its file (the ZIP read entry by entry); the bytes still pass for the file's hash.
    const xlsx = /\.xlsx$/i.test(input.name);
    const rows: AsyncIterable<XlsxEvent> = xlsx
      ? streamXlsx(input.path, maxStreamRows)
      : TableImport.streamCsv(bytes.chunks, { maxRows: maxStreamRows });
    let converter: TableImport.Converter<TableImport.RightOf<typeof spec.mapping.kind>> | undefined;
    let data = 0;
    try {
      for await (const e of rows) {
        if (e._tag === "Refused") {
          yield { _tag: "Problem", problem: e.problem };
          return;
        }
        if (e._tag === "Problem") {
          yield { _tag: "Problem", problem: e.problem };
          continue;
        }
        if (e._tag === "Header") {
          converter = TableImport.makeConverter(e.header, spec.mapping, options);
          for (const problem of converter.problems) yield { _tag: "Problem", problem };
          if (converter.problems.length > 0) return;
          continue;
        }
        data += 1;
        const r = converter?.row(e.cells, e.row);
        if (r?.record !== undefined) {
          yield {
            _tag: "Item",
            item: { row: r.record.row, sourceNumber: r.record.sourceNumber, right: r.record.right },
          };
        } else for (const problem of r?.problems ?? []) yield { _tag: "Problem", problem };
      }
      if (converter !== undefined && data === 0) {
        yield { _tag: "Problem", problem: { row: 2, field: "file", message: "the file has no data rows" } };
      }
    } finally {
      // the XLSX was read from its file: its bytes pass now, for the hash
      if (xlsx) for await (const _ of bytes.chunks);
    }
    return;
  }
  const workflows = workflowsOf(config);
  const ipTypeCodes = config.numbering.ipTypeCodes;
  const options = {
    officeCode,
    workflowId: workflows[spec.kind].id,
    ...(ipTypeCodes === undefined ? {} : { ipTypeCodes }),
    limits: { maxInputChars: maxStreamChars },
  };
  const stream =
    spec.kind === "trademark"
      ? TrademarkSt96.stream(bytes.chunks, options)
      : spec.kind === "industrial_design"
        ? DesignSt96.stream(bytes.chunks, options)
        : PatentSt96.stream(bytes.chunks, { ...options, kind: spec.kind });
  const seen = new Map<string, number>();
  const translate = statusTranslator(config);
  let count = 0;
  for await (const e of stream as AsyncGenerator<
    | { _tag: "Record"; imported: { record: { right: ImportItem["right"] }; report: { line: number } } }
    | { _tag: "Done" }
    | { _tag: "Refused"; error: Refusal.Refused }
  >) {
    if (e._tag === "Refused") {
      yield { _tag: "Problem", problem: st96Refusal(e.error) };
      return;
    }
    if (e._tag === "Done") break;
    const { record, report } = e.imported;
    const { right, translated } = translate(record.right);
    onTranslated(translated);
    count += 1;
    // An ST.96 record's row is its position in the file (1, 2, …), its line where it starts: a file written on one
    // line gives every record the same line.
    const row = count;
    const line = report.line;
    if (right.officeCode !== officeCode) {
      yield {
        _tag: "Problem",
        problem: {
          row,
          line,
          field: "com:IPOfficeCode",
          message: `${right.officeCode} is not office ${officeCode}`,
        },
      };
      continue;
    }
    const before = seen.get(right.applicationNumber);
    if (before !== undefined) {
      yield {
        _tag: "Problem",
        problem: {
          row,
          line,
          field: "com:ApplicationNumberText",
          message: `${right.applicationNumber} is also the number of record ${before}`,
        },
      };
      continue;
    }
    seen.set(right.applicationNumber, row);
    yield { _tag: "Item", item: { row, line, sourceNumber: right.applicationNumber, right } };
  }
  if (count === 0) yield { _tag: "Problem", problem: { row: 0, field: "file", message: "no record in the file" } };
}

/** The items in chunks of `size`, in file order; problems pass through beside them. */
async function* chunked(events: AsyncIterable<Event>, size: number, onProblem: (p: ImportProblem) => void) {
  let batch: Array<ImportItem> = [];
  for await (const e of events) {
    if (e._tag === "Problem") {
      onProblem(e.problem);
      continue;
    }
    batch.push(e.item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const specSha = (spec: ImportSpec) =>
  createHash("sha256")
    .update(JSON.stringify(spec.format === "table" ? { format: "table", mapping: spec.mapping } : spec))
    .digest("hex");

/**
 * Runs an import of a file as a job: the check pass, then (unless `dryRun`) the write pass in chunks with a
 * checkpoint each, skipping the chunks a previous run of the same job landed.
 */
export const runImportJob = async (
  deps: JobDeps,
  input: string | { readonly path: string; readonly name: string },
  spec: ImportSpec,
  options: { readonly dryRun: boolean; readonly actor: Actor.Actor; readonly chunkRows?: number },
): Promise<JobReport> => {
  const file = typeof input === "string" ? { path: input, name: input } : input;
  const source = spec.format === "table" ? spec.mapping.source : spec.source;
  const officeCode = deps.config.office.code;
  const run = <A, E>(effect: Effect.Effect<A, E>) =>
    Effect.runPromise(Effect.result(deps.clock ? Effect.provideService(effect, Clock.Clock, deps.clock) : effect));
  const nowDate = async () => {
    const ms = await Effect.runPromise(
      deps.clock ? Effect.provideService(Clock.currentTimeMillis, Clock.Clock, deps.clock) : Clock.currentTimeMillis,
    );
    return new Date(ms);
  };

  // The job of this file, if one began before: its chunk size cuts the same chunks.
  const first = hashed(file.path);
  const problems: Array<ImportProblem> = [];
  let moreProblems = 0;
  const problem = (p: ImportProblem) => {
    if (problems.length < maxReportedProblems) problems.push(p);
    else moreProblems += 1;
  };

  // 1. The check pass: every row converted, every chunk tried against the register and rolled back.
  const st13Rows = new Map<string, { row: number; chunk: number }>();
  let rights = 0;
  let chunkIndex = 0;
  const checked: Array<ChunkReport> = [];
  const checkRows = options.chunkRows ?? defaultChunkRows;
  const translations = countTranslations();
  for await (const batch of chunked(itemsOf(file, spec, deps.config, first, translations.add), checkRows, problem)) {
    chunkIndex += 1;
    rights += batch.length;
    // ST.13 numbers met in an earlier chunk (the rights service finds those within one chunk and in the register).
    for (const item of batch) {
      const before = st13Rows.get(item.right.st13);
      if (before !== undefined && before.chunk !== chunkIndex) {
        problem({
          row: item.row,
          field: "st13",
          message: `ST.13 ${item.right.st13} is also that of row ${before.row}`,
        });
      } else if (before === undefined) st13Rows.set(item.right.st13, { row: item.row, chunk: chunkIndex });
    }
    if (problems.length >= maxReportedProblems) continue;
    const tried = await run(deps.rights.importRights(source, batch, { dryRun: true }, options.actor));
    if (Result.isFailure(tried)) {
      const e = tried.failure;
      if (e._tag === "ImportRefused") for (const p of e.problems) problem(p);
      else throw e.cause;
    } else {
      checked.push({
        chunk: chunkIndex,
        firstRow: batch[0]?.row ?? 0,
        lastRow: batch.at(-1)?.row ?? 0,
        rights: batch.length,
        outcome: "checked",
        imported: tried.success.imported.length,
        unchanged: tried.success.unchanged.length,
      });
    }
  }
  const sha256 = first.digest();
  const base = { source, sha256, dryRun: options.dryRun, rights, moreProblems, translated: translations.list() };
  const sum = (chunks: ReadonlyArray<ChunkReport>, key: "imported" | "unchanged") =>
    chunks.reduce((n, c) => n + c[key], 0);
  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row);
    return { ...base, outcome: "refused", problems, chunks: [], imported: 0, unchanged: 0, resumed: false };
  }
  if (options.dryRun) {
    return {
      ...base,
      outcome: "checked",
      problems: [],
      chunks: checked,
      imported: sum(checked, "imported"),
      unchanged: sum(checked, "unchanged"),
      resumed: false,
    };
  }

  // 2. The write pass, through the job's checkpoints.
  const spec256 = specSha(spec);
  const at = await nowDate();
  let job = await deps.db
    .selectFrom("import_jobs")
    .selectAll()
    .where("office_code", "=", officeCode)
    .where("source", "=", source)
    .where("file_sha256", "=", sha256)
    .where("spec_sha256", "=", spec256)
    .executeTakeFirst();
  const resumed = job !== undefined;
  if (job === undefined) {
    job = {
      office_code: officeCode,
      id: randomUUID(),
      source,
      file_name: file.name.slice(-300),
      file_sha256: sha256,
      spec_sha256: spec256,
      chunk_rows: checkRows,
      state: "writing",
      rows_total: rights,
      rows_done: 0,
      chunks_done: 0,
      message: null,
      started_at: at,
      updated_at: at,
    };
    await deps.db.insertInto("import_jobs").values(job).execute();
  } else {
    await deps.db
      .updateTable("import_jobs")
      .set({ state: job.state === "done" ? "done" : "writing", message: null, updated_at: at })
      .where("office_code", "=", officeCode)
      .where("id", "=", job.id)
      .execute();
  }
  const jobId = job.id;
  const landed = new Map(
    (
      await deps.db
        .selectFrom("import_job_chunks")
        .selectAll()
        .where("office_code", "=", officeCode)
        .where("job_id", "=", jobId)
        .execute()
    ).map((c) => [c.chunk, c]),
  );

  const chunks: Array<ChunkReport> = [];
  let stoppedBecause: string | undefined;
  const second = hashed(file.path);
  let index = 0;
  const late: Array<ImportProblem> = [];
  for await (const batch of chunked(itemsOf(file, spec, deps.config, second), job.chunk_rows, (p) => late.push(p))) {
    index += 1;
    const firstRow = batch[0]?.row ?? 0;
    const lastRow = batch.at(-1)?.row ?? 0;
    const before = landed.get(index);
    if (before !== undefined) {
      // Landed in an earlier run of this job: every right of it is in the register already.
      chunks.push({
        chunk: index,
        firstRow,
        lastRow,
        rights: batch.length,
        outcome: "landed before",
        imported: 0,
        unchanged: batch.length,
      });
      continue;
    }
    if (stoppedBecause !== undefined || late.length > 0) {
      stoppedBecause ??= `the file changed while it was imported (${late[0]?.message})`;
      chunks.push({
        chunk: index,
        firstRow,
        lastRow,
        rights: batch.length,
        outcome: "not written",
        imported: 0,
        unchanged: 0,
      });
      continue;
    }
    const done = await run(
      deps.rights.importRights(
        source,
        batch,
        { dryRun: false, checkpoint: { jobId, chunk: index, firstRow, lastRow } },
        options.actor,
      ),
    );
    if (Result.isFailure(done)) {
      const e = done.failure;
      stoppedBecause =
        e._tag === "ImportRefused"
          ? `chunk ${index} refused: ${e.problems.map((p) => `row ${p.row}${p.line === undefined ? "" : ` (line ${p.line})`}, ${p.field}: ${p.message}`).join("; ")}`
          : `chunk ${index}: the database failed (${e.cause instanceof Error ? e.cause.message : String(e.cause)})`;
      chunks.push({
        chunk: index,
        firstRow,
        lastRow,
        rights: batch.length,
        outcome: "failed",
        imported: 0,
        unchanged: 0,
      });
      continue;
    }
    chunks.push({
      chunk: index,
      firstRow,
      lastRow,
      rights: batch.length,
      outcome: "landed",
      imported: done.success.imported.length,
      unchanged: done.success.unchanged.length,
    });
  }
  if (stoppedBecause === undefined && second.digest() !== sha256) {
    stoppedBecause = "the file changed while it was imported (its SHA-256 differs from the check pass)";
  }
  const end = await nowDate();
  await deps.db
    .updateTable("import_jobs")
    .set({ state: stoppedBecause === undefined ? "done" : "failed", message: stoppedBecause ?? null, updated_at: end })
    .where("office_code", "=", officeCode)
    .where("id", "=", jobId)
    .execute()
    .catch(() => undefined); // the database may be what failed: the job stays "writing", and resumes the same way
  return {
    ...base,
    outcome: stoppedBecause === undefined ? "done" : "stopped",
    problems: [],
    chunks,
    imported: sum(chunks, "imported"),
    unchanged: sum(chunks, "unchanged"),
    resumed,
    ...(stoppedBecause === undefined ? {} : { stoppedBecause }),
  };
};

/** How long an import job's record is kept after its last change, unless the office says otherwise. */
export const defaultImportJobRetentionDays = 90;

/**
 * Forgets the import jobs of an office untouched since `before` (done, failed, or left writing by a crash), with
 * their chunks and numbers (the foreign keys cascade). What they imported stays: the rights, their events, and the
 * source numbers in `imported_rights` that keep a later run of the same file idempotent (decision 0804); only the
 * checkpoints go, so such a file is checked again whole and writes nothing new. Returns how many jobs went.
 */
export const forgetImportJobs = async (db: Kysely<Database>, officeCode: string, before: Date): Promise<number> => {
  const gone = await db
    .deleteFrom("import_jobs")
    .where("office_code", "=", officeCode)
    .where("updated_at", "<", before)
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
};
