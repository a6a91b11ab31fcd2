/**
 * Node-only entry: reads the reference files (or the compact artifacts generated from them) and builds editions.
 *
 * Editions shipped from the reference data, named after what the files are:
 * - `12`: the 12th-edition-era English alphabetical list (`nice/ncl12-en-alphabetical-list.csv`, 10,029 terms) with
 *   the Bulgarian per-class lists (`nice/bg-alphabetical-lists-by-class.json`) joined as language `bg`, not linked to
 *   basic numbers. The sources carry no class headings.
 * - `10-2015`: the 10th edition, version 2015, English (`nice/ncl10-2015-en.json`): headings and terms.
 * - `13-2026`: NCL 13-2026 class headings, explanatory notes, includes/excludes in English
 *   (`nice/ncl13-2026-class-headings-en.json`); no term list.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Result, Schema } from "effect";
import type { BasicNumber, ClassNumber, NiceClass, Term, UnlinkedTerm } from "./Edition.js";
import * as Edition from "./Edition.js";
import type { CsvRow } from "./Import.js";
import {
  ImportError,
  parseAlphabeticalCsv,
  parseClassHeadingsJson,
  parseClassLists,
  parseNcl10Json,
  termsFromRows,
} from "./Import.js";
import { getOrAdd, getOrInsert } from "./internal/collections.js";

/** The editions this package can build from the reference data. */
export const editionIds = ["12", "10-2015", "13-2026"] as const;
export type EditionId = (typeof editionIds)[number];

/** Source files, relative to the reference-data folder. */
export const sources = {
  ncl12En: "nice/ncl12-en-alphabetical-list.csv",
  bg: "nice/bg-alphabetical-lists-by-class.json",
  ncl10: "nice/ncl10-2015-en.json",
  ncl13Headings: "nice/ncl13-2026-class-headings-en.json",
} as const;

const ARTIFACT_FORMAT = "ipoffice-nice-artifact/1";

/** The repository root, three levels above this module (`packages/nice-classification/src|dist`). */
const repositoryRoot = (): string => fileURLToPath(new URL("../../../", import.meta.url));

/** The reference-data folder: the `dataDir` option, else `IPO_REFERENCE_DATA`, else `../shared/data` from the repository root. */
export const referenceDataDir = (dataDir?: string): string => {
  const chosen = dataDir ?? process.env["IPO_REFERENCE_DATA"];
  if (chosen !== undefined && chosen !== "") return isAbsolute(chosen) ? chosen : resolve(chosen);
  return resolve(repositoryRoot(), "..", "shared", "data");
};

/** Where `generate` writes its artifacts: `packages/nice-classification/.generated/`. */
export const defaultGeneratedDir = (): string => fileURLToPath(new URL("../.generated/", import.meta.url));

export interface LoadOptions {
  /** Reference-data folder (default: see `referenceDataDir`). */
  readonly dataDir?: string | undefined;
  /**
   * Artifact folder (default `.generated/` of this package). Artifacts are used when present, else the sources. When
   * `dataDir` is given without `generatedDir`, the sources in `dataDir` are read (the default artifacts may come from
   * other data).
   */
  readonly generatedDir?: string | undefined;
  /** Read the sources even when artifacts exist. */
  readonly ignoreArtifacts?: boolean | undefined;
}

/** A part of an edition that could not be loaded. */
export interface Unavailable {
  readonly edition: string;
  /** The language that is missing, or `null` when the whole edition part (classes, terms) is. */
  readonly language: string | null;
  readonly source: string;
  readonly reason: string;
}

/** The edition cannot be built at all (its main source is missing or invalid). */
export class EditionUnavailable extends Schema.TaggedError<EditionUnavailable>()("EditionUnavailable", {
  edition: Schema.String,
  reasons: Schema.Array(Schema.String),
}) {
  override get message(): string {
    return `Nice edition ${this.edition} is unavailable: ${this.reasons.join("; ")}`;
  }
}

export interface LoadedEdition {
  readonly edition: Edition.Edition;
  /** Optional parts (e.g. the Bulgarian terms) that were not found; the edition works without them. */
  readonly unavailable: ReadonlyArray<Unavailable>;
}

// ---------------------------------------------------------------------------------------------------------------
// Artifacts: compact JSON, one per source file, each naming its source.

type TermRow = readonly [string, number, string];

interface Artifact {
  readonly format: typeof ARTIFACT_FORMAT;
  readonly source: string;
  readonly classes?: ReadonlyArray<NiceClass>;
  /** language → [basic number, class, text] */
  readonly terms?: Readonly<Record<string, ReadonlyArray<TermRow>>>;
  /** language → class → texts */
  readonly unlinked?: Readonly<Record<string, Readonly<Record<string, ReadonlyArray<string>>>>>;
}

const artifactName = (source: string): string => `${source.replace(/^nice\//, "").replace(/\.(csv|json)$/, "")}.json`;

