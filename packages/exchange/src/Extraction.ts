/**
 * Extractions for WIPO's global databases (Global Brand Database, Global Design Database, PATENTSCOPE): a full
 * extraction of an office's published collection and daily updates by change date, as ST.96 V6_0 files in ZIPs laid
 * out as WIPO's data drop expects, with a manifest and SHA-256 checksums (decision 0801).
 *
 * - Folders: one main folder per service (`Trademarks`, `Designs`, `Patents`), a `Full_Extraction` sub-folder for the
 *   initial upload of the full published collection and an `Updates` sub-folder for new files and updates to records
 *   already delivered (WIPO's data exchange folder arrangement for GBD, GDD and PATENTSCOPE).
 * - Names: office code, collection, scope, date and part: `OM_TM_FULL_20261207_001.zip`; in each ZIP, ST.96 files of
 *   at most `recordsPerFile` records (`OM_TM_FULL_20261207_001_0001.xml`, a `tmk:TrademarkBag` or a
 *   `dgn:DesignApplicationBag`) or, for patents, one `pat:BibliographicData` per record named by its ST.13 number,
 *   with its ST.27 legal status beside it when it has one (`<ST13>_LEGAL_STATUS.xml`, a `pat:PatentLegalStatusData`).
 * - Manifest: `OM_TM_FULL_20261207.manifest.json` (every ZIP with its size, SHA-256 and records; every XML file in it
 *   likewise) and `OM_TM_FULL_20261207.sha256` (`sha256sum -c` format), written after the ZIPs: a manifest present
 *   means its ZIPs are complete.
 * - Deletions: an update lists the records withdrawn from public view since they were delivered under the manifest's
 *   `deleted` (every update has it, empty on most days), and for trademarks writes them as an ST.96 delete file
 *   (`OM_TM_UPDATE_20261207_DELETE_001.zip`: `tmk:Trademark` with `com:operationCategory="Delete"`, the numbers only).
 * - Deterministic: the same records give the same bytes. Entries carry the extraction's date at midnight as their
 *   time (DOS time has no zone: the same fields on any machine), in record order; the manifest holds no clock.
 *
 * Memory stays flat: records are written one by one into the deflate stream, and each compressed chunk goes to the
 * sink before the next record is written. Where the files go is the caller's (`Target`): the package does no IO.
 * ZIPs are written without ZIP64 (fflate's writer has none), so a part stays under 4 GiB and 65,535 entries: parts are
 * cut at `recordsPerZip` records (default 10,000; at most 50,000).
 */
import { createHash, type Hash } from "node:crypto";
import { Zip, ZipDeflate } from "fflate";
import { type DesignRecord, writeChunks as writeDesigns } from "./DesignSt96.js";
import { type LegalStatusRecord, write as writeLegalStatus } from "./PatentLegalStatus.js";
import { type PatentRecord, write as writePatent } from "./PatentSt96.js";
import { type TrademarkRecord, writeChunks as writeTrademarks } from "./TrademarkSt96.js";

/** The collections of WIPO's global databases. */
export type Collection = "trademarks" | "designs" | "patents";
/** A full extraction or a day's update. */
export type Scope = "full" | "update";

/** The record each collection takes. */
export interface RecordOf {
  readonly trademarks: TrademarkRecord;
  readonly designs: DesignRecord;
  readonly patents: PatentWithLegalStatus;
}

/**
 * A patent as an extraction takes it: its bibliographic record and, when the office's history gives one, its ST.27
 * legal status (`LegalStatusMapping.fromHistory`), written beside it as `<ST13>_LEGAL_STATUS.xml`, a
 * `pat:PatentLegalStatusData` of its one `pat:PatentLegalStatus`.
 */
export interface PatentWithLegalStatus extends PatentRecord {
  readonly legalStatus?: LegalStatusRecord | undefined;
}

