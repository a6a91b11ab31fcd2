/**
 * The office's Nice edition, chosen once per process (config `nice.edition`) with its term index built once, and where
 * it came from, which the log, the API and the filing page say (decision 0007).
 *
 * `newest` (the sample office's setting) is the newest edition the office has with an alphabetical list: `12` when its
 * list is in the reference data (tier 2), else the 10-2015 list shipped with `@ipoffice/nice-classification` (tier 1),
 * so an office with nothing beside it still classifies and files. An edition id the office lacks gives the newest it
 * has, with a warning in the log and a notice on the page. A corrupt reference file is refused (the log names its
 * file, line and field) and the office runs on what remains.
 *
 * Class headings come from the office's edition; when its sources carry none (the `12` edition is an alphabetical
 * list without headings) they come from the newest edition that has them, and say so (decision 0600).
 */
import { Edition, TermIndex } from "@ipoffice/nice-classification";
import { loadNewestEdition, type NewestEdition, type NewestOptions } from "@ipoffice/nice-classification/node";
import { Schema } from "effect";
import type { Logger } from "../Logger.js";
import type { ReferenceData } from "../ReferenceData.js";

/** Where the edition's data reached the office from: shipped with the project, the reference data, or an import. */
export const EditionTier = Schema.Literals(["shipped", "reference-data", "imported"]);

/** The Nice edition in use, as every Nice answer and the filing page name it. */
export const EditionInUse = Schema.Struct({
  /** `10-2015`, `12`, … */
  id: Schema.String,
  label: Schema.String,
  tier: EditionTier,
  /** Where its files come from (repository @ commit), sources separated by "; ". */
  source: Schema.String,
  /** The licences of its files, as an SPDX expression (`CC0-1.0`, `GPL-3.0 AND EUPL-1.2`). */
  licence: Schema.String,
  /** Why this is not the edition the configuration names; `null` when it is (or names `newest`). */
  notice: Schema.NullOr(Schema.String),
});
export type EditionInUse = typeof EditionInUse.Type;

/** One file of an edition: what it gives, where it comes from, its licence and tier. */
export const EditionSource = Schema.Struct({
  content: Schema.String,
  file: Schema.String,
  origin: Schema.String,
  licence: Schema.String,
  tier: EditionTier,
});

/** `GET /api/v1/nice/edition`: the edition in use with each source, the headings' edition and what the office lacks. */
export const EditionDetails = Schema.Struct({
  ...EditionInUse.fields,
  /** What the configuration asks for: `newest` or an edition id. */
  requested: Schema.String,
  /** Terms with a basic number. */
  terms: Schema.Number,
  languages: Schema.Array(Schema.String),
  sources: Schema.Array(EditionSource),
  /** The edition the class headings come from when the edition in use has none. */
  headings: Schema.NullOr(
    Schema.Struct({ id: Schema.String, label: Schema.String, source: Schema.String, licence: Schema.String }),
  ),
  /** Reference files the office lacks, in words a person can act on. */
  missing: Schema.Array(Schema.String),
  /** Reference files refused as corrupt or partial, each with its file, line and field. */
  refused: Schema.Array(Schema.String),
});
export type EditionDetails = typeof EditionDetails.Type;

export interface NiceReady {
  readonly _tag: "Ready";
  readonly editionId: string;
  readonly edition: Edition.Edition;
  readonly index: TermIndex.TermIndex;
  /** Headings of an edition other than the office's, used when the office's edition has none. */
  readonly headingEdition: Edition.Edition | undefined;
  /** Reference files that are missing or were refused; the edition works without them. */
  readonly missing: ReadonlyArray<string>;
  /** Of those, the files refused as corrupt or partial (with file, line and field). */
  readonly refused: ReadonlyArray<string>;
  /** The edition in use and where it came from. */
  readonly inUse: EditionInUse;
  readonly details: EditionDetails;
}

export interface NiceUnavailable {
  readonly _tag: "Unavailable";
  readonly editionId: string;
  /** What is missing, in words a person can act on. */
  readonly reasons: ReadonlyArray<string>;
}

export type NiceReference = NiceReady | NiceUnavailable;

const sourceOf = (edition: Edition.Edition): string =>
  edition.provenance.length === 0
    ? edition.sources.join("; ") || "not recorded"
    : edition.provenance.map((p) => `${p.origin} (${p.file})`).join("; ");

const licenceOf = (edition: Edition.Edition): string => Edition.licences(edition).join(" AND ") || "unknown";

