/**
 * The Madrid fee calculator: what an international application (or a renewal) costs in Swiss francs, itemised as
 * an `@ipoffice/fees` quote.
 *
 * Rules (Schedule of Fees under the Common Regulations, DOMAIN.md §4): basic fee (black and white or colour);
 * supplementary fee per class beyond the third, not due when every designated party charges an individual fee;
 * complementary fee per designated party that charges no individual fee; the individual fee instead of the
 * complementary fee (Protocol art. 8(7)); applicants whose office of origin is in a least-developed country pay 10 %
 * of the basic fee, rounded to the nearest whole franc (65 and 90). The amounts of the Schedule are data
 * (`standardSchedule`, replaceable); individual fees are dated data per contracting party (`IndividualFees`).
 *
 * The calculator never guesses: a designated party that declared an individual fee the table lacks for the date (or
 * for renewals) is an error naming the party and the date, and only Contracting Parties of the Protocol can be
 * designated (`designable`).
 *
 * Item numbers (`line.code`) follow the Schedule of Fees: 2 international applications governed exclusively by the
 * Protocol (2.1.1 basic fee, black and white; 2.1.2 colour; 2.2 supplementary; 2.3 complementary; 2.4 individual),
 * 6 renewal (6.1 basic; 6.2 supplementary; 6.3 complementary; 6.4 individual; 6.5 surcharge for the grace period).
 * WIPO's table of individual fees cites them as "items 2.4, 3.4, 5.3 and 6.4" (wipo.int/madrid/en/fees/ind_taxes).
 */
import { Calendar, Country } from "@ipoffice/domain";
import { Money, type Quote } from "@ipoffice/fees";
import { Result, Schema } from "effect";

// ---------------------------------------------------------------------------------------------------------
// Data

/** An amount in Swiss francs (major units, at most two decimals), as written in the data files. */
const Chf = Schema.Number.pipe(
  Schema.check(
    Schema.makeFilter((n: number) =>
      Number.isFinite(n) && n >= 0 && Money.parseMajor(String(n), "CHF") !== undefined
        ? undefined
        : "an amount in CHF with at most two decimals",
    ),
  ),
);

/** How a contracting party's individual fee depends on the number of classes. */
export const IndividualFeeRule = Schema.Union([
  /** No individual fee for this (e.g. for renewals, or before a declaration took effect): the complementary fee. */
  Schema.Struct({ kind: Schema.Literal("complementary") }),
  /** The same amount whatever the classes. */
  Schema.Struct({ kind: Schema.Literal("flat"), amount: Chf }),
  /** An amount for each class. */
  Schema.Struct({ kind: Schema.Literal("perClass"), amount: Chf }),
  /** One amount for the first class (or the first `includedClasses`) and one for each class beyond. */
  Schema.Struct({
    kind: Schema.Literal("firstAndAdditional"),
    first: Chf,
    additional: Chf,
    includedClasses: Schema.optional(
      Schema.Number.pipe(Schema.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1))),
    ),
  }),
  /** Benelux-like: first class, second class, each further class. */
  Schema.Struct({ kind: Schema.Literal("firstSecondFurther"), first: Chf, second: Chf, further: Chf }),
]);
export type IndividualFeeRule = typeof IndividualFeeRule.Type;

/** The individual fees of one party from a date on. */
export const IndividualFeeEntry = Schema.Struct({
  effectiveFrom: Calendar.IsoDate,
  application: Schema.optional(IndividualFeeRule),
  renewal: Schema.optional(IndividualFeeRule),
  /** Where the amount was read, and whether it still needs checking against WIPO's official table. */
  source: Schema.optional(Schema.String),
  check: Schema.optional(Schema.Boolean),
});
export type IndividualFeeEntry = typeof IndividualFeeEntry.Type;

/**
 * Individual fees per contracting party (ST.3 code), each a list of dated entries. A party listed in `parties` (or
 * in `declared`) made the art. 8(7) declaration: designating it on a date (or for a kind) its entries do not cover
 * is an error, never a silent complementary fee. `contractingParties`, when given, is the list of parties that can
 * be designated (WIPO's list of members of the Madrid Union); without it, `designable`'s structural rule applies.
 */
