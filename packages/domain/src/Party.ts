/**
 * Parties to a right: applicants and owners (in order, with optional shares), representatives, inventors and
 * designers. A party is a natural or legal person; its country of residence or seat and nationality are ST.3 codes.
 */
import { Schema } from "effect";
import { CountryCode } from "./Country.js";

const Text = (max: number) => Schema.String.check(Schema.isMaxLength(max));
const RequiredText = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isNonEmpty(), Schema.isMaxLength(max));

/** Natural person (an individual) or legal person (a company, association, public body). */
export const PersonKind = Schema.Literals(["natural", "legal"]);
export type PersonKind = typeof PersonKind.Type;

/** A postal address. `country` is the ST.3 code of the country where the address is. */
export const Address = Schema.Struct({
  street: Schema.optional(Text(500)),
  city: Schema.optional(Text(200)),
  postalCode: Schema.optional(Text(40)),
  region: Schema.optional(Text(200)),
  country: CountryCode,
});
export type Address = typeof Address.Type;

/**
 * A share of ownership, in percent (0 < share ≤ 100). Owners of a right either all carry a share (adding up to 100)
 * or none does (equal, undivided co-ownership).
 */
export const Share = Schema.Number.check(Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(100));
export type Share = typeof Share.Type;

/**
 * A party. `country` is the ST.3 code of the residence (natural person) or seat (legal person); INID 731/732 (marks),
 * 71/73 (patents) for applicants and owners, 72 for inventors, 74/740 for representatives.
 */
export const Party = Schema.Struct({
  /** The office's party identifier, when the party is known to the office's party register. */
  id: Schema.optional(Text(100)),
  name: RequiredText(500),
  kind: PersonKind,
  country: CountryCode,
  nationality: Schema.optional(CountryCode),
  /** For legal persons: legal form ("LLC", "SA", "ООД") and the state under whose law it is organised. */
  legalForm: Schema.optional(Text(100)),
  incorporationState: Schema.optional(CountryCode),
  address: Schema.optional(Address),
  email: Schema.optional(Text(320)),
  phone: Schema.optional(Text(50)),
  share: Schema.optional(Share),
});
export type Party = typeof Party.Type;

/** A representative (IP agent or attorney), optionally with the number under which the office registered them. */
export const Representative = Schema.Struct({
  ...Party.fields,
  registrationNumber: Schema.optional(Text(50)),
  role: Schema.optional(Schema.Literals(["agent", "attorney", "employee", "common_representative"])),
});
export type Representative = typeof Representative.Type;

/**
 * Party data as an applicant submits it: a name and a country are enough, the person kind defaults to `legal`
 * when omitted (the common case for marks) and the rest is optional.
 */
export const PartyInput = Schema.Struct({
  name: RequiredText(500),
  country: CountryCode,
  kind: Schema.optional(PersonKind),
  nationality: Schema.optional(CountryCode),
  legalForm: Schema.optional(Text(100)),
  address: Schema.optional(Address),
  email: Schema.optional(Text(320)),
  phone: Schema.optional(Text(50)),
  share: Schema.optional(Share),
});
export type PartyInput = typeof PartyInput.Type;

/** Representative data as submitted. */
export const RepresentativeInput = Schema.Struct({
  ...PartyInput.fields,
  registrationNumber: Schema.optional(Text(50)),
});
export type RepresentativeInput = typeof RepresentativeInput.Type;

/** Inventors and designers: natural persons named on the right; a country is optional. */
export const CreatorInput = Schema.Struct({
  name: RequiredText(500),
  country: Schema.optional(CountryCode),
  address: Schema.optional(Address),
});
export type CreatorInput = typeof CreatorInput.Type;

/** An inventor (patents, utility models) or designer (industrial designs). */
export const Creator = Schema.Struct({
  name: RequiredText(500),
  country: Schema.optional(CountryCode),
  address: Schema.optional(Address),
  /** Inventor or designer waived being mentioned (e.g. EPC Rule 20). */
  waivedMention: Schema.optional(Schema.Boolean),
});
export type Creator = typeof Creator.Type;

const dropUndefined = <A extends object>(value: A): A =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as A;

/** Turns submitted party data into a party (kind defaults to legal person). */
export const fromInput = (input: PartyInput): Party =>
  dropUndefined({
    name: input.name,
    kind: input.kind ?? "legal",
    country: input.country,
    nationality: input.nationality,
    legalForm: input.legalForm,
    address: input.address,
    email: input.email,
    phone: input.phone,
    share: input.share,
  });

/** Turns submitted representative data into a representative. */
export const representativeFromInput = (input: RepresentativeInput): Representative =>
  dropUndefined({ ...fromInput(input), registrationNumber: input.registrationNumber });

/** Turns submitted inventor or designer data into a creator. */
export const creatorFromInput = (input: CreatorInput): Creator =>
  dropUndefined({ name: input.name, country: input.country, address: input.address });

/** A problem with a list of owners: shares given for some but not all, or not adding up to 100. */
export interface ShareProblem {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

/**
 * Checks the shares of an ordered owner list: either no owner has a share, or all have one and they add up to 100
 * (within 0.01 to allow thirds). Returns the problems found, empty when the list is consistent.
 */
export const shareProblems = (owners: ReadonlyArray<{ readonly share?: number | undefined }>): Array<ShareProblem> => {
  const withShare = owners.filter((o) => o.share !== undefined);
  if (withShare.length === 0) return [];
  const problems: Array<ShareProblem> = [];
  owners.forEach((o, i) => {
    if (o.share === undefined) problems.push({ path: [i, "share"], message: "every owner needs a share when one has" });
  });
  const total = withShare.reduce((sum, o) => sum + (o.share ?? 0), 0);
  if (problems.length === 0 && Math.abs(total - 100) > 0.01) {
    problems.push({ path: [], message: `shares add up to ${Number(total.toFixed(4))}, not 100` });
  }
  return problems;
};

/** A non-empty ordered list of owners or applicants whose shares are consistent (see {@link shareProblems}). */
export const OwnerList = <S extends Schema.Top & { readonly Type: { readonly share?: number | undefined } }>(item: S) =>
  Schema.Array(item).check(
    Schema.isMinLength(1, { message: "at least one owner is required" }),
    Schema.makeFilter((owners: ReadonlyArray<S["Type"]>) =>
      shareProblems(owners).map((p) => ({ path: p.path, issue: p.message })),
    ),
  );
