/**
 * Reading ST.96 Madrid documents: whole documents (`parseIBDocument`, `parseOfficeDocument`) and a streaming
 * batch reader (`readIBBatch`) that hands over one transaction at a time with memory flat in batch size.
 *
 * Hostile input is refused with a reason: any DOCTYPE (so external entities and entity expansion never
 * happen), input over the configured size, nesting too deep, one transaction too large.
 */
import { Result, Schema } from "effect";
import * as IB from "./IBTransaction.js";
import { MappingFailure, Reader } from "./internal/common-xml.js";
import { echo, MAX_MESSAGE } from "./internal/echo.js";
import { readHeader, readTransaction } from "./internal/ib-xml.js";
import { readOfficeHeader, readOfficeTransaction } from "./internal/office-xml.js";
import { COM, StreamReader, TMK, type XmlElement, type XmlLimits } from "./internal/xml.js";
import * as Office from "./OfficeTransaction.js";

/** Why a document or a transaction was not read. */
export const ParseErrorReason = Schema.Literals([
  "NotWellFormed",
  "DoctypeForbidden",
  "InputTooLarge",
  "TooDeep",
  "ItemTooLarge",
  "WrongDocument",
  "Unsupported",
  "Invalid",
]);
export type ParseErrorReason = typeof ParseErrorReason.Type;

/** A document or transaction that could not be read: the reason, a message, and where. */
export class MadridParseError extends Schema.TaggedError<MadridParseError>()("MadridParseError", {
  reason: ParseErrorReason,
  message: Schema.String,
  /** Element path such as `/tmk:MadridIBToOfficeBag/tmk:MadridDesignation/com:RecordFilingDate`. */
  path: Schema.optional(Schema.String),
  /** Line in the input where the problem was seen (XML-level problems). */
  line: Schema.optional(Schema.Number),
  /** Zero-based position of the transaction in the bag. */
  index: Schema.optional(Schema.Number),
}) {}

/**
 * Every parse error is made here: its message and path are cut to {@link MAX_MESSAGE} characters, whatever values of
 * the input they quote (each quoted value is also cut, to 100 characters, where it is written).
 */
const parseError = (fields: ConstructorParameters<typeof MadridParseError>[0]): MadridParseError =>
  new MadridParseError({
    ...fields,
    message: echo(fields.message, MAX_MESSAGE),
    ...(fields.path !== undefined ? { path: echo(fields.path, MAX_MESSAGE) } : {}),
  });

/** Size limits; every value has a safe default. */
export interface ParseOptions {
  /** Maximum characters of input (default 64 MiB). */
  readonly maxInputChars?: number;
  /** Maximum characters of one transaction in the batch reader (default 4 MiB). */
  readonly maxItemChars?: number;
  /** Maximum element nesting (default 64). */
  readonly maxDepth?: number;
}

const limitsOf = (o: ParseOptions): Partial<XmlLimits> => ({
  ...(o.maxInputChars !== undefined ? { maxInputChars: o.maxInputChars } : {}),
  ...(o.maxItemChars !== undefined ? { maxItemChars: o.maxItemChars } : {}),
  ...(o.maxDepth !== undefined ? { maxDepth: o.maxDepth } : {}),
});

/** Something the batch reader reports, in document order. */
export type BatchEvent =
  | { readonly _tag: "Header"; readonly header: IB.Header }
  | { readonly _tag: "Transaction"; readonly index: number; readonly transaction: IB.IBTransaction }
  | { readonly _tag: "Rejected"; readonly index: number; readonly error: MadridParseError }
  | { readonly _tag: "Failed"; readonly error: MadridParseError };

const decodeIB = Schema.decodeUnknownResult(IB.IBTransaction);
const decodeIBHeader = Schema.decodeUnknownResult(IB.Header);
const decodeOffice = Schema.decodeUnknownResult(Office.OfficeTransaction);
const decodeOfficeHeader = Schema.decodeUnknownResult(Office.Header);