export const IndividualFees = Schema.Struct({
  currency: Schema.Literal("CHF"),
  parties: Schema.Record(Country.CountryCode, Schema.Array(IndividualFeeEntry)),
  /** Parties that declared individual fees (Protocol art. 8(7)), also those whose amounts are not in `parties` yet. */
  declared: Schema.optional(Schema.Array(Country.CountryCode)),
  /** The Contracting Parties that can be designated, when the office keeps the list. */
  contractingParties: Schema.optional(Schema.Array(Country.CountryCode)),
});
export type IndividualFees = typeof IndividualFees.Type;

/** Amounts of the Madrid Schedule of Fees used by the calculator, in CHF minor units (rappen). */
export const Schedule = Schema.Struct({
  basicBlackAndWhite: Schema.Int,
  basicColour: Schema.Int,
  supplementaryPerClass: Schema.Int,
  complementaryPerParty: Schema.Int,
  /**
   * Share of the basic fee paid when the office of origin is in a least-developed country, in basis points; the
   * result is rounded to the nearest multiple of `ldcRounding` (minor units; default 100, whole francs, as WIPO
   * rounds: 65 and 90 CHF).
   */
  ldcBasicShare: Schema.Int,
  ldcRounding: Schema.optional(Schema.Int),
  renewalBasic: Schema.Int,
  renewalSupplementaryPerClass: Schema.Int,
  renewalComplementaryPerParty: Schema.Int,
  /** Surcharge for renewing in the grace period, in basis points of the renewal basic fee. */
  renewalGraceSurcharge: Schema.Int,
  /** Classes included in the basic fee. */
  includedClasses: Schema.Int,
});
export type Schedule = typeof Schedule.Type;

/**
 * The Schedule amounts of DOMAIN.md §4 (basic 653/903, supplementary and complementary 100, LDC 10 % rounded to the
 * nearest franc: 65 and 90); renewal amounts and the 50 % grace surcharge follow the Schedule's items 6.1–6.5
 * *(check)*.
 */
export const standardSchedule: Schedule = {
  basicBlackAndWhite: 65_300,
  basicColour: 90_300,
  supplementaryPerClass: 10_000,
  complementaryPerParty: 10_000,
  ldcBasicShare: 1_000,
  ldcRounding: 100,
  renewalBasic: 65_300,
  renewalSupplementaryPerClass: 10_000,
  renewalComplementaryPerParty: 10_000,
  renewalGraceSurcharge: 5_000,
  includedClasses: 3,
};

// ---------------------------------------------------------------------------------------------------------
// Request and errors

export const FeeRequest = Schema.Struct({
  /** An international application (default) or a renewal of the international registration. */
  kind: Schema.optional(Schema.Literals(["application", "renewal"])),
  /** The mark is in colour (basic fee 903) or black and white (653). Ignored for renewals. */
  colour: Schema.Boolean,
  /** Nice classes of the goods and services (duplicates count once). */
  classes: Schema.Array(
    Schema.Number.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 45 }))),
  ),
  /** Designated contracting parties (ST.3). */
  designatedParties: Schema.Array(Country.CountryCode),
  /** The office of origin is in a least-developed country (UN list). */
  leastDevelopedCountry: Schema.Boolean,
  /** The date that fixes the amounts (receipt of the application, or renewal due date). */
  date: Calendar.IsoDate,
  /** Renewal paid in the six-month grace period. */
  withinGracePeriod: Schema.optional(Schema.Boolean),
});
export type FeeRequest = typeof FeeRequest.Type;

export class MadridFeeError extends Schema.TaggedError<MadridFeeError>()("MadridFeeError", {
  reason: Schema.Literals([
    "NoClass",
    "NoDesignatedParty",
    "InvalidAmount",
    /** A designated party is not a Contracting Party of the Protocol (WO, a Benelux state, an unknown code…). */
    "NotContractingParty",
    /** A designated party declared an individual fee that the table lacks for the date or the kind. */
    "IndividualFeeMissing",
  ]),
  message: Schema.String,
  /** The designated party concerned, for the last two reasons. */
  party: Schema.optional(Schema.String),
  /** The date of the request, for `IndividualFeeMissing`. */
  date: Schema.optional(Schema.String),
}) {}

/**
 * Codes that are never a Contracting Party of the Madrid Protocol: the International Bureau itself (WO, IB) and
 * other international organisations, the European Union written EU (its code in the Madrid system is EM, the
 * EUIPO), the Benelux states (designated together as BX, Protocol art. 9quater), regional offices that are not
 * parties (EP, EA, GC, AP, QZ, XN, XV) and the code for unknown (XX).
 */
