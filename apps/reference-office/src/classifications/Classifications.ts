/**
 * The office's classification lists (Locarno, Vienna, IPC), in three tiers: the list the office imported (tier 3, in
 * the database) over the reference-data file (tier 2, when present and sound) over nothing, in which case the list is
 * "not available" and the service says what to do about it. Rules (code syntax, file formats, lookups) are the
 * domain's `ClassificationList`; this service reads and writes the database.
 *
 * An import replaces the office's list of that scheme in one transaction with a log row (who, when, which file, what
 * it replaced); a file with any problem writes nothing, and the same list imported again changes nothing.
 */
import { createHash } from "node:crypto";
import { ClassificationList as CL } from "@ipoffice/domain";
import { Clock, Context, Data, Effect, Layer, Result } from "effect";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema.js";
import type { Logger } from "../Logger.js";
import type { ReferenceData } from "../ReferenceData.js";
import { referenceList, referenceSources } from "./reference.js";
import { actorKindOf, appendAudit } from "../audit/Audit.js";

export type Tier = "imported" | "reference-data";

export class ClassificationsDatabaseError extends Data.TaggedError("ClassificationsDatabaseError")<{
  readonly cause: unknown;
}> {
  override get message(): string {
    return `database error: ${this.cause instanceof Error ? this.cause.message : String(this.cause)}`;
  }
}

/** The office has no list of the scheme; `reasons` say why and what to do, in words a person can act on. */
export class ListUnavailable extends Data.TaggedError("ListUnavailable")<{
  readonly scheme: CL.Scheme;
  readonly reasons: ReadonlyArray<string>;
}> {
  override get message(): string {
    return `no ${CL.schemeNames[this.scheme]} list: ${this.reasons.join(" ")}`;
  }
}

/** A list the office has, with where it comes from. */
export interface OfficeList {
  readonly scheme: CL.Scheme;
  readonly tier: Tier;
  readonly list: CL.List;
  /** Tier 3: when and by whom the list was imported. */
  readonly imported?: { readonly at: string; readonly by: string };
}

/** One line of the overview: a list the office has, or why it has none. */
export interface ListSummary {
  readonly scheme: CL.Scheme;
  readonly name: string;
  readonly available: boolean;
  readonly tier: Tier | null;
  readonly edition: string | null;
  readonly entries: number;
  readonly languages: ReadonlyArray<string>;
  readonly source: string | null;
  readonly importedAt: string | null;
  readonly importedBy: string | null;
  /** When not available: why, and what to do. */
  readonly reasons: ReadonlyArray<string>;
}

export interface ImportOptions {
  /** The file's name (no folders): recorded as the list's source. */
  readonly file: string;
  readonly edition?: string | null | undefined;
  /** Who imports (recorded in the import log). */
  readonly actor: string;
}

export interface ImportOutcome {
  readonly scheme: CL.Scheme;
  /** `imported` (the office had no imported list), `replaced`, or `unchanged` (the same list again: nothing written). */
  readonly outcome: "imported" | "replaced" | "unchanged";
  readonly entries: number;
  readonly edition: string | null;
  readonly source: string;
  readonly checksum: string;
  readonly previous: { readonly entries: number; readonly edition: string | null; readonly source: string } | null;
}

export interface ClassificationsShape {
  readonly officeCode: string;
  /** Every scheme: the list the office has (tier, edition, size, source) or why it has none. */
  readonly overview: () => Effect.Effect<ReadonlyArray<ListSummary>, ClassificationsDatabaseError>;
  /** The office's list of a scheme: tier 3 over tier 2. */
  readonly list: (scheme: CL.Scheme) => Effect.Effect<OfficeList, ListUnavailable | ClassificationsDatabaseError>;
  /** Imports a list in the office import format (`code,title,language`), replacing the office's list of the scheme. */
  readonly importCsv: (
    scheme: CL.Scheme,
    input: string | Uint8Array,
    options: ImportOptions,
  ) => Effect.Effect<ImportOutcome, CL.ImportError | ClassificationsDatabaseError>;
}

export class Classifications extends Context.Service<Classifications, ClassificationsShape>()(
  "ipoffice/Classifications",
) {}

export interface ClassificationsDeps {
  readonly db: Kysely<Database>;
  readonly officeCode: string;
  readonly reference: ReferenceData;
  readonly logger?: Logger | undefined;
}

