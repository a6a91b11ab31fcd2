/**
 * The Madrid desk's services for the routes, the pages and the CLI: import of IB batches, lists, records, decisions.
 */
import { createReadStream } from "node:fs";
import { Calendar } from "@ipoffice/domain";
import { Designation } from "@ipoffice/madrid";
import type { Kysely } from "kysely";
import { type OfficeConfig, todayIn } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { type BatchSource, type ImportOptions, type ImportSummary, importBatches } from "./importer.js";
import { type MadridSettings, madridSettings } from "./settings.js";
import { getRecord, listOfficeDocuments, type OfficeDocumentSummary } from "./store.js";
import type { SpooledFile } from "./uploads.js";

export interface DeskContext {
  readonly db: Kysely<Database>;
  readonly config: OfficeConfig;
  readonly now: () => Date;
}

/** The office's date now, in its time zone. */
export const deskToday = (ctx: Pick<DeskContext, "config" | "now">): Calendar.IsoDate =>
  todayIn(ctx.config.office.timeZone, ctx.now());

/** Days from `today` to the time limit (negative: overdue). */
export const daysLeft = (today: string, limit: string): number =>
  Calendar.diffDays(today as Calendar.IsoDate, limit as Calendar.IsoDate);

export interface DesignationView {
  readonly designation: Designation.Designation;
  /** The status today: a pending designation past its time limit is protected by default. */
  readonly statusToday: Designation.Status;
  readonly daysLeft: number;
  readonly documents: ReadonlyArray<OfficeDocumentSummary>;
}

export const makeDesk = (ctx: DeskContext) => {
  const settings: MadridSettings = madridSettings(ctx.config);
  const options = (source: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({
    db: ctx.db,
    settings,
    now: ctx.now,
    source,
    ...extra,
  });
  return {
    settings,
    /** Imports batches given as chunk streams. */
    importSources: (
      sources: Iterable<BatchSource> | AsyncIterable<BatchSource>,
      source: string,
      extra?: Partial<ImportOptions>,
    ): Promise<ImportSummary> => importBatches(sources, options(source, extra)),
    /** Imports spooled upload files. */
    importFiles: (files: ReadonlyArray<SpooledFile>, source: string): Promise<ImportSummary> =>
      importBatches(
        files.map((f) => ({ name: f.name, chunks: createReadStream(f.path, { highWaterMark: 64 * 1024 }) })),
        options(source),
      ),
    view: async (irNumber: string): Promise<DesignationView | undefined> => {
      const d = await getRecord(ctx.db, settings.officeCode, irNumber);
      if (!d) return undefined;
      const today = deskToday(ctx);
      return {
        designation: d,
        statusToday: Designation.statusAt(d, today),
        daysLeft: daysLeft(today, d.refusalTimeLimit.limit),
        documents: await listOfficeDocuments(ctx.db, settings.officeCode, irNumber),
      };
    },
  };
};
export type Desk = ReturnType<typeof makeDesk>;
