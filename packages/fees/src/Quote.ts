/**
 * Quotes: what a request costs under a schedule, line by line. The same engine serves the e-filing form, the invoice,
 * the back office and, with its own rules, the Madrid calculator (which produces the same `Quote` type in CHF).
 *
 * Arithmetic is exact on integers of minor units. Percentages (discounts, surcharges) are computed with
 * `Money.percentOf`: half away from zero to the currency's minor unit, per line. Discounts, surcharges, caps and
 * minimums are lines of their own, so a quote explains itself and its lines always sum to its total.
 */
import { Result, Schema, SchemaIssue } from "effect";
import {
  ApplicantCategory,
  CalendarDate,
  type Item,
  jsonPath,
  type Rule,
  type Schedule,
  ServiceKey,
  type Text,
  text,
  type Unit,
} from "./FeeSchedule.js";
import { basisPoints, CurrencyCode, percentOf } from "./Money.js";

// ---------------------------------------------------------------------------------------------------------------------
// Request

const Count = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 100_000 })));

/** What to price: one service or several, the date the fee falls due and the facts the rules count. */
export const Request = Schema.Struct({
  service: Schema.optional(ServiceKey),
  services: Schema.optional(Schema.Array(ServiceKey)),
  dueDate: CalendarDate,
  /** Language of the line descriptions (`en`, `ar`, `bg`…); English when the schedule lacks it. */
  language: Schema.optional(Schema.String),
  classes: Schema.optional(Count),
  claims: Schema.optional(Count),
  pages: Schema.optional(Count),
  priorities: Schema.optional(Count),
  /** Exhibition priorities (Paris Convention art. 11). */
  exhibitions: Schema.optional(Count),
  designs: Schema.optional(Count),
  /** Year of protection, for annuities and renewals by year. */
  year: Schema.optional(Count),
  applicantCategory: Schema.optional(ApplicantCategory),
  /** Days after the due date the fee is paid; > 0 triggers late surcharges (and an error past the grace period). */
  daysLate: Schema.optional(Count),
  /** Paid late but inside the grace period, when the number of days is not known. */
  lateWithinGrace: Schema.optional(Schema.Boolean),
});
export type Request = typeof Request.Type;

/** A request that does not match the `Request` schema, with one issue per JSON path. */
export class RequestInvalid extends Schema.TaggedError<RequestInvalid>()("RequestInvalid", {
  issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
}) {
  override get message(): string {
    return `Invalid fee request: ${this.issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`;
  }
}

const decodeRequestResult = Schema.decodeUnknownResult(Request, { errors: "all", onExcessProperty: "error" });
const issueFormatter = SchemaIssue.makeFormatterStandardSchemaV1();

/** Validates untrusted input (an HTTP body, a form) as a request; unknown keys are errors. */
export const decodeRequest = (input: unknown): Result.Result<Request, RequestInvalid> =>
  Result.mapError(
    decodeRequestResult(input),
    (error) =>
      new RequestInvalid({
        issues: issueFormatter(error.issue).issues.map((issue) => ({
          path: jsonPath((issue.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment))),
          message: issue.message,
        })),
      }),
  );

// ---------------------------------------------------------------------------------------------------------------------
// Quote

/** One line of a quote: `amount = quantity × unitAmount`, except for adjustments (quantity 1). */
export const Line = Schema.Struct({
  service: Schema.String,
  /** The office's fee code. */
  code: Schema.String,
  description: Schema.String,
  quantity: Schema.Int,
  unitAmount: Schema.Int,
  amount: Schema.Int,
  /** The kind of rule that produced the line (`flat`, `perUnit`, `discount`…; other calculators add their own). */
  rule: Schema.String,
});
export type Line = typeof Line.Type;

/** An itemised quote. Amounts are integers of minor units of `currency`; `total` is the sum of the lines. */
export const Quote = Schema.Struct({
  office: Schema.optional(Schema.String),
  schedule: Schema.optional(Schema.String),
  currency: CurrencyCode,
  dueDate: CalendarDate,
  language: Schema.String,
  lines: Schema.Array(Line),
  total: Schema.Int,
});
export type Quote = typeof Quote.Type;

// ---------------------------------------------------------------------------------------------------------------------
// Errors

/** The request names no service. */
export class NoServiceRequested extends Schema.TaggedError<NoServiceRequested>()("NoServiceRequested", {}) {
  override get message(): string {
    return "The request names no service (give service or services)";
  }
}

