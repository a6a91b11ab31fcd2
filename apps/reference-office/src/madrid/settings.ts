/**
 * What the Madrid desk needs from the office configuration: the offices this deployment hosts, the rules' office
 * settings (art. 5(2)(b) declaration, Nice edition) and the individual fees of the calculator.
 */
import { readFileSync } from "node:fs";
import { type Designation, Fees } from "@ipoffice/madrid";
import type { Calendar, Country, GoodsAndServices } from "@ipoffice/domain";
import { Result } from "effect";
import YAML from "yaml";
import type { OfficeConfig } from "../config/OfficeConfig.js";

export interface MadridSettings {
  /** The office whose desk this is (ST.3). */
  readonly officeCode: string;
  /** Offices whose IB transactions this deployment accepts. */
  readonly hostedOffices: ReadonlyArray<string>;
  readonly member: boolean;
  readonly declaration518b: boolean;
  readonly declaration52c: boolean;
  /** The office's time zone: its "today" decides whether a time limit has passed. */
  readonly timeZone: string;
  /** The office's working calendar: time limits ending on a closed day move to the next working day (Rule 4(4)). */
  readonly calendar: Calendar.WorkingCalendar;
  /** What provisional refusals say about their review (Rule 17(2)(vii)), from the configuration. */
  readonly refusalReview: {
    readonly months: number | undefined;
    readonly authority: string;
    readonly localRepresentativeRequired: boolean | undefined;
  };
  /** The rules' settings for a hosted office. */
  readonly rules: (officeCode: string) => Designation.OfficeConfig;
  /** Individual fees for the calculator, or why they could not be read. */
  readonly individualFees: Result.Result<Fees.IndividualFees, string>;
  readonly individualFeesFile: string | undefined;
}

const editionPattern = /^(?:[1-9]|[1-9]\d)-(?:19|20)\d{2}$/;
/** The IB classifies under the edition in force; the office's own edition is used when it names a version. */
const DEFAULT_EDITION = "13-2026";

/** Reads the individual fees' file (absent: none); checked when the office configuration loads. */
export const readIndividualFees = (file: string | undefined): Result.Result<Fees.IndividualFees, string> => {
  if (file === undefined) return Result.succeed({ currency: "CHF", parties: {} } as unknown as Fees.IndividualFees);
  let raw: unknown;
  try {
    const text = readFileSync(file, "utf8");
    raw = file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    return Result.fail(
      `cannot read individual fees ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return Result.mapError(Fees.decodeIndividualFees(raw), (e) => `${file}: ${e.message}`);
};

export const madridSettings = (config: OfficeConfig): MadridSettings => {
  const m = config.madrid;
  const edition = (
    editionPattern.test(config.nice.edition) ? config.nice.edition : DEFAULT_EDITION
  ) as GoodsAndServices.NiceEdition;
  const declaration518b = m?.declaration518b ?? false;
  return {
    officeCode: config.office.code,
    hostedOffices: m?.hostedOffices ?? [config.office.code],
    member: m?.member ?? false,
    declaration518b,
    declaration52c: m?.declaration52c ?? false,
    timeZone: config.office.timeZone,
    calendar: config.calendar,
    refusalReview: {
      months: m?.refusalReview?.months,
      authority:
        m?.refusalReview?.authority ??
        config.office.names.en ??
        config.office.names[config.office.defaultLanguage] ??
        config.office.code,
      localRepresentativeRequired: m?.refusalReview?.localRepresentativeRequired,
    },
    rules: (officeCode) => ({
      officeCode: officeCode as Country.CountryCode,
      declaration518b,
      declaration52c: m?.declaration52c ?? false,
      calendar: config.calendar,
      niceEdition: edition,
    }),
    individualFees: readIndividualFees(m?.individualFees),
    individualFeesFile: m?.individualFees,
  };
};
