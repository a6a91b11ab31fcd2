/**
 * Node-only entry: the Nice editions this package can give, from its three tiers of reference data (decision 0007).
 *
 * - Tier 1, shipped: `10-2015`, the Nice 10th edition, version 2015, in English (CC0-1.0), committed in this package as
 *   `data/ncl10-2015-en.json` and read relative to this module. Always there, with no data folder.
 * - Tier 2, read when present from a reference-data folder (`dataDir`, else `IPO_REFERENCE_DATA`, else — inside this
 *   repository — `../shared/data` beside it), never copied into the package:
 *   - `12`: the 12th-edition-era English list (`nice/ncl12-en-alphabetical-list.csv`, GPL-3.0), with the Bulgarian
 *     per-class lists (`nice/bg-alphabetical-lists-by-class.json`, EUPL-1.2) joined as language `bg`, not linked to
 *     basic numbers. The sources carry no class headings.
 *   - `13-2026`: NCL 13-2026 class headings, explanatory notes, includes and excludes in English
 *     (`nice/ncl13-2026-class-headings-en.json`, MIT); no term list.
 * - Tier 3, the office's own: any edition from a CSV file in the documented format (`loadEditionFromCsv`), or passed
 *   to `loadNewestEdition` as a candidate.
 *
 * Nothing here writes a file. A missing tier-2 file is reported; a corrupt one is refused with its file, line and
 * field, and the shipped edition remains.
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Result, Schema } from "effect";
import * as Edition from "./Edition.js";
import type { CsvEditionOptions, CsvRow } from "./Import.js";
import {
  editionFromCsv,
  ImportError,
  ImportIssue,
  parseAlphabeticalCsv,
  parseClassHeadingsJson,
  parseClassLists,
  parseCompactEdition,
  termsFromRows,
} from "./Import.js";
import { jsonLines, lineOf, syntaxErrorLine } from "./internal/jsonLines.js";

/** The editions this package can give. */
export const editionIds = ["12", "10-2015", "13-2026"] as const;
export type EditionId = (typeof editionIds)[number];

/** The edition shipped with the package (tier 1). */
export const shippedEditionId = "10-2015";

/** The shipped edition's file, beside `src/` and `dist/` in the package. */
export const shippedEditionFile: URL = new URL("../data/ncl10-2015-en.json", import.meta.url);

/** A reference file this package knows by name: what it gives, where it comes from, its licence. */
export interface ReferenceFile {
  /** Relative to the reference-data folder. */
  readonly file: string;
  readonly content: string;
  readonly origin: string;
  readonly licence: string;
}

/**
 * The reference files, as described in the reference data's README. `ncl10` is the original of the shipped edition:
 * only the maintainers' generator reads it.
 */
export const referenceFiles = {
  ncl12En: {
    file: "nice/ncl12-en-alphabetical-list.csv",
    content: "alphabetical list (en)",
    origin: "nicemagician/nice-classification @ 4417e657, data/alphabetical_list.csv",
    licence: "GPL-3.0",
  },
  bg: {
    file: "nice/bg-alphabetical-lists-by-class.json",
    content: "alphabetical lists per class (bg), not linked to basic numbers",
    origin: "governmentbg/bpo-eservices @ e1307b6e",
    licence: "EUPL-1.2",
  },
  ncl10: {
    file: "nice/ncl10-2015-en.json",
    content: "class headings and alphabetical list (en)",
    origin: "kemitchell/nice-classification.json @ 52650716",
    licence: "CC0-1.0",
  },
  ncl13Headings: {
    file: "nice/ncl13-2026-class-headings-en.json",
    content: "class headings, explanatory notes, includes and excludes (en)",
    origin: "kylemcdonald/nice-classification @ 12c3973a, app/data/classes.json",
    licence: "MIT",
  },
} as const satisfies Record<string, ReferenceFile>;

const moduleDir = fileURLToPath(new URL(".", import.meta.url));
/** Installed as a dependency, the package has no repository around it. */
const installed = moduleDir.split(sep).includes("node_modules");
/** The repository root, three folders above this module (`packages/nice-classification/src|dist`). */
const repositoryRoot = resolve(moduleDir, "..", "..", "..");

/**
 * The reference-data folder: the `dataDir` option (relative to the working directory), else `IPO_REFERENCE_DATA`
 * (relative to the repository root, decision 0007), else `../shared/data` beside this repository. Installed as a
 * dependency (under `node_modules`) there is no repository: no default folder, and a relative `IPO_REFERENCE_DATA`
 * resolves from the working directory. `undefined` means no folder: the shipped edition only.
 */
