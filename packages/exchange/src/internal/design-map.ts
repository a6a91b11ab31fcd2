/**
 * The ST.96 V6_0 mapping of an industrial design application (`dgn:DesignApplication`, DesignApplication_V6_0.xsd),
 * in the schema's element order. ST.96 keeps registration, priorities, publication, applicants and designers per
 * design; the model keeps them per application: the wire shape has them per design, and `DesignSt96` hoists them
 * from the first design (reporting any design that says otherwise).
 */
import type { GoodsAndServices } from "@ipoffice/domain";
import * as C from "./codecs.js";
import { group, list, object, type Spec, text } from "./mapping.js";
import { partyName } from "./trademark-map.js";

/** `dgn:DesignCurrentStatusCategory` ↔ the status of one design (the standard has six of the model's values). */
export const designStatus = C.table<GoodsAndServices.Status>("design status category", [
  ["pending", "Filed"],
  ["withdrawn", "Withdrawn"],
  ["refused", "Rejected"],
  ["registered", "Registered"],
  ["cancelled", "Cancelled"],
  ["expired", "Expired"],
]);

/** The application's status, where it is one of `dgn:DesignApplicationCurrentStatusCategory` (Filed, Withdrawn, Rejected). */
const applicationStatus = C.literal("design application status category", ["Filed", "Withdrawn", "Rejected"]);
const applicationStatusCodec = {
  ...applicationStatus,
  encodable: (v: string) => ["Filed", "Withdrawn", "Rejected"].includes(v),
};

const address = object("com:PostalStructuredAddress", "address", [
  text("com:AddressLineText", "street", C.textCodec, { seq: true, required: true }),
  text("com:CityName", "city", C.textCodec),
  text("com:GeographicRegionName", "region", C.textCodec),
  text("com:CountryCode", "country", C.country),
  text("com:PostalCode", "postalCode", C.textCodec),
]);

const byName = (specs: ReadonlyArray<Spec>, name: string): Spec => {
  const found = specs.find((s) => s._tag !== "Choice" && s.name === name);
  if (found === undefined) throw new Error(`no ${name} in the party table`);
  return found;
};

/** `dgn:ApplicantType`: the same party fields as a trademark applicant, in the design schema's order. */
export const designApplicant: ReadonlyArray<Spec> = [
  byName(partyName, "com:NationalityCode"),
  byName(partyName, "com:LegalEntityName"),
  byName(partyName, "com:IncorporationCountryCode"),
  byName(partyName, "com:PartyIdentifier"),
  byName(partyName, "com:Contact"),
];

/** `dgn:DesignerType`: a designer's name (full, or first and last on reading) and address. */
export const designer: ReadonlyArray<Spec> = [
  group("com:Contact", [
    group("com:Name", [
      group("com:PersonName", [
        text("com:PersonFullName", "name", C.textCodec),
        group("com:PersonStructuredName", [
          text("com:FirstName", "firstName", C.textCodec),
          text("com:LastName", "lastName", C.textCodec),
        ]),
      ]),
    ]),
    group("com:PostalAddressBag", [group("com:PostalAddress", [address])]),
  ]),
];

const designSpecs: ReadonlyArray<Spec> = [
  text("dgn:DesignIdentifier", "number", C.integer(1, 1_000)),
  text("com:RegistrationNumber", "registration.number", C.textCodec),
  text("com:RegistrationDate", "registration.date", C.date),
  text("dgn:DesignTitleText", "product", C.textCodec),
  text("dgn:DesignDescriptionText", "descriptionParts", C.textCodec, { seq: true, many: true }),
  text("dgn:RepresentationSheetTotalQuantity", "views", C.integer(1, 100)),
  text("com:ExpiryDate", "expiryDate", C.date),
  text("dgn:DesignCurrentStatusCategory", "status", designStatus),
  group(
    "com:DesignClassificationBag",
    [
      group("com:LocarnoClassificationBag", [
        text("com:LocarnoClassificationEdition", "locarnoEdition", C.textCodec),
        text("com:LocarnoClassificationText", "locarnoClass", C.textCodec),
      ]),
    ],
    { required: true },
  ),
  group("dgn:PriorityBag", [
    list("dgn:Priority", "priorities", [
      text("com:PriorityCountryCode", "country", C.country),
      group("com:ApplicationNumber", [text("com:ApplicationNumberText", "number", C.textCodec)]),
      text("com:PriorityApplicationFilingDate", "date", C.date),
    ]),
  ]),
  group("dgn:PublicationBag", [
    group("dgn:Publication", [
      text("com:PublicationIdentifier", "publication.bulletin", C.textCodec, { required: true }),
      text("com:PublicationDate", "publication.date", C.date),
    ]),
  ]),
  group("dgn:ApplicantBag", [list("dgn:Applicant", "owners", designApplicant, { seq: true })], { required: true }),
  group("dgn:DesignerBag", [list("dgn:Designer", "designers", designer, { seq: true })]),
];

export const designApplicationSpecs: ReadonlyArray<Spec> = [
  text("com:RegistrationOfficeCode", "right.officeCode", C.textCodec),
  group("com:ApplicationNumber", [
    text("com:IPOfficeCode", "right.officeCode", C.textCodec, { mirror: true }),
    text("com:ApplicationNumberText", "right.applicationNumber", C.textCodec),
  ]),
  text("dgn:DesignApplicationCurrentStatusCategory", "right.status", applicationStatusCodec),
  text("dgn:DesignApplicationCurrentStatusDate", "right.statusSince", C.instantAsDate),
  group("dgn:DesignBag", [list("dgn:Design", "designs", designSpecs)]),
  group("dgn:ApplicantBag", [list("dgn:Applicant", "right.owners", designApplicant, { seq: true })], {
    required: true,
  }),
  group("com:RepresentativeBag", [list("com:Representative", "right.representatives", partyName, { seq: true })]),
  text("com:ApplicationDate", "right.filingDate", C.date),
];
