/**
 * The reading and writing shared by every kind: stream the records of a file, map each through its table, decode it
 * with the record's Effect Schema, and build its loss report; or write records with the same table.
 */
import { Result, type Schema, SchemaIssue } from "effect";
import type * as Loss from "../Loss.js";
import { Refused } from "../Refusal.js";
import { newContext, type Obj, readSpecs, type Spec, unread, writeSpecs } from "./mapping.js";
import { echo, type Node, StreamReader, type XmlElement, type XmlLimits, write } from "./xml.js";

/** Records a field the file did not give. */
export type Supply = (field: string, value: unknown, why: string) => unknown;

/** Reports a field read from the file that the record cannot keep. */
export type Lose = (field: string, detail: string) => void;

export interface KindMap<R, O> {
  /** The record element, e.g. `tmk:Trademark`. */
  readonly recordName: string;
  /**
   * Other elements read as records, each with its own table and the attributes it uses anywhere inside it (a
   * `pat:PatentPublication` holding the bibliographic data and the abstract beside it). The outermost one is the record.
   */
  readonly wrappers?: Readonly<
    Record<
      string,
      { readonly specs: ReadonlyArray<Spec>; readonly attrs: Readonly<Record<string, ReadonlyArray<string>>> }
    >
  >;
  /** Attributes the record element is written with (e.g. `com:st96Version` where the schema requires it). */
  readonly recordAttrs?: Readonly<Record<string, string>>;
  /** Namespaces the document's root element may be in. */
  readonly rootNamespaces: ReadonlyArray<string>;
  readonly specs: ReadonlyArray<Spec>;
  readonly decode: (u: unknown) => Result.Result<R, Schema.SchemaError>;
  /**
   * Wire shape (what the table reads) → record candidate, filling what the file lacks through `supply` and reporting
   * through `lose` what it read but cannot keep (a field path of the wire shape, and why).
   */
  readonly fromWire: (wire: Obj, options: O, supply: Supply, lose: Lose) => unknown;
  readonly toWire: (record: R) => Obj;
  /** Optional parts of a record left out (and reported) when incomplete, instead of refusing the file. */
  readonly droppable: ReadonlyArray<string>;
}

/** A record read from a file with its loss report. */
export interface Imported<R> {
  readonly record: R;
  readonly report: Loss.Report;
}

/** What a stream yields: each record in file order, then a final `Done` or `Refused`. */
export type StreamEvent<R> =
  | { readonly _tag: "Record"; readonly imported: Imported<R> }
  | { readonly _tag: "Done"; readonly count: number; readonly outside: ReadonlyArray<Loss.Entry> }
  | { readonly _tag: "Refused"; readonly error: Refused };

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();

const issuesOf = (err: Schema.SchemaError): Array<{ path: string; message: string }> =>
  formatIssues(err.issue).issues.map((i) => ({
    path: (i.path ?? [])
      .map((p) => (typeof p === "object" && p !== null && "key" in p ? String(p.key) : String(p)))
      .join("."),
    message: i.message,
  }));

const deletePath = (o: Obj, path: string): void => {
  const keys = path.split(".");
  let at: unknown = o;
  for (const k of keys.slice(0, -1)) {
    if (typeof at !== "object" || at === null) return;
    at = (at as Obj)[k];
  }
  if (typeof at === "object" && at !== null) delete (at as Obj)[keys[keys.length - 1] as string];
};