type Parsed = { classes: ReadonlyArray<NiceClass>; terms: ReadonlyArray<Term>; unlinked: ReadonlyArray<UnlinkedTerm> };

const readJson = (path: string, file: string): Result.Result<unknown, ImportError> => {
  try {
    return Result.succeed(JSON.parse(readFileSync(path, "utf8")));
  } catch (e) {
    return Result.fail(
      new ImportError({
        file,
        issues: [{ line: 0, field: "file", message: e instanceof Error ? e.message : String(e) }],
      }),
    );
  }
};

/** Parses one source file of the reference data into classes, terms and unlinked terms. */
const parseSource = (dataDir: string, source: string): Result.Result<Parsed, ImportError> => {
  const path = join(dataDir, source);
  const empty: Parsed = { classes: [], terms: [], unlinked: [] };
  switch (source) {
    case sources.ncl12En: {
      const text = readFileSync(path, "utf8");
      return Result.map(parseAlphabeticalCsv(text, { file: source }), (rows) => ({
        ...empty,
        terms: termsFromRows(rows),
      }));
    }
    case sources.bg:
      return Result.flatMap(readJson(path, source), (json) =>
        Result.map(parseClassLists(json, { file: source }), (unlinked) => ({ ...empty, unlinked })),
      );
    case sources.ncl10:
      return Result.flatMap(readJson(path, source), (json) =>
        Result.map(parseNcl10Json(json, { file: source }), (n) => ({ ...empty, classes: n.classes, terms: n.terms })),
      );
    case sources.ncl13Headings:
      return Result.flatMap(readJson(path, source), (json) =>
        Result.map(parseClassHeadingsJson(json, { file: source }), (classes) => ({ ...empty, classes })),
      );
    default:
      return Result.fail(
        new ImportError({ file: source, issues: [{ line: 0, field: "file", message: "unknown source" }] }),
      );
  }
};

const toArtifact = (source: string, p: Parsed): Artifact => {
  const terms: Record<string, Array<TermRow>> = {};
  for (const t of p.terms)
    for (const [language, text] of Object.entries(t.texts))
      getOrAdd(terms, language, () => []).push([t.basicNumber, t.classNumber, text]);
  const unlinked: Record<string, Record<string, Array<string>>> = {};
  for (const u of p.unlinked)
    getOrAdd(
      getOrAdd(unlinked, u.language, (): Record<string, Array<string>> => ({})),
      String(u.classNumber),
      (): Array<string> => [],
    ).push(u.text);
  return {
    format: ARTIFACT_FORMAT,
    source,
    ...(p.classes.length > 0 ? { classes: p.classes } : {}),
    ...(p.terms.length > 0 ? { terms } : {}),
    ...(p.unlinked.length > 0 ? { unlinked } : {}),
  };
};

const fromArtifact = (a: Artifact): Parsed => {
  const byNumber = new Map<
    string,
    { basicNumber: BasicNumber; classNumber: ClassNumber; texts: Record<string, string> }
  >();
  for (const [language, rows] of Object.entries(a.terms ?? {}))
    for (const [bn, cls, text] of rows) {
      const t = getOrInsert(byNumber, bn, () => ({
        basicNumber: bn as BasicNumber,
        classNumber: cls as ClassNumber,
        texts: {} as Record<string, string>,
      }));
      t.texts[language] = text;
    }
  const unlinked: Array<UnlinkedTerm> = [];
  for (const [language, byClass] of Object.entries(a.unlinked ?? {}))
    for (const [c, texts] of Object.entries(byClass))
      for (const text of texts) unlinked.push({ classNumber: Number(c) as ClassNumber, language, text });
  return { classes: a.classes ?? [], terms: [...byNumber.values()], unlinked };
};

const isArtifact = (v: unknown, source: string): v is Artifact =>
  typeof v === "object" &&
  v !== null &&
  (v as { format?: unknown }).format === ARTIFACT_FORMAT &&
  (v as { source?: unknown }).source === source;

/** What `generate` did with each source. */
export interface GenerateReport {
  readonly written: ReadonlyArray<{ readonly source: string; readonly artifact: string }>;
  readonly missing: ReadonlyArray<{ readonly source: string; readonly reason: string }>;
}

/**
 * Converts the reference files into compact JSON artifacts under `outDir` (default `.generated/`). A missing or
 * invalid source is reported in `missing` (and logged by the script) and the others are still written.
 */
export const generate = (options: { dataDir?: string; outDir?: string } = {}): GenerateReport => {
  const dataDir = referenceDataDir(options.dataDir);
  const outDir = options.outDir ?? defaultGeneratedDir();
  mkdirSync(outDir, { recursive: true });
  const written: Array<{ source: string; artifact: string }> = [];
  const missing: Array<{ source: string; reason: string }> = [];
  for (const source of Object.values(sources)) {
    if (!existsSync(join(dataDir, source))) {
      missing.push({ source, reason: `not found in ${dataDir}` });
      continue;
    }
    const parsed = parseSource(dataDir, source);
    if (parsed._tag === "Failure") {
      missing.push({ source, reason: parsed.failure.message });
      continue;
    }
    const artifact = artifactName(source);
    writeFileSync(join(outDir, artifact), JSON.stringify(toArtifact(source, parsed.success)));
    written.push({ source, artifact });
  }
  return { written, missing };
};