export const referenceDataDir = (dataDir?: string): string | undefined => {
  if (dataDir !== undefined && dataDir !== "") return resolve(dataDir);
  const chosen = process.env["IPO_REFERENCE_DATA"];
  if (chosen !== undefined && chosen !== "")
    return isAbsolute(chosen) || installed ? resolve(chosen) : resolve(repositoryRoot, chosen);
  return installed ? undefined : resolve(repositoryRoot, "..", "shared", "data");
};

export interface LoadOptions {
  /** Reference-data folder (default: see `referenceDataDir`). */
  readonly dataDir?: string | undefined;
}

/** A part of an edition that could not be used: missing, or refused with the problems found in it. */
export interface Unavailable {
  readonly edition: string;
  /** The language that is missing, or `null` when the whole edition is. */
  readonly language: string | null;
  /** The file, relative to the reference-data folder. */
  readonly source: string;
  /** What a person can act on, e.g. `nice/ncl12-en-alphabetical-list.csv:3: basic_number: "25x" is not …`. */
  readonly reason: string;
  /** The problems found in a refused file, each with its line and field; empty when the file is missing. */
  readonly issues: ReadonlyArray<ImportIssue>;
}

/** The edition cannot be built (its main file is missing or refused). */
export class EditionUnavailable extends Schema.TaggedError<EditionUnavailable>()("EditionUnavailable", {
  edition: Schema.String,
  /** The main file, relative to the reference-data folder (`null` when the edition is not one this package builds). */
  file: Schema.NullOr(Schema.String),
  reasons: Schema.Array(Schema.String),
  /** The problems found in a refused file, each with its line and field. */
  issues: Schema.Array(ImportIssue),
}) {
  override get message(): string {
    return `Nice edition ${this.edition} is unavailable: ${this.reasons.join("; ")}`;
  }
}

export interface LoadedEdition {
  readonly edition: Edition.Edition;
  /** Optional parts (e.g. the Bulgarian terms) that were missing or refused; the edition works without them. */
  readonly unavailable: ReadonlyArray<Unavailable>;
}

// ---------------------------------------------------------------------------------------------------------------
// Tier 1: the shipped edition.

let shipped: Edition.Edition | undefined;

/**
 * The shipped edition, 10-2015 (read once per process). It is part of the package: failing to read it is a broken
 * installation, thrown as an error rather than returned.
 */
export const loadShippedEdition = (): Edition.Edition => {
  if (shipped !== undefined) return shipped;
  const file = "data/ncl10-2015-en.json";
  const parsed = parseCompactEdition(JSON.parse(readFileSync(shippedEditionFile, "utf8")), { file });
  if (parsed._tag === "Failure") throw new Error(`@ipoffice/nice-classification: ${parsed.failure.message}`);
  shipped = parsed.success;
  return shipped;
};

// ---------------------------------------------------------------------------------------------------------------
// Tier 2: files of the reference-data folder, parsed when loaded.

const fileIssue = (file: string, message: string): ImportError =>
  new ImportError({ file, issues: [{ line: 0, field: "file", message }] });

const readText = (path: string, file: string): Result.Result<string, ImportError> => {
  try {
    return Result.succeed(readFileSync(path, "utf8"));
  } catch (e) {
    return Result.fail(fileIssue(file, e instanceof Error ? e.message : String(e)));
  }
};

/** Reads a JSON file and runs a reader of `Import` over it; the problems found get the line their value starts on. */
const readJsonWith = <A>(
  path: string,
  file: string,
  read: (json: unknown) => Result.Result<A, ImportError>,
): Result.Result<A, ImportError> =>
  Result.flatMap(readText(path, file), (text) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return Result.fail(
        new ImportError({
          file,
          issues: [{ line: syntaxErrorLine(text, message), field: "$", message: `not valid JSON: ${message}` }],
        }),
      );
    }
    return Result.mapError(read(json), (error) => {
      const lines = jsonLines(text);
      return new ImportError({
        file,
        issues: error.issues.map((i) => (i.line === 0 ? { ...i, line: lineOf(lines, i.field) } : i)),
      });
    });
  });

type Located<A> = Result.Result<A, { readonly reason: string; readonly issues: ReadonlyArray<ImportIssue> }>;

/** A file of the reference-data folder, read and checked, or why not (naming the file relative to the folder). */
const readReference = <A>(
  ref: ReferenceFile,
  options: LoadOptions,
  read: (path: string) => Result.Result<A, ImportError>,
): Located<A> => {
  const dataDir = referenceDataDir(options.dataDir);
  if (dataDir === undefined)
    return Result.fail({
      reason: `${ref.file} needs a reference-data folder (the dataDir option or IPO_REFERENCE_DATA)`,
      issues: [],
    });
  const path = join(dataDir, ref.file);
  if (!existsSync(path)) return Result.fail({ reason: `${ref.file} not found in ${dataDir}`, issues: [] });
  return Result.mapError(read(path), (e) => ({ reason: e.message, issues: e.issues }));
};

