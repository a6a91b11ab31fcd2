/**
 * The ST.96 V6_0 mapping of a patent's or utility model's bibliographic data (`pat:BibliographicData`,
 * BibliographicData_V6_0.xsd; the same element opens a `pat:PatentPublication`), in the schema's element order.
 */
import * as C from "./codecs.js";
import { choice, fixed, group, list, object, type Spec, text } from "./mapping.js";

const personName = group("com:PersonName", [
  text("com:PersonFullName", "name", C.textCodec),
  group("com:PersonStructuredName", [
    text("com:FirstName", "firstName", C.textCodec),
    text("com:LastName", "lastName", C.textCodec),
  ]),
]);

const address = object("com:PostalStructuredAddress", "address", [
  text("com:AddressLineText", "street", C.textCodec, { seq: true, required: true }),
  text("com:CityName", "city", C.textCodec),
  text("com:GeographicRegionName", "region", C.textCodec),
  text("com:CountryCode", "country", C.country),
  text("com:PostalCode", "postalCode", C.textCodec),
]);

/** `com:Contact` (or, on reading, `com:PublicationContact`, whose country and city sit beside the name). */
const contact = (withKind: boolean): Spec =>
  group(
    "com:Contact",
    [
      group("com:Name", [
        withKind
          ? choice("kind", [
              { value: "natural", specs: [personName] },
              {
                value: "legal",
                specs: [group("com:OrganizationName", [text("com:OrganizationStandardName", "name", C.textCodec)])],
              },
              { value: "legal", readOnly: true, specs: [text("com:EntityName", "name", C.textCodec)] },
            ])
          : personName,
      ]),
      text("com:CityName", "publicationContact.city", C.textCodec),
      text("com:CountryCode", "publicationContact.country", C.country),
      group("com:PostalAddressBag", [group("com:PostalAddress", [address])]),
      group("com:EmailAddressBag", [text("com:EmailAddressText", "email", C.textCodec)]),
      group("com:PhoneNumberBag", [text("com:PhoneNumber", "phone", C.textCodec)]),
    ],
    { also: ["com:PublicationContact"] },
  );

/**
 * `pat:RegisteredPractitionerCategory` ↔ a representative's role (BibliographicData_V6_0.xsd has three values; the
 * model's `employee`, and a representative without a role, are written as Agent).
 */
const practitionerCategory = C.table<"agent" | "attorney" | "common_representative">(
  "registered practitioner category",
  [
    ["agent", "Agent"],
    ["attorney", "Attorney"],
    ["common_representative", "Common representative"],
  ],
);

export const patentSpecs: ReadonlyArray<Spec> = [
  group("pat:PatentPublicationIdentification", [
    text("com:IPOfficeCode", "right.officeCode", C.textCodec, { mirror: true }),
    text("pat:PublicationNumber", "right.publication.number", C.textCodec, { required: true }),
    text("com:PublicationDate", "right.publication.date", C.date),
  ]),
  group(
    "pat:ApplicationIdentification",
    [
      text("com:IPOfficeCode", "right.officeCode", C.textCodec),
      group("com:ApplicationNumber", [text("com:ApplicationNumberText", "right.applicationNumber", C.textCodec)]),
      text("pat:FilingDate", "right.filingDate", C.date),
    ],
    { required: true },
  ),
  group("pat:PatentGrantIdentification", [
    text("com:IPOfficeCode", "right.officeCode", C.textCodec, { mirror: true }),
    text("pat:PatentNumber", "right.registration.number", C.textCodec),
    text("pat:GrantDate", "right.registration.date", C.date),
  ]),
  group("pat:PriorityClaimBag", [
    list(
      "pat:PriorityClaim",
      "right.priorities",
      [
        text("com:IPOfficeCode", "country", C.country),
        group("com:ApplicationNumber", [text("com:ApplicationNumberText", "number", C.textCodec)]),
        text("pat:FilingDate", "date", C.date),
      ],
      { seq: true },
    ),
  ]),
  group("pat:PatentClassificationBag", [
    group("pat:IPCRClassificationBag", [
      list("pat:IPCRClassification", "ipc", [
        text("pat:PatentClassificationText", "symbol", C.textCodec),
        text("pat:Section", "section", C.textCodec),
        text("pat:Class", "class", C.textCodec),
        text("pat:Subclass", "subclass", C.textCodec),
        text("pat:MainGroup", "mainGroup", C.textCodec),
        text("pat:Subgroup", "subgroup", C.textCodec),
      ]),
    ]),
  ]),
  group("pat:InventionTitleBag", [text("pat:InventionTitle", "right.title", C.textCodec, { required: true })], {
    required: true,
  }),
  text("pat:ClaimTotalQuantity", "right.claimsCount", C.integer(1, 10_000)),
  group(
    "pat:PartyBag",
    [
      group("pat:ApplicantBag", [
        list(
          "pat:Applicant",
          "right.owners",
          [
            text("com:PartyIdentifier", "id", C.textCodec),
            contact(true),
            text("com:NationalityCode", "nationality", C.country),
            text("com:ResidenceCountryCode", "country", C.isoCountry),
          ],
          { seq: true },
        ),
      ]),
      group("pat:InventorBag", [list("pat:Inventor", "right.inventors", [contact(false)], { seq: true })]),
      // Representatives (INID 74): registration number, category (required) and contact.
      group("pat:RegisteredPractitionerBag", [
        list(
          "pat:RegisteredPractitioner",
          "right.representatives",
          [
            text("pat:RegisteredPractitionerRegistrationNumber", "registrationNumber", C.textCodec),
            text("pat:RegisteredPractitionerCategory", "role", practitionerCategory, { required: true }),
            contact(true),
          ],
          { seq: true },
        ),
      ]),
    ],
    { required: true },
  ),
  // PCT data of a national phase entry: the international application (INID 86) and its publication (INID 87).
  // Both are the International Bureau's (ST.3 WO).
  group("pat:InternationalFilingData", [
    group("pat:ApplicationIdentification", [
      fixed("com:IPOfficeCode", "WO"),
      group("com:ApplicationNumber", [text("com:ApplicationNumberText", "right.pct.applicationNumber", C.textCodec)]),
      text("pat:FilingDate", "right.pct.filingDate", C.date),
    ]),
    text("pat:NationalStageFilingDate", "right.pct.nationalPhaseEntryDate", C.date),
  ]),
  group("pat:InternationalPublishingData", [
    group("pat:PatentDocumentIdentification", [
      group("pat:PatentPublicationIdentification", [
        fixed("com:IPOfficeCode", "WO"),
        text("pat:PublicationNumber", "right.pct.publicationNumber", C.textCodec),
        text("com:PublicationDate", "right.pct.publicationDate", C.date),
      ]),
    ]),
  ]),
];
