/**
 * A small, hardened XML layer over `saxes`: a streaming reader that builds one light element tree per
 * transaction (memory flat in batch size), and a writer with strict escaping.
 *
 * Hardening: any DOCTYPE is refused (so no external entity, no parameter entity, no entity expansion can
 * happen); only the five predefined entities and character references are accepted; input size, nesting
 * depth and text size are capped.
 */
import { SaxesParser } from "saxes";
import { echo, MAX_MESSAGE } from "./echo.js";

export const TMK = "http://www.wipo.int/standards/XMLSchema/ST96/Trademark";
export const COM = "http://www.wipo.int/standards/XMLSchema/ST96/Common";

/** An element: canonical name `tmk:Local` / `com:Local` (or `{uri}Local` for other namespaces). */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: Array<XmlElement>;
  text: string;
  /** Length of the parent's text when this element opened (to interleave mixed content in order). */
  readonly offset: number;
  readonly line: number;
}

export interface XmlLimits {
  /** Maximum number of characters read from the input (default 64 MiB for a document). */
  readonly maxInputChars: number;
  /** Maximum characters of one transaction (one child of the bag) in a streamed batch (default 4 MiB). */
  readonly maxItemChars: number;
  /** Maximum element nesting depth (default 64). */
  readonly maxDepth: number;
}

export const defaultLimits: XmlLimits = {
  maxInputChars: 64 * 1024 * 1024,
  maxItemChars: 4 * 1024 * 1024,
  maxDepth: 64,
};

export type XmlFailureReason = "NotWellFormed" | "DoctypeForbidden" | "InputTooLarge" | "TooDeep" | "ItemTooLarge";

export interface XmlFailure {
  readonly reason: XmlFailureReason;
  readonly message: string;
  readonly line: number;
}

const canonical = (uri: string, local: string): string =>
  uri === TMK ? `tmk:${local}` : uri === COM ? `com:${local}` : `{${uri}}${local}`;

export interface StreamHandlers {
  /** Called with the root element (no children kept) when it opens. */
  readonly onRoot: (root: XmlElement) => void;
  /** Called for each complete direct child of the root (header) or of the bag (`bagName`). */
  readonly onItem: (item: XmlElement, parent: "root" | "bag", size: number) => void;
}

/**
 * A push parser: feed chunks with `write`, then `close`. Items at depth 2 (children of the root) and depth 3
 * under the element named `bagName` are built as trees and handed over whole, then forgotten.
 */
export class StreamReader {
  private readonly parser: SaxesParser<{ xmlns: true; position: true }>;
  private readonly stack: Array<XmlElement> = [];
  private depth = 0;
  private consumed = 0;
  private itemStart = 0;
  private readonly sliceSize = 64 * 1024;
  private bagDepth = -1;
  failure: XmlFailure | undefined = undefined;
  private readonly limits: XmlLimits;
  private readonly bagName: string;
  private readonly handlers: StreamHandlers;