const provenanceOf = (ref: ReferenceFile): Edition.Provenance => ({
  content: ref.content,
  file: ref.file,
  origin: ref.origin,
  licence: ref.licence,
  tier: "reference-data",
});

/**
 * The 12th-edition-era list, checked whole: every row valid (`parseAlphabeticalCsv`), and terms in all 45 classes,
 * since an alphabetical list has terms in every class; fewer means a file cut short at a line end.
 */
const readNcl12 = (path: string): Result.Result<ReadonlyArray<CsvRow>, ImportError> => {
  const file = referenceFiles.ncl12En.file;
  return Result.flatMap(readText(path, file), (text) =>
    Result.flatMap(parseAlphabeticalCsv(text, { file }), (rows) => {
      const present = new Set<number>(rows.map((r) => r.classNumber));
      const absent = Array.from({ length: 45 }, (_, i) => i + 1).filter((n) => !present.has(n));
      if (absent.length === 0) return Result.succeed(rows);
      const lastLine = text.replace(/\r?\n$/, "").split(/\r\n|\n|\r/).length;
      return Result.fail(
        new ImportError({
          file,
          issues: [
            {
              line: lastLine,
              field: "class_number",
              message: `the list ends here with terms in ${45 - absent.length} of the 45 classes (none in ${absent.slice(0, 10).join(", ")}${absent.length > 10 ? ", …" : ""}): the file looks cut short`,
            },
          ],
        }),
      );
    }),
  );
};

const labels: Record<EditionId, string> = {
  "12": "Nice 12th edition era alphabetical list (English, 10,029 terms) with the Bulgarian per-class lists (not linked to basic numbers); no class headings in the sources",
  "10-2015": "Nice 10th edition, version 2015 (English): class headings and alphabetical list",
  "13-2026":
    "Nice 13th edition, version 2026 (English): class headings, explanatory notes, includes and excludes; no term list",
};

const isEditionId = (id: string): id is EditionId => (editionIds as ReadonlyArray<string>).includes(id);

/**
 * Loads one edition: `10-2015` from the package, `12` and `13-2026` from the reference-data folder. Fails only when
 * the edition's main file is missing or refused; a missing or refused optional language is listed in `unavailable`.
 */
export const loadEdition = (
  id: EditionId,
  options: LoadOptions = {},
): Result.Result<LoadedEdition, EditionUnavailable> => {
  if (id === "10-2015") return Result.succeed({ edition: loadShippedEdition(), unavailable: [] });
  if (id === "13-2026") {
    const ref = referenceFiles.ncl13Headings;
    const classes = readReference(ref, options, (path) =>
      readJsonWith(path, ref.file, (json) => parseClassHeadingsJson(json, { file: ref.file })),
    );
    if (classes._tag === "Failure")
      return Result.fail(
        new EditionUnavailable({
          edition: id,
          file: ref.file,
          reasons: [classes.failure.reason],
          issues: classes.failure.issues,
        }),
      );
    const edition = Edition.make({
      id,
      label: labels[id],
      sources: [ref.file],
      provenance: [provenanceOf(ref)],
      classes: classes.success,
      terms: [],
      unlinkedTerms: [],
    });
    return Result.succeed({ edition, unavailable: [] });
  }
  const main = referenceFiles.ncl12En;
  const rows = readReference(main, options, readNcl12);
  if (rows._tag === "Failure")
    return Result.fail(
      new EditionUnavailable({
        edition: id,
        file: main.file,
        reasons: [rows.failure.reason],
        issues: rows.failure.issues,
      }),
    );
  const bgRef = referenceFiles.bg;
  const bg = readReference(bgRef, options, (path) =>
    readJsonWith(path, bgRef.file, (json) => parseClassLists(json, { file: bgRef.file })),
  );
  const unavailable: Array<Unavailable> =
    bg._tag === "Failure"
      ? [{ edition: id, language: "bg", source: bgRef.file, reason: bg.failure.reason, issues: bg.failure.issues }]
      : [];
  const withBg = bg._tag === "Success";
  const edition = Edition.make({
    id,
    label: labels[id],
    sources: withBg ? [main.file, bgRef.file] : [main.file],
    provenance: withBg ? [provenanceOf(main), provenanceOf(bgRef)] : [provenanceOf(main)],
    classes: [],
    terms: termsFromRows(rows.success),
    unlinkedTerms: withBg ? bg.success : [],
  });
  return Result.succeed({ edition, unavailable });
};

