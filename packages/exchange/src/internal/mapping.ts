/**
 * The declarative mapping between a record's fields and XML elements (decision 0800). One table per kind of record,
 * written in the schema's element order, serves both directions: `readSpecs` walks an element tree and fills a plain
 * object, marking every element it used; `writeSpecs` walks the same table over a record and produces the elements.
 * Whatever the reader did not use is then listed by `unread`, so loss is visible, never silent.
 */
import { echo, type Node, type XmlElement } from "./xml.js";

// ---------------------------------------------------------------------------------------------------------------
// Codecs

/** Text of an element ↔ a field value. `decode` answers a value or a message saying why the text does not fit. */
export interface Codec<A> {
  readonly decode: (
    text: string,
  ) => { readonly ok: true; readonly value: A } | { readonly ok: false; readonly message: string };
  readonly encode: (value: A) => string;
  /** Whether the element can carry the value (a code table of the standard may lack it); others are not written. */
  readonly encodable?: (value: A) => boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: a table mixes codecs of many value types; each is checked where made
export type AnyCodec = Codec<any>;

// ---------------------------------------------------------------------------------------------------------------
// Specs

/** Selects, among same-named elements, those whose child `child` has the text `text`, or that have a child `has`. */
export type Where = { readonly child: string; readonly text: string } | { readonly has: string };

/** An element whose text is one field (`many`: each repeated element is one item of an array field). */
export interface TextSpec {
  readonly _tag: "Text";
  readonly name: string;
  readonly field: string;
  readonly codec: AnyCodec;
  /** Written with `com:sequenceNumber` (1, 2, … for repeated elements). */
  readonly seq?: boolean;
  readonly many?: boolean;
  /** The same field as an earlier spec: written again, and on reading used only when it agrees. */
  readonly mirror?: boolean;
  /** Written (empty) even without a value, as the schema requires it. */
  readonly required?: boolean;
  /** Other names accepted on reading (earlier ST.96 versions); reported as normalised, written as `name`. */
  readonly also?: ReadonlyArray<string>;
}

/** A wrapper element: its children map onto the same object. */
export interface GroupSpec {
  readonly _tag: "Group";
  readonly name: string;
  readonly specs: ReadonlyArray<Spec>;
  readonly where?: Where;
  /** Written even when none of its children has a value (the schema requires it). */
  readonly required?: boolean;
  /** Other names accepted on reading (reported as normalised, written as `name`). */
  readonly also?: ReadonlyArray<string>;
}

/** A repeated element, each one an object of an array field. With an array already read, items are merged by index. */
export interface ListSpec {
  readonly _tag: "List";
  readonly name: string;
  readonly field: string;
  readonly specs: ReadonlyArray<Spec>;
  readonly where?: Where;
  readonly seq?: boolean;
  /** Written only when this holds for the items (e.g. a term list only when some term has more than its text). */
  readonly writeIf?: (items: ReadonlyArray<Obj>) => boolean;
}

/** An element that is one object field. */
export interface ObjectSpec {
  readonly _tag: "Object";
  readonly name: string;
  readonly field: string;
  readonly specs: ReadonlyArray<Spec>;
}

/** An element with fixed text, written always and used on reading when the text matches. */
export interface FixedSpec {
  readonly _tag: "Fixed";
  readonly name: string;
  readonly text: string;
}

/** Alternative elements chosen by the value of a field. A `readOnly` case is accepted on reading but never written. */
export interface ChoiceSpec {
  readonly _tag: "Choice";
  readonly field: string;
  readonly cases: ReadonlyArray<{
    readonly value: string;
    readonly specs: ReadonlyArray<Spec>;
    readonly readOnly?: boolean;
  }>;
}

export type Spec = TextSpec | GroupSpec | ListSpec | ObjectSpec | FixedSpec | ChoiceSpec;

export const text = (name: string, field: string, codec: AnyCodec, options: Partial<TextSpec> = {}): TextSpec => ({
  _tag: "Text",
  name,
  field,
  codec,
  ...options,
});
export const group = (name: string, specs: ReadonlyArray<Spec>, options: Partial<GroupSpec> = {}): GroupSpec => ({
  _tag: "Group",
  name,
  specs,
  ...options,
});
export const list = (
  name: string,
  field: string,
  specs: ReadonlyArray<Spec>,
  options: Partial<ListSpec> = {},
): ListSpec => ({ _tag: "List", name, field, specs, ...options });
export const object = (name: string, field: string, specs: ReadonlyArray<Spec>): ObjectSpec => ({
  _tag: "Object",
  name,
  field,
  specs,
});
export const fixed = (name: string, value: string): FixedSpec => ({ _tag: "Fixed", name, text: value });
export const choice = (field: string, cases: ChoiceSpec["cases"]): ChoiceSpec => ({ _tag: "Choice", field, cases });

// ---------------------------------------------------------------------------------------------------------------
// Plain objects with dotted field paths

export type Obj = Record<string, unknown>;

export const get = (o: Obj, path: string): unknown => {
  let at: unknown = o;
  for (const k of path.split(".")) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Obj)[k];
  }
  return at;
};

