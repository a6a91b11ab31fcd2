/**
 * Standard legal-status vocabularies kept beside an office's own statuses:
 * - WIPO ST.27 for patents: key events (`A10` "Application filed"), detailed events (`A11`…), event indicators;
 * - ST.96 mark event categories and mark current status categories for trademarks.
 *
 * The lists ship with the package in `internal/st27.generated.ts` and `internal/st96Mark.generated.ts`, which name their
 * source and status; `scripts/generate.mjs` reproduces them from `standards/st27-patent-legal-status-codes.json` and
 * `standards/st96-trademark-and-madrid-code-lists.json` of the reference data (decision 0152).
 */
import { Schema } from "effect";
import { detailedEvents, eventIndicators, keyEvents } from "./internal/st27.generated.js";
import { markCurrentStatusCategories, markEventCategories } from "./internal/st96Mark.generated.js";

type First<T extends ReadonlyArray<readonly [string, string]>> = T[number][0];

const codes = <const T extends ReadonlyArray<readonly [string, string]>>(list: T) =>
  list.map(([code]) => code) as unknown as ReadonlyArray<First<T>>;

const definitions = (list: ReadonlyArray<readonly [string, string]>): ReadonlyMap<string, string> => new Map(list);

const literals = <const C extends string>(values: ReadonlyArray<C>) =>
  Schema.Literals(values as unknown as readonly [C, ...Array<C>]);

// ---------------------------------------------------------------------------------------------------------------
// ST.27

/** Every ST.27 key event code (42), e.g. `A10` "Application filed". */
export const st27KeyEventCodes = codes(keyEvents);
/** Every ST.27 detailed event code (179), e.g. `A11`. */
export const st27DetailedEventCodes = codes(detailedEvents);
/** Every ST.27 event indicator code (25), e.g. `OPP` "Opposition procedure". */
export const st27EventIndicatorCodes = codes(eventIndicators);

/** An ST.27 key event code: only codes of the standard decode. */
export const St27KeyEvent = literals(st27KeyEventCodes);
export type St27KeyEvent = typeof St27KeyEvent.Type;

/** An ST.27 detailed event code. */
export const St27DetailedEvent = literals(st27DetailedEventCodes);
export type St27DetailedEvent = typeof St27DetailedEvent.Type;

/** An ST.27 event indicator (the kind of procedure an event belongs to). */
export const St27EventIndicator = literals(st27EventIndicatorCodes);
export type St27EventIndicator = typeof St27EventIndicator.Type;

const keyEventDefinitions = definitions(keyEvents);
const detailedEventDefinitions = definitions(detailedEvents);
const indicatorDefinitions = definitions(eventIndicators);

/** WIPO's definition of a key event, e.g. `A10` → "Application filed: An application for an IP right was filed…". */
export const keyEventDefinition = (code: St27KeyEvent): string => keyEventDefinitions.get(code) ?? "";
/** WIPO's definition of a detailed event. */
export const detailedEventDefinition = (code: St27DetailedEvent): string => detailedEventDefinitions.get(code) ?? "";
/** WIPO's definition of an event indicator. */
export const eventIndicatorDefinition = (code: St27EventIndicator): string => indicatorDefinitions.get(code) ?? "";

/** The short title of a key or detailed event: the definition up to its first colon (`A10` → "Application filed"). */
export const title = (code: St27KeyEvent | St27DetailedEvent): string => {
  const text = keyEventDefinitions.get(code) ?? detailedEventDefinitions.get(code) ?? "";
  const colon = text.indexOf(":");
  return colon < 0 ? text : text.slice(0, colon);
};

/**
 * The key event a detailed event belongs to: same category letter, `x00` for the "no mapped event" codes, `x10`
 * otherwise (`A13` → `A10`, `H00` → `H00`).
 */
export const keyEventOf = (code: St27DetailedEvent): St27KeyEvent =>
  (code.endsWith("00") ? code : `${code[0]}10`) as St27KeyEvent;

/** The ST.27 status of a patent event: a key event, optionally the detailed event and the event indicator. */
export const St27Status = Schema.Struct({
  keyEvent: St27KeyEvent,
  detailedEvent: Schema.optional(St27DetailedEvent),
  indicator: Schema.optional(St27EventIndicator),
}).pipe(
  Schema.check(
    Schema.makeFilter(
      (s: { readonly keyEvent: St27KeyEvent; readonly detailedEvent?: St27DetailedEvent | undefined }) =>
        s.detailedEvent === undefined || keyEventOf(s.detailedEvent) === s.keyEvent
          ? true
          : {
              path: ["detailedEvent"],
              issue: `detailed event ${s.detailedEvent} belongs to key event ${keyEventOf(s.detailedEvent)}, not ${s.keyEvent}`,
            },
    ),
  ),
);
export type St27Status = typeof St27Status.Type;

// ---------------------------------------------------------------------------------------------------------------
// ST.96 trademarks

/** Every ST.96 mark event category (22), e.g. "Application filed", "Opposition pending". */
export const markEventCategoryValues = codes(markEventCategories);
/** Every ST.96 mark current status category (17), e.g. "Application published", "Registration cancelled". */
export const markCurrentStatusCategoryValues = codes(markCurrentStatusCategories);