const unavailableOf = (failure: EditionUnavailable): Unavailable => ({
  edition: failure.edition,
  language: null,
  source: failure.file ?? failure.edition,
  reason: failure.reasons.join("; "),
  issues: failure.issues,
});

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
    } else unavailable.push(unavailableOf(r.failure));
  }
  return { editions, unavailable };
};

/** The edition to classify with, and what else was found. */
export interface NewestEdition {
  /** The edition preferred when it can be used, else the newest edition with terms (at worst the shipped 10-2015). */
  readonly edition: Edition.Edition;
  /** The newest other edition with class headings, when `edition` has none (e.g. 13-2026 beside the 12 list). */
  readonly headings: Edition.Edition | undefined;
  /** Every edition available, by id. */
  readonly editions: ReadonlyMap<string, Edition.Edition>;
  /** What could not be used, and why: missing files, refused files with their problems, missing languages. */
  readonly unavailable: ReadonlyArray<Unavailable>;
  /** Why the preferred edition is not the one given; `null` when it is, or when the newest was asked for. */
  readonly notice: string | null;
}

export interface NewestOptions extends LoadOptions {
  /** An edition id to use when it is available; absent or `newest`: the newest edition with terms. */
  readonly prefer?: string | undefined;
  /** Editions from elsewhere (e.g. imported by the office) to choose among with this package's own. */
  readonly candidates?: ReadonlyArray<Edition.Edition> | undefined;
}

const newestFirst = (editions: Iterable<Edition.Edition>): Array<Edition.Edition> =>
  [...editions].sort((a, b) => Edition.compareIds(b.id, a.id));

/**
 * The newest edition available with an alphabetical list: `12` when its file is in the reference-data folder and
 * sound, else the shipped `10-2015` (or a newer candidate). With `prefer`, that edition when it has terms, else the
 * newest with `notice` saying why. Editions whose sources carry no headings get `headings` from the newest edition
 * that has them (13-2026 when present, else 10-2015).
 */
export const loadNewestEdition = (options: NewestOptions = {}): NewestEdition => {
  const loaded = loadEditions(options);
  const editions = new Map(loaded.editions);
  for (const c of options.candidates ?? []) editions.set(c.id, c);
  const withTerms = newestFirst([...editions.values()].filter((e) => Edition.size(e) > 0));
  const newest = withTerms[0] ?? loadShippedEdition();
  let edition = newest;
  let notice: string | null = null;
  const prefer = options.prefer;
  if (prefer !== undefined && prefer !== "newest" && prefer !== newest.id) {
    const found = editions.get(prefer);
    if (found !== undefined && Edition.size(found) > 0) edition = found;
    else {
      const why =
        found !== undefined
          ? `edition ${prefer} has no alphabetical list here (${found.label})`
          : isEditionId(prefer)
            ? `edition ${prefer} is unavailable: ${loaded.unavailable
                .filter((u) => u.edition === prefer && u.language === null)
                .map((u) => u.reason)
                .join("; ")}`
            : `edition ${prefer} is not one this package builds (${editionIds.join(", ")}) nor one given`;
      notice = `${why}; using ${newest.id}, the newest edition available`;
    }
  }
  const headings = Edition.hasHeadings(edition)
    ? undefined
    : newestFirst([...editions.values()].filter((e) => e.id !== edition.id && Edition.hasHeadings(e)))[0];
  return { edition, headings, editions, unavailable: loaded.unavailable, notice };
};

// ---------------------------------------------------------------------------------------------------------------
// Tier 3: the office's own files in the documented CSV format.

/** Reads a CSV file in the documented import format (`basic_number,class_number,term,language`). */
export const readCsvFile = (path: string): Result.Result<ReadonlyArray<CsvRow>, ImportError> =>
  Result.flatMap(readText(path, path), (text) => parseAlphabeticalCsv(text, { file: path }));

/**
 * An edition from a CSV file in the documented format (e.g. an office's conversion of WIPO's list of the edition in
 * force). `file` in the options names it in errors and in the provenance (default: the path).
 */
export const loadEditionFromCsv = (
  path: string,
  options: Omit<CsvEditionOptions, "file"> & { readonly file?: string | undefined },
): Result.Result<Edition.Edition, ImportError> => {
  const file = options.file ?? path;
  return Result.flatMap(readText(path, file), (text) => editionFromCsv(text, { ...options, file }));
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
