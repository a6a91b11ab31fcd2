/**
 * Trademarks in WIPO ST.96 V6_0 (`tmk:TrademarkBag` of `tmk:Trademark`, Trademark_V6_0.xsd): read a file into
 * trademark records with a loss report each, write records as a bag that validates against the schema. One mapping
 * table (element ↔ field, in the schema's order) serves both directions (decision 0800).
 *
 * A record is the model's `IpRight.Trademark` plus what ST.96 carries that the model does not hold: the mark's
 * event history (`tmk:MarkEventBag`).
 */
import { Calendar, IpRight, LegalStatusStandard } from "@ipoffice/domain";
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
import type { Obj } from "./internal/mapping.js";
import { trademarkSpecs } from "./internal/trademark-map.js";
import { NS, namespaceAttrs, type XmlLimits } from "./internal/xml.js";
import type * as Loss from "./Loss.js";
import type { Refused } from "./Refusal.js";

/** A mark event of the file (`tmk:MarkEvent`): the ST.96 category, the office's own code and text, the date. */
export const MarkEvent = Schema.Struct({
  category: LegalStatusStandard.MarkEventCategory,
  date: Schema.optional(Calendar.IsoDate),
  code: Schema.optional(Schema.String.check(Schema.isMaxLength(100))),
  description: Schema.optional(Schema.String.check(Schema.isMaxLength(2_000))),
  entryNumber: Schema.optional(Schema.String.check(Schema.isMaxLength(40))),
  additionalText: Schema.optional(Schema.String.check(Schema.isMaxLength(2_000))),
});
export type MarkEvent = typeof MarkEvent.Type;

/** A trademark as exchanged: the model's right and, beside it, what the model does not hold. */
export const TrademarkRecord = Schema.Struct({
  right: IpRight.Trademark,
  events: Schema.optional(Schema.Array(MarkEvent)),
});
export type TrademarkRecord = typeof TrademarkRecord.Type;

/**
 * What a file may not say and a record needs: each default used is listed in the record's report as supplied.
 * `workflowId` defaults to `trademark_default`.
 */
export interface ReadOptions extends CommonOptions {
  /** Nice edition of classes whose file gives no `com:ClassificationVersion` (default `"12-2023"`). */
  readonly niceEdition?: string;
  readonly limits?: Partial<XmlLimits>;
}

const splitVienna = (code: string) => {
  const [category, division, section] = code.split(".");
  return { category, division, section };
};

const toWire = (record: TrademarkRecord): Obj => {
  const { right } = record;
  const st13 = right.st13;
  return {
    right: {
      ...right,
      mark: { ...right.mark },
      // The class's terms are one description text; the term list (tmk:ClassificationTermBag) is written beside it
      // when a term has more than its text, or a text that the description could not keep apart ("; " inside).
      goodsAndServices: right.goodsAndServices.map((c) =>
        c.terms.some((t) => t.status !== undefined || t.basicNumber !== undefined || t.text.includes("; "))
          ? { ...c, termList: c.terms }
          : c,
      ),
      priorities: right.priorities.map((p) =>
        p.classes === undefined ? p : { ...p, partialClasses: p.classes.map((classNumber) => ({ classNumber })) },
      ),
    },
    // Vienna codes sit in the mark image element, which needs a file name: without an image they are not carried.
    vienna: right.mark.representation === undefined ? undefined : right.mark.viennaCodes?.map(splitVienna),
    // A word mark is in standard characters (ST.96 MarkStandardCharacterIndicator).
    standardCharacters: right.mark.type === "word" && right.mark.text !== undefined ? true : undefined,
    st13Office: st13.slice(0, 2),
    st13Digits: st13.slice(2),
    events: record.events,
  };
};