/** The schedule has no fee item for the service. */
export class ServiceNotCovered extends Schema.TaggedError<ServiceNotCovered>()("ServiceNotCovered", {
  service: Schema.String,
  schedule: Schema.String,
}) {
  override get message(): string {
    return `Fee schedule ${this.schedule} has no fee for ${this.service}`;
  }
}

/** A rule needs a fact the request does not give (number of classes, year…). */
export class MissingParameter extends Schema.TaggedError<MissingParameter>()("MissingParameter", {
  service: Schema.String,
  code: Schema.String,
  parameter: Schema.String,
}) {
  override get message(): string {
    return `${this.service} (fee ${this.code}) needs the request parameter ${this.parameter}`;
  }
}

/** A count or year that no band of the schedule covers (e.g. 60 claims when bands stop at 50). */
export class ParameterOutOfRange extends Schema.TaggedError<ParameterOutOfRange>()("ParameterOutOfRange", {
  service: Schema.String,
  code: Schema.String,
  parameter: Schema.String,
  value: Schema.Number,
  covered: Schema.String,
}) {
  override get message(): string {
    return `${this.service} (fee ${this.code}): ${this.parameter} = ${this.value} is outside the schedule (${this.covered})`;
  }
}

/** A request parameter that is not a whole number in range. */
export class InvalidParameter extends Schema.TaggedError<InvalidParameter>()("InvalidParameter", {
  parameter: Schema.String,
  value: Schema.Unknown,
}) {
  override get message(): string {
    return `Request parameter ${this.parameter} has an invalid value (counts are whole numbers from 0 to 100000)`;
  }
}

/** Paid after the grace period: the schedule gives no fee, the right has lapsed or needs restoration. */
export class LateBeyondGrace extends Schema.TaggedError<LateBeyondGrace>()("LateBeyondGrace", {
  service: Schema.String,
  code: Schema.String,
  daysLate: Schema.Number,
  graceDays: Schema.Number,
}) {
  override get message(): string {
    return `${this.service} paid ${this.daysLate} days late; the grace period is ${this.graceDays} days`;
  }
}

/** An amount beyond exact integer arithmetic (2^53 minor units): a schedule or request error. */
export class AmountOverflow extends Schema.TaggedError<AmountOverflow>()("AmountOverflow", {
  service: Schema.String,
  code: Schema.String,
}) {
  override get message(): string {
    return `${this.service} (fee ${this.code}) exceeds the largest exact amount`;
  }
}

export type QuoteError =
  | NoServiceRequested
  | ServiceNotCovered
  | MissingParameter
  | ParameterOutOfRange
  | InvalidParameter
  | LateBeyondGrace
  | AmountOverflow;

// ---------------------------------------------------------------------------------------------------------------------
// Engine
//
// A schedule is compiled once (cached per schedule object) into rules of one shape, so the hot loop reads the same
// fields of the same kind of object whatever the rule: that keeps quoting within a small factor of hand-written code.

type CountParameter = "classes" | "claims" | "pages" | "priorities" | "exhibitions" | "designs";

const unitParameter: Readonly<Record<Unit, CountParameter>> = {
  class: "classes",
  claim: "claims",
  page: "pages",
  priority: "priorities",
  exhibition: "exhibitions",
  design: "designs",
};

const FLAT = 0;
const PER_UNIT = 1;
const BANDS = 2;
const BY_YEAR = 3;
const LATE = 4;
const DISCOUNT = 5;
const CAP = 6;
const MINIMUM = 7;
const kindCode: Readonly<Record<Rule["kind"], number>> = {
  flat: FLAT,
  perUnit: PER_UNIT,
  bands: BANDS,
  byYear: BY_YEAR,
  lateSurcharge: LATE,
  discount: DISCOUNT,
  cap: CAP,
  minimum: MINIMUM,
};

type BandLike = { readonly from: number; readonly to?: number | undefined; readonly amount: number };

interface CompiledRule {
  readonly kind: number;
  readonly name: Rule["kind"];
  readonly code: string;
  readonly texts: Text;
  /** The English description, resolved once. */
  readonly english: string;
  /** flat, perUnit, cap, minimum, lateSurcharge (amount); -1 when a surcharge is a percentage */
  readonly amount: number;
  readonly basisPoints: number;
  readonly parameter: CountParameter | "year";
  readonly included: number;
  readonly fallback: number | undefined;
  readonly graded: boolean;
  readonly bands: ReadonlyArray<BandLike>;
  readonly graceDays: number | undefined;
  readonly categories: ReadonlyArray<string>;
  /** lateSurcharge: the amount is per unit of `parameter` (e.g. per class). */
  readonly perUnit: boolean;
}