/** Main folder of each collection (WIPO's data exchange folders for GBD, GDD and PATENTSCOPE). */
export const collectionFolders: Readonly<Record<Collection, string>> = {
  trademarks: "Trademarks",
  designs: "Designs",
  patents: "Patents",
};
/** Sub-folder of each scope. */
export const scopeFolders: Readonly<Record<Scope, string>> = { full: "Full_Extraction", update: "Updates" };
/** The collection's code in file names. */
export const collectionCodes: Readonly<Record<Collection, string>> = { trademarks: "TM", designs: "DS", patents: "PT" };
const scopeCodes: Readonly<Record<Scope, string>> = { full: "FULL", update: "UPDATE" };

export interface ExtractionOptions {
  /** The office's code (ST.3), first in every file name. */
  readonly office: string;
  readonly collection: Collection;
  readonly scope: Scope;
  /** The extraction's date (`YYYY-MM-DD`): the day of the full extraction, or the day whose changes an update holds. */
  readonly date: string;
  /** Records per XML file of trademarks and designs (default 1,000); patents are one record per file. */
  readonly recordsPerFile?: number;
  /** Records per ZIP (default 10,000, at most 50,000): a new part begins after them. */
  readonly recordsPerZip?: number;
  /** Deflate level (default 6). */
  readonly level?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/** Where the files go: `open(path)` with a path relative to the drop's root, e.g. `Trademarks/Updates/x.zip`. */
export interface Target {
  readonly open: (path: string) => Sink | Promise<Sink>;
}

/** One file being written. `close` is called once, after the last chunk, when the file is complete. */
export interface Sink {
  readonly write: (chunk: Uint8Array) => void | Promise<void>;
  readonly close: () => void | Promise<void>;
}

export interface ManifestEntry {
  /** The XML file's name inside the ZIP. */
  readonly name: string;
  readonly records: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface ManifestFile {
  /** The ZIP's path from the drop's root. */
  readonly path: string;
  readonly records: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly entries: ReadonlyArray<ManifestEntry>;
}

/** What an extraction wrote. The manifest's JSON is this object, keys in this order. */
export interface Manifest {
  readonly standard: "WIPO ST.96 V6_0";
  readonly office: string;
  readonly collection: Collection;
  readonly scope: Scope;
  readonly date: string;
  readonly records: number;
  readonly files: ReadonlyArray<ManifestFile>;
  /**
   * Updates only: the records withdrawn from public view since they were delivered (a right that left the
   * publication rule, withdrawn from the public register), which the global databases are to drop.
   */
  readonly deleted?: Deletions;
}

/** What `extract` gives back: the manifest, and the paths of the manifest and checksum files it wrote. */
export interface Written {
  readonly manifest: Manifest;
  readonly manifestPath: string;
  readonly checksumsPath: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The folder of a collection and scope, from the drop's root: `Trademarks/Full_Extraction`. */
export const folderOf = (collection: Collection, scope: Scope): string =>
  `${collectionFolders[collection]}/${scopeFolders[scope]}`;

/** The base of every file name of an extraction: `OM_TM_UPDATE_20261207`. */
export const baseName = (options: Pick<ExtractionOptions, "office" | "collection" | "scope" | "date">): string =>
  `${options.office}_${collectionCodes[options.collection]}_${scopeCodes[options.scope]}_${options.date.replaceAll("-", "")}`;

/** The manifest's path from the drop's root. */
export const manifestPath = (options: Pick<ExtractionOptions, "office" | "collection" | "scope" | "date">): string =>
  `${folderOf(options.collection, options.scope)}/${baseName(options)}.manifest.json`;

/** The manifest as its file holds it (UTF-8 JSON, two-space indent, a final newline). */
export const manifestJson = (manifest: Manifest): string => `${JSON.stringify(manifest, null, 2)}\n`;

/** The checksum file's lines: `<sha256>  <file name>` for every ZIP (`sha256sum -c` reads them in the folder). */
export const checksumLines = (manifest: Manifest): string =>
  [...manifest.files, ...(manifest.deleted?.files ?? [])]
    .map((f) => `${f.sha256}  ${f.path.slice(f.path.lastIndexOf("/") + 1)}\n`)
    .join("");

/** A wrong option: nothing was written. */
export class ExtractionOptionsInvalid extends Error {
  override readonly name = "ExtractionOptionsInvalid";
}

const check = (options: ExtractionOptions) => {
  const date = DATE.exec(options.date);
  const parsed = new Date(`${options.date}T00:00:00Z`);
  if (date === null || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== options.date) {
    throw new ExtractionOptionsInvalid(`date: "${options.date}" is not a date YYYY-MM-DD`);
  }
  if (Number(date[1]) < 1980 || Number(date[1]) > 2099) {
    throw new ExtractionOptionsInvalid(`date: ${options.date} is outside the years a ZIP can date (1980 to 2099)`);
  }
  if (!/^[A-Z]{2}$/.test(options.office)) {
    throw new ExtractionOptionsInvalid(`office: "${options.office}" is not a two-letter ST.3 code`);
  }
  const perFile = options.recordsPerFile ?? 1_000;
  const perZip = options.recordsPerZip ?? 10_000;
  if (!Number.isInteger(perFile) || perFile < 1 || perFile > 100_000) {
    throw new ExtractionOptionsInvalid(`recordsPerFile: ${perFile} is not a whole number from 1 to 100,000`);
  }
  if (!Number.isInteger(perZip) || perZip < 1 || perZip > 50_000) {
    throw new ExtractionOptionsInvalid(`recordsPerZip: ${perZip} is not a whole number from 1 to 50,000`);
  }
  return { perFile, perZip, y: Number(date[1]), m: Number(date[2]), d: Number(date[3]) };
};

const encoder = new TextEncoder();
/** Bytes gathered before a push to the deflate stream (fewer, larger pushes; the same on every run). */
const PUSH_BYTES = 64 * 1024;

/** One ZIP being written: entries one after the other, compressed chunks handed to the sink as they come. */
class ZipPart {
  private readonly zip: Zip;
  private readonly pending: Array<Uint8Array> = [];
  private failure: Error | undefined;
  private readonly hash: Hash = createHash("sha256");
  private bytes = 0;
  readonly entries: Array<ManifestEntry> = [];
  records = 0;