const fromWire = (wire: Obj, options: ReadOptions, supply: Engine.Supply): unknown => {
  const right = (wire.right ?? {}) as Obj;
  const mark = (right.mark ?? {}) as Obj;
  right.kind = "trademark";
  right.mark = mark;
  // ST.13: from com:ST13ApplicationNumber, else made from office, filing year and the number's digits.
  if (typeof wire.st13Digits === "string")
    right.st13 = `${String(wire.st13Office ?? right.officeCode)}${wire.st13Digits}`;
  rightDefaults(right, "trademark", "trademark_default", options, supply);
  if (right.goodsAndServices === undefined) right.goodsAndServices = [];
  if (Array.isArray(wire.vienna)) {
    mark.viennaCodes = (wire.vienna as Array<Obj>).map((v) =>
      [v.category, v.division, v.section].filter((x) => x !== undefined).join("."),
    );
  }
  if (mark.category === undefined)
    mark.category = supply("right.mark.category", "individual", "the file gives no mark category");
  if (mark.type === undefined && wire.standardCharacters === true && mark.text !== undefined) {
    mark.type = supply("right.mark.type", "word", "the file gives no mark feature category; standard characters");
  }
  if (mark.type === undefined) {
    const hasImage = mark.representation !== undefined;
    const type = mark.text !== undefined ? (hasImage ? "combined" : "word") : hasImage ? "figurative" : "other";
    mark.type = supply(
      "right.mark.type",
      type,
      "the file gives no mark feature category; derived from its verbal element and image",
    );
  }
  for (const [i, p] of (right.owners as Array<Obj>).entries()) partyCountry(p, `right.owners.${i}`, supply);
  for (const [i, p] of (right.representatives as Array<Obj>).entries()) {
    partyCountry(p, `right.representatives.${i}`, supply);
  }
  (right.goodsAndServices as Array<Obj>).forEach((c, i) => {
    if (c.edition === undefined) {
      c.edition = supply(
        `right.goodsAndServices.${i}.edition`,
        options.niceEdition ?? "12-2023",
        "the file gives no Nice edition",
      );
    }
    if (c.status === undefined) {
      const status = right.registration !== undefined ? "registered" : "pending";
      c.status = supply(`right.goodsAndServices.${i}.status`, status, "the file gives no class status");
    }
    if (Array.isArray(c.termList)) c.terms = c.termList;
    delete c.termList;
    if (c.terms === undefined) c.terms = [];
  });
  (right.priorities as Array<Obj>).forEach((p) => {
    if (Array.isArray(p.partialClasses)) p.classes = (p.partialClasses as Array<Obj>).map((c) => c.classNumber);
    delete p.partialClasses;
  });
  return { right, ...(wire.events === undefined ? {} : { events: wire.events }) };
};

const kind: Engine.KindMap<TrademarkRecord, ReadOptions> = {
  recordName: "tmk:Trademark",
  rootNamespaces: [NS.tmk],
  specs: trademarkSpecs,
  decode: Schema.decodeUnknownResult(TrademarkRecord, { errors: "all" }),
  fromWire,
  toWire: (record) => {
    const wire = toWire(record);
    const right = wire.right as Obj;
    right.owners = (right.owners as Array<Obj>).map(withCountryAddress);
    right.representatives = (right.representatives as Array<Obj>).map(withCountryAddress);
    return wire;
  },
  droppable: ["right.publication", "right.registration", "right.expiryDate"],
};

export type Imported = Engine.Imported<TrademarkRecord>;
export type StreamEvent = Engine.StreamEvent<TrademarkRecord>;
export type ReadAll = Engine.ReadAll<TrademarkRecord>;

/** Reads every `tmk:Trademark` of a document (a bag, an application, a transaction): all records, or the refusal. */
export const read = (
  input: string | Iterable<string | Uint8Array>,
  options: ReadOptions = {},
): Result.Result<ReadAll, Refused> => Engine.readAllSync(kind, input, options, options.limits ?? {});

/** Reads a file from chunks that may come asynchronously (a file stream): all records, or the refusal. */
export const readAsync = (input: Engine.Input, options: ReadOptions = {}): Promise<Result.Result<ReadAll, Refused>> =>
  Engine.readAll(kind, input, options, options.limits ?? {});

/**
 * Streams the records of a large file one by one, memory flat in its size. Keep what you applied only when the
 * stream ends with `Done`: a `Refused` means the whole file is refused.
 */
export const stream = (input: Engine.Input, options: ReadOptions = {}): AsyncGenerator<StreamEvent> =>
  Engine.stream(kind, input, options, options.limits ?? {});

const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n';
const bagOpen = `<tmk:TrademarkBag ${Object.entries(namespaceAttrs("tmk", "com"))
  .map(([k, v]) => `${k}="${v}"`)
  .join(" ")}>`;

/** One `tmk:Trademark` element as text. */
export const writeTrademark = (record: TrademarkRecord): string => Engine.recordXml(kind, record);

/** A `tmk:TrademarkBag` document of the records (valid against Trademark_V6_0.xsd). */
export const write = (records: ReadonlyArray<TrademarkRecord>): string => {
  const parts = [prolog, bagOpen];
  for (const r of records) parts.push(Engine.recordXml(kind, r));
  parts.push("</tmk:TrademarkBag>\n");
  return parts.join("");
};

/** The same document in chunks, one record at a time, for large exports written to a stream. */
export function* writeChunks(records: Iterable<TrademarkRecord>): Generator<string> {
  yield prolog + bagOpen;
  for (const r of records) yield Engine.recordXml(kind, r);
  yield "</tmk:TrademarkBag>\n";
}

/** One difference between a record and what reading its own export gives back. */
export type { NotCarried };

/**
 * What of a record ST.96 does not carry: the fields that differ after writing the record and reading it back
 * (the model's decisions per class, shares, representative numbers, the time of the status change…).
 */
export const notCarried = (record: TrademarkRecord): Array<NotCarried> => {
  const back = read(write([record]), { workflowId: record.right.workflowId });
  if (Result.isFailure(back)) return [{ field: "", before: record, after: back.failure.message }];
  const again = back.success.records[0]?.record;
  return differences(record, again);
};

export type { Loss };
