/**
 * Quotes: what a request costs under a schedule, line by line. The same engine serves the e-filing form, the invoice,
 * the back office and, with its own rules, the Madrid calculator (which produces the same `Quote` type in CHF).
 *
 * Arithmetic is exact on integers of minor units. Percentages (discounts, surcharges) are computed with
 * `Money.percentOf`: half away from zero to the currency's minor unit, per line. Discounts, surcharges, caps and
 * minimums are lines of their own, so a quote explains itself and its lines always sum to its total.
 */
import { Result, Schema } from "effect";
import {
  ApplicantCategory,
  CalendarDate,
  type Item,
  type Rule,
  type Schedule,
  ServiceKey,
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
    return `Request parameter ${this.parameter} must be a whole number from 0 to 100000`;
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

const unitParameter: Readonly<Record<Unit, "classes" | "claims" | "pages" | "priorities" | "exhibitions" | "designs">> =
  {
    class: "classes",
    claim: "claims",
    page: "pages",
    priority: "priorities",
    exhibition: "exhibitions",
    design: "designs",
  };

const countParameters = [
  "classes",
  "claims",
  "pages",
  "priorities",
  "exhibitions",
  "designs",
  "year",
  "daysLate",
] as const;

const isCount = (value: unknown): boolean =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 100_000;

const coveredText = (bands: ReadonlyArray<{ readonly from: number; readonly to?: number | undefined }>): string =>
  bands.map((band) => (band.to === undefined ? `${band.from}+` : `${band.from}–${band.to}`)).join(", ");

const line = (
  service: string,
  rule: Rule,
  item: Item,
  language: string,
  quantity: number,
  unitAmount: number,
  amount: number,
): Line => ({
  service,
  code: rule.code,
  description: text(rule.description ?? item.description, language),
  quantity,
  unitAmount,
  amount,
  rule: rule.kind,
});

/** Prices one item; appends its lines and returns the item's subtotal, or an error. */
const priceItem = (
  service: string,
  item: Item,
  request: Request,
  language: string,
  lines: Array<Line>,
): number | QuoteError => {
  let subtotal = 0;
  for (const rule of item.rules) {
    let amount = 0;
    switch (rule.kind) {
      case "flat": {
        amount = rule.amount;
        lines.push(line(service, rule, item, language, 1, amount, amount));
        break;
      }
      case "perUnit": {
        const parameter = unitParameter[rule.unit];
        const count = request[parameter] ?? rule.default;
        if (count === undefined) return new MissingParameter({ service, code: rule.code, parameter });
        const quantity = Math.max(0, count - (rule.included ?? 0));
        if (quantity === 0) continue;
        amount = quantity * rule.amount;
        lines.push(line(service, rule, item, language, quantity, rule.amount, amount));
        break;
      }
      case "bands": {
        const parameter = unitParameter[rule.unit];
        const count = request[parameter] ?? rule.default;
        if (count === undefined) return new MissingParameter({ service, code: rule.code, parameter });
        if (rule.mode === "band") {
          const band = rule.bands.find((b) => count >= b.from && (b.to === undefined || count <= b.to));
          if (band === undefined)
            return new ParameterOutOfRange({
              service,
              code: rule.code,
              parameter,
              value: count,
              covered: coveredText(rule.bands),
            });
          amount = band.amount;
          lines.push(line(service, rule, item, language, 1, amount, amount));
        } else {
          const last = rule.bands[rule.bands.length - 1];
          if (count > 0 && (count < rule.bands[0].from || (last?.to !== undefined && count > last.to)))
            return new ParameterOutOfRange({
              service,
              code: rule.code,
              parameter,
              value: count,
              covered: coveredText(rule.bands),
            });
          for (const band of rule.bands) {
            const upper = band.to === undefined ? count : Math.min(count, band.to);
            const quantity = upper - band.from + 1;
            if (quantity <= 0) continue;
            const bandAmount = quantity * band.amount;
            amount += bandAmount;
            lines.push(line(service, rule, item, language, quantity, band.amount, bandAmount));
          }
        }
        break;
      }
      case "byYear": {
        const year = request.year;
        if (year === undefined) return new MissingParameter({ service, code: rule.code, parameter: "year" });
        const band = rule.years.find((b) => year >= b.from && (b.to === undefined || year <= b.to));
        if (band === undefined)
          return new ParameterOutOfRange({
            service,
            code: rule.code,
            parameter: "year",
            value: year,
            covered: coveredText(rule.years),
          });
        amount = band.amount;
        lines.push(line(service, rule, item, language, 1, amount, amount));
        break;
      }
      case "lateSurcharge": {
        const daysLate = request.daysLate ?? 0;
        if (daysLate === 0 && request.lateWithinGrace !== true) continue;
        if (rule.graceDays !== undefined && daysLate > rule.graceDays)
          return new LateBeyondGrace({ service, code: rule.code, daysLate, graceDays: rule.graceDays });
        amount = rule.amount ?? percentOf(subtotal, basisPoints(rule.percent ?? 0));
        if (amount === 0) continue;
        lines.push(line(service, rule, item, language, 1, amount, amount));
        break;
      }
      case "discount": {
        const category = request.applicantCategory;
        if (category === undefined || !rule.categories.includes(category)) continue;
        amount = -percentOf(subtotal, basisPoints(rule.percent));
        if (amount === 0) continue;
        lines.push(line(service, rule, item, language, 1, amount, amount));
        break;
      }
      case "cap": {
        if (subtotal <= rule.amount) continue;
        amount = rule.amount - subtotal;
        lines.push(line(service, rule, item, language, 1, amount, amount));
        break;
      }
      case "minimum": {
        if (subtotal >= rule.amount) continue;
        amount = rule.amount - subtotal;
        lines.push(line(service, rule, item, language, 1, amount, amount));
        break;
      }
    }
    subtotal += amount;
    if (!Number.isSafeInteger(subtotal)) return new AmountOverflow({ service, code: rule.code });
  }
  return subtotal;
};

/** The services a request names, in order, without repeats. */
export const services = (request: Pick<Request, "service" | "services">): ReadonlyArray<string> => {
  const all = [...(request.service === undefined ? [] : [request.service]), ...(request.services ?? [])];
  return all.filter((service, index) => all.indexOf(service) === index);
};

/**
 * Prices a request under a schedule. Total and deterministic: the same inputs give the same quote; a service the
 * schedule lacks, a missing or out-of-range parameter, or a payment past the grace period is an error, never a zero fee.
 * Choose the schedule first with `FeeSchedule.applicable` (by the due date).
 */
export const quote = (schedule: Schedule, request: Request): Result.Result<Quote, QuoteError> => {
  for (const parameter of countParameters) {
    const value = request[parameter];
    if (value !== undefined && !isCount(value)) return Result.fail(new InvalidParameter({ parameter, value }));
  }
  const wanted = services(request);
  if (wanted.length === 0) return Result.fail(new NoServiceRequested());
  const language = request.language ?? "en";
  const lines: Array<Line> = [];
  let total = 0;
  for (const service of wanted) {
    const item = Object.hasOwn(schedule.items, service) ? schedule.items[service] : undefined;
    if (item === undefined) return Result.fail(new ServiceNotCovered({ service, schedule: schedule.id }));
    const subtotal = priceItem(service, item, request, language, lines);
    if (typeof subtotal !== "number") return Result.fail(subtotal);
    total += subtotal;
    if (!Number.isSafeInteger(total)) return Result.fail(new AmountOverflow({ service, code: "total" }));
  }
  return Result.succeed({
    office: schedule.office,
    schedule: schedule.id,
    currency: schedule.currency,
    dueDate: request.dueDate,
    language,
    lines,
    total,
  });
};

/** Sum of a quote's lines for one service. */
export const subtotal = (q: Quote, service: string): number =>
  q.lines.reduce((sum, l) => (l.service === service ? sum + l.amount : sum), 0);