/** An ST.96 mark event category (`tmk:MarkEventCategory`). */
export const MarkEventCategory = literals(markEventCategoryValues);
export type MarkEventCategory = typeof MarkEventCategory.Type;

/** An ST.96 mark current status category (`tmk:MarkCurrentStatusCategory`). */
export const MarkCurrentStatusCategory = literals(markCurrentStatusCategoryValues);
export type MarkCurrentStatusCategory = typeof MarkCurrentStatusCategory.Type;

const markEventDefinitions = definitions(markEventCategories);
const markStatusDefinitions = definitions(markCurrentStatusCategories);

/** The ST.96 documentation of a mark event category. */
export const markEventDefinition = (value: MarkEventCategory): string => markEventDefinitions.get(value) ?? "";
/** The ST.96 documentation of a mark current status category. */
export const markCurrentStatusDefinition = (value: MarkCurrentStatusCategory): string =>
  markStatusDefinitions.get(value) ?? "";

// ---------------------------------------------------------------------------------------------------------------
// An office status with its standard category beside it

/**
 * One status of an office's configuration, with the standard category it maps to: ST.27 for patents, utility models
 * (and designs, for want of a design table), the ST.96 mark categories for trademarks. The office code and label are
 * free; the standard side is checked against the code lists.
 */
export const OfficeStatus = Schema.Struct({
  /** The office's own code, e.g. `"PUB"`, `"UNDER_OPPOSITION"`. */
  code: Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Za-z0-9_.-]{1,40}$/))),
  /** The office's label for people. */
  label: Schema.String.pipe(Schema.check(Schema.isNonEmpty(), Schema.isMaxLength(200))),
  st27: Schema.optional(St27Status),
  markEvent: Schema.optional(MarkEventCategory),
  markCurrentStatus: Schema.optional(MarkCurrentStatusCategory),
});
export type OfficeStatus = typeof OfficeStatus.Type;

// ---------------------------------------------------------------------------------------------------------------
// Lookup by standard and code (for records that store `{ standard, code }`)

/** Which list a standard code was found in. */
export type CodeList = "st27KeyEvent" | "st27DetailedEvent" | "st27EventIndicator" | "markEvent" | "markCurrentStatus";

/** What a standard code means. */
export interface CodeInfo {
  readonly standard: "ST.27" | "ST.96";
  readonly list: CodeList;
  readonly code: string;
  /** Short title: `Application filed`. */
  readonly title: string;
  /** WIPO's definition or the ST.96 documentation. */
  readonly definition: string;
}

const info = (
  standard: "ST.27" | "ST.96",
  list: CodeList,
  code: string,
  definition: string | undefined,
): CodeInfo | undefined => {
  if (definition === undefined) return undefined;
  const colon = definition.indexOf(":");
  return { standard, list, code, title: colon < 0 ? definition : definition.slice(0, colon), definition };
};

/**
 * Looks a code up in a standard: ST.27 key events first, then detailed events and event indicators (`A00` is both a
 * key and a detailed code); ST.96 mark event categories first, then current status categories. `undefined` when the
 * code is unknown.
 */
export const lookup = (standard: "ST.27" | "ST.96", code: string): CodeInfo | undefined =>
  standard === "ST.27"
    ? (info(standard, "st27KeyEvent", code, keyEventDefinitions.get(code)) ??
      info(standard, "st27DetailedEvent", code, detailedEventDefinitions.get(code)) ??
      info(standard, "st27EventIndicator", code, indicatorDefinitions.get(code)))
    : standard === "ST.96"
      ? (info(standard, "markEvent", code, markEventDefinitions.get(code)) ??
        info(standard, "markCurrentStatus", code, markStatusDefinitions.get(code)))
      : undefined;

/**
 * The event code recording that a right entered a state with this standard status: the ST.27 key event itself, or
 * for marks the ST.96 mark event category of the same meaning (the two ST.96 lists share their vocabulary, written
 * once as "Application Filed" and once as "Application filed"); undefined when the mark event list has no match.
 */
export const eventCodeOf = (status: {
  readonly standard: "ST.27" | "ST.96";
  readonly code: string;
}): string | undefined =>
  status.standard === "ST.27"
    ? status.code
    : markEventCategoryValues.find((c) => c.toLowerCase() === status.code.toLowerCase());

/**
 * A standard status as records store it, `{ standard: "ST.27", code: "A10" }` or
 * `{ standard: "ST.96", code: "Opposition pending" }`, decoding only codes of the standard's lists.
 */
export const KnownStandardStatus = Schema.Struct({
  standard: Schema.Literals(["ST.27", "ST.96"]),
  code: Schema.String,
}).pipe(
  Schema.check(
    Schema.makeFilter((s: { readonly standard: "ST.27" | "ST.96"; readonly code: string }) =>
      lookup(s.standard, s.code) !== undefined
        ? true
        : { path: ["code"], issue: `${JSON.stringify(s.code.slice(0, 60))} is not a ${s.standard} code` },
    ),
  ),
);
export type KnownStandardStatus = typeof KnownStandardStatus.Type;