  private constructor(
    private readonly sink: Sink,
    private readonly mtime: Date,
    private readonly level: NonNullable<ExtractionOptions["level"]>,
  ) {
    this.zip = new Zip((error, chunk) => {
      if (error) this.failure = error;
      else this.pending.push(chunk);
    });
  }

  static async open(target: Target, path: string, mtime: Date, level: NonNullable<ExtractionOptions["level"]>) {
    return new ZipPart(await target.open(path), mtime, level);
  }

  private async flush() {
    if (this.failure) throw this.failure;
    while (this.pending.length > 0) {
      const chunk = this.pending.shift() as Uint8Array;
      this.hash.update(chunk);
      this.bytes += chunk.length;
      await this.sink.write(chunk);
    }
  }

  /** Writes one XML file from its text chunks; `records` is how many records it holds. */
  async entry(name: string, chunks: Iterable<string>, records: number) {
    const file = new ZipDeflate(name, { level: this.level });
    // DOS time is read from the date's local fields: a date made from local fields gives the same bytes anywhere.
    file.mtime = this.mtime;
    this.zip.add(file);
    const hash = createHash("sha256");
    let size = 0;
    let buffer: Array<Uint8Array> = [];
    let buffered = 0;
    const push = async (final: boolean) => {
      const data = buffer.length === 1 ? (buffer[0] as Uint8Array) : concat(buffer, buffered);
      buffer = [];
      buffered = 0;
      file.push(data, final);
      await this.flush();
    };
    for (const text of chunks) {
      const bytes = encoder.encode(text);
      hash.update(bytes);
      size += bytes.length;
      buffer.push(bytes);
      buffered += bytes.length;
      if (buffered >= PUSH_BYTES) await push(false);
    }
    await push(true);
    this.entries.push({ name, records, bytes: size, sha256: hash.digest("hex") });
    this.records += records;
  }