interface CompiledItem {
  readonly texts: Text;
  readonly rules: ReadonlyArray<CompiledRule>;
}

const compileRule = (rule: Rule, item: Item): CompiledRule => {
  const base = {
    kind: kindCode[rule.kind],
    name: rule.kind,
    code: rule.code,
    texts: rule.description ?? item.description,
    english: text(rule.description ?? item.description, "en"),
    amount: 0,
    basisPoints: 0,
    parameter: "year" as CountParameter | "year",
    included: 0,
    fallback: undefined as number | undefined,
    graded: false,
    bands: [] as ReadonlyArray<BandLike>,
    graceDays: undefined as number | undefined,
    categories: [] as ReadonlyArray<string>,
    perUnit: false,
  };
  switch (rule.kind) {
    case "flat":
    case "cap":
    case "minimum":
      return { ...base, amount: rule.amount };
    case "perUnit":
      return {
        ...base,
        amount: rule.amount,
        parameter: unitParameter[rule.unit],
        included: rule.included ?? 0,
        fallback: rule.default,
      };
    case "bands":
      return {
        ...base,
        parameter: unitParameter[rule.unit],
        fallback: rule.default,
        graded: rule.mode === "perUnit",
        bands: rule.bands,
      };
    case "byYear":
      return { ...base, bands: rule.years };
    case "lateSurcharge":
      return {
        ...base,
        amount: rule.amount ?? -1,
        basisPoints: rule.percent === undefined ? 0 : basisPoints(rule.percent),
        graceDays: rule.graceDays,
        ...(rule.unit === undefined ? {} : { perUnit: true, parameter: unitParameter[rule.unit] }),
      };
    case "discount":
      return { ...base, basisPoints: basisPoints(rule.percent), categories: rule.categories };
  }
};

const compiled = new WeakMap<Schedule, ReadonlyMap<string, CompiledItem>>();

let lastSchedule: Schedule | undefined;
let lastItems: ReadonlyMap<string, CompiledItem> | undefined;

const compile = (schedule: Schedule): ReadonlyMap<string, CompiledItem> => {
  if (schedule === lastSchedule && lastItems !== undefined) return lastItems;
  let items = compiled.get(schedule);
  if (items === undefined) {
    const map = new Map<string, CompiledItem>();
    for (const [service, item] of Object.entries(schedule.items))
      map.set(service, { texts: item.description, rules: item.rules.map((rule) => compileRule(rule, item)) });
    items = map;
    compiled.set(schedule, items);
  }
  lastSchedule = schedule;
  lastItems = items;
  return items;
};

const isCount = (value: unknown): boolean =>
  value === undefined || (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 100_000);

const isCategory = (value: unknown): boolean =>
  value === "individual" || value === "sme" || value === "university" || value === "ldc";

const isStringList = (value: unknown): boolean => {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== "string") return false;
  return true;
};

/**
 * Parameters are checked where a rule reads them (so an unused field costs nothing); the fields every quote reads are
 * checked here. Together they make `quote` total over any input: a malformed value is an `InvalidParameter`.
 */
const invalidRequest = (
  request: Request,
  service: unknown,
  listed: unknown,
  language: unknown,
): InvalidParameter | undefined => {
  if (service !== undefined && typeof service !== "string")
    return new InvalidParameter({ parameter: "service", value: service });
  if (listed !== undefined && !isStringList(listed))
    return new InvalidParameter({ parameter: "services", value: listed });
  if (language !== undefined && typeof language !== "string")
    return new InvalidParameter({ parameter: "language", value: language });
  const dueDate = request.dueDate;
  if (typeof dueDate !== "string") return new InvalidParameter({ parameter: "dueDate", value: dueDate });
  return undefined;
};

const countOf = (request: Request, parameter: CountParameter | "year"): number | undefined => {
  switch (parameter) {
    case "classes":
      return request.classes;
    case "claims":
      return request.claims;
    case "pages":
      return request.pages;
    case "priorities":
      return request.priorities;
    case "exhibitions":
      return request.exhibitions;
    case "designs":
      return request.designs;
    case "year":
      return request.year;
  }
};

const findBand = (bands: ReadonlyArray<BandLike>, value: number): BandLike | undefined => {
  for (const band of bands) if (value >= band.from && (band.to === undefined || value <= band.to)) return band;
  return undefined;
};