const fromMapping = <A>(
  f: () => unknown,
  decode: (u: unknown) => Result.Result<A, Schema.SchemaError>,
  path: string,
  index?: number,
): Result.Result<A, MadridParseError> => {
  let mapped: unknown;
  try {
    mapped = f();
  } catch (e) {
    if (e instanceof MappingFailure) {
      return Result.fail(
        parseError({
          reason: e.problem.kind,
          message: `${e.problem.path}: ${e.problem.message}`,
          path: e.problem.path,
          ...(index !== undefined ? { index } : {}),
        }),
      );
    }
    throw e;
  }
  return Result.mapError(decode(mapped), (err) =>
    parseError({
      reason: "Invalid",
      message: `${path}: ${err.message}`,
      path,
      ...(index !== undefined ? { index } : {}),
    }),
  );
};

interface Kind {
  readonly root: string;
  readonly header: string;
  readonly bag: string;
}
const ibKind: Kind = {
  root: "tmk:MadridIBToOfficeTransaction",
  header: "tmk:MadridIBTransactionHeader",
  bag: "tmk:MadridIBToOfficeBag",
};
const officeKind: Kind = {
  root: "tmk:MadridOfficeToIBTransaction",
  header: "tmk:MadridOfficeTransactionHeader",
  bag: "tmk:MadridOfficeToIBBag",
};

const wrongRoot = (root: XmlElement, kind: Kind): MadridParseError => {
  const ns = /^\{(.*)\}(.*)$/.exec(root.name);
  const expected = `${kind.root.slice(4)} in namespace ${TMK}`;
  return parseError({
    reason: "WrongDocument",
    message: ns
      ? `root element ${echo(ns[2] ?? "")} is in namespace "${echo(ns[1] ?? "")}"; expected ${expected}`
      : `root element is ${echo(root.name)}; expected ${expected}`,
    path: `/${echo(root.name)}`,
    line: root.line,
  });
};

/**
 * The streaming core: a push reader emitting events for one document kind. `mapItem` turns a bag child into
 * a transaction or an error; `mapHeader` the header.
 */
const makeStream = <H, T>(
  kind: Kind,
  options: ParseOptions,
  mapHeader: (r: Reader) => Result.Result<H, MadridParseError>,
  mapItem: (e: XmlElement, index: number) => Result.Result<T, MadridParseError>,
  emit: (
    e:
      | { _tag: "Header"; header: H }
      | { _tag: "Item"; index: number; result: Result.Result<T, MadridParseError> }
      | { _tag: "Failed"; error: MadridParseError },
  ) => void,
) => {
  let index = 0;
  let sawHeader = false;
  let sawRoot = false;
  let failed = false;
  const failWith = (error: MadridParseError) => {
    if (failed) return;
    failed = true;
    emit({ _tag: "Failed", error });
  };
  const reader: StreamReader = new StreamReader(
    kind.bag,
    {
      onRoot: (root) => {
        sawRoot = true;
        if (root.name !== kind.root) {
          failWith(wrongRoot(root, kind));
          reader.fail("NotWellFormed", "stopped");
        }
      },
      onItem: (item, parent) => {
        if (failed) return;
        if (parent === "root") {
          if (item.name === kind.header) {
            sawHeader = true;
            const h = mapHeader(new Reader(item, `/${kind.root}/${kind.header}`));
            if (Result.isSuccess(h)) emit({ _tag: "Header", header: h.success });
            else failWith(h.failure);
          }
          return;
        }
        const i = index++;
        emit({ _tag: "Item", index: i, result: mapItem(item, i) });
      },
    },
    limitsOf(options),
  );
  const xmlFailure = () => {
    const f = reader.failure;
    if (f && !failed) {
      failWith(parseError({ reason: f.reason, message: `line ${f.line + 1}: ${f.message}`, line: f.line }));
    }
  };
  return {
    write: (chunk: string) => {
      if (failed) return false;
      reader.write(chunk);
      xmlFailure();
      return !failed;
    },
    close: () => {
      if (failed) return;
      reader.close();
      xmlFailure();
      if (failed) return;
      if (!sawRoot) {
        failWith(parseError({ reason: "NotWellFormed", message: "no root element" }));
      } else if (!sawHeader) {
        failWith(parseError({ reason: "Invalid", message: `missing ${kind.header}`, path: `/${kind.root}` }));
      } else if (index === 0) {
        failWith(
          parseError({
            reason: "Invalid",
            message: `${kind.bag} holds no transaction`,
            path: `/${kind.root}/${kind.bag}`,
          }),
        );
      }
    },
  };
};