/** Reads one part of an edition: the artifact when present and current, else the source file. */
const readPart = (source: string, options: LoadOptions): Result.Result<Parsed, string> => {
  const generatedDir = options.generatedDir ?? defaultGeneratedDir();
  const artifactPath = join(generatedDir, artifactName(source));
  const useArtifacts =
    options.ignoreArtifacts !== true && (options.dataDir === undefined || options.generatedDir !== undefined);
  if (useArtifacts && existsSync(artifactPath)) {
    const json = readJson(artifactPath, artifactPath);
    if (json._tag === "Success" && isArtifact(json.success, source)) return Result.succeed(fromArtifact(json.success));
  }
  const dataDir = referenceDataDir(options.dataDir);
  if (!existsSync(join(dataDir, source)))
    return Result.fail(`${source} not found in the reference data (${dataDir}) and no artifact was generated`);
  const parsed = parseSource(dataDir, source);
  return parsed._tag === "Success" ? Result.succeed(parsed.success) : Result.fail(parsed.failure.message);
};

const labels: Record<EditionId, string> = {
  "12": "Nice 12th edition era alphabetical list (English, 10,029 terms) with the Bulgarian per-class lists (not linked to basic numbers); no class headings in the sources",
  "10-2015": "Nice 10th edition, version 2015 (English): class headings and alphabetical list",
  "13-2026":
    "Nice 13th edition, version 2026 (English): class headings, explanatory notes, includes and excludes; no term list",
};

/** Loads one edition. Fails only when its main source is unavailable; missing optional languages are listed. */
export const loadEdition = (
  id: EditionId,
  options: LoadOptions = {},
): Result.Result<LoadedEdition, EditionUnavailable> => {
  const main = id === "12" ? sources.ncl12En : id === "10-2015" ? sources.ncl10 : sources.ncl13Headings;
  const part = readPart(main, options);
  if (part._tag === "Failure") return Result.fail(new EditionUnavailable({ edition: id, reasons: [part.failure] }));
  const unavailable: Array<Unavailable> = [];
  let unlinked: ReadonlyArray<UnlinkedTerm> = [];
  const used: Array<string> = [main];
  if (id === "12") {
    const bg = readPart(sources.bg, options);
    if (bg._tag === "Success") {
      unlinked = bg.success.unlinked;
      used.push(sources.bg);
    } else unavailable.push({ edition: id, language: "bg", source: sources.bg, reason: bg.failure });
  }
  const edition = Edition.make({
    id,
    label: labels[id],
    sources: used,
    classes: part.success.classes,
    terms: part.success.terms,
    unlinkedTerms: [...part.success.unlinked, ...unlinked],
  });
  return Result.succeed({ edition, unavailable });
};

/** Loads every edition that can be built; lists what is unavailable (whole editions and single languages). */
export const loadEditions = (
  options: LoadOptions = {},
): { readonly editions: ReadonlyMap<string, Edition.Edition>; readonly unavailable: ReadonlyArray<Unavailable> } => {
  const editions = new Map<string, Edition.Edition>();
  const unavailable: Array<Unavailable> = [];
  for (const id of editionIds) {
    const r = loadEdition(id, options);
    if (r._tag === "Success") {
      editions.set(id, r.success.edition);
      unavailable.push(...r.success.unavailable);
    } else
      unavailable.push({
        edition: id,
        language: null,
        source: r.failure.reasons.join("; "),
        reason: r.failure.message,
      });
  }
  return { editions, unavailable };
};

/** Reads a CSV file in the documented import format (`basic_number,class_number,term,language`). */
export const readCsvFile = (path: string): Result.Result<ReadonlyArray<CsvRow>, ImportError> => {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return Result.fail(
      new ImportError({
        file: path,
        issues: [{ line: 0, field: "file", message: e instanceof Error ? e.message : String(e) }],
      }),
    );
  }
  return parseAlphabeticalCsv(text, { file: path });
};

/**
 * Adds a language to an edition from a CSV file in the documented format (e.g. an office's conversion of WIPO's
 * French or Arabic file). Rows with basic numbers the edition lacks are returned in `unknown`.
 */
export const addLanguageFromCsv = (
  edition: Edition.Edition,
  path: string,
): Result.Result<
  { edition: Edition.Edition; unknown: ReadonlyArray<{ basicNumber: string; language: string }> },
  ImportError
> => Result.map(readCsvFile(path), (rows) => Edition.addLanguage(edition, rows));