/** Maps one record element: the record and its report, or the refusal naming the field, element and line. */
export const mapRecord = <R, O>(
  kind: KindMap<R, O>,
  el: XmlElement,
  index: number,
  options: O,
): Result.Result<Imported<R>, Refused> => {
  const ctx = newContext(el);
  if (kind.recordAttrs !== undefined) ctx.usedAttrs.set(el, new Set(Object.keys(kind.recordAttrs)));
  const wrapper = kind.wrappers?.[el.name];
  if (wrapper !== undefined) {
    const mark = (at: XmlElement) => {
      const attrs = wrapper.attrs[at.name];
      if (attrs !== undefined) ctx.usedAttrs.set(at, new Set([...(ctx.usedAttrs.get(at) ?? []), ...attrs]));
      for (const c of at.children) mark(c);
    };
    mark(el);
  }
  const wire: Obj = {};
  readSpecs(ctx, el, wrapper?.specs ?? kind.specs, wire);
  const supplied: Array<Loss.Supplied> = [];
  const supply: Supply = (field, value, why) => {
    supplied.push({ field, value: value as Schema.Json, why });
    return value;
  };
  const dropped: Array<Loss.Entry> = [];
  const lose: Lose = (field, detail) => {
    const at = ctx.origins.get(field) ?? [...ctx.origins.entries()].find(([f]) => f.startsWith(`${field}.`))?.[1];
    dropped.push({ kind: "dropped", path: at?.path ?? el.name, line: at?.line ?? el.line, detail });
  };
  const candidate = kind.fromWire(wire, options, supply, lose) as Obj;
  let decoded = kind.decode(candidate);
  if (Result.isFailure(decoded)) {
    const issues = issuesOf(decoded.failure);
    const drop = kind.droppable.filter((d) => issues.some((i) => i.path === d || i.path.startsWith(`${d}.`)));
    const rest = issues.filter((i) => !drop.some((d) => i.path === d || i.path.startsWith(`${d}.`)));
    if (drop.length > 0 && rest.length === 0) {
      for (const d of drop) {
        const at = [...ctx.origins.entries()].find(([f]) => f === d || f.startsWith(`${d}.`))?.[1];
        const why = issues.find((i) => i.path === d || i.path.startsWith(`${d}.`));
        dropped.push({
          kind: "dropped",
          path: at?.path ?? el.name,
          line: at?.line ?? el.line,
          detail: `${d} left out: ${why?.path ?? d} ${why?.message ?? ""}`.trim(),
        });
        deletePath(candidate, d);
      }
      decoded = kind.decode(candidate);
    }
  }
  if (Result.isFailure(decoded)) {
    const first = issuesOf(decoded.failure)[0];
    const field = first?.path ?? "";
    const origin =
      ctx.origins.get(field) ??
      [...ctx.origins.entries()].find(([f]) => field.startsWith(`${f}.`) || f.startsWith(`${field}.`))?.[1];
    return Result.fail(
      new Refused({
        reason: "Invalid",
        message: echo(
          `record ${index + 1}: ${field === "" ? "" : `${field}: `}${first?.message ?? decoded.failure.message}`,
          1_000,
        ),
        element: origin?.path ?? el.name,
        line: origin?.line ?? el.line,
        record: index,
        field,
      }),
    );
  }
  const entries = [...ctx.loss, ...dropped, ...unread(ctx, el)].sort((a, b) => a.line - b.line);
  return Result.succeed({ record: decoded.success, report: { index, line: el.line, entries, supplied } });
};

/** Source of text: a string or chunks (strings or UTF-8 bytes), e.g. a file read stream. */
export type Input = string | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** One file being read: push chunks, then end; each call answers the events it produced. */
class Session<R, O> {
  private readonly ready: Array<XmlElement> = [];
  private readonly outside: Array<Loss.Entry> = [];
  private readonly reader: StreamReader;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private index = 0;
  done = false;

  constructor(
    private readonly kind: KindMap<R, O>,
    private readonly options: O,
    limits: Partial<XmlLimits>,
  ) {
    this.reader = new StreamReader(
      kind.wrappers === undefined ? kind.recordName : [kind.recordName, ...Object.keys(kind.wrappers)],
      kind.rootNamespaces,
      {
        onRecord: (r) => this.ready.push(r),
        onOutside: (o) => this.outside.push({ kind: "outside", path: o.path, line: o.line, text: o.text }),
      },
      limits,
    );
  }

  private refuse(error: Refused): Array<StreamEvent<R>> {
    this.done = true;
    this.ready.length = 0;
    return [{ _tag: "Refused", error }];
  }

  private xmlRefusal(): Array<StreamEvent<R>> {
    const f = this.reader.failure;
    return this.refuse(
      new Refused({
        reason: f?.reason ?? "NotWellFormed",
        message: f?.message ?? "unreadable input",
        ...(f?.element !== undefined ? { element: f.element } : {}),
        line: f?.line ?? 0,
      }),
    );
  }