  constructor(bagName: string, handlers: StreamHandlers, limits: Partial<XmlLimits> = {}) {
    this.limits = { ...defaultLimits, ...limits };
    this.bagName = bagName;
    this.handlers = handlers;
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
      if (this.depth > this.limits.maxDepth) {
        this.fail("TooDeep", `elements nested deeper than ${this.limits.maxDepth}`);
        return;
      }
      const attrs: Record<string, string> = {};
      for (const a of Object.values(tag.attributes)) {
        if (a.prefix === "xmlns" || a.name === "xmlns") continue;
        attrs[a.uri ? canonical(a.uri, a.local) : a.local] = a.value;
      }
      const parent = this.stack[this.stack.length - 1];
      const el: XmlElement = {
        name: canonical(tag.uri, tag.local),
        attrs,
        children: [],
        text: "",
        offset: parent ? parent.text.length : 0,
        line: p.line,
      };
      if (this.depth === 1) {
        this.handlers.onRoot(el);
        return;
      }
      const building = this.stack.length > 0;
      if (!building) {
        if (this.depth === 2 && el.name === this.bagName) {
          this.bagDepth = 2;
          return;
        }
        if (this.depth === 2 || (this.depth === 3 && this.bagDepth === 2)) {
          this.itemStart = p.position;
          this.stack.push(el);
        }
        return;
      }
      this.checkItemSize();
      parent?.children.push(el);
      this.stack.push(el);
    });
    p.on("text", (t) => {
      const top = this.stack[this.stack.length - 1];
      if (top && !this.failure) {
        top.text += t;
        this.checkItemSize();
      }
    });
    p.on("cdata", (t) => {
      const top = this.stack[this.stack.length - 1];
      if (top && !this.failure) top.text += t;
    });
    p.on("closetag", () => {
      if (this.failure) return;
      const d = this.depth--;
      if (d === 2 && this.bagDepth === 2 && this.stack.length === 0) {
        this.bagDepth = -1;
        return;
      }
      if (this.stack.length === 0) return;
      const el = this.stack.pop();
      if (el && this.stack.length === 0) {
        this.handlers.onItem(el, d === 2 ? "root" : "bag", p.position - this.itemStart);
      }
    });
  }

  private checkItemSize(): void {
    if (this.stack.length > 0 && this.parser.position - this.itemStart > this.limits.maxItemChars) {
      this.fail("ItemTooLarge", `one transaction exceeds the limit of ${this.limits.maxItemChars} characters`);
    }
  }

  fail(reason: XmlFailureReason, message: string): void {
    if (this.failure) return;
    // The parser's own messages quote names from the input: cut them (a 20 MB tag name makes a 20 MB message).
    this.failure = {
      reason,
      message: echo(
        message.replace(/\S{101,}/g, (token) => echo(token)),
        MAX_MESSAGE,
      ),
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
      if (chunk.length <= this.sliceSize) this.parser.write(chunk);
      else {
        let at = 0;
        while (at < chunk.length && !this.failure) {
          // never split a surrogate pair between two slices
          let end = Math.min(at + this.sliceSize, chunk.length);
          const last = chunk.charCodeAt(end - 1);
          if (end < chunk.length && last >= 0xd800 && last <= 0xdbff) end++;
          this.parser.write(chunk.slice(at, end));
          at = end;
        }
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

/** A node to write: element with ordered children, or text content. `undefined` children are skipped. */
export interface Node {
  readonly name: string;
  readonly attrs?: Readonly<Record<string, string | undefined>> | undefined;
  readonly children?: ReadonlyArray<Node | undefined> | undefined;
  readonly text?: string | undefined;
}

export const el = (
  name: string,
  content?: ReadonlyArray<Node | undefined> | string | number | boolean,
  attrs?: Readonly<Record<string, string | undefined>>,
): Node =>
  typeof content === "object"
    ? { name, children: content, attrs }
    : content === undefined
      ? { name, attrs }
      : { name, text: String(content), attrs };

/** An element only when the value is present. */
export const opt = <A>(value: A | undefined, f: (a: A) => Node): Node | undefined =>
  value === undefined ? undefined : f(value);

const escapeText = (s: string): string =>
  s
    .replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"))
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 cannot carry are dropped
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
      "",
    );
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, "&quot;");

export const write = (node: Node, out: Array<string>): void => {
  out.push("<", node.name);
  if (node.attrs) {
    for (const [k, v] of Object.entries(node.attrs)) if (v !== undefined) out.push(" ", k, '="', escapeAttr(v), '"');
  }
  const children = node.children?.filter((c): c is Node => c !== undefined);
  if (children && children.length > 0) {
    out.push(">");
    for (const c of children) write(c, out);
    out.push("</", node.name, ">");
  } else if (node.text !== undefined) {
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

export const rootAttrs = {
  "xmlns:tmk": TMK,
  "xmlns:com": COM,
  "com:st96Version": "V6_0",
};