const neverDesignable = new Set([
  "WO",
  "IB",
  "XU",
  "EU",
  "XX",
  "BE",
  "NL",
  "LU",
  "EP",
  "EA",
  "GC",
  "AP",
  "QZ",
  "XN",
  "XV",
]);

/**
 * Whether `party` can be designated: on the office's list of Contracting Parties when it keeps one, otherwise any
 * ST.3 state code or the regional parties EM, BX and OA, never the codes above.
 */
export const designable = (party: string, contractingParties?: ReadonlyArray<string>): boolean =>
  !neverDesignable.has(party) &&
  Country.isCountryCode(party) &&
  (contractingParties !== undefined
    ? contractingParties.includes(party)
    : Country.kind(party) === "state" || party === "EM" || party === "BX" || party === "OA");

// ---------------------------------------------------------------------------------------------------------

const minor = (chf: number): number => Money.parseMajor(String(chf), "CHF") ?? Math.round(chf * 100);

/** The individual-fee entry of `party` in force on `date`, if any. */
export const entryFor = (
  fees: IndividualFees,
  party: Country.CountryCode,
  date: Calendar.IsoDate,
): IndividualFeeEntry | undefined => {
  const entries = fees.parties[party] ?? [];
  let best: IndividualFeeEntry | undefined;
  for (const e of entries) {
    if (e.effectiveFrom <= date && (best === undefined || e.effectiveFrom > best.effectiveFrom)) best = e;
  }
  return best;
};

/** The amount of an individual fee for `classes` classes, in CHF minor units. */
export const individualAmount = (rule: IndividualFeeRule, classes: number): number => {
  switch (rule.kind) {
    case "complementary":
      return 0;
    case "flat":
      return minor(rule.amount);
    case "perClass":
      return minor(rule.amount) * classes;
    case "firstAndAdditional": {
      const included = rule.includedClasses ?? 1;
      return minor(rule.first) + Math.max(0, classes - included) * minor(rule.additional);
    }
    case "firstSecondFurther":
      return (
        minor(rule.first) + (classes >= 2 ? minor(rule.second) : 0) + Math.max(0, classes - 2) * minor(rule.further)
      );
  }
};

const line = (
  service: string,
  code: string,
  description: string,
  quantity: number,
  unitAmount: number,
  rule: string,
): Quote.Line => ({ service, code, description, quantity, unitAmount, amount: quantity * unitAmount, rule });

/**
 * An itemised quote in CHF for a Madrid international application (or renewal). A party that never declared an
 * individual fee pays the complementary fee; a party that did takes its individual fee in force on the request's
 * date, and when the table has none for that date or kind the quote fails with `IndividualFeeMissing`.
 */