export const set = (o: Obj, path: string, value: unknown): void => {
  const keys = path.split(".");
  let at = o;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (typeof next === "object" && next !== null) at = next as Obj;
    else {
      const fresh: Obj = {};
      at[k] = fresh;
      at = fresh;
    }
  }
  at[keys[keys.length - 1] as string] = value;
};

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** Something of the file that the record does not keep as it was. */
export interface LossEntry {
  /** `unmapped`: no mapping uses the element; `unreadable`: its value does not fit the model (the message says why);
   * `normalised`: kept, but written back differently; `outside`: text outside any record. */
  readonly kind: "unmapped" | "unreadable" | "normalised" | "outside";
  /** Element path from the record element, e.g. `tmk:Trademark/tmk:MarkEventBag/tmk:MarkEvent[3]/…`. */
  readonly path: string;
  readonly line: number;
  /** The element's text (cut to 100 characters), or for `normalised` what it was before. */
  readonly text?: string;
  /** For `normalised`: how it is written back. For `unreadable`: why it does not fit. */
  readonly detail?: string;
}

export interface ReadContext {
  readonly used: Set<XmlElement>;
  readonly usedAttrs: Map<XmlElement, Set<string>>;
  readonly loss: Array<LossEntry>;
  /** Field path (from the record root) → element path and line it was read from, to place schema errors. */
  readonly origins: Map<string, { readonly path: string; readonly line: number }>;
  readonly paths: Map<XmlElement, string>;
  /** Children of each element by name, in document order. */
  readonly byName: Map<XmlElement, Map<string, Array<XmlElement>>>;
}

export const newContext = (root: XmlElement): ReadContext => {
  const paths = new Map<XmlElement, string>();
  const byName = new Map<XmlElement, Map<string, Array<XmlElement>>>();
  const walk = (el: XmlElement, path: string) => {
    paths.set(el, path);
    const named = new Map<string, Array<XmlElement>>();
    for (const c of el.children) {
      const list = named.get(c.name);
      if (list === undefined) named.set(c.name, [c]);
      else list.push(c);
    }
    byName.set(el, named);
    const seen = new Map<string, number>();
    for (const c of el.children) {
      const n = (seen.get(c.name) ?? 0) + 1;
      seen.set(c.name, n);
      walk(c, `${path}/${c.name}${(named.get(c.name)?.length ?? 0) > 1 ? `[${n}]` : ""}`);
    }
  };
  walk(root, root.name);
  return { used: new Set([root]), usedAttrs: new Map(), loss: [], origins: new Map(), paths, byName };
};

const matches = (el: XmlElement, where: Where | undefined): boolean => {
  if (where === undefined) return true;
  if ("has" in where) return el.children.some((c) => c.name === where.has);
  return el.children.some((c) => c.name === where.child && c.text.trim() === where.text);
};

const free = (
  ctx: ReadContext,
  parent: XmlElement,
  name: string,
  where?: Where,
  also?: ReadonlyArray<string>,
): Array<XmlElement> => {
  const named = ctx.byName.get(parent);
  if (named === undefined) return [];
  const own = named.get(name) ?? [];
  const all = also === undefined ? own : [...own, ...also.flatMap((a) => named.get(a) ?? [])];
  return all.filter((c) => !ctx.used.has(c) && matches(c, where));
};

const useAttr = (ctx: ReadContext, el: XmlElement, attr: string) => {
  const s = ctx.usedAttrs.get(el) ?? new Set<string>();
  s.add(attr);
  ctx.usedAttrs.set(el, s);
};

const pathOf = (ctx: ReadContext, el: XmlElement) => ctx.paths.get(el) ?? el.name;

