/**
 * Industrial designs in WIPO ST.96 V6_0: a `dgn:DesignApplication` (DesignApplication_V6_0.xsd) per record, several
 * designs each (`dgn:DesignBag`), with Locarno class, product, views and status per design; a bag of records is a
 * `dgn:DesignApplicationBag`. One mapping table serves reading and writing (decision 0800).
 *
 * ST.96 keeps registration, expiry, priorities, publication, applicants and designers per design, the model per
 * application: they are written in every design and read from the first; a later design that says otherwise is
 * listed in the report as dropped.
 */
import { IpRight } from "@ipoffice/domain";
import { type Result, Schema } from "effect";
import { type CommonOptions, partyCountry, rightDefaults, withCountryAddress } from "./internal/common-wire.js";
import { designApplicationSpecs } from "./internal/design-map.js";
import * as Engine from "./internal/engine.js";
import type { Obj } from "./internal/mapping.js";
import { NS, namespaceAttrs, type XmlLimits } from "./internal/xml.js";
import type { Refused } from "./Refusal.js";

/** An industrial design application as exchanged: the model's right. */
export const DesignRecord = Schema.Struct({ right: IpRight.IndustrialDesign });
export type DesignRecord = typeof DesignRecord.Type;

/** What a file may not say and a record needs (`workflowId` defaults to `industrial_design_default`). */
export interface ReadOptions extends CommonOptions {
  readonly limits?: Partial<XmlLimits>;
}

/**
 * The Locarno editions by the date they entered into force (WIPO, Locarno Agreement art. 3: each edition of the
 * classification applies from 1 January of its year), newest first: `"15-2025"` from 2025-01-01.
 */
const locarnoEditions: ReadonlyArray<readonly [string, string]> = [
  ["2025-01-01", "15-2025"],
  ["2023-01-01", "14-2023"],
  ["2021-01-01", "13-2021"],
  ["2019-01-01", "12-2019"],
  ["2017-01-01", "11-2017"],
  ["2013-01-01", "10-2013"],
  ["2009-01-01", "9-2009"],
];

/**
 * The Locarno edition in force on a date (ISO). ST.96 requires the edition beside every Locarno class
 * (`com:LocarnoClassificationEdition`): a right that records none is written with the edition in force on its filing
 * date (for a filing before 2009, the oldest edition of this table, 9-2009), which `notCarried` shows (the edition
 * read back differs from none).
 */
export const locarnoEditionOn = (date: string): string =>
  locarnoEditions.find(([from]) => from <= date)?.[1] ?? (locarnoEditions.at(-1) as readonly [string, string])[1];

/** Application-level fields of the model that ST.96 holds per design. */
const perDesign = ["registration", "expiryDate", "priorities", "publication", "owners", "designers"] as const;

