/**
 * A small, hardened XML layer over `saxes` (decision 0800, after madrid's 0500): a streaming reader that builds one
 * light element tree per record (each `tmk:Trademark`, `dgn:Design`, … wherever it sits in the document) and forgets
 * it once handed over, so memory stays flat in file size; and a writer with strict escaping.
 *
 * Hardening: any DOCTYPE is refused (so no external entity, no parameter entity, no entity expansion can happen);
 * only the five predefined entities and character references are accepted; input size, record size and nesting depth
 * are capped.
 */
import { SaxesParser } from "saxes";

export const NS = {
  tmk: "http://www.wipo.int/standards/XMLSchema/ST96/Trademark",
  com: "http://www.wipo.int/standards/XMLSchema/ST96/Common",
  dgn: "http://www.wipo.int/standards/XMLSchema/ST96/Design",
  pat: "http://www.wipo.int/standards/XMLSchema/ST96/Patent",
} as const;

const prefixOf = new Map<string, string>(Object.entries(NS).map(([p, uri]) => [uri, p]));

/** Longest value from the input echoed in a message. */
export const MAX_ECHO = 100;

/** `value`, or its first `max` characters and an ellipsis (never splitting a surrogate pair). */
export const echo = (value: string, max: number = MAX_ECHO): string => {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return `${value.slice(0, end)}…`;
};

/** An element: canonical name `tmk:Local`, `com:Local`, … (`{uri}Local` for namespaces not of ST.96). */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: Array<XmlElement>;
  text: string;
  readonly line: number;
}

export interface XmlLimits {
  /** Maximum number of characters read from one file (default 256 MiB). */
  readonly maxInputChars: number;
  /** Maximum characters of one record (default 4 MiB). */
  readonly maxRecordChars: number;
  /** Maximum element nesting depth (default 64). */
  readonly maxDepth: number;
}

export const defaultLimits: XmlLimits = {
  maxInputChars: 256 * 1024 * 1024,
  maxRecordChars: 4 * 1024 * 1024,
  maxDepth: 64,
};

export type XmlFailureReason =
  | "NotWellFormed"
  | "DoctypeForbidden"
  | "InputTooLarge"
  | "TooDeep"
  | "RecordTooLarge"
  | "WrongDocument";

export interface XmlFailure {
  readonly reason: XmlFailureReason;
  readonly message: string;
  /** The element being read when the failure happened (canonical name), when there was one. */
  readonly element: string | undefined;
  readonly line: number;
}

export const canonical = (uri: string, local: string): string => {
  const p = prefixOf.get(uri);
  return p === undefined ? `{${uri}}${local}` : `${p}:${local}`;
};

/** Text found outside any record: kept by no mapping, listed in the loss report. */
export interface OutsideText {
  readonly path: string;
  readonly line: number;
  readonly text: string;
}

export interface StreamHandlers {
  /** A complete record element (its subtree), handed over once and then forgotten by the reader. */
  readonly onRecord: (record: XmlElement) => void;
  /** Text in an element outside any record (headers, transaction data the mapping does not keep). */
  readonly onOutside?: (outside: OutsideText) => void;
}

/**
 * A push parser: feed chunks with `write`, then `close`. Every element named `recordName` (or any of several names;
 * at any depth, not inside another record) is built as a tree and handed over whole. The root element must be in one of `rootNamespaces`.
 */
export class StreamReader {
  private readonly parser: SaxesParser<{ xmlns: true; position: true }>;
  private readonly stack: Array<XmlElement> = [];
  private readonly outside: Array<string> = [];
  private outsideText = "";
  private depth = 0;
  private consumed = 0;
  private recordStart = 0;
  private readonly sliceSize = 64 * 1024;
  failure: XmlFailure | undefined = undefined;
  private readonly limits: XmlLimits;

  constructor(
    private readonly recordName: string | ReadonlyArray<string>,
    private readonly rootNamespaces: ReadonlyArray<string>,
    private readonly handlers: StreamHandlers,
    limits: Partial<XmlLimits> = {},
  ) {
    this.limits = { ...defaultLimits, ...limits };
    this.parser = new SaxesParser({ xmlns: true, position: true });
    const p = this.parser;
    p.on("error", (e) => this.fail("NotWellFormed", e.message.replace(/^undefined:/, "")));
    p.on("doctype", () =>
      this.fail(
        "DoctypeForbidden",
        "a DOCTYPE declaration is not accepted (external entities and entity expansion are refused)",
      ),
    );
    p.on("opentag", (tag) => {
      if (this.failure) return;
      this.depth++;
      const name = canonical(tag.uri, tag.local);
      if (this.depth > this.limits.maxDepth) {
        this.fail("TooDeep", `elements nested deeper than ${this.limits.maxDepth}`, name);
        return;
      }
      if (this.depth === 1 && !this.rootNamespaces.includes(tag.uri)) {
        this.fail(
          "WrongDocument",
          `the root element ${echo(tag.local)} is in namespace ${echo(JSON.stringify(tag.uri))}, expected ${this.rootNamespaces.join(" or ")}`,
          echo(name),
        );
        return;
      }
      const attrs: Record<string, string> = {};
      for (const a of Object.values(tag.attributes)) {
        if (a.prefix === "xmlns" || a.name === "xmlns") continue;
        attrs[a.uri ? canonical(a.uri, a.local) : a.local] = a.value;
      }
      const el: XmlElement = { name, attrs, children: [], text: "", line: p.line };
      if (this.stack.length > 0) {
        this.checkRecordSize();
        this.stack[this.stack.length - 1]?.children.push(el);
        this.stack.push(el);
        return;
      }
      if (typeof this.recordName === "string" ? name === this.recordName : this.recordName.includes(name)) {
        this.flushOutside();
        this.recordStart = p.position;
        this.stack.push(el);
        return;
      }
      this.flushOutside();
      this.outside.push(name);
    });
    p.on("text", (t) => {
      if (this.failure) return;
      const top = this.stack[this.stack.length - 1];
      if (top) {
        top.text += t;
        this.checkRecordSize();
      } else if (this.outsideText.length < 4096) this.outsideText += t;
    });
    p.on("cdata", (t) => {
      const top = this.stack[this.stack.length - 1];
      if (top && !this.failure) top.text += t;
    });
    p.on("closetag", () => {
      if (this.failure) return;
      this.depth--;
      if (this.stack.length === 0) {
        this.flushOutside();
        this.outside.pop();
        return;
      }
      const el = this.stack.pop();
      if (el && this.stack.length === 0) this.handlers.onRecord(el);
    });
  }