/** Rows per INSERT when writing entries (7 parameters a row, well under PostgreSQL's 65,535). */
const BATCH = 2_000;

const query = <A>(run: () => Promise<A>): Effect.Effect<A, ClassificationsDatabaseError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new ClassificationsDatabaseError({ cause }) });

/** SHA-256 of the edition and the list in the import format: equal lists have equal checksums. */
export const checksumOf = (list: CL.List): string =>
  createHash("sha256")
    .update(`${list.edition ?? ""}\n${CL.toCsv(list)}`)
    .digest("hex");

const importHint = (scheme: CL.Scheme) =>
  `Import the office's list with "cli classifications import ${scheme} <file.csv>" (columns code,title,language)`;

export const makeClassifications = (deps: ClassificationsDeps): ClassificationsShape => {
  const { db, officeCode, reference, logger } = deps;
  /** Tier-3 lists read from the database, by scheme, kept while their checksum stays the same. */
  const imported = new Map<CL.Scheme, { checksum: string; list: CL.List }>();

  const fromDatabase = (scheme: CL.Scheme) =>
    Effect.gen(function* () {
      const row = yield* query(() =>
        db
          .selectFrom("classification_lists")
          .selectAll()
          .where("office_code", "=", officeCode)
          .where("scheme", "=", scheme)
          .executeTakeFirst(),
      );
      if (row === undefined) return undefined;
      const meta = { at: new Date(row.imported_at).toISOString(), by: row.imported_by };
      const cached = imported.get(scheme);
      if (cached?.checksum === row.checksum) return { list: cached.list, imported: meta };
      const entries = yield* query(() =>
        db
          .selectFrom("classification_entries")
          .select(["code", "titles"])
          .where("office_code", "=", officeCode)
          .where("scheme", "=", scheme)
          .orderBy("position")
          .execute(),
      );
      const built = CL.fromEntries(
        { scheme, edition: row.edition, source: row.source, entries },
        { file: `classification_entries (${scheme})` },
      );
      if (Result.isFailure(built)) {
        // Only a hand-edited database gets here: say so and fall back to the reference data.
        logger?.error(
          { scheme, problems: built.failure.issues.slice(0, 20).map((i) => CL.formatIssue(built.failure.file, i)) },
          `the imported ${CL.shortNames[scheme]} list in the database is inconsistent; it is not used`,
        );
        return undefined;
      }
      imported.set(scheme, { checksum: row.checksum, list: built.success });
      return { list: built.success, imported: meta };
    });

  const list: ClassificationsShape["list"] = (scheme) =>
    Effect.gen(function* () {
      const own = yield* fromDatabase(scheme);
      if (own !== undefined) return { scheme, tier: "imported" as const, list: own.list, imported: own.imported };
      const ref = referenceList(scheme, reference, logger);
      if (ref._tag === "Loaded") return { scheme, tier: "reference-data" as const, list: ref.list };
      const where = referenceSources[scheme].label;
      const reasons =
        ref._tag === "Absent"
          ? [
              `The office has imported none, and the reference-data file ${where} is absent.`,
              `${importHint(scheme)}, or place ${where} in the reference-data folder (IPO_REFERENCE_DATA).`,
            ]
          : [
              `The office has imported none, and ${ref.reason}.`,
              `${importHint(scheme)}, or correct the reference-data file.`,
            ];
      return yield* Effect.fail(new ListUnavailable({ scheme, reasons }));
    });

  const overview: ClassificationsShape["overview"] = () =>
    Effect.forEach(CL.schemes, (scheme) =>
      list(scheme).pipe(
        Effect.map(
          (l): ListSummary => ({
            scheme,
            name: CL.schemeNames[scheme],
            available: true,
            tier: l.tier,
            edition: l.list.edition,
            entries: CL.size(l.list),
            languages: CL.languages(l.list),
            source: l.list.source,
            importedAt: l.imported?.at ?? null,
            importedBy: l.imported?.by ?? null,
            reasons: [],
          }),
        ),
        Effect.catchTag("ListUnavailable", (e) =>
          Effect.succeed<ListSummary>({
            scheme,
            name: CL.schemeNames[scheme],
            available: false,
            tier: null,
            edition: null,
            entries: 0,
            languages: [],
            source: null,
            importedAt: null,
            importedBy: null,
            reasons: e.reasons,
          }),
        ),
      ),
    );

  const importCsv: ClassificationsShape["importCsv"] = (scheme, input, options) =>
    Effect.gen(function* () {
      const parsed = CL.parseCsv(input, { scheme, file: options.file, edition: options.edition ?? null });
      if (Result.isFailure(parsed)) return yield* Effect.fail(parsed.failure);
      const next = parsed.success;
      const checksum = checksumOf(next);
      const at = new Date(yield* Clock.currentTimeMillis).toISOString();
      const outcome = yield* query(() =>
        db.transaction().execute(async (trx) => {
          // One import of an office at a time.
          await trx.selectFrom("offices").select("code").where("code", "=", officeCode).forUpdate().execute();
          const current = await trx
            .selectFrom("classification_lists")
            .selectAll()
            .where("office_code", "=", officeCode)
            .where("scheme", "=", scheme)
            .forUpdate()
            .executeTakeFirst();
          const previous =
            current === undefined
              ? null
              : { entries: current.entries, edition: current.edition, source: current.source };
          const base = {
            scheme,
            entries: CL.size(next),
            edition: next.edition,
            source: next.source,
            checksum,
            previous,
          };
          if (current?.checksum === checksum) return { ...base, outcome: "unchanged" as const };
          await writeList(trx, officeCode, next, { checksum, at, actor: options.actor });
          await trx
            .insertInto("classification_imports")
            .values({
              office_code: officeCode,
              scheme,
              at,
              actor_id: options.actor,
              source: next.source,
              edition: next.edition,
              checksum,
              entries: CL.size(next),
              previous_edition: current?.edition ?? null,
              previous_checksum: current?.checksum ?? null,
              previous_entries: current?.entries ?? null,
            })
            .execute();
          await appendAudit(
            trx,
            officeCode,
            {
              actorKind: actorKindOf({ id: options.actor, role: "office_admin" }),
              actorId: options.actor,
              action: "classifications.import",
              target: scheme,
              outcome: "ok",
              details: { source: next.source.slice(0, 200), edition: next.edition, entries: CL.size(next), checksum },
            },
            at,
          );
          return { ...base, outcome: current === undefined ? ("imported" as const) : ("replaced" as const) };
        }),
      );
      if (outcome.outcome !== "unchanged") {
        imported.set(scheme, { checksum, list: next });
        logger?.info(
          { scheme, outcome: outcome.outcome, entries: outcome.entries, source: next.source, actor: options.actor },
          `${CL.shortNames[scheme]} list ${outcome.outcome}`,
        );
      }
      return outcome;
    });

  return { officeCode, overview, list, importCsv };
};