const ibHeader = (r: Reader) => fromMapping(() => readHeader(r), decodeIBHeader, r.path);
const ibItem = (e: XmlElement, i: number) =>
  fromMapping(() => readTransaction(e, `/${ibKind.root}/${ibKind.bag}`), decodeIB, `/${ibKind.bag}/${echo(e.name)}`, i);

const toText = (chunk: string | Uint8Array, decoder: InstanceType<typeof TextDecoder>): string =>
  typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });

/**
 * Streams a `tmk:MadridIBToOfficeTransaction` batch (the IB's own bag: one document, many transactions),
 * reporting the header, then each transaction or its rejection (the rest of the batch goes on). A document that
 * is not well-formed or hostile ends with one `Failed` event.
 */
export async function* readIBBatch(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: ParseOptions = {},
): AsyncGenerator<BatchEvent> {
  const queue: Array<BatchEvent> = [];
  const stream = makeStream(ibKind, options, ibHeader, ibItem, (e) => {
    if (e._tag === "Item") {
      queue.push(
        Result.isSuccess(e.result)
          ? { _tag: "Transaction", index: e.index, transaction: e.result.success }
          : { _tag: "Rejected", index: e.index, error: e.result.failure },
      );
    } else queue.push(e);
  });
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    const ok = stream.write(toText(chunk, decoder));
    yield* queue.splice(0);
    if (!ok) return;
  }
  stream.close();
  yield* queue.splice(0);
}

/** The batch reader over a whole string, synchronously. */
export const parseIBBatch = (xml: string, options: ParseOptions = {}): Array<BatchEvent> => {
  const events: Array<BatchEvent> = [];
  const stream = makeStream(ibKind, options, ibHeader, ibItem, (e) => {
    if (e._tag === "Item") {
      events.push(
        Result.isSuccess(e.result)
          ? { _tag: "Transaction", index: e.index, transaction: e.result.success }
          : { _tag: "Rejected", index: e.index, error: e.result.failure },
      );
    } else events.push(e);
  });
  if (stream.write(xml)) stream.close();
  return events;
};

const whole = <H, T>(
  xml: string,
  kind: Kind,
  options: ParseOptions,
  mapHeader: (r: Reader) => Result.Result<H, MadridParseError>,
  mapItem: (e: XmlElement, i: number) => Result.Result<T, MadridParseError>,
): Result.Result<{ header: H; transactions: [T, ...Array<T>] }, MadridParseError> => {
  let header: H | undefined;
  const transactions: Array<T> = [];
  let error: MadridParseError | undefined;
  const stream = makeStream(kind, options, mapHeader, mapItem, (e) => {
    if (error) return;
    if (e._tag === "Header") header = e.header;
    else if (e._tag === "Failed") error = e.error;
    else if (Result.isSuccess(e.result)) transactions.push(e.result.success);
    else error = e.result.failure;
  });
  if (stream.write(xml)) stream.close();
  if (error) return Result.fail(error);
  if (header === undefined || transactions.length === 0) {
    return Result.fail(parseError({ reason: "Invalid", message: "empty document" }));
  }
  return Result.succeed({ header, transactions: transactions as [T, ...Array<T>] });
};

/** Parses a whole IB → office document; the first problem found is the error. */
export const parseIBDocument = (
  xml: string,
  options: ParseOptions = {},
): Result.Result<IB.Document, MadridParseError> => whole(xml, ibKind, options, ibHeader, ibItem);

/** Parses a whole office → IB document; the first problem found is the error. */
export const parseOfficeDocument = (
  xml: string,
  options: ParseOptions = {},
): Result.Result<Office.Document, MadridParseError> =>
  whole(
    xml,
    officeKind,
    options,
    (r) => fromMapping(() => readOfficeHeader(r), decodeOfficeHeader, r.path),
    (e, i) =>
      fromMapping(
        () => readOfficeTransaction(e, `/${officeKind.root}/${officeKind.bag}`),
        decodeOffice,
        `/${officeKind.bag}/${echo(e.name)}`,
        i,
      ),
  );

/** The namespaces ST.96 Madrid documents use. */
export const namespaces = { tmk: TMK, com: COM } as const;
