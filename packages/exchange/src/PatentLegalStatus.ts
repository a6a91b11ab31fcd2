/**
 * Patent legal status events in WIPO ST.27, exchanged as ST.96 V6_0 `pat:PatentLegalStatusData`
 * (PatentLegalStatusData_V6_0.xsd): per application, its events with the ST.27 state, previous and current stage, key
 * and detailed event, event indicator and the office's own event code. The ST.27 codes are the code lists
 * `@ipoffice/domain` ships (`LegalStatusStandard`); a detailed event must belong to its key event. One mapping table
 * serves reading and writing (decision 0800).
 */
import { Calendar, Country, LegalStatusStandard } from "@ipoffice/domain";
import { type Result, Schema } from "effect";
import * as C from "./internal/codecs.js";
import * as Engine from "./internal/engine.js";
import { group, list, type Obj, type Spec, text } from "./internal/mapping.js";
import { NS, namespaceAttrs, type XmlLimits } from "./internal/xml.js";
import type { Refused } from "./Refusal.js";

/** ST.27 state of the right after the event: Active, Not active, Terminated, Unspecified. */
export const State = Schema.Literals(["A", "N", "T", "U"]);
/** ST.27 stage: 0 unspecified, 1 filing, 2 examination, 3 pre-grant challenge, 4 grant, 5 post-grant challenge, 6 terminated. */
export const Stage = Schema.Literals(["0", "1", "2", "3", "4", "5", "6"]);

/** One ST.27 event. */
export const Event = Schema.Struct({
  date: Calendar.IsoDate,
  state: State,
  previousStage: Stage,
  currentStage: Stage,
  keyEvent: LegalStatusStandard.St27KeyEvent,
  detailedEvent: LegalStatusStandard.St27DetailedEvent,
  indicator: Schema.optional(LegalStatusStandard.St27EventIndicator),
  /** The office's own code of the event. */
  nationalCode: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100))),
}).pipe(
  Schema.check(
    Schema.makeFilter((e: { readonly keyEvent: string; readonly detailedEvent: string }) =>
      LegalStatusStandard.keyEventOf(e.detailedEvent as LegalStatusStandard.St27DetailedEvent) === e.keyEvent
        ? true
        : {
            path: ["detailedEvent"],
            issue: `ST.27 detailed event ${e.detailedEvent} belongs to key event ${LegalStatusStandard.keyEventOf(e.detailedEvent as LegalStatusStandard.St27DetailedEvent)}, not ${e.keyEvent}`,
          },
    ),
  ),
);
export type Event = typeof Event.Type;

/** The legal status of one application: its office, number, filing date and ST.27 events in order. */
export const LegalStatusRecord = Schema.Struct({
  officeCode: Country.CountryCode,
  applicationNumber: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100)),
  filingDate: Schema.optional(Calendar.IsoDate),
  events: Schema.Array(Event).check(Schema.isMinLength(1)),
});
export type LegalStatusRecord = typeof LegalStatusRecord.Type;

const code = <A extends string>(name: string, values: ReadonlyArray<A>) => C.literal(name, values);

/** The ST.96 table of `pat:PatentLegalStatus`, in the schema's order. */
export const specs: ReadonlyArray<Spec> = [
  group(
    "pat:ApplicationIdentification",
    [
      text("com:IPOfficeCode", "officeCode", C.country),
      group("com:ApplicationNumber", [text("com:ApplicationNumberText", "applicationNumber", C.textCodec)]),
      text("pat:FilingDate", "filingDate", C.date),
    ],
    { required: true },
  ),
  group(
    "pat:StatusEventDataBag",
    [
      list("pat:StatusEventData", "events", [
        group("pat:StatusEventCode", [
          text("com:StateCode", "state", code("ST.27 state", State.literals)),
          text("com:PreviousStageCode", "previousStage", code("ST.27 stage", Stage.literals)),
          text("com:CurrentStageCode", "currentStage", code("ST.27 stage", Stage.literals)),
          text("pat:KeyEventCode", "keyEvent", code("ST.27 key event", LegalStatusStandard.st27KeyEventCodes)),
          text(
            "pat:DetailedEventCode",
            "detailedEvent",
            code("ST.27 detailed event", LegalStatusStandard.st27DetailedEventCodes),
          ),
          text(
            "pat:EventIndicatorCode",
            "indicator",
            code("ST.27 event indicator", LegalStatusStandard.st27EventIndicatorCodes),
          ),
          text("pat:NationalEventCode", "nationalCode", C.textCodec),
        ]),
        text("com:EventDate", "date", C.date),
      ]),
    ],
    { required: true },
  ),
];

export interface ReadOptions {
  readonly limits?: Partial<XmlLimits>;
}

const kind: Engine.KindMap<LegalStatusRecord, ReadOptions> = {
  recordName: "pat:PatentLegalStatus",
  rootNamespaces: [NS.pat],
  specs,
  decode: Schema.decodeUnknownResult(LegalStatusRecord, { errors: "all" }),
  fromWire: (wire: Obj) => ({ ...wire, events: wire.events ?? [] }),
  toWire: (record) => record as unknown as Obj,
  droppable: [],
};

export type Imported = Engine.Imported<LegalStatusRecord>;
export type StreamEvent = Engine.StreamEvent<LegalStatusRecord>;
export type ReadAll = Engine.ReadAll<LegalStatusRecord>;

/** Reads every `pat:PatentLegalStatus` of a document: all records, or the refusal. */
export const read = (
  input: string | Iterable<string | Uint8Array>,
  options: ReadOptions = {},
): Result.Result<ReadAll, Refused> => Engine.readAllSync(kind, input, options, options.limits ?? {});

/** Streams the records of a large file; keep what you applied only when the stream ends with `Done`. */
export const stream = (input: Engine.Input, options: ReadOptions = {}): AsyncGenerator<StreamEvent> =>
  Engine.stream(kind, input, options, options.limits ?? {});

const ns = Object.entries(namespaceAttrs("pat", "com"))
  .map(([k, v]) => `${k}="${v}"`)
  .join(" ");

/** A `pat:PatentLegalStatusData` document of the records (valid against PatentLegalStatusData_V6_0.xsd). */
export const write = (records: ReadonlyArray<LegalStatusRecord>): string => [...writeChunks(records)].join("");

/** The same document in chunks, one record at a time. */
export function* writeChunks(records: Iterable<LegalStatusRecord>): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<pat:PatentLegalStatusData ${ns} com:st96Version="V6_0">`;
  for (const r of records) yield Engine.recordXml(kind, r);
  yield "</pat:PatentLegalStatusData>\n";
}
