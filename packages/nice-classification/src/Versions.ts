/**
 * Which version of the Nice Classification is in force on a date, so that a class records the edition in force on the
 * filing date (`"12-2023"`, `"13-2026"`), whatever list the terms were checked against.
 *
 * The rule: since 2013 the Committee of Experts of the Nice Union revises the classification every year, and each
 * version "enters into force on January 1 every year"; a version is named by its edition and the year it enters into
 * force, `NCL(10-2013)` (WIPO, "Information about the annual versions of NCL", Nice Classification news 2013, from the
 * Committee of Experts' 21st session, document CLIM/CE/21/3, paragraphs 21–22). New editions enter into force about
 * every five years, also on 1 January.
 *
 * The default history lists every version from the 10th edition (2012) to NCL 13-2026, as listed by WIPO and in the
 * USPTO's archive of Nice editions and versions ("10th Edition (Version 2012)" … "12th Edition (Version 2023)"), with
 * 12-2024, 12-2025 (WIPO's yearly versions) and 13-2026 (in force 2026-01-01). Earlier editions entered into force on
 * 1 January 1997 (7th), 2002 (8th) and 2007 (9th); they had no yearly versions and are named here by the year they
 * entered into force (`9-2007`). An office that applies a version on another date, or needs older editions, passes its
 * own history (office configuration).
 *
 * Pure: no clock is read; the date is an argument.
 */
import { Result, Schema } from "effect";

/** A version identifier: edition number and the year it entered into force, `"12-2023"`, `"13-2026"`. */
export const VersionId = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[1-9]\d?-(19|20)\d{2}$/, { message: 'a Nice version looks like "13-2026"' })),
);
export type VersionId = typeof VersionId.Type;

const IsoDate = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: "a date looks like 2026-01-01" }),
  ),
);

/** One version of the classification and the day it entered into force. */
export const Version = Schema.Struct({ id: VersionId, inForceFrom: IsoDate });
export type Version = typeof Version.Type;

/** A history: versions in the order they entered into force (each in force until the next one's first day). */
export const History = Schema.Array(Version).pipe(
  Schema.check(
    Schema.makeFilter((versions: ReadonlyArray<Version>) => {
      const issues: Array<Schema.FilterIssue> = [];
      versions.forEach((v, i) => {
        const previous = versions[i - 1];
        if (previous !== undefined && previous.inForceFrom >= v.inForceFrom)
          issues.push({ path: [i, "inForceFrom"], issue: `${v.id} must enter into force after ${previous.id}` });
      });
      return issues.length === 0 ? true : issues;
    }),
  ),
);
export type History = typeof History.Type;

const yearly = (edition: number, from: number, to: number): Array<Version> =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: `${edition}-${from + i}`, inForceFrom: `${from + i}-01-01` }));

/** The versions of the Nice Classification and when each entered into force (see the module comment for sources). */
export const defaultHistory: History = [
  { id: "7-1997", inForceFrom: "1997-01-01" },
  { id: "8-2002", inForceFrom: "2002-01-01" },
  { id: "9-2007", inForceFrom: "2007-01-01" },
  ...yearly(10, 2012, 2016),
  ...yearly(11, 2017, 2022),
  ...yearly(12, 2023, 2025),
  { id: "13-2026", inForceFrom: "2026-01-01" },
];

/** No version of the history was in force on the date (it is before the first one). */
export class NoVersionInForce extends Schema.TaggedError<NoVersionInForce>()("NoVersionInForce", {
  date: Schema.String,
  earliest: Schema.String,
}) {
  override get message(): string {
    return `no Nice edition in the history was in force on ${this.date} (the earliest enters into force on ${this.earliest})`;
  }
}

/**
 * The version in force on `date` (`YYYY-MM-DD`): the last one whose `inForceFrom` is on or before it. A date before
 * the history, or not a date, is a `NoVersionInForce`.
 */
export const inForceOn = (
  date: string,
  history: History = defaultHistory,
): Result.Result<Version, NoVersionInForce> => {
  let found: Version | undefined;
  const valid = typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date);
  if (valid) for (const v of history) if (v.inForceFrom <= date) found = v;
  return found === undefined
    ? Result.fail(new NoVersionInForce({ date: String(date), earliest: history[0]?.inForceFrom ?? "never" }))
    : Result.succeed(found);
};

/** The edition number of a version or list id: `12` for `"12-2023"` and for `"12"`; `undefined` for another shape. */
export const editionOf = (id: string): number | undefined => {
  const m = /^([1-9]\d?)(?:-\d{4})?$/.exec(id);
  return m === null ? undefined : Number(m[1]);
};

/** True when a list (`"12"`, `"10-2015"`) is of the same edition as a version (`"12-2024"`). */
export const sameEdition = (listId: string, versionId: string): boolean => {
  const a = editionOf(listId);
  return a !== undefined && a === editionOf(versionId);
};
