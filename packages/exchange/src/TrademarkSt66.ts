/**
 * Trademarks in WIPO ST.66 (TM-XML), the format of TMview-style feeds: `Transaction` / `TradeMarkTransactionBody` /
 * `TransactionContentDetails` / `TransactionData` / `TradeMarkDetails` / `TradeMark`, in the TM-XML namespace.
 * Export only. The element names and their order follow TM-XML as real ST.66 records use it (the USPTO TSDR records);
 * no ST.66 schema is available to the project, so tests compare the structure with those records. Like the ST.96
 * writer, it is one declarative table walked by the shared mapping engine (decision 0800).
 */
import * as C from "./internal/codecs.js";
import { fixed, group, list, type Obj, type Spec, text, writeSpecs } from "./internal/mapping.js";
import { type Node, write as writeNode } from "./internal/xml.js";
import type { TrademarkRecord } from "./TrademarkSt96.js";

/** The TM-XML namespace (ST.66). */
export const namespace = "http://www.wipo.int/standards/XMLSchema/trademarks";

/** TM-XML `KindMark` ↔ the model's mark category. */
const kindMark = C.table("kind of mark", [
  ["individual", "Individual"],
  ["collective", "Collective"],
  ["certification", "Certificate"],
]);

/** TM-XML `MarkFeature` ↔ the model's mark type. */
const markFeature = C.table("mark feature", [
  ["word", "Word"],
  ["figurative", "Figurative"],
  ["combined", "Combined"],
  ["three_dimensional", "3-D"],
  ["colour", "Colour"],
  ["sound", "Sound"],
  ["position", "Position"],
  ["motion", "Motion"],
  ["multimedia", "Multimedia"],
  ["hologram", "Hologram"],
  ["pattern", "Other"],
  ["other", "Other"],
]);

const imageFormat = C.table("image format", [
  ["image/jpeg", "JPEG"],
  ["image/png", "PNG"],
  ["image/gif", "GIF"],
  ["image/tiff", "TIFF"],
  ["image/svg+xml", "SVG"],
]);

const party = (prefix: "Applicant" | "Representative"): ReadonlyArray<Spec> => [
  text(`${prefix}Identifier`, "id", C.textCodec),
  ...(prefix === "Applicant"
    ? [
        text("ApplicantNationalityCode", "nationality", C.textCodec),
        text("ApplicantLegalEntity", "legalForm", C.textCodec),
        text("ApplicantIncorporationCountryCode", "incorporationState", C.textCodec),
      ]
    : [text("RepresentativeLegalEntity", "legalForm", C.textCodec)]),
  group(`${prefix}AddressBook`, [
    group("FormattedNameAddress", [
      group("Name", [
        group("FreeFormatName", [group("FreeFormatNameDetails", [text("FreeFormatNameLine", "name", C.textCodec)])]),
      ]),
      group("Address", [
        text("AddressCountryCode", "country", C.textCodec),
        group("FormattedAddress", [
          text("AddressStreet", "address.street", C.textCodec),
          text("AddressCity", "address.city", C.textCodec),
          text("AddressState", "address.region", C.textCodec),
          text("AddressPostcode", "address.postalCode", C.textCodec),
          text("FormattedAddressCountryCode", "address.country", C.textCodec),
        ]),
      ]),
    ]),
    group("ContactInformationDetails", [text("Phone", "phone", C.textCodec), text("Email", "email", C.textCodec)]),
  ]),
];

