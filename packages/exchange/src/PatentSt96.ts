/**
 * Patents and utility models in WIPO ST.96 V6_0: their bibliographic data (`pat:BibliographicData`,
 * BibliographicData_V6_0.xsd): publication, application, grant, priorities, IPC, title, number of claims, applicants
 * and inventors. Read wherever the element sits (a `pat:PatentPublication` holds one); written as a
 * `pat:BibliographicData` document. One mapping table serves both directions (decision 0800).
 */
import { IpRight } from "@ipoffice/domain";
import { Result, Schema } from "effect";
import {
  type CommonOptions,
  differences,
  type NotCarried,
  partyCountry,
  rightDefaults,
  withCountryAddress,
} from "./internal/common-wire.js";
import * as Engine from "./internal/engine.js";
import * as C from "./internal/codecs.js";
import { group, list, type Obj, type Spec, text } from "./internal/mapping.js";
import { patentSpecs } from "./internal/patent-map.js";
import { escapeAttr, escapeText, NS, namespaceAttrs, type XmlLimits } from "./internal/xml.js";
import type { Refused } from "./Refusal.js";

/** A patent or utility model as exchanged: the model's right. */
export const PatentRecord = Schema.Struct({ right: Schema.Union([IpRight.Patent, IpRight.UtilityModel]) });
export type PatentRecord = typeof PatentRecord.Type;

/** What a file may not say and a record needs (`workflowId` defaults to the kind's default workflow). */
export interface ReadOptions extends CommonOptions {
  /** The kind of the rights in the file (default `patent`): ST.96 bibliographic data does not say it. */
  readonly kind?: "patent" | "utility_model";
  readonly limits?: Partial<XmlLimits>;
}

const toWire = (record: PatentRecord): Obj => {
  const { right } = record;
  const creator = (c: Obj): Obj =>
    c.address === undefined && c.country !== undefined ? { ...c, address: { country: c.country } } : c;
  return {
    right: {
      ...right,
      inventors: right.inventors.map(creator),
      // ST.96 requires a practitioner's category: a role it has no value for (employee), or none, is written Agent
      representatives: right.representatives.map((r) =>
        withCountryAddress({
          ...r,
          role: r.role === undefined || r.role === "employee" ? "agent" : r.role,
        }),
      ),
      // the publication number (INID 87) is the publication's identification: a date without it is not written
      ...(right.pct === undefined
        ? {}
        : {
            pct: right.pct.publicationNumber === undefined ? { ...right.pct, publicationDate: undefined } : right.pct,
          }),
      // a publication is written with its number (ST.96 requires one); without a publication, nothing
      publication: right.publication,
    },
    // written as `pat:PatentClassificationText`; symbols in parts (section, class, …) are read too
    ipc: right.ipc.map((symbol) => ({ symbol })),
  };
};

const joinName = (p: Obj, field: string, supply: Engine.Supply): void => {
  if (p.name === undefined && (p.firstName !== undefined || p.lastName !== undefined)) {
    p.name = supply(`${field}.name`, [p.firstName, p.lastName].filter(Boolean).join(" "), "first and last name joined");
  }
  delete p.firstName;
  delete p.lastName;
};

/**
 * A `pat:PatentPublication` (PatentPublication_V6_0.xsd) read as one record: the publishing office, the bibliographic
 * data, and the abstract (`pat:Abstract`, its paragraphs `com:P`), which the schema holds there and not in the
 * bibliographic data. The description, claims and drawings are not kept and are listed as unmapped.
 */
const publicationSpecs: ReadonlyArray<Spec> = [
  text("com:IPOfficeCode", "publicationOffice", C.country),
  group("pat:BibliographicData", patentSpecs, { required: true }),
  list("pat:Abstract", "abstracts", [text("com:P", "paragraphs", C.textCodec, { many: true })]),
];

/** Paragraphs of an abstract are joined by a blank line, and a blank line parts them when written. */
const PARAGRAPHS = "\n\n";

const fromWire = (wire: Obj, options: ReadOptions, supply: Engine.Supply, lose: Engine.Lose): unknown => {
  const right = (wire.right ?? {}) as Obj;
  const abstracts = (wire.abstracts ?? []) as Array<{ paragraphs?: Array<string> }>;
  const [first, ...others] = abstracts;
  if (first?.paragraphs !== undefined && first.paragraphs.length > 0) {
    right.abstract = first.paragraphs.join(PARAGRAPHS);
  }
  // The model keeps one abstract: a second (another language) is reported.
  if (others.length > 0) lose("abstracts", `${others.length} more abstract(s) (other languages) not kept`);
  const kind = options.kind ?? "patent";
  right.kind = kind;
  rightDefaults(right, kind, kind === "patent" ? "patent_default" : "utility_model_default", options, supply);
  if (right.claimsCount === undefined) {
    right.claimsCount = supply("right.claimsCount", 1, "the file gives no number of claims");
  }
  right.ipc = ((wire.ipc ?? []) as Array<Obj>).map((c, i) => {
    if (typeof c.symbol === "string") return c.symbol;
    const group =
      c.mainGroup === undefined ? "" : ` ${Number(c.mainGroup)}/${String(c.subgroup ?? "00").padStart(2, "0")}`;
    return supply(`right.ipc.${i}`, `${c.section}${c.class}${c.subclass}${group}`, "made from the symbol's parts");
  });
  for (const [i, p] of (right.owners as Array<Obj>).entries()) {
    joinName(p, `right.owners.${i}`, supply);
    const pc = p.publicationContact as Obj | undefined;
    delete p.publicationContact;
    if (p.country === undefined && pc?.country !== undefined) p.country = pc.country;
    if (p.country !== undefined && p.kind === undefined)
      p.kind = supply(`right.owners.${i}.kind`, "legal", "the file names the party without saying its kind");
    if (p.country === undefined) partyCountry(p, `right.owners.${i}`, supply);
  }
  for (const [i, p] of ((right.representatives ?? []) as Array<Obj>).entries()) {
    joinName(p, `right.representatives.${i}`, supply);
    const pc = p.publicationContact as Obj | undefined;
    delete p.publicationContact;
    if (p.address === undefined && pc?.country !== undefined) p.country = pc.country;
    else partyCountry(p, `right.representatives.${i}`, supply);
  }
  right.inventors = ((right.inventors ?? []) as Array<Obj>).map((c, i) => {
    joinName(c, `right.inventors.${i}`, supply);
    const pc = c.publicationContact as Obj | undefined;
    delete c.publicationContact;
    const address = c.address as Obj | undefined;
    if (address !== undefined) {
      c.country = address.country;
      if (Object.keys(address).length === 1) delete c.address;
    } else if (pc?.country !== undefined) c.country = pc.country;
    return c;
  });
  return { right };
};