export const madridFees = (
  request: FeeRequest,
  individualFees: IndividualFees,
  schedule: Schedule = standardSchedule,
): Result.Result<Quote.Quote, MadridFeeError> => {
  const classes = new Set(request.classes).size;
  const parties = [...new Set(request.designatedParties)];
  if (classes === 0)
    return Result.fail(new MadridFeeError({ reason: "NoClass", message: "the request lists no class" }));
  if (parties.length === 0) {
    return Result.fail(new MadridFeeError({ reason: "NoDesignatedParty", message: "the request designates no party" }));
  }
  const notParty = parties.find((p) => !designable(p, individualFees.contractingParties));
  if (notParty !== undefined) {
    return Result.fail(
      new MadridFeeError({
        reason: "NotContractingParty",
        party: notParty,
        message: `${notParty} is not a Contracting Party of the Madrid Protocol and cannot be designated${notParty === "EU" ? " (the European Union is designated as EM)" : ["BE", "NL", "LU"].includes(notParty) ? " (Belgium, Luxembourg and the Netherlands are designated together as BX)" : ""}`,
      }),
    );
  }
  const renewal = request.kind === "renewal";
  const service = renewal ? "madrid.renewal" : "madrid.application";
  const lines: Array<Quote.Line> = [];

  if (renewal) {
    lines.push(line(service, "6.1", "Basic fee (renewal)", 1, schedule.renewalBasic, "madrid.basic"));
    if (request.withinGracePeriod) {
      lines.push(
        line(
          service,
          "6.5",
          "Surcharge for renewal in the grace period",
          1,
          Money.percentOf(schedule.renewalBasic, schedule.renewalGraceSurcharge),
          "madrid.surcharge",
        ),
      );
    }
  } else {
    const basic = request.colour ? schedule.basicColour : schedule.basicBlackAndWhite;
    lines.push(
      line(
        service,
        request.colour ? "2.1.2" : "2.1.1",
        `Basic fee (${request.colour ? "colour" : "black and white"} reproduction)`,
        1,
        basic,
        "madrid.basic",
      ),
    );
    if (request.leastDevelopedCountry) {
      const share = Money.percentOf(basic, schedule.ldcBasicShare);
      const step = Math.max(1, schedule.ldcRounding ?? 100);
      const due = Math.round(share / step) * step;
      lines.push(
        line(
          service,
          request.colour ? "2.1.2" : "2.1.1",
          `Reduction: office of origin in a least-developed country (${schedule.ldcBasicShare / 100} % of the basic fee, rounded to ${due / 100} CHF, is due)`,
          1,
          due - basic,
          "madrid.ldc-reduction",
        ),
      );
    }
  }

  const individual: Array<{ party: Country.CountryCode; amount: number; entry: IndividualFeeEntry }> = [];
  const complementary: Array<Country.CountryCode> = [];
  const declared = new Set([...Object.keys(individualFees.parties), ...(individualFees.declared ?? [])]);
  for (const p of parties) {
    if (!declared.has(p)) {
      complementary.push(p);
      continue;
    }
    const entry = entryFor(individualFees, p, request.date);
    const rule = entry ? (renewal ? entry.renewal : entry.application) : undefined;
    if (entry === undefined || rule === undefined) {
      const first = (individualFees.parties[p] ?? []).map((e) => e.effectiveFrom).sort()[0];
      return Result.fail(
        new MadridFeeError({
          reason: "IndividualFeeMissing",
          party: p,
          date: request.date,
          message:
            entry === undefined
              ? `${p} declared an individual fee (Protocol art. 8(7)) but the office's table has no entry in force on ${request.date}${first !== undefined ? ` (its first is from ${first})` : ""}: add it to the individual-fee data`
              : `${p} declared an individual fee (Protocol art. 8(7)) but the office's table has no ${renewal ? "renewal" : "application"} amount in the entry in force on ${request.date} (from ${entry.effectiveFrom}): add it, or write { "kind": "complementary" } if ${p} takes the complementary fee`,
        }),
      );
    }
    if (rule.kind === "complementary") complementary.push(p);
    else individual.push({ party: p, amount: individualAmount(rule, classes), entry });
  }

  const extraClasses = Math.max(0, classes - schedule.includedClasses);
  if (extraClasses > 0 && complementary.length > 0) {
    lines.push(
      line(
        service,
        renewal ? "6.2" : "2.2",
        `Supplementary fee: ${extraClasses} class${extraClasses === 1 ? "" : "es"} beyond the ${schedule.includedClasses === 3 ? "third" : `first ${schedule.includedClasses}`}`,
        extraClasses,
        renewal ? schedule.renewalSupplementaryPerClass : schedule.supplementaryPerClass,
        "madrid.supplementary",
      ),
    );
  }
  if (complementary.length > 0) {
    lines.push(
      line(
        service,
        renewal ? "6.3" : "2.3",
        `Complementary fee: ${complementary.join(", ")}`,
        complementary.length,
        renewal ? schedule.renewalComplementaryPerParty : schedule.complementaryPerParty,
        "madrid.complementary",
      ),
    );
  }
  for (const i of individual) {
    lines.push(
      line(
        service,
        `${renewal ? "6.4" : "2.4"}-${i.party}`,
        `Individual fee: ${i.party} (${classes} class${classes === 1 ? "" : "es"}, in force from ${i.entry.effectiveFrom}${i.entry.check ? ", to check" : ""})`,
        1,
        i.amount,
        "madrid.individual",
      ),
    );
  }
  return Result.succeed({
    office: "WO",
    schedule: "Madrid Schedule of Fees",
    currency: "CHF",
    dueDate: request.date,
    language: "en",
    lines,
    total: lines.reduce((s, l) => s + l.amount, 0),
  });
};

const decodeFees = Schema.decodeUnknownResult(IndividualFees);

/** Reads individual-fee data (parsed JSON or YAML) and says precisely what is wrong with it. */
export const decodeIndividualFees = (input: unknown): Result.Result<IndividualFees, MadridFeeError> =>
  Result.mapError(
    decodeFees(input),
    (e) => new MadridFeeError({ reason: "InvalidAmount", message: `individual fees: ${e.message}` }),
  );