/** Replaces the office's list of a scheme: its row, then all its entries (the caller holds the transaction). */
const writeList = async (
  trx: Transaction<Database>,
  officeCode: string,
  list: CL.List,
  meta: { readonly checksum: string; readonly at: string; readonly actor: string },
): Promise<void> => {
  const row = {
    edition: list.edition,
    source: list.source,
    checksum: meta.checksum,
    entries: CL.size(list),
    languages: CL.languages(list).join(","),
    imported_at: meta.at,
    imported_by: meta.actor,
  };
  await trx
    .insertInto("classification_lists")
    .values({ office_code: officeCode, scheme: list.scheme, ...row })
    .onConflict((oc) => oc.columns(["office_code", "scheme"]).doUpdateSet(row))
    .execute();
  await trx
    .deleteFrom("classification_entries")
    .where("office_code", "=", officeCode)
    .where("scheme", "=", list.scheme)
    .execute();
  for (let from = 0; from < list.entries.length; from += BATCH) {
    await trx
      .insertInto("classification_entries")
      .values(
        list.entries.slice(from, from + BATCH).map((e, i) => ({
          office_code: officeCode,
          scheme: list.scheme,
          code: e.code,
          parent: e.parent,
          level: e.level,
          position: from + i,
          titles: JSON.stringify(e.titles),
        })),
      )
      .execute();
  }
};

export const ClassificationsLive = (deps: ClassificationsDeps) =>
  Layer.succeed(Classifications, makeClassifications(deps));