const coveredText = (bands: ReadonlyArray<BandLike>): string =>
  bands.map((band) => (band.to === undefined ? `${band.from}+` : `${band.from}–${band.to}`)).join(", ");

const line = (
  service: string,
  rule: CompiledRule,
  language: string,
  quantity: number,
  unitAmount: number,
  amount: number,
): Line => ({
  service,
  code: rule.code,
  description: language === "en" ? rule.english : text(rule.texts, language),
  quantity,
  unitAmount,
  amount,
  rule: rule.name,
});

const outOfRange = (service: string, rule: CompiledRule, value: number) =>
  new ParameterOutOfRange({
    service,
    code: rule.code,
    parameter: rule.parameter,
    value,
    covered: coveredText(rule.bands),
  });

/** Prices one item; appends its lines (when asked) and returns the item's subtotal, or an error. */
const priceItem = (
  service: string,
  item: CompiledItem,
  request: Request,
  language: string,
  lines: Array<Line> | undefined,
): number | QuoteError => {
  let subtotal = 0;
  const rules = item.rules;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as CompiledRule;
    let amount = 0;
    switch (rule.kind) {
      case FLAT: {
        amount = rule.amount;
        lines?.push(line(service, rule, language, 1, amount, amount));
        break;
      }
      case PER_UNIT: {
        const given = countOf(request, rule.parameter);
        if (!isCount(given)) return new InvalidParameter({ parameter: rule.parameter, value: given });
        const count = given ?? rule.fallback;
        if (count === undefined) return new MissingParameter({ service, code: rule.code, parameter: rule.parameter });
        const quantity = count > rule.included ? count - rule.included : 0;
        if (quantity === 0) continue;
        amount = quantity * rule.amount;
        lines?.push(line(service, rule, language, quantity, rule.amount, amount));
        break;
      }
      case BANDS: {
        const given = countOf(request, rule.parameter);
        if (!isCount(given)) return new InvalidParameter({ parameter: rule.parameter, value: given });
        const count = given ?? rule.fallback;
        if (count === undefined) return new MissingParameter({ service, code: rule.code, parameter: rule.parameter });
        if (!rule.graded) {
          const band = findBand(rule.bands, count);
          if (band === undefined) return outOfRange(service, rule, count);
          amount = band.amount;
          lines?.push(line(service, rule, language, 1, amount, amount));
        } else {
          const first = rule.bands[0] as BandLike;
          const last = rule.bands[rule.bands.length - 1] as BandLike;
          if (count > 0 && (count < first.from || (last.to !== undefined && count > last.to)))
            return outOfRange(service, rule, count);
          for (const band of rule.bands) {
            const upper = band.to === undefined ? count : Math.min(count, band.to);
            const quantity = upper - band.from + 1;
            if (quantity <= 0) continue;
            const bandAmount = quantity * band.amount;
            amount += bandAmount;
            lines?.push(line(service, rule, language, quantity, band.amount, bandAmount));
          }
        }
        break;
      }
      case BY_YEAR: {
        const year = request.year;
        if (!isCount(year)) return new InvalidParameter({ parameter: "year", value: year });
        if (year === undefined) return new MissingParameter({ service, code: rule.code, parameter: "year" });
        const band = findBand(rule.bands, year);
        if (band === undefined) return outOfRange(service, rule, year);
        amount = band.amount;
        lines?.push(line(service, rule, language, 1, amount, amount));
        break;
      }
      case LATE: {
        const given = request.daysLate;
        if (!isCount(given)) return new InvalidParameter({ parameter: "daysLate", value: given });
        const flag = request.lateWithinGrace;
        if (flag !== undefined && typeof flag !== "boolean")
          return new InvalidParameter({ parameter: "lateWithinGrace", value: flag });
        const daysLate = given ?? 0;
        if (daysLate === 0 && flag !== true) continue;
        if (rule.graceDays !== undefined && daysLate > rule.graceDays)
          return new LateBeyondGrace({ service, code: rule.code, daysLate, graceDays: rule.graceDays });
        if (rule.perUnit) {
          const count = countOf(request, rule.parameter);
          if (!isCount(count)) return new InvalidParameter({ parameter: rule.parameter, value: count });
          if (count === undefined) return new MissingParameter({ service, code: rule.code, parameter: rule.parameter });
          amount = count * rule.amount;
          if (amount === 0) continue;
          lines?.push(line(service, rule, language, count, rule.amount, amount));
          break;
        }
        amount = rule.amount >= 0 ? rule.amount : percentOf(subtotal, rule.basisPoints);
        if (amount === 0) continue;
        lines?.push(line(service, rule, language, 1, amount, amount));
        break;
      }
      case DISCOUNT: {
        const category = request.applicantCategory;
        if (category === undefined) continue;
        if (!isCategory(category)) return new InvalidParameter({ parameter: "applicantCategory", value: category });
        if (!rule.categories.includes(category)) continue;
        amount = -percentOf(subtotal, rule.basisPoints);
        if (amount === 0) continue;
        lines?.push(line(service, rule, language, 1, amount, amount));
        break;
      }
      case CAP: {
        if (subtotal <= rule.amount) continue;
        amount = rule.amount - subtotal;
        lines?.push(line(service, rule, language, 1, amount, amount));
        break;
      }
      case MINIMUM: {
        if (subtotal >= rule.amount) continue;
        amount = rule.amount - subtotal;
        lines?.push(line(service, rule, language, 1, amount, amount));
        break;
      }
    }
    subtotal += amount;
    if (!Number.isSafeInteger(subtotal)) return new AmountOverflow({ service, code: rule.code });
  }
  return subtotal;
};