const readText = (ctx: ReadContext, el: XmlElement, spec: TextSpec, target: Obj, fieldBase: string): unknown => {
  const raw = el.text.trim();
  if (spec.seq) useAttr(ctx, el, "com:sequenceNumber");
  if (raw === "" && el.children.length === 0) {
    ctx.used.add(el);
    return undefined;
  }
  const decoded = spec.codec.decode(raw);
  if (!decoded.ok) {
    ctx.loss.push({
      kind: "unreadable",
      path: pathOf(ctx, el),
      line: el.line,
      text: echo(raw),
      detail: decoded.message,
    });
    ctx.used.add(el);
    return undefined;
  }
  if (spec.mirror) {
    const current = get(target, spec.field);
    if (current !== undefined && JSON.stringify(current) !== JSON.stringify(decoded.value)) return undefined;
  }
  ctx.used.add(el);
  const back = spec.codec.encode(decoded.value);
  if (back !== raw) {
    ctx.loss.push({ kind: "normalised", path: pathOf(ctx, el), line: el.line, text: echo(raw), detail: echo(back) });
  }
  ctx.origins.set(fieldBase + spec.field, { path: pathOf(ctx, el), line: el.line });
  return decoded.value;
};

/** The element a choice writes for a value (its first element). */
const writtenName = (spec: ChoiceSpec, value: string): string => {
  const first = spec.cases.find((k) => k.value === value && !k.readOnly)?.specs[0];
  return first === undefined || first._tag === "Choice" ? "another element" : first.name;
};

/** Reads the children of `el` into `target` by the specs; `fieldBase` is the target's path from the record root. */
export const readSpecs = (
  ctx: ReadContext,
  el: XmlElement,
  specs: ReadonlyArray<Spec>,
  target: Obj,
  fieldBase = "",
): void => {
  for (const spec of specs) {
    switch (spec._tag) {
      case "Text": {
        const found = free(ctx, el, spec.name, undefined, spec.also);
        for (const f of found) {
          if (f.name !== spec.name) {
            ctx.loss.push({
              kind: "normalised",
              path: pathOf(ctx, f),
              line: f.line,
              text: f.name,
              detail: `written as ${spec.name}`,
            });
          }
        }
        if (spec.many) {
          const values = found.map((f) => readText(ctx, f, spec, target, fieldBase)).filter((v) => v !== undefined);
          if (values.length > 0) set(target, spec.field, values);
        } else if (found[0]) {
          const v = readText(ctx, found[0], spec, target, fieldBase);
          if (v !== undefined) set(target, spec.field, v);
        }
        break;
      }
      case "Group": {
        const found = free(ctx, el, spec.name, spec.where, spec.also)[0];
        if (found) {
          ctx.used.add(found);
          if (found.name !== spec.name) {
            ctx.loss.push({
              kind: "normalised",
              path: pathOf(ctx, found),
              line: found.line,
              text: found.name,
              detail: `written as ${spec.name}`,
            });
          }
          readSpecs(ctx, found, spec.specs, target, fieldBase);
        }
        break;
      }
      case "List": {
        const found = free(ctx, el, spec.name, spec.where);
        if (found.length === 0) break;
        const existing = get(target, spec.field);
        const items: Array<Obj> = Array.isArray(existing) ? (existing as Array<Obj>) : [];
        const start = Array.isArray(existing) && existing.length === found.length ? 0 : items.length;
        found.forEach((f, i) => {
          ctx.used.add(f);
          if (spec.seq) useAttr(ctx, f, "com:sequenceNumber");
          const item = items[start + i] ?? {};
          items[start + i] = item;
          readSpecs(ctx, f, spec.specs, item, `${fieldBase}${spec.field}.${start + i}.`);
        });
        set(target, spec.field, items);
        break;
      }
      case "Object": {
        const found = free(ctx, el, spec.name)[0];
        if (found) {
          ctx.used.add(found);
          const existing = get(target, spec.field);
          const obj: Obj = typeof existing === "object" && existing !== null ? (existing as Obj) : {};
          readSpecs(ctx, found, spec.specs, obj, `${fieldBase}${spec.field}.`);
          if (Object.keys(obj).length > 0) set(target, spec.field, obj);
        }
        break;
      }
      case "Fixed": {
        const found = free(ctx, el, spec.name).find((f) => f.text.trim() === spec.text);
        if (found) ctx.used.add(found);
        break;
      }
      case "Choice": {
        for (const c of spec.cases) {
          const first = c.specs[0];
          if (first === undefined || first._tag === "Choice" || first._tag === "Fixed") continue;
          const found = free(ctx, el, first.name)[0];
          if (!found) continue;
          if (get(target, spec.field) === undefined) set(target, spec.field, c.value);
          if (c.readOnly) {
            ctx.loss.push({
              kind: "normalised",
              path: pathOf(ctx, found),
              line: found.line,
              text: found.name,
              detail: `read as ${spec.field} "${c.value}", written as ${writtenName(spec, c.value)}`,
            });
          }
          readSpecs(ctx, el, c.specs, target, fieldBase);
          break;
        }
        break;
      }
    }
  }
};

