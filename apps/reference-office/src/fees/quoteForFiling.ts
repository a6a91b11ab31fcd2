/**
 * The fees of a filing before it is submitted: maps a filing request (kind, classes, claims, designs, priorities) to
 * the services of the office's schedule (`trademark.filing`, `patent.filing`, `design.filing`, `utilityModel.filing`,
 * or those the configuration names) and quotes them under the schedule in force on the date.
 *
 * ```ts
 * const fees = officeFees(config); // src/fees/OfficeFees.ts
 * const quote = quoteForFiling(fees, request, { date: "2026-11-24", language: "ar" });
 * ```
 */
import type { IpRight } from "@ipoffice/domain";
import { FeeSchedule, Quote } from "@ipoffice/fees";
import { Result } from "effect";
import type { OfficeFees } from "./OfficeFees.js";

export { type OfficeFees, officeFees, loadFeeSchedules } from "./OfficeFees.js";

export type QuoteError = Quote.QuoteError | FeeSchedule.NoApplicableSchedule;

export interface QuoteForFilingOptions {
  /** The date the fees fall due (`YYYY-MM-DD`), normally today in the office's time zone. */
  readonly date: string;
  /** Language of the line descriptions (`en`, `ar`…); English where the schedule lacks it. */
  readonly language: string;
  /** Pages of the description, claims and drawings (patents), when known: the request does not carry them. */
  readonly pages?: number | undefined;
  readonly applicantCategory?: Quote.Request["applicantCategory"] | undefined;
}

/** The quote request for a filing (or a filed right): the office's filing services and the counts the rules use. */
export const filingQuoteRequest = (
  fees: Pick<OfficeFees, "filingServices">,
  request: IpRight.FilingRequest | IpRight.Right,
  options: QuoteForFilingOptions,
): Quote.Request => {
  const priorities = request.priorities ?? [];
  const exhibitions = priorities.filter((p) => p.kind === "exhibition").length;
  const counts: {
    classes?: number;
    claims?: number;
    designs?: number;
    pages?: number;
  } = {};
  switch (request.kind) {
    case "trademark":
      counts.classes = new Set(request.goodsAndServices.map((c) => c.classNumber)).size;
      break;
    case "patent":
    case "utility_model":
      counts.claims = request.claimsCount;
      // Page surcharges start beyond a free allowance; unknown pages count as none.
      counts.pages = options.pages ?? 0;
      break;
    case "industrial_design":
      counts.designs = request.designs.length;
      break;
  }
  return {
    services: [...fees.filingServices[request.kind]],
    dueDate: options.date,
    language: options.language,
    ...counts,
    priorities: priorities.length - exhibitions,
    exhibitions,
    ...(options.applicantCategory === undefined ? {} : { applicantCategory: options.applicantCategory }),
  };
};

/** Quotes a request under the office's schedule in force on `request.dueDate` (chosen by its first service). */
export const quoteRequest = (fees: OfficeFees, request: Quote.Request): Result.Result<Quote.Quote, QuoteError> => {
  const first = Quote.services(request)[0];
  if (first === undefined) return Result.fail(new Quote.NoServiceRequested());
  const schedule = FeeSchedule.applicable(fees.schedules, first, request.dueDate, fees.office);
  return Result.isFailure(schedule) ? Result.fail(schedule.failure) : Quote.quote(schedule.success, request);
};

/**
 * The fees of a filing: its services under the schedule in force on `options.date`, itemised in `options.language`.
 * A service the schedule lacks or a count no band covers is an error, never a zero fee.
 */
export const quoteForFiling = (
  fees: OfficeFees,
  request: IpRight.FilingRequest,
  options: QuoteForFilingOptions,
): Result.Result<Quote.Quote, QuoteError> => quoteRequest(fees, filingQuoteRequest(fees, request, options));