const priceService = (
  schedule: Schedule,
  items: ReadonlyMap<string, CompiledItem>,
  service: string,
  request: Request,
  language: string,
  lines: Array<Line> | undefined,
): number | QuoteError => {
  const item = items.get(service);
  if (item === undefined) return new ServiceNotCovered({ service, schedule: schedule.id });
  return priceItem(service, item, request, language, lines);
};

/** The services a request names, in order, without repeats. */
export const services = (request: Pick<Request, "service" | "services">): ReadonlyArray<string> => {
  const listed = request.services ?? [];
  const all = request.service === undefined ? listed : [request.service, ...listed];
  for (let i = 1; i < all.length; i++)
    for (let j = 0; j < i; j++)
      if (all[i] === all[j]) return all.filter((service, index) => all.indexOf(service) === index);
  return all;
};

/**
 * Prices a request under a schedule. Total and deterministic: the same inputs give the same quote; a service the
 * schedule lacks, a missing or out-of-range parameter, or a payment past the grace period is an error, never a zero fee.
 * Choose the schedule first with `FeeSchedule.applicable` (by the due date). Schedules are treated as immutable
 * values: each is compiled on first use and the compiled form is cached per schedule object.
 */
export const quote = (schedule: Schedule, request: Request): Result.Result<Quote, QuoteError> => {
  const lines: Array<Line> = [];
  const result = run(schedule, request, lines);
  if (typeof result !== "number") return Result.fail(result);
  return Result.succeed({
    office: schedule.office,
    schedule: schedule.id,
    currency: schedule.currency,
    dueDate: request.dueDate,
    language: request.language ?? "en",
    lines,
    total: result,
  });
};

/**
 * The total `quote` would give, without building its lines (for listings and checks that need only the amount).
 * Same rules, same errors, same result: `total(s, r)` equals `quote(s, r).total`.
 */
export const total = (schedule: Schedule, request: Request): Result.Result<number, QuoteError> => {
  const result = run(schedule, request, undefined);
  return typeof result === "number" ? Result.succeed(result) : Result.fail(result);
};

const run = (schedule: Schedule, request: Request, lines: Array<Line> | undefined): number | QuoteError => {
  if (typeof request !== "object" || request === null)
    return new InvalidParameter({ parameter: "request", value: request });
  const { service, services: listed, language } = request;
  const invalid = invalidRequest(request, service, listed, language);
  if (invalid !== undefined) return invalid;
  const items = compile(schedule);
  const lang = language ?? "en";
  if (service !== undefined && (listed === undefined || listed.length === 0))
    return priceService(schedule, items, service, request, lang, lines);
  const wanted = services(request);
  if (wanted.length === 0) return new NoServiceRequested();
  let sum = 0;
  for (const service of wanted) {
    const subtotal = priceService(schedule, items, service, request, lang, lines);
    if (typeof subtotal !== "number") return subtotal;
    sum += subtotal;
    if (!Number.isSafeInteger(sum)) return new AmountOverflow({ service, code: "total" });
  }
  return sum;
};

/** Sum of a quote's lines for one service. */
export const subtotal = (q: Quote, service: string): number =>
  q.lines.reduce((sum, l) => (l.service === service ? sum + l.amount : sum), 0);