const toWire = (record: DesignRecord): Obj => {
  const { right } = record;
  const shared: Obj = {
    registration: right.registration,
    expiryDate: right.expiryDate,
    priorities: right.priorities,
    publication: right.publication,
    owners: right.owners.map(withCountryAddress),
    designers: right.designers.map(withCountryAddress),
    locarnoEdition: right.locarnoEdition ?? locarnoEditionOn(right.filingDate),
  };
  return {
    right: {
      ...right,
      owners: right.owners.map(withCountryAddress),
      representatives: right.representatives.map(withCountryAddress),
    },
    designs: right.designs.map((d) => ({
      ...d,
      ...shared,
      descriptionParts: d.description === undefined ? undefined : [d.description],
    })),
  };
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const fromWire = (wire: Obj, options: ReadOptions, supply: Engine.Supply, lose: Engine.Lose): unknown => {
  const right = (wire.right ?? {}) as Obj;
  right.kind = "industrial_design";
  const designs = (Array.isArray(wire.designs) ? wire.designs : []) as Array<Obj>;
  const first = designs[0] ?? {};
  for (const field of perDesign) {
    const value = first[field];
    if (field === "owners") {
      if (right.owners === undefined && value !== undefined) right.owners = value;
      else if (value !== undefined && !same(value, right.owners)) {
        lose(
          "designs.0.owners",
          "the first design names other applicants than the application: the application's are kept",
        );
      }
    } else if (value !== undefined) right[field] = value;
    designs.slice(1).forEach((d, i) => {
      if (d[field] !== undefined && !same(d[field], right[field])) {
        lose(`designs.${i + 1}.${field}`, `design ${i + 2} has its own ${field}; the model keeps one per application`);
      }
    });
  }
  if (first.locarnoEdition !== undefined) right.locarnoEdition = first.locarnoEdition;
  for (const [i, d] of designs.slice(1).entries()) {
    if (d.locarnoEdition !== undefined && d.locarnoEdition !== right.locarnoEdition) {
      lose(`designs.${i + 1}.locarnoEdition`, `design ${i + 2} names another Locarno edition`);
    }
  }
  right.designs = designs.map((d, i) => {
    const design: Obj = {
      number: d.number ?? supply(`right.designs.${i}.number`, i + 1, "the file gives no design identifier"),
      product: d.product,
      locarnoClass: d.locarnoClass,
      views: d.views ?? supply(`right.designs.${i}.views`, 1, "the file gives no number of representation sheets"),
    };
    const parts = d.descriptionParts as Array<string> | undefined;
    if (parts !== undefined) {
      design.description =
        parts.length === 1
          ? parts[0]
          : supply(`right.designs.${i}.description`, parts.join("\n"), `${parts.length} description texts joined`);
    }
    if (d.status !== undefined) design.status = d.status;
    return design;
  });
  rightDefaults(right, "industrial_design", "industrial_design_default", options, supply);
  if (right.designers === undefined) right.designers = [];
  for (const [i, p] of (right.owners as Array<Obj>).entries()) partyCountry(p, `right.owners.${i}`, supply);
  for (const [i, p] of (right.representatives as Array<Obj>).entries()) {
    partyCountry(p, `right.representatives.${i}`, supply);
  }
  for (const [i, c] of (right.designers as Array<Obj>).entries()) {
    if (c.name === undefined && (c.firstName !== undefined || c.lastName !== undefined)) {
      c.name = supply(
        `right.designers.${i}.name`,
        [c.firstName, c.lastName].filter(Boolean).join(" "),
        "first and last name joined",
      );
    }
    delete c.firstName;
    delete c.lastName;
    const address = c.address as Obj | undefined;
    if (address !== undefined) {
      c.country = address.country;
      if (Object.keys(address).length === 1) delete c.address;
    }
  }
  return { right };
};

const kind: Engine.KindMap<DesignRecord, ReadOptions> = {
  recordName: "dgn:DesignApplication",
  recordAttrs: { "com:st96Version": "V6_0" },
  rootNamespaces: [NS.dgn],
  specs: designApplicationSpecs,
  decode: Schema.decodeUnknownResult(DesignRecord, { errors: "all" }),
  fromWire,
  toWire,
  droppable: ["right.publication", "right.registration", "right.expiryDate"],
};

export type Imported = Engine.Imported<DesignRecord>;
export type StreamEvent = Engine.StreamEvent<DesignRecord>;
export type ReadAll = Engine.ReadAll<DesignRecord>;

/** Reads every `dgn:DesignApplication` of a document (one application, or a bag): all records, or the refusal. */
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

const ns = Object.entries(namespaceAttrs("dgn", "com"))
  .map(([k, v]) => `${k}="${v}"`)
  .join(" ");

/** One application as a `dgn:DesignApplication` document (valid against DesignApplication_V6_0.xsd). */
export const writeApplication = (record: DesignRecord): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${Engine.recordXml(kind, record).replace("<dgn:DesignApplication", `<dgn:DesignApplication ${ns}`)}\n`;

/** A `dgn:DesignApplicationBag` of the records (valid against DesignApplicationBag_V6_0.xsd). */
export const write = (records: ReadonlyArray<DesignRecord>): string => [...writeChunks(records)].join("");

/** The same bag in chunks, one record at a time. */
export function* writeChunks(records: Iterable<DesignRecord>): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<dgn:DesignApplicationBag ${ns} com:st96Version="V6_0">`;
  for (const r of records) yield Engine.recordXml(kind, r);
  yield "</dgn:DesignApplicationBag>\n";
}