/** Loads the office's edition and builds its index (no caching; see `niceReference`). */
export const loadNiceReference = (
  requested: string,
  dataDir: string,
  load: (options: NewestOptions) => NewestEdition = loadNewestEdition,
): NiceReference => {
  // Reasons reach API answers and pages: name files relative to the reference data, never the server's folders.
  const hidePaths = (reason: string) => reason.split(dataDir).join("the reference-data folder");
  let chosen: NewestEdition;
  try {
    chosen = load({ dataDir, prefer: requested });
  } catch (error) {
    // Only a broken installation gets here: the shipped edition is part of the package.
    return {
      _tag: "Unavailable",
      editionId: requested,
      reasons: [hidePaths(error instanceof Error ? error.message : String(error))],
    };
  }
  const { edition, headings } = chosen;
  const missing = chosen.unavailable.filter((u) => u.issues.length === 0).map((u) => hidePaths(u.reason));
  const refused = chosen.unavailable.filter((u) => u.issues.length > 0).map((u) => hidePaths(u.reason));
  const inUse: EditionInUse = {
    id: edition.id,
    label: edition.label,
    tier: Edition.tier(edition) ?? "imported",
    source: sourceOf(edition),
    licence: licenceOf(edition),
    notice: chosen.notice === null ? null : hidePaths(chosen.notice),
  };
  return {
    _tag: "Ready",
    editionId: edition.id,
    edition,
    index: TermIndex.make(edition),
    headingEdition: headings,
    missing: [...missing, ...refused],
    refused,
    inUse,
    details: {
      ...inUse,
      requested,
      terms: Edition.size(edition),
      languages: Edition.languages(edition),
      sources: edition.provenance,
      headings:
        headings === undefined
          ? null
          : { id: headings.id, label: headings.label, source: sourceOf(headings), licence: licenceOf(headings) },
      missing,
      refused,
    },
  };
};

const cache = new Map<string, NiceReference>();
/** The keys whose edition the log has named (the first caller may have no logger, e.g. the demo seed). */
const logged = new Set<string>();

/**
 * The office's edition, loaded at most once per process for an edition and reference-data folder (every app built in
 * the process shares it; the index is read-only). The log says which edition is in use and where it came from, warns
 * when it is not the one configured and for each reference file refused (with its file, line and field), and lists
 * the files the office lacks.
 */
export const niceReference = (
  deps: { readonly config: { readonly nice: { readonly edition: string } }; readonly reference: ReferenceData },
  logger?: Logger,
): NiceReference => {
  const key = `${deps.config.nice.edition}\u0000${deps.reference.dir}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = loadNiceReference(deps.config.nice.edition, deps.reference.dir);
    cache.set(key, found);
  }
  if (logger !== undefined && !logged.has(key)) {
    logged.add(key);
    if (found._tag === "Unavailable") {
      logger.error(
        { edition: found.editionId, reasons: found.reasons },
        "Nice edition unavailable: the Nice endpoints answer 503",
      );
    } else {
      const { inUse, details } = found;
      logger.info(
        { edition: inUse.id, tier: inUse.tier, source: inUse.source, licence: inUse.licence, terms: details.terms },
        "Nice edition in use",
      );
      if (inUse.notice !== null)
        logger.warn(
          { requested: details.requested, edition: inUse.id, notice: inUse.notice },
          "Nice edition: not the one configured; the newest the office has is used",
        );
      if (details.missing.length > 0) logger.info({ missing: details.missing }, "Nice reference data the office lacks");
      for (const refused of details.refused)
        logger.warn({ refused }, "Nice reference file refused: the office runs on the editions it could read");
    }
  }
  return found;
};

/** A class heading in a language: the edition's own, else the heading edition's, with where it came from. */
export interface ClassHeading {
  readonly number: number;
  readonly kind: "goods" | "services";
  readonly heading: string | null;
  readonly headingLanguage: string | null;
  /** True when the heading is not in the language asked for. */
  readonly fallback: boolean;
  /** The edition the heading comes from (the office's, or another when the office's has none). */
  readonly headingEdition: string | null;
}

export const classHeadings = (nice: NiceReady, language: string): ReadonlyArray<ClassHeading> => {
  const own = Edition.classes(nice.edition, language);
  const other = nice.headingEdition ? Edition.classes(nice.headingEdition, language) : [];
  return own.map((c) => {
    const borrowed = c.heading === null ? other.find((o) => o.number === c.number) : undefined;
    const view = borrowed?.heading ? borrowed : c;
    return {
      number: c.number,
      kind: c.kind,
      heading: view.heading,
      headingLanguage: view.headingLanguage,
      fallback: view.fallback,
      headingEdition: view.heading === null ? null : view === c ? nice.edition.id : (nice.headingEdition?.id ?? null),
    };
  });
};

/**
 * The language to search in: the one asked for when the edition has terms in it, else English, else every language.
 * `fallback` says the answer is not in the language asked for.
 */
export const searchLanguage = (
  nice: NiceReady,
  asked: string | undefined,
): { readonly language: string | undefined; readonly fallback: boolean } => {
  const languages = Edition.languages(nice.edition);
  if (asked !== undefined && languages.includes(asked)) return { language: asked, fallback: false };
  if (languages.includes("en")) return { language: "en", fallback: asked !== undefined && asked !== "en" };
  return { language: undefined, fallback: asked !== undefined };
};