  private drain(): Array<StreamEvent<R>> {
    const out: Array<StreamEvent<R>> = [];
    while (this.ready.length > 0) {
      const el = this.ready.shift() as XmlElement;
      const mapped = mapRecord(this.kind, el, this.index, this.options);
      if (Result.isFailure(mapped)) return [...out, ...this.refuse(mapped.failure)];
      this.index++;
      out.push({ _tag: "Record", imported: mapped.success });
    }
    return out;
  }

  push(chunk: string | Uint8Array): Array<StreamEvent<R>> {
    if (this.done) return [];
    let text: string;
    try {
      text = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    } catch {
      return this.refuse(new Refused({ reason: "NotWellFormed", message: "the input is not valid UTF-8", line: 0 }));
    }
    if (!this.reader.write(text)) return this.xmlRefusal();
    return this.drain();
  }

  end(): Array<StreamEvent<R>> {
    if (this.done) return [];
    if (!this.reader.close()) return this.xmlRefusal();
    const out = this.drain();
    if (this.done) return out;
    this.done = true;
    return [...out, { _tag: "Done", count: this.index, outside: this.outside }];
  }
}

/**
 * Streams the records of one file. The consumer applies records as they come inside its own transaction and keeps
 * them only when the stream ends with `Done`: a `Refused` at any point means the whole file is refused.
 */
export async function* stream<R, O>(
  kind: KindMap<R, O>,
  input: Input,
  options: O,
  limits: Partial<XmlLimits>,
): AsyncGenerator<StreamEvent<R>> {
  const session = new Session(kind, options, limits);
  const chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array> =
    typeof input === "string" ? [input] : input;
  for await (const chunk of chunks) {
    yield* session.push(chunk);
    if (session.done) return;
  }
  yield* session.end();
}

export interface ReadAll<R> {
  readonly records: Array<Imported<R>>;
  /** Text outside any record (a transaction header…), not kept. */
  readonly outside: ReadonlyArray<Loss.Entry>;
}

const collect = <R>(
  events: Iterable<StreamEvent<R>>,
  into: Array<Imported<R>>,
): Result.Result<ReadAll<R>, Refused> | undefined => {
  for (const e of events) {
    if (e._tag === "Record") into.push(e.imported);
    else if (e._tag === "Refused") return Result.fail(e.error);
    else return Result.succeed({ records: into, outside: e.outside });
  }
  return undefined;
};

/** The whole file, synchronously: every record with its report, or the refusal (nothing partial). */
export const readAllSync = <R, O>(
  kind: KindMap<R, O>,
  input: string | Iterable<string | Uint8Array>,
  options: O,
  limits: Partial<XmlLimits>,
): Result.Result<ReadAll<R>, Refused> => {
  const session = new Session(kind, options, limits);
  const records: Array<Imported<R>> = [];
  for (const chunk of typeof input === "string" ? [input] : input) {
    const r = collect(session.push(chunk), records);
    if (r) return r;
  }
  return (
    collect(session.end(), records) ??
    Result.fail(new Refused({ reason: "NotWellFormed", message: "no result", line: 0 }))
  );
};

/** The whole file from chunks that may come asynchronously (a file stream). */
export const readAll = async <R, O>(
  kind: KindMap<R, O>,
  input: Input,
  options: O,
  limits: Partial<XmlLimits>,
): Promise<Result.Result<ReadAll<R>, Refused>> => {
  const records: Array<Imported<R>> = [];
  for await (const e of stream(kind, input, options, limits)) {
    const r = collect([e], records);
    if (r) return r;
  }
  return Result.fail(new Refused({ reason: "NotWellFormed", message: "the input ended unexpectedly", line: 0 }));
};

/** The element of one record. */
export const recordNode = <R, O>(kind: KindMap<R, O>, record: R): Node => ({
  name: kind.recordName,
  attrs: kind.recordAttrs,
  children: writeSpecs(kind.specs, kind.toWire(record)).nodes,
});

/** Writes one record's element as text (for streaming a bag record by record). */
export const recordXml = <R, O>(kind: KindMap<R, O>, record: R): string => {
  const out: Array<string> = [];
  write(recordNode(kind, record), out);
  return out.join("");
};
