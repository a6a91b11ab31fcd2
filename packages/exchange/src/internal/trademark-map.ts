/**
 * The ST.96 V6_0 mapping of a trademark record (`tmk:Trademark`, Trademark_V6_0.xsd `TrademarkType`), in the schema's
 * element order. Field paths are those of the record's wire shape (see `toWire`/`fromWire` in `TrademarkSt96.ts`):
 * `right.*` is the model's `IpRight.Trademark`, `events` the ST.96 mark events kept beside it.
 */
import { GoodsAndServices, type IpRight } from "@ipoffice/domain";
import * as C from "./codecs.js";
import { choice, fixed, group, list, object, type Spec, text } from "./mapping.js";

/** ST.96 MarkFeatureCategory ↔ the model's mark type (INID 550). */
export const markFeature = C.table<IpRight.MarkType>("mark feature category", [
  ["word", "Word"],
  ["figurative", "Figurative", "Stylized characters"],
  ["combined", "Combined"],
  ["three_dimensional", "Three dimensional"],
  ["colour", "Colour"],
  ["sound", "Sound"],
  ["position", "Position"],
  ["motion", "Motion"],
  ["multimedia", "Multimedia"],
  ["hologram", "Hologram"],
  ["other", "Other", "Olfactory", "Touch", "Taste", "Tracer"],
]);

/** ST.96 MarkCategory ↔ the model's mark category (INID 551). Trademark, service mark… are individual marks. */
export const markCategory = C.table<IpRight.MarkCategory>("mark category", [
  ["individual", "Individual mark", "Trademark", "Service mark", "Mark", "Defensive mark"],
  ["collective", "Collective mark", "Collective trademark", "Collective service mark", "Collective membership mark"],
  ["certification", "Certification mark"],
]);

/** ST.96 ClassificationTermStatus ↔ the status of a term (the standard has four values). */
export const termStatus = C.table<GoodsAndServices.Status>("classification term status", [
  ["pending", "Requested"],
  ["accepted", "Accepted"],
  ["refused", "Refused"],
  ["withdrawn", "No longer in use"],
]);

export const mediaType = C.table<string>("image format category", [
  ["image/jpeg", "JPEG"],
  ["image/png", "PNG"],
  ["image/gif", "GIF"],
  ["image/tiff", "TIFF"],
  ["image/svg+xml", "SVG"],
]);

const classStatus = C.literal("class status of the model", GoodsAndServices.Status.literals);

/** A party (applicant, owner, representative): ST.96 `ApplicantType` / `RepresentativeType` share this part. */
export const partyName: ReadonlyArray<Spec> = [
  text("com:PartyIdentifier", "id", C.textCodec),
  text("com:LegalEntityName", "legalForm", C.textCodec),
  group("com:Contact", [
    group("com:Name", [
      choice("kind", [
        { value: "natural", specs: [group("com:PersonName", [text("com:PersonFullName", "name", C.textCodec)])] },
        {
          value: "legal",
          specs: [group("com:OrganizationName", [text("com:OrganizationStandardName", "name", C.textCodec)])],
        },
        { value: "legal", readOnly: true, specs: [text("com:EntityName", "name", C.textCodec)] },
      ]),
    ]),
    group("com:PostalAddressBag", [
      group("com:PostalAddress", [
        object("com:PostalStructuredAddress", "address", [
          text("com:AddressLineText", "street", C.textCodec, { seq: true, required: true }),
          text("com:CityName", "city", C.textCodec),
          text("com:GeographicRegionName", "region", C.textCodec),
          text("com:CountryCode", "country", C.country),
          text("com:PostalCode", "postalCode", C.textCodec),
        ]),
      ]),
    ]),
    group("com:EmailAddressBag", [text("com:EmailAddressText", "email", C.textCodec)]),
    group("com:PhoneNumberBag", [text("com:PhoneNumber", "phone", C.textCodec)]),
  ]),
  text("com:NationalityCode", "nationality", C.country),
  text("com:IncorporationCountryCode", "incorporationState", C.country),
];

const classSpecs: ReadonlyArray<Spec> = [
  group("tmk:GoodsServicesClassificationBag", [
    group(
      "tmk:GoodsServicesClassification",
      [
        fixed("tmk:ClassificationKindCode", "Nice"),
        text("com:ClassificationVersion", "edition", C.textCodec),
        text("tmk:ClassNumber", "classNumber", C.niceClass),
      ],
      { where: { child: "tmk:ClassificationKindCode", text: "Nice" } },
    ),
  ]),
  group("tmk:ClassDescriptionBag", [
    group(
      "tmk:ClassDescription",
      [
        text("tmk:ClassNumber", "classNumber", C.niceClass, { mirror: true }),
        group("tmk:NationalStatusBag", [
          group(
            "tmk:NationalStatus",
            [
              fixed("tmk:NationalStatusCategory", "National class status"),
              text("tmk:NationalStatusCode", "status", classStatus),
            ],
            { where: { child: "tmk:NationalStatusCategory", text: "National class status" } },
          ),
        ]),
        text("tmk:GoodsServicesDescriptionText", "terms", C.terms, { seq: true, required: true }),
        group("tmk:ClassificationTermBag", [
          list("tmk:ClassificationTerm", "termList", [
            text("tmk:ClassificationTermText", "text", C.textCodec),
            text("tmk:ClassificationTermStatus", "status", termStatus),
            text("tmk:WIPOBasicNumber", "basicNumber", C.textCodec),
          ]),
        ]),
      ],
      { where: { has: "tmk:GoodsServicesDescriptionText" } },
    ),
  ]),
];