/** Whether an element holds anything: text, an attribute other than its sequence number, or such a child. */
const hasContent = (el: XmlElement): boolean =>
  el.text.trim() !== "" ||
  Object.keys(el.attrs).some((k) => k !== "com:sequenceNumber") ||
  el.children.some(hasContent);

/** Elements and attributes of the tree the mapping did not use and that hold something (empty ones hold nothing). */
export const unread = (ctx: ReadContext, root: XmlElement): Array<LossEntry> => {
  const out: Array<LossEntry> = [];
  const walk = (el: XmlElement) => {
    if (!ctx.used.has(el)) {
      if (hasContent(el)) {
        const t = el.text.trim();
        out.push({ kind: "unmapped", path: pathOf(ctx, el), line: el.line, ...(t === "" ? {} : { text: echo(t) }) });
      }
      return;
    }
    const attrs = ctx.usedAttrs.get(el);
    for (const [k, v] of Object.entries(el.attrs)) {
      if (attrs?.has(k) || k.startsWith("{http://www.w3.org/2001/XMLSchema-instance}")) continue;
      out.push({ kind: "unmapped", path: `${pathOf(ctx, el)}/@${k}`, line: el.line, text: echo(v) });
    }
    for (const c of el.children) walk(c);
  };
  walk(root);
  return out;
};

// ---------------------------------------------------------------------------------------------------------------
// Writing

interface Written {
  readonly nodes: Array<Node>;
  /** Whether anything written holds a value (fixed texts and mirrors alone do not make a group worth writing). */
  readonly content: boolean;
}

export const writeSpecs = (specs: ReadonlyArray<Spec>, source: Obj): Written => {
  const nodes: Array<Node> = [];
  let content = false;
  for (const spec of specs) {
    switch (spec._tag) {
      case "Text": {
        const v = get(source, spec.field);
        const all = spec.many ? (Array.isArray(v) ? v : []) : v === undefined ? [] : [v];
        const values = spec.codec.encodable === undefined ? all : all.filter((x) => spec.codec.encodable?.(x));
        values.forEach((value, i) => {
          nodes.push({
            name: spec.name,
            text: spec.codec.encode(value),
            attrs: spec.seq ? { "com:sequenceNumber": String(i + 1) } : undefined,
          });
          // a mirror repeats a field written elsewhere: alone, it does not make its group worth writing
          if (!spec.mirror) content = true;
        });
        if (values.length === 0 && spec.required) {
          nodes.push({ name: spec.name, text: "", attrs: spec.seq ? { "com:sequenceNumber": "1" } : undefined });
        }
        break;
      }
      case "Group": {
        const inner = writeSpecs(spec.specs, source);
        if (inner.content || spec.required) nodes.push({ name: spec.name, children: inner.nodes });
        content ||= inner.content;
        break;
      }
      case "List": {
        const v = get(source, spec.field);
        const items = Array.isArray(v) ? (v as Array<Obj>) : [];
        if (items.length === 0 || (spec.writeIf && !spec.writeIf(items))) break;
        items.forEach((item, i) => {
          nodes.push({
            name: spec.name,
            children: writeSpecs(spec.specs, item).nodes,
            attrs: spec.seq ? { "com:sequenceNumber": String(i + 1) } : undefined,
          });
        });
        content = true;
        break;
      }
      case "Object": {
        const v = get(source, spec.field);
        if (typeof v !== "object" || v === null) break;
        nodes.push({ name: spec.name, children: writeSpecs(spec.specs, v as Obj).nodes });
        content = true;
        break;
      }
      case "Fixed":
        nodes.push({ name: spec.name, text: spec.text });
        break;
      case "Choice": {
        const v = get(source, spec.field);
        const c = spec.cases.find((k) => k.value === v && !k.readOnly);
        if (c) {
          const inner = writeSpecs(c.specs, source);
          nodes.push(...inner.nodes);
          content ||= inner.content;
        }
        break;
      }
    }
  }
  return { nodes, content };
};
