/**
 * Building blocks shared by both message directions: parties (holders, representatives, licensees), goods and
 * services per Nice class, basic registrations, goods-and-services limitations.
 */
import { Calendar, Country } from "@ipoffice/domain";
import { Schema } from "effect";
import { GoodsServicesLimitationCategory } from "./Codes.js";

/** A postal address (ST.96 `com:PostalStructuredAddress`). `countryCode` is the ISO 3166 code. */
export const Address = Schema.Struct({
  lines: Schema.NonEmptyArray(Schema.String),
  city: Schema.optional(Schema.String),
  postalCode: Schema.optional(Schema.String),
  countryCode: Country.CountryCode,
});
export type Address = typeof Address.Type;

/** A holder, representative or licensee (ST.96 `com:Contact` with `com:PersonName` or `com:OrganizationName`). */
export const Party = Schema.Struct({
  kind: Schema.Literals(["person", "organization"]),
  name: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  address: Schema.optional(Address),
  /** Holder's entitlement (ST.96 `tmk:Entitlement/com:EntitlementNationalityCode`), when given. */
  nationalityCode: Schema.optional(Country.CountryCode),
});
export type Party = typeof Party.Type;

/** A Nice class number 1–45. */
export const ClassNumber = Schema.Number.pipe(
  Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 45 })),
);
export type ClassNumber = typeof ClassNumber.Type;

/** The goods and services of one class: ST.96 `tmk:ClassDescription` (terms joined by "; " in one text). */
export const ClassGoods = Schema.Struct({
  classNumber: ClassNumber,
  terms: Schema.NonEmptyArray(Schema.String),
});
export type ClassGoods = typeof ClassGoods.Type;

/** The basic mark: an application and/or a registration at the office of origin. */
export const BasicMark = Schema.Struct({
  officeCode: Schema.optional(Country.CountryCode),
  application: Schema.optional(Schema.Struct({ number: Schema.String, date: Schema.optional(Calendar.IsoDate) })),
  registration: Schema.optional(Schema.Struct({ number: Schema.String, date: Calendar.IsoDate })),
});
export type BasicMark = typeof BasicMark.Type;

/** A limitation of the list of goods and services (ST.96 `tmk:GoodsServicesLimitation`). */
export const GoodsLimitation = Schema.Struct({
  /** Parties the limitation concerns; absent means all designated parties. */
  countries: Schema.optional(Schema.Array(Country.CountryCode)),
  category: GoodsServicesLimitationCategory,
  classes: Schema.NonEmptyArray(ClassGoods),
});
export type GoodsLimitation = typeof GoodsLimitation.Type;

/** The mark as shown in the notification. */
export const Mark = Schema.Struct({
  verbalElement: Schema.optional(Schema.String),
  imageFileName: Schema.String,
  colourClaimed: Schema.Boolean,
});
export type Mark = typeof Mark.Type;