export const trademarkSpecs: ReadonlyArray<Spec> = [
  text("com:RegistrationOfficeCode", "right.officeCode", C.textCodec),
  group(
    "com:ApplicationNumber",
    [
      text("com:IPOfficeCode", "right.officeCode", C.textCodec, { mirror: true }),
      text("com:ApplicationNumberText", "right.applicationNumber", C.textCodec),
    ],
    { where: { has: "com:ApplicationNumberText" } },
  ),
  group(
    "com:ApplicationNumber",
    [text("com:IPOfficeCode", "st13Office", C.country), text("com:ST13ApplicationNumber", "st13Digits", C.st13Digits)],
    { where: { has: "com:ST13ApplicationNumber" } },
  ),
  text("com:RegistrationNumber", "right.registration.number", C.textCodec),
  text("com:ApplicationDate", "right.filingDate", C.date, { also: ["tmk:ApplicationDate"] }),
  text("com:RegistrationDate", "right.registration.date", C.date, { also: ["tmk:RegistrationDate"] }),
  text("com:ExpiryDate", "right.expiryDate", C.date, { also: ["tmk:ExpiryDate"] }),
  text("tmk:MarkCurrentStatusCode", "right.status", C.textCodec),
  text("tmk:MarkCurrentStatusDate", "right.statusSince", C.instantAsDate),
  text("tmk:MarkCategory", "right.mark.category", markCategory),
  group("tmk:MarkRepresentation", [
    text("tmk:MarkFeatureCategory", "right.mark.type", markFeature),
    group(
      "tmk:MarkReproduction",
      [
        group("tmk:WordMarkSpecification", [
          text("tmk:MarkVerbalElementText", "right.mark.text", C.textCodec),
          text("tmk:MarkSignificantVerbalElementText", "right.mark.text", C.textCodec, { mirror: true }),
          text("tmk:MarkTranslationText", "right.mark.translation", C.textCodec, { seq: true }),
          text("tmk:MarkTransliteration", "right.mark.transliteration", C.textCodec),
          text("tmk:MarkStandardCharacterIndicator", "standardCharacters", C.boolean),
        ]),
        group("tmk:MarkImageBag", [
          group("tmk:MarkImage", [
            text("com:FileName", "right.mark.representation.documentId", C.textCodec),
            text("com:ImageFormatCategory", "right.mark.representation.mediaType", mediaType),
            text("tmk:MarkImageColourClaimedText", "right.mark.colours", C.textCodec, { seq: true, many: true }),
            group("tmk:MarkImageClassification", [
              group("com:FigurativeElementClassificationBag", [
                group("com:ViennaClassificationBag", [
                  list("com:ViennaClassification", "vienna", [
                    text("com:ViennaCategory", "category", C.twoDigits),
                    text("com:ViennaDivision", "division", C.twoDigits),
                    text("com:ViennaSection", "section", C.twoDigits),
                  ]),
                ]),
              ]),
            ]),
          ]),
        ]),
      ],
      { required: true },
    ),
    group("tmk:MarkDescriptionBag", [text("tmk:MarkDescriptionText", "right.mark.description", C.textCodec)]),
  ]),
  group("tmk:MarkDisclaimerBag", [text("tmk:MarkDisclaimerText", "right.mark.disclaimer", C.textCodec, { seq: true })]),
  group("tmk:GoodsServicesBag", [list("tmk:GoodsServices", "right.goodsAndServices", classSpecs)]),
  group("tmk:PriorityBag", [
    list("tmk:Priority", "right.priorities", [
      text("com:PriorityCountryCode", "country", C.country),
      group("com:ApplicationNumber", [text("com:ApplicationNumberText", "number", C.textCodec)]),
      text("com:PriorityApplicationFilingDate", "date", C.date),
      group("tmk:PriorityPartialGoodsServices", [
        group("tmk:GoodsServicesClassificationBag", [
          list(
            "tmk:GoodsServicesClassification",
            "partialClasses",
            [fixed("tmk:ClassificationKindCode", "Nice"), text("tmk:ClassNumber", "classNumber", C.niceClass)],
            { where: { child: "tmk:ClassificationKindCode", text: "Nice" } },
          ),
        ]),
      ]),
    ]),
  ]),
  group("tmk:PublicationBag", [
    group("tmk:Publication", [
      text("com:PublicationIdentifier", "right.publication.bulletin", C.textCodec, { required: true }),
      text("com:PublicationDate", "right.publication.date", C.date),
    ]),
  ]),
  group("tmk:ApplicantBag", [list("tmk:Applicant", "right.owners", partyName, { seq: true })]),
  group("com:RepresentativeBag", [list("com:Representative", "right.representatives", partyName, { seq: true })]),
  group("tmk:MarkEventBag", [
    list("tmk:MarkEvent", "events", [
      text("tmk:MarkEventCategory", "category", C.textCodec),
      group(
        "tmk:NationalMarkEvent",
        [
          text("tmk:MarkEventCode", "code", C.textCodec),
          text("tmk:MarkEventDescriptionText", "description", C.textCodec, { required: true }),
          text("tmk:MarkEventEntryNumber", "entryNumber", C.textCodec),
          text("tmk:MarkEventAdditionalText", "additionalText", C.textCodec),
        ],
        { required: true },
      ),
      text("tmk:MarkEventDate", "date", C.date),
    ]),
  ]),
];