  async close(): Promise<{ bytes: number; sha256: string }> {
    this.zip.end();
    await this.flush();
    await this.sink.close();
    return { bytes: this.bytes, sha256: this.hash.digest("hex") };
  }
}

const concat = (parts: ReadonlyArray<Uint8Array>, length: number): Uint8Array => {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const writeText = async (target: Target, path: string, text: string) => {
  const sink = await target.open(path);
  await sink.write(encoder.encode(text));
  await sink.close();
};

/** A patent's file name inside the ZIP, without `.xml`: its ST.13 number (letters and digits only). */
const patentEntryName = (record: PatentRecord, index: number): string => {
  const st13 = record.right.st13.replace(/[^A-Za-z0-9]/g, "");
  return st13 === "" ? `record-${index + 1}` : st13;
};

/** The files of one patent: its bibliographic data, then its legal status when it has one. */
const patentEntries = (record: PatentWithLegalStatus, index: number): Array<SingleEntry> => {
  const name = patentEntryName(record, index);
  const { legalStatus, ...bibliographic } = record;
  return [
    { name: `${name}.xml`, xml: writePatent(bibliographic), records: 1 },
    ...(legalStatus === undefined
      ? []
      : [{ name: `${name}_LEGAL_STATUS.xml`, xml: writeLegalStatus([legalStatus]), records: 0 }]),
  ];
};

/** One file of a record written alone; `records` counts toward the part (a legal-status file counts none). */
interface SingleEntry {
  readonly name: string;
  readonly xml: string;
  readonly records: number;
}

/** A record withdrawn from public view since it was delivered: the global databases are to drop it. */
export interface Deleted {
  /** The office's application number, as the record's `com:ApplicationNumberText` gave it. */
  readonly applicationNumber: string;
  /** Its ST.13 number, as delivered (`com:ST13ApplicationNumber`; empty when the record had none). */
  readonly st13: string;
}

/**
 * The deletions an update announces: every record, in application-number order (byte order), and, for trademarks,
 * the ZIP parts of the ST.96 delete file (`tmk:Trademark` with `com:operationCategory="Delete"`).
 */
export interface Deletions {
  readonly records: number;
  readonly applications: ReadonlyArray<Deleted>;
  readonly files: ReadonlyArray<ManifestFile>;
}

/**
 * ST.96 marks a record to remove with `com:operationCategory="Delete"` (Common_V6_0.xsd, OperationCategoryType):
 * `tmk:TrademarkType` takes it with no required element but an application or registration number, so a trademark
 * deletion is the office code and the numbers, nothing the public may no longer see. `dgn:DesignApplication` takes
 * the attribute too but requires a design bag and an applicant bag (the withdrawn data itself), and
 * `pat:BibliographicData` does not take it: designs and patents are announced in the manifest only.
 */
export const deleteFileCollections: ReadonlyArray<Collection> = ["trademarks"];

const escapeXml = (value: string) =>
  value.replace(/[<>&"]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : "&quot;"));

/** A `tmk:Trademark` that asks the receiver to delete a record: office code, application number, ST.13 number. */
export const trademarkDeletionXml = (office: string, deleted: Deleted): string => {
  const st13 = deleted.st13.replace(/[^A-Za-z0-9]/g, "");
  return (
    `<tmk:Trademark com:operationCategory="Delete"><com:RegistrationOfficeCode>${escapeXml(office)}</com:RegistrationOfficeCode>` +
    `<com:ApplicationNumber><com:IPOfficeCode>${escapeXml(office)}</com:IPOfficeCode>` +
    `<com:ApplicationNumberText>${escapeXml(deleted.applicationNumber)}</com:ApplicationNumberText></com:ApplicationNumber>` +
    (/^[A-Z]{2}\d{15}$/.test(st13)
      ? `<com:ApplicationNumber><com:IPOfficeCode>${st13.slice(0, 2)}</com:IPOfficeCode>` +
        `<com:ST13ApplicationNumber>${st13.slice(2)}</com:ST13ApplicationNumber></com:ApplicationNumber>`
      : "") +
    "</tmk:Trademark>"
  );
};

function* deletionChunks(office: string, batch: ReadonlyArray<Deleted>): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<tmk:TrademarkBag xmlns:tmk="http://www.wipo.int/standards/XMLSchema/ST96/Trademark" xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common">`;
  for (const d of batch) yield trademarkDeletionXml(office, d);
  yield "</tmk:TrademarkBag>\n";
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Writes records (or deletions) into ZIP parts `<base>_001.zip`, … of `folder`: XML files of at most `perFile`
 * records (patents one each), parts of at most `perZip` records. Returns the parts as the manifest lists them.
 */
const writeParts = async <T>(
  target: Target,
  folder: string,
  base: string,
  items: AsyncIterable<T> | Iterable<T>,
  settings: {
    readonly perFile: number;
    readonly perZip: number;
    readonly mtime: Date;
    readonly level: NonNullable<ExtractionOptions["level"]>;
    /** One record per file (and its companions), named by the record (patents). */
    readonly single?: (item: T, index: number) => ReadonlyArray<SingleEntry>;
    readonly chunks: (batch: ReadonlyArray<T>) => Iterable<string>;
  },
): Promise<{ files: Array<ManifestFile>; total: number }> => {
  const { perFile, perZip, mtime, level } = settings;
  const files: Array<ManifestFile> = [];
  let part: ZipPart | undefined;
  let partPath = "";
  let batch: Array<T> = [];
  let fileNumber = 0;
  let total = 0;

  const closePart = async () => {
    if (part === undefined) return;
    const { bytes, sha256 } = await part.close();
    files.push({ path: partPath, records: part.records, bytes, sha256, entries: part.entries });
    part = undefined;
  };
  const ensurePart = async () => {
    if (part !== undefined && part.records < perZip) return part;
    await closePart();
    partPath = `${folder}/${base}_${String(files.length + 1).padStart(3, "0")}.zip`;
    fileNumber = 0;
    part = await ZipPart.open(target, partPath, mtime, level);
    return part;
  };
  const flushBatch = async () => {
    if (batch.length === 0) return;
    const zip = await ensurePart();
    fileNumber += 1;
    const name = `${partPath.slice(folder.length + 1, -4)}_${String(fileNumber).padStart(4, "0")}.xml`;
    await zip.entry(name, settings.chunks(batch), batch.length);
    batch = [];
  };

  for await (const item of items) {
    total += 1;
    if (settings.single !== undefined) {
      const zip = await ensurePart();
      for (const { name, xml, records } of settings.single(item, total - 1)) await zip.entry(name, [xml], records);
      continue;
    }
    // A ZIP part ends at perZip records: an XML file never straddles two parts.
    const room = part === undefined ? perZip : perZip - part.records;
    batch.push(item);
    if (batch.length >= Math.min(perFile, room > 0 ? room : perZip)) await flushBatch();
  }
  await flushBatch();
  await closePart();
  return { files, total };
};

/**
 * Writes an extraction of `records` (in the order given: sort them, by application number for instance, for the same
 * bytes on every run) to `target`: the ZIP parts, then, for an update, the delete file's parts (trademarks), then the
 * checksum file and the manifest. Returns the manifest. With no records and no deletions, only the manifest and an
 * empty checksum file are written: the day had no change.
 *
 * `deleted` (updates only): the records withdrawn from public view since they were delivered. The manifest lists them
 * all under `deleted` (sorted by application number, duplicates dropped); for trademarks they are also written as
 * ST.96 delete records in `<base>_DELETE_001.zip`, … ({@link trademarkDeletionXml}).
 */
export const extract = async <C extends Collection>(
  options: ExtractionOptions & { readonly collection: C },
  records: AsyncIterable<RecordOf[C]> | Iterable<RecordOf[C]>,
  target: Target,
  deleted: ReadonlyArray<Deleted> = [],
): Promise<Written> => {
  const { perFile, perZip, y, m, d } = check(options);
  if (options.scope === "full" && deleted.length > 0) {
    throw new ExtractionOptionsInvalid("deleted: a full extraction replaces the collection and announces no deletion");
  }
  for (const x of deleted) {
    if (x.applicationNumber.trim() === "")
      throw new ExtractionOptionsInvalid("deleted: an application number is empty");
  }
  const mtime = new Date(y, m - 1, d, 0, 0, 0);
  const level = options.level ?? 6;
  const folder = folderOf(options.collection, options.scope);
  const base = baseName(options);
  const settings = { perFile, perZip, mtime, level };
  const { files, total } = await writeParts(target, folder, base, records, {
    ...settings,
    chunks: (batch) =>
      options.collection === "trademarks"
        ? writeTrademarks(batch as ReadonlyArray<TrademarkRecord>)
        : writeDesigns(batch as ReadonlyArray<DesignRecord>),
    ...(options.collection === "patents"
      ? {
          single: (record: RecordOf[C], index: number) => patentEntries(record as PatentWithLegalStatus, index),
        }
      : {}),
  });

  let deletions: Deletions | undefined;
  if (options.scope === "update") {
    const applications: Array<Deleted> = [];
    for (const x of [...deleted].sort((a, b) => byteOrder(a.applicationNumber, b.applicationNumber))) {
      if (applications.at(-1)?.applicationNumber !== x.applicationNumber) {
        applications.push({ applicationNumber: x.applicationNumber, st13: x.st13 });
      }
    }
    const deleteFiles =
      applications.length > 0 && deleteFileCollections.includes(options.collection)
        ? (
            await writeParts(target, folder, `${base}_DELETE`, applications, {
              ...settings,
              chunks: (batch) => deletionChunks(options.office, batch),
            })
          ).files
        : [];
    deletions = { records: applications.length, applications, files: deleteFiles };
  }

  const manifest: Manifest = {
    standard: "WIPO ST.96 V6_0",
    office: options.office,
    collection: options.collection,
    scope: options.scope,
    date: options.date,
    records: total,
    files,
    ...(deletions === undefined ? {} : { deleted: deletions }),
  };
  const checksums = `${folder}/${base}.sha256`;
  const manifestFile = manifestPath(options);
  await writeText(target, checksums, checksumLines(manifest));
  await writeText(target, manifestFile, manifestJson(manifest));
  return { manifest, manifestPath: manifestFile, checksumsPath: checksums };
};

/** One file of a ZIP: its name and its text, in chunks. */
export interface ZipEntry {
  readonly name: string;
  readonly chunks: Iterable<string>;
}

/**
 * Any ST.96 files as one ZIP, streamed: the ZIP's bytes come out entry by entry (memory flat in the number of
 * entries' contents), every entry dated `date` at midnight, as in extractions. For exports of a search's results.
 */
export async function* zip(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  options: { readonly date: string; readonly level?: ExtractionOptions["level"] },
): AsyncGenerator<Uint8Array> {
  const { y, m, d } = check({ office: "XX", collection: "trademarks", scope: "full", date: options.date });
  const out: Array<Uint8Array> = [];
  const sink: Sink = {
    write: (chunk) => {
      out.push(chunk);
    },
    close: () => undefined,
  };
  const part = await ZipPart.open({ open: () => sink }, "", new Date(y, m - 1, d), options.level ?? 6);
  for await (const entry of entries) {
    await part.entry(entry.name, entry.chunks, 1);
    yield* out.splice(0);
  }
  await part.close();
  yield* out.splice(0);
}

/** A record's collection, by the kind of its right. */
export const collectionOf = (kind: "trademark" | "industrial_design" | "patent" | "utility_model"): Collection =>
  kind === "trademark" ? "trademarks" : kind === "industrial_design" ? "designs" : "patents";