const kind: Engine.KindMap<PatentRecord, ReadOptions> = {
  recordName: "pat:BibliographicData",
  recordAttrs: { "com:st96Version": "V6_0" },
  rootNamespaces: [NS.pat],
  specs: patentSpecs,
  decode: Schema.decodeUnknownResult(PatentRecord, { errors: "all" }),
  fromWire,
  toWire,
  droppable: ["right.publication", "right.registration", "right.pct"],
  wrappers: {
    "pat:PatentPublication": {
      specs: publicationSpecs,
      attrs: { "pat:PatentPublication": ["com:st96Version"], "pat:BibliographicData": ["com:st96Version"] },
    },
  },
};

export type Imported = Engine.Imported<PatentRecord>;
export type StreamEvent = Engine.StreamEvent<PatentRecord>;
export type ReadAll = Engine.ReadAll<PatentRecord>;

/** Reads every `pat:BibliographicData` of a document: all records, or the refusal. */
export const read = (
  input: string | Iterable<string | Uint8Array>,
  options: ReadOptions = {},
): Result.Result<ReadAll, Refused> => Engine.readAllSync(kind, input, options, options.limits ?? {});

/** Reads a file from chunks that may come asynchronously: all records, or the refusal. */
export const readAsync = (input: Engine.Input, options: ReadOptions = {}): Promise<Result.Result<ReadAll, Refused>> =>
  Engine.readAll(kind, input, options, options.limits ?? {});

/** Streams the records of a large file; keep what you applied only when the stream ends with `Done`. */
export const stream = (input: Engine.Input, options: ReadOptions = {}): AsyncGenerator<StreamEvent> =>
  Engine.stream(kind, input, options, options.limits ?? {});

const ns = Object.entries(namespaceAttrs("pat", "com"))
  .map(([k, v]) => `${k}="${v}"`)
  .join(" ");

/** One record as a `pat:BibliographicData` document (valid against BibliographicData_V6_0.xsd). */
export const write = (record: PatentRecord): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${Engine.recordXml(kind, record).replace("<pat:BibliographicData", `<pat:BibliographicData ${ns}`)}\n`;

/** What a `pat:PatentPublication` needs beside the record. */
export interface PublicationOptions {
  /** The language of the publication and its abstract (ISO 639-1, `com:languageCode`, required by the schema). */
  readonly languageCode: string;
  /**
   * Where the claims are (`pat:Claims/pat:DocumentURI`): the schema requires claims before the abstract and the model
   * keeps only their number, so the publication points to the document that holds them.
   */
  readonly claimsUri: string;
  /** The format of that document (`pat:pageDocumentFormatCategory`, PatentPublication_V6_0.xsd). */
  readonly claimsFormat: "PDF" | "HTML" | "XML" | "Text" | "MS Word" | "EPS";
}

/**
 * One record as a `pat:PatentPublication` (PatentPublication_V6_0.xsd): the office, the bibliographic data, the claims'
 * location and the abstract (one `com:P` per paragraph, paragraphs parted by a blank line). Read back by `read`, the
 * abstract comes back unchanged.
 */
export const writePublication = (record: PatentRecord, options: PublicationOptions): string => {
  const abstract = record.right.abstract;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<pat:PatentPublication ${ns} com:languageCode="${escapeAttr(options.languageCode)}" com:st96Version="V6_0">` +
    `<com:IPOfficeCode>${escapeText(record.right.officeCode)}</com:IPOfficeCode>` +
    Engine.recordXml(kind, record) +
    `<pat:Claims><pat:DocumentURI pat:pageDocumentFormatCategory="${escapeAttr(options.claimsFormat)}">${escapeText(options.claimsUri)}</pat:DocumentURI></pat:Claims>` +
    (abstract === undefined || abstract === ""
      ? ""
      : `<pat:Abstract>${abstract
          .split(PARAGRAPHS)
          .map((p) => `<com:P>${escapeText(p)}</com:P>`)
          .join("")}</pat:Abstract>`) +
    "</pat:PatentPublication>\n"
  );
};

/** One difference between a record and what reading its own export gives back. */
export type { NotCarried };

/**
 * What of a record ST.96 bibliographic data does not carry: the fields that differ after writing the record and
 * reading it back (the office status and its date, the abstract, a PCT publication date without its number, an
 * employee's role, owner shares…).
 */
export const notCarried = (record: PatentRecord): Array<NotCarried> => {
  const back = read(write(record), {
    kind: record.right.kind,
    workflowId: record.right.workflowId,
    officeCode: record.right.officeCode,
  });
  if (Result.isFailure(back)) return [{ field: "", before: record, after: back.failure.message }];
  const again = back.success.records[0]?.record;
  return differences(record, again);
};