  private flushOutside(): void {
    const text = this.outsideText.trim();
    this.outsideText = "";
    if (text !== "" && this.outside.length > 0) {
      this.handlers.onOutside?.({ path: this.outside.join("/"), line: this.parser.line, text: echo(text) });
    }
  }

  private checkRecordSize(): void {
    if (this.stack.length > 0 && this.parser.position - this.recordStart > this.limits.maxRecordChars) {
      this.fail("RecordTooLarge", `one record exceeds the limit of ${this.limits.maxRecordChars} characters`);
    }
  }

  fail(reason: XmlFailureReason, message: string, element?: string): void {
    if (this.failure) return;
    const open = this.stack[this.stack.length - 1]?.name ?? this.outside[this.outside.length - 1];
    this.failure = {
      reason,
      // The parser's own messages quote names from the input: cut them (a 20 MB tag name makes a 20 MB message).
      message: echo(
        message.replace(/\S{101,}/g, (token) => echo(token)),
        1_000,
      ),
      element: element ?? (open === undefined ? undefined : echo(open)),
      line: this.parser.line,
    };
    this.stack.length = 0;
  }

  /** Feeds a chunk (in slices, so a failure stops work early); returns false once the reader has failed. */
  write(chunk: string): boolean {
    if (this.failure) return false;
    this.consumed += chunk.length;
    if (this.consumed > this.limits.maxInputChars) {
      this.fail("InputTooLarge", `input exceeds the limit of ${this.limits.maxInputChars} characters`);
      return false;
    }
    try {
      let at = 0;
      while (at < chunk.length && !this.failure) {
        // never split a surrogate pair between two slices
        let end = Math.min(at + this.sliceSize, chunk.length);
        const last = chunk.charCodeAt(end - 1);
        if (end < chunk.length && last >= 0xd800 && last <= 0xdbff) end++;
        this.parser.write(at === 0 && end === chunk.length ? chunk : chunk.slice(at, end));
        at = end;
      }
    } catch (e) {
      this.fail("NotWellFormed", e instanceof Error ? e.message : String(e));
    }
    return this.failure === undefined;
  }

  close(): boolean {
    if (this.failure) return false;
    try {
      this.parser.close();
    } catch (e) {
      this.fail("NotWellFormed", e instanceof Error ? e.message : String(e));
    }
    return this.failure === undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/** A node to write: element with ordered children, or text content. */
export interface Node {
  readonly name: string;
  readonly attrs?: Readonly<Record<string, string | undefined>> | undefined;
  readonly children?: ReadonlyArray<Node> | undefined;
  readonly text?: string | undefined;
}

export const escapeText = (s: string): string =>
  s
    .replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"))
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 cannot carry are dropped
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
      "",
    );
export const escapeAttr = (s: string): string =>
  escapeText(s)
    .replace(/"/g, "&quot;")
    .replace(/[\t\n\r]/g, " ");

export const write = (node: Node, out: Array<string>): void => {
  out.push("<", node.name);
  if (node.attrs) {
    for (const [k, v] of Object.entries(node.attrs)) if (v !== undefined) out.push(" ", k, '="', escapeAttr(v), '"');
  }
  if (node.children && node.children.length > 0) {
    out.push(">");
    for (const c of node.children) write(c, out);
    out.push("</", node.name, ">");
  } else if (node.text !== undefined && node.text !== "") {
    out.push(">", escapeText(node.text), "</", node.name, ">");
  } else {
    out.push("/>");
  }
};

export const toXml = (node: Node): string => {
  const out: Array<string> = [];
  write(node, out);
  return out.join("");
};

/** Namespace declarations of a written document. */
export const namespaceAttrs = (...prefixes: ReadonlyArray<keyof typeof NS>): Record<string, string> =>
  Object.fromEntries(prefixes.map((p) => [`xmlns:${p}`, NS[p]]));
