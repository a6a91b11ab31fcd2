/**
 * The office's Nice edition, loaded once per process from the reference data (config `nice.edition`) with its term
 * index built once. When the edition cannot be loaded the app still starts: the value says what is missing, and the
 * Nice endpoints answer 503 problems naming it.
 *
 * Class headings come from the office's edition; when its sources carry none (the `12` edition is an alphabetical
 * list without headings) they come from the newest edition that has them, and say so (decision 0600).
 */
import { Edition, TermIndex } from "@ipoffice/nice-classification";
import { type EditionId, editionIds, loadEdition } from "@ipoffice/nice-classification/node";
import type { Logger } from "../Logger.js";
import type { ReferenceData } from "../ReferenceData.js";

export interface NiceReady {
  readonly _tag: "Ready";
  readonly editionId: string;
  readonly edition: Edition.Edition;
  readonly index: TermIndex.TermIndex;
  /** Headings of an edition other than the office's, used when the office's edition has none. */
  readonly headingEdition: Edition.Edition | undefined;
  /** Optional parts that are missing (e.g. a language); the edition works without them. */
  readonly missing: ReadonlyArray<string>;
}

export interface NiceUnavailable {
  readonly _tag: "Unavailable";
  readonly editionId: string;
  /** What reference data is missing, in words a person can act on. */
  readonly reasons: ReadonlyArray<string>;
}

export type NiceReference = NiceReady | NiceUnavailable;

const isEditionId = (id: string): id is EditionId => (editionIds as ReadonlyArray<string>).includes(id);

/** Editions with class headings, newest first, tried when the office's edition has none. */
const headingEditions: ReadonlyArray<EditionId> = ["13-2026", "10-2015"];

const hasHeadings = (edition: Edition.Edition): boolean =>
  edition.classes.some((c) => Object.keys(c.headings).length > 0);

/** Loads an edition and builds its index (no caching; see `niceReference`). */
export const loadNiceReference = (editionId: string, dataDir: string): NiceReference => {
  if (!isEditionId(editionId)) {
    return {
      _tag: "Unavailable",
      editionId,
      reasons: [
        `the office configuration names Nice edition "${editionId}", which this office cannot build; editions: ${editionIds.join(", ")}`,
      ],
    };
  }
  // Reasons reach API answers: name files relative to the reference data, never the server's folders.
  const hidePaths = (reason: string) => reason.split(dataDir).join("the reference-data folder");
  const loaded = loadEdition(editionId, { dataDir });
  if (loaded._tag === "Failure") {
    return { _tag: "Unavailable", editionId, reasons: loaded.failure.reasons.map(hidePaths) };
  }
  const edition = loaded.success.edition;
  let headingEdition: Edition.Edition | undefined;
  if (!hasHeadings(edition)) {
    for (const id of headingEditions) {
      if (id === editionId) continue;
      const other = loadEdition(id, { dataDir });
      if (other._tag === "Success" && hasHeadings(other.success.edition)) {
        headingEdition = other.success.edition;
        break;
      }
    }
  }
  return {
    _tag: "Ready",
    editionId,
    edition,
    index: TermIndex.make(edition),
    headingEdition,
    missing: loaded.success.unavailable.map((u) => hidePaths(`${u.source} (${u.language ?? "edition"}): ${u.reason}`)),
  };
};

const cache = new Map<string, NiceReference>();

/**
 * The office's edition, loaded at most once per process for an edition and reference-data folder (every app built in
 * the process shares it; the index is read-only).
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
    if (found._tag === "Unavailable") {
      logger?.warn(
        { edition: found.editionId, reasons: found.reasons },
        "Nice edition unavailable: the Nice endpoints answer 503",
      );
    } else {
      logger?.info(
        { edition: found.editionId, terms: Edition.size(found.edition), missing: found.missing },
        "Nice edition loaded",
      );
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
