/**
 * WIPO ST.3 two-letter codes for states, other entities and intergovernmental organisations.
 *
 * The code list (233 codes, including the regional offices EM, EP, GC, OA, AP, BX, EA, QZ and WIPO's WO/IB) ships with
 * the package in `internal/st3.generated.ts`, which names its source and status; `scripts/generate.mjs` reproduces it
 * from `standards/st3-country-codes.csv` of the reference data (decision 0152).
 */
import { Schema } from "effect";
import { countries } from "./internal/st3.generated.js";

const names: ReadonlyMap<string, string> = new Map(countries);

/** A WIPO ST.3 code such as `OM`, `JO`, `EM` or `WO`: only codes of the standard's list decode. */
export const CountryCode = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter(
      (code: string) => names.has(code) || `${JSON.stringify(code.slice(0, 20))} is not a WIPO ST.3 code`,
      {
        expected: "a WIPO ST.3 two-letter code such as OM, JO, EM or WO",
      },
    ),
  ),
  Schema.brand("CountryCode"),
);
export type CountryCode = typeof CountryCode.Type;

/** One entry of the ST.3 list. */
export interface Country {
  readonly code: CountryCode;
  /** The English short name used by WIPO, e.g. `Oman`, `European Union Intellectual Property Office (EUIPO)`. */
  readonly name: string;
}

/** Every ST.3 code with its English name, in code order. */
export const all: ReadonlyArray<Country> = countries.map(([code, name]) => ({ code: code as CountryCode, name }));

/** Whether a string is an ST.3 code (a type guard, for values not decoded through {@link CountryCode}). */
export const isCountryCode = (code: string): code is CountryCode => names.has(code);

/** The English name of an ST.3 code. */
export const name = (code: CountryCode): string => names.get(code) ?? code;

/**
 * Regional IP offices and other regional organisations that grant or register rights for several states:
 * EUIPO (EM), EPO (EP), GCC Patent Office (GC), OAPI (OA), ARIPO (AP), BOIP (BX), EAPO (EA), CPVO (QZ), and the
 * regional search authorities Nordic Patent Institute (XN) and Visegrad Patent Institute (XV).
 */
export const regionalOffices: ReadonlyArray<CountryCode> = [
  "AP",
  "BX",
  "EA",
  "EM",
  "EP",
  "GC",
  "OA",
  "QZ",
  "XN",
  "XV",
].filter(isCountryCode);

/** International organisations (not regional offices): WIPO's International Bureau (WO, IB) and UPOV (XU). */
export const internationalOrganisations: ReadonlyArray<CountryCode> = ["IB", "WO", "XU"].filter(isCountryCode);

const regional = new Set<string>(regionalOffices);
const international = new Set<string>(internationalOrganisations);

/** Whether a code names a regional office (EM, EP, GC, OA, AP, BX, EA, QZ, XN, XV) rather than a state. */
export const isRegionalOffice = (code: CountryCode): boolean => regional.has(code);

/** Whether a code names an international organisation (WO, IB, XU). */
export const isInternationalOrganisation = (code: CountryCode): boolean => international.has(code);

/**
 * What a code stands for: a state (or territory), a regional office, an international organisation, or another
 * entry of the list (EU, the European Union itself, and XX, unknown).
 */
export const kind = (code: CountryCode): "state" | "regionalOffice" | "internationalOrganisation" | "other" =>
  regional.has(code)
    ? "regionalOffice"
    : international.has(code)
      ? "internationalOrganisation"
      : code === "EU" || code === "XX"
        ? "other"
        : "state";