/** The ST.66 table of a trademark, in TM-XML's element order. */
export const specs: ReadonlyArray<Spec> = [
  text("RegistrationOfficeCode", "right.officeCode", C.textCodec),
  text("ApplicationNumber", "right.applicationNumber", C.textCodec),
  text("ApplicationDate", "right.filingDate", C.date),
  text("RegistrationNumber", "right.registration.number", C.textCodec),
  text("RegistrationDate", "right.registration.date", C.date),
  text("ExpiryDate", "right.expiryDate", C.date),
  text("MarkCurrentStatusCode", "right.status", C.textCodec),
  text("MarkCurrentStatusDate", "right.statusSince", C.instantAsDate),
  text("KindMark", "right.mark.category", kindMark),
  text("MarkFeature", "right.mark.type", markFeature),
  group("MarkDescriptionDetails", [text("MarkDescription", "right.mark.description", C.textCodec)]),
  group("MarkDisclaimerDetails", [text("MarkDisclaimer", "right.mark.disclaimer", C.textCodec)]),
  group("WordMarkSpecification", [
    text("MarkVerbalElementText", "right.mark.text", C.textCodec),
    text("MarkTranslation", "right.mark.translation", C.textCodec),
    text("MarkTransliteration", "right.mark.transliteration", C.textCodec),
  ]),
  group("MarkImageDetails", [
    group("MarkImage", [
      text("MarkImageFilename", "right.mark.representation.documentId", C.textCodec),
      text("MarkImageFileFormat", "right.mark.representation.mediaType", imageFormat),
      text("MarkImageColourClaimedText", "colours", C.textCodec),
      group("MarkImageCategory", [
        fixed("CategoryKind", "Vienna"),
        group("CategoryCodeDetails", [text("CategoryCode", "right.mark.viennaCodes", C.textCodec, { many: true })]),
      ]),
    ]),
  ]),
  group("GoodsServicesDetails", [
    list("GoodsServices", "right.goodsAndServices", [
      fixed("ClassificationKindCode", "Nice"),
      text("ClassificationVersion", "edition", C.textCodec),
      group("ClassDescriptionDetails", [
        group("ClassDescription", [
          text("ClassNumber", "classNumber", C.niceClass),
          text("GoodsServicesDescription", "terms", C.terms),
        ]),
      ]),
    ]),
  ]),
  group("PriorityDetails", [
    list("Priority", "right.priorities", [
      text("PriorityCountryCode", "country", C.textCodec),
      text("PriorityNumber", "number", C.textCodec),
      text("PriorityDate", "date", C.date),
    ]),
  ]),
  group("PublicationDetails", [
    group("Publication", [
      text("PublicationIdentifier", "right.publication.bulletin", C.textCodec),
      text("PublicationDate", "right.publication.date", C.date),
    ]),
  ]),
  group("ApplicantDetails", [list("Applicant", "right.owners", party("Applicant"))]),
  group("RepresentativeDetails", [list("Representative", "right.representatives", party("Representative"))]),
  group("MarkEventDetails", [
    list("MarkEvent", "events", [
      text("MarkEventDate", "date", C.date),
      text("MarkEventCode", "code", C.textCodec),
      text("Comment", "description", C.textCodec),
    ]),
  ]),
];

const wire = (record: TrademarkRecord): Obj => ({
  right: record.right,
  // TM-XML has one colour claim text per image: the claimed colours joined.
  colours: record.right.mark.colours?.join(", "),
  events: record.events,
});

/** One `TradeMark` element as text. */
export const writeTrademark = (record: TrademarkRecord): string => {
  const out: Array<string> = [];
  writeNode({ name: "TradeMark", children: writeSpecs(specs, wire(record)).nodes }, out);
  return out.join("");
};

const open = (transactionCode: string): string => {
  const out: Array<string> = [];
  const head: Node = { name: "TransactionCode", text: transactionCode };
  writeNode(head, out);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Transaction xmlns="${namespace}"><TradeMarkTransactionBody><TransactionContentDetails>${out.join("")}<TransactionData><TradeMarkDetails>`;
};
const close =
  "</TradeMarkDetails></TransactionData></TransactionContentDetails></TradeMarkTransactionBody></Transaction>\n";

export interface WriteOptions {
  /** `TransactionCode` of the feed (default "National Trademark Information", as TSDR writes it). */
  readonly transactionCode?: string;
}

/** A TM-XML `Transaction` document holding the records. */
export const write = (records: ReadonlyArray<TrademarkRecord>, options: WriteOptions = {}): string =>
  [...writeChunks(records, options)].join("");

/** The same document in chunks, one record at a time, for large feeds written to a stream. */
export function* writeChunks(records: Iterable<TrademarkRecord>, options: WriteOptions = {}): Generator<string> {
  yield open(options.transactionCode ?? "National Trademark Information");
  for (const r of records) yield writeTrademark(r);
  yield close;
}
