/**
 * The examiners' expert syntax: field tags, boolean operators and numbered result sets, parsed into the query tree
 * and printed back. Public through `Expert` (and used by `Query` for trees the flat URL form cannot hold).
 */
import { ClassificationList, Country, Calendar } from "@ipoffice/domain";
import { Result, Schema } from "effect";
import { type NumberKind, normalise as normaliseNumber } from "../Numbers.js";
import {
  type Clause,
  type ClassificationScheme,
  type DateField,
  type Kind,
  type Leaf,
  maxClauses,
  maxDepth,
  maxTextLength,
  maxValues,
  type NameRole,
  normaliseClause,
  type TextField,
  type TextMode,
} from "./model.js";

/** Longest expression accepted. */
export const maxExpressionLength = 2_000;

/** An expression cannot be read: `column` is the 1-based character where the problem is. */
export class ExpertError extends Schema.TaggedError<ExpertError>()("ExpertError", {
  column: Schema.Number,
  reason: Schema.String,
}) {
  override get message(): string {
    return `at column ${this.column}: ${this.reason}`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Field tags

type FieldSpec =
  | { readonly type: "text"; readonly field: TextField; readonly defaultMode: TextMode }
  | { readonly type: "name"; readonly role: NameRole }
  | { readonly type: "number"; readonly kind: NumberKind }
  | { readonly type: "kind" }
  | { readonly type: "status"; readonly scheme: "office" | "standard" }
  | { readonly type: "nice" }
  | { readonly type: "classification"; readonly scheme: ClassificationScheme }
  | { readonly type: "date"; readonly field: DateField }
  | { readonly type: "state" };

/** The field tags, with what each searches. */
export const fieldTags: Readonly<Record<string, FieldSpec>> = {
  TM: { type: "text", field: "mark", defaultMode: "similar" },
  GS: { type: "text", field: "goods", defaultMode: "contains" },
  TX: { type: "text", field: "any", defaultMode: "contains" },
  OW: { type: "name", role: "owner" },
  RP: { type: "name", role: "representative" },
  IN: { type: "name", role: "inventor" },
  DS: { type: "name", role: "designer" },
  NM: { type: "name", role: "any" },
  AN: { type: "number", kind: "application" },
  RN: { type: "number", kind: "registration" },
  ST13: { type: "number", kind: "st13" },
  IR: { type: "number", kind: "internationalRegistration" },
  PCT: { type: "number", kind: "pct" },
  PN: { type: "number", kind: "priority" },
  KD: { type: "kind" },
  ST: { type: "status", scheme: "office" },
  SS: { type: "status", scheme: "standard" },
  CL: { type: "nice" },
  VC: { type: "classification", scheme: "vienna" },
  IC: { type: "classification", scheme: "ipc" },
  LC: { type: "classification", scheme: "locarno" },
  FD: { type: "date", field: "filing" },
  PD: { type: "date", field: "publication" },
  RD: { type: "date", field: "registration" },
  ED: { type: "date", field: "expiry" },
  PRD: { type: "date", field: "priority" },
  DG: { type: "state" },
};

const KIND_WORDS: Readonly<Record<string, Kind>> = {
  TRADEMARK: "trademark",
  TM: "trademark",
  MARK: "trademark",
  PATENT: "patent",
  PAT: "patent",
  P: "patent",
  INDUSTRIAL_DESIGN: "industrial_design",
  DESIGN: "industrial_design",
  ID: "industrial_design",
  D: "industrial_design",
  UTILITY_MODEL: "utility_model",
  UM: "utility_model",
};

// ---------------------------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { readonly t: "(" | ")" | "," | "end"; readonly at: number }
  | { readonly t: "op"; readonly op: string; readonly at: number }
  | { readonly t: "set"; readonly n: string; readonly at: number }
  | { readonly t: "word"; readonly text: string; readonly at: number }
  | { readonly t: "quoted"; readonly text: string; readonly at: number };

const OPS = ["==", "~=", "*=", ">=", "<=", "="] as const;
const SPECIAL = new Set(["(", ")", ",", '"', "=", "~", "*", "<", ">", "#"]);
const isSpace = (c: string) => /\s/u.test(c);

const tokenize = (input: string): Result.Result<Array<Token>, ExpertError> => {
  const chars = Array.from(input);
  const out: Array<Token> = [];
  let i = 0;
  const fail = (at: number, reason: string) => Result.fail(new ExpertError({ column: at + 1, reason }));
  while (i < chars.length) {
    const c = chars[i] as string;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      out.push({ t: c, at: i });
      i++;
      continue;
    }
    const two = c + (chars[i + 1] ?? "");
    const op = OPS.find((o) => o === two || o === c);
    if (op !== undefined) {
      out.push({ t: "op", op, at: i });
      i += op.length;
      continue;
    }
    if (c === "#") {
      let j = i + 1;
      while (j < chars.length && /[0-9]/.test(chars[j] as string)) j++;
      if (j === i + 1) return fail(i, "a result set is written # and its number, e.g. #1");
      if (j - i - 1 > 3) return fail(i, "result sets are numbered from #1 to #999");
      out.push({ t: "set", n: chars.slice(i + 1, j).join(""), at: i });
      i = j;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let text = "";
      while (j < chars.length && chars[j] !== '"') {
        if (chars[j] === "\\" && j + 1 < chars.length) j++;
        text += chars[j];
        j++;
      }
      if (j >= chars.length) return fail(i, "the quotation mark opened here is not closed");
      out.push({ t: "quoted", text, at: i });
      i = j + 1;
      continue;
    }
    if (SPECIAL.has(c)) return fail(i, `unexpected ${JSON.stringify(c)}`);
    let j = i;
    while (j < chars.length && !isSpace(chars[j] as string) && !SPECIAL.has(chars[j] as string)) j++;
    out.push({ t: "word", text: chars.slice(i, j).join(""), at: i });
    i = j;
  }
  out.push({ t: "end", at: chars.length });
  return Result.succeed(out);
};

// ---------------------------------------------------------------------------------------------------------------
// Leaves from a tag, an operator and values

const modeOf = (op: string, defaultMode: TextMode): TextMode | undefined =>
  op === "=" ? defaultMode : op === "==" ? "exact" : op === "~=" ? "similar" : op === "*=" ? "contains" : undefined;

interface Value {
  readonly text: string;
  readonly at: number;
}

const year = /^\d{4}$/;
const month = /^(\d{4})-(\d{2})$/;

const checkDate = (text: string): boolean => Result.isSuccess(Schema.decodeUnknownResult(Calendar.IsoDate)(text));

const dateBounds = (text: string): { from: string; to: string } | undefined => {
  if (year.test(text)) return { from: `${text}-01-01`, to: `${text}-12-31` };
  const m = month.exec(text);
  if (m !== null) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return undefined;
    return {
      from: `${m[1]}-${m[2]}-01`,
      to: `${m[1]}-${m[2]}-${String(Calendar.daysInMonth(y, mo)).padStart(2, "0")}`,
    };
  }
  return checkDate(text) ? { from: text, to: text } : undefined;
};

const makeLeaf = (
  tag: string,
  tagAt: number,
  op: string,
  values: ReadonlyArray<Value>,
): Result.Result<Leaf, ExpertError> => {
  const spec = fieldTags[tag];
  const fail = (at: number, reason: string) => Result.fail(new ExpertError({ column: at + 1, reason }));
  if (spec === undefined) return fail(tagAt, `unknown field tag ${tag.slice(0, 20)}`);
  const first = values[0] as Value;
  if (values.length > maxValues) return fail(first.at, `at most ${maxValues} values in one list`);
  for (const v of values) {
    if (v.text.trim() === "") return fail(v.at, `${tag} needs a value`);
    if (v.text.length > maxTextLength) return fail(v.at, `a value is at most ${maxTextLength} characters`);
  }
  const single = (): Result.Result<Value, ExpertError> =>
    values.length === 1 ? Result.succeed(first) : fail(values[1]?.at ?? first.at, `${tag} takes one value`);
  const equalsOnly = () => (op === "=" ? undefined : fail(tagAt, `${tag} is written ${tag}=…`));
  switch (spec.type) {
    case "text": {
      const mode = modeOf(op, spec.defaultMode);
      if (mode === undefined) return fail(tagAt, `${tag} takes =, ==, ~= or *=`);
      return Result.map(single(), (v) => ({ _tag: "Text" as const, field: spec.field, value: v.text, mode }));
    }
    case "name": {
      const mode = modeOf(op, "contains");
      if (mode === undefined) return fail(tagAt, `${tag} takes =, ==, ~= or *=`);
      return Result.succeed({ _tag: "Name" as const, role: spec.role, values: values.map((v) => v.text), mode });
    }
    case "number": {
      const bad = equalsOnly();
      if (bad) return bad;
      const v = single();
      if (Result.isFailure(v)) return Result.fail(v.failure);
      const n = normaliseNumber(spec.kind, v.success.text);
      return Result.isSuccess(n)
        ? Result.succeed({ _tag: "Number" as const, kind: spec.kind, value: n.success })
        : fail(v.success.at, n.failure.reason);
    }
    case "kind": {
      const bad = equalsOnly();
      if (bad) return bad;
      const kinds: Array<Kind> = [];
      for (const v of values) {
        const k = KIND_WORDS[v.text.toUpperCase()];
        if (k === undefined)
          return fail(
            v.at,
            `${v.text.slice(0, 20)} is not a kind: trademark, patent, industrial_design or utility_model`,
          );
        if (!kinds.includes(k)) kinds.push(k);
      }
      return Result.succeed({ _tag: "Kind" as const, kinds });
    }
    case "status": {
      const bad = equalsOnly();
      if (bad) return bad;
      for (const v of values)
        if (!/^[A-Za-z0-9_.-]{1,40}$/.test(v.text)) return fail(v.at, "a status is letters, digits, _ . or -");
      return Result.succeed({ _tag: "Status" as const, scheme: spec.scheme, values: values.map((v) => v.text) });
    }
    case "nice": {
      const bad = equalsOnly();
      if (bad) return bad;
      const classes: Array<number> = [];
      let status: string | undefined;
      for (const v of values) {
        const m = /^0*(\d{1,2})(?::([A-Za-z0-9_.-]{1,40}))?$/.exec(v.text);
        const n = m === null ? 0 : Number(m[1]);
        if (m === null || n < 1 || n > 45)
          return fail(v.at, "a Nice class is a number from 1 to 45 (e.g. CL=25 or CL=25:refused)");
        if (m[2] !== undefined) {
          if (status !== undefined && status !== m[2]) return fail(v.at, "one per-class status for the whole list");
          status = m[2];
        }
        if (!classes.includes(n)) classes.push(n);
      }
      return Result.succeed(
        status === undefined ? { _tag: "Nice" as const, classes } : { _tag: "Nice" as const, classes, status },
      );
    }
    case "classification": {
      const bad = equalsOnly();
      if (bad) return bad;
      const codes: Array<string> = [];
      for (const v of values) {
        const parsed = ClassificationList.parseCode(spec.scheme, v.text);
        if (Result.isFailure(parsed)) return fail(v.at, parsed.failure.message);
        if (!codes.includes(parsed.success.code)) codes.push(parsed.success.code);
      }
      return Result.succeed({ _tag: "Classification" as const, scheme: spec.scheme, codes });
    }
    case "date": {
      const v = single();
      if (Result.isFailure(v)) return Result.fail(v.failure);
      const text = v.success.text;
      const range = /^(.*)\.\.(.*)$/.exec(text);
      const bad = (what: string) =>
        fail(v.success.at, `${JSON.stringify(what.slice(0, 20))} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY`);
      if (range !== null) {
        if (op !== "=") return fail(tagAt, `a range is written ${tag}=from..to`);
        const [from, to] = [range[1] as string, range[2] as string];
        const f = from === "" ? undefined : dateBounds(from);
        const t = to === "" ? undefined : dateBounds(to);
        if (from !== "" && f === undefined) return bad(from);
        if (to !== "" && t === undefined) return bad(to);
        if (f === undefined && t === undefined) return fail(v.success.at, "a range needs at least one end");
        if (f !== undefined && t !== undefined && f.from > t.to)
          return fail(v.success.at, "the range ends before it starts");
        return Result.succeed({
          _tag: "Date" as const,
          field: spec.field,
          ...(f === undefined ? {} : { from: f.from }),
          ...(t === undefined ? {} : { to: t.to }),
        });
      }
      const b = dateBounds(text);
      if (b === undefined) return bad(text);
      if (op === "=") return Result.succeed({ _tag: "Date" as const, field: spec.field, from: b.from, to: b.to });
      if (op === ">=") return Result.succeed({ _tag: "Date" as const, field: spec.field, from: b.from });
      if (op === "<=") return Result.succeed({ _tag: "Date" as const, field: spec.field, to: b.to });
      return fail(tagAt, `${tag} takes =, >= or <=`);
    }
    case "state": {
      const bad = equalsOnly();
      if (bad) return bad;
      const states: Array<string> = [];
      for (const v of values) {
        const code = v.text.toUpperCase();
        if (!Country.isCountryCode(code)) return fail(v.at, `${v.text.slice(0, 20)} is not a WIPO ST.3 code`);
        if (!states.includes(code)) states.push(code);
      }
      return Result.succeed({ _tag: "DesignatedState" as const, states });
    }
  }
};

// ---------------------------------------------------------------------------------------------------------------
// Parser (recursive descent; NOT binds tighter than AND, AND than OR; two terms side by side are joined by AND)

const keyword = (token: Token | undefined, word: "AND" | "OR" | "NOT"): boolean =>
  token !== undefined && token.t === "word" && token.text.toUpperCase() === word;

class Parser {
  i = 0;
  leaves = 0;
  constructor(
    readonly tokens: ReadonlyArray<Token>,
    readonly text: string,
  ) {}
  peek(): Token {
    return this.tokens[this.i] as Token;
  }
  fail(at: number, reason: string): Result.Result<never, ExpertError> {
    return Result.fail(new ExpertError({ column: at + 1, reason }));
  }

  /** A whole expression: terms, or (inside a field's parentheses) values of one field. */
  or(depth: number, field: FieldContext | undefined): Result.Result<Clause, ExpertError> {
    const first = this.and(depth, field);
    if (Result.isFailure(first)) return first;
    const clauses = [first.success];
    while (keyword(this.peek(), "OR")) {
      this.i++;
      const next = this.and(depth, field);
      if (Result.isFailure(next)) return next;
      clauses.push(next.success);
    }
    return Result.succeed(clauses.length === 1 ? (clauses[0] as Clause) : { _tag: "Or", clauses });
  }

  and(depth: number, field: FieldContext | undefined): Result.Result<Clause, ExpertError> {
    const first = this.not(depth, field);
    if (Result.isFailure(first)) return first;
    const clauses = [first.success];
    for (;;) {
      const t = this.peek();
      if (keyword(t, "AND")) this.i++;
      else if (t.t === "end" || t.t === ")" || keyword(t, "OR")) break;
      const next = this.not(depth, field);
      if (Result.isFailure(next)) return next;
      clauses.push(next.success);
    }
    return Result.succeed(clauses.length === 1 ? (clauses[0] as Clause) : { _tag: "And", clauses });
  }

  not(depth: number, field: FieldContext | undefined): Result.Result<Clause, ExpertError> {
    const t = this.peek();
    if (keyword(t, "NOT")) {
      if (depth >= maxDepth) return this.fail(t.at, `nested more than ${maxDepth} levels deep`);
      this.i++;
      const inner = this.not(depth + 1, field);
      return Result.map(inner, (clause) => ({ _tag: "Not" as const, clause }));
    }
    return this.primary(depth, field);
  }

  primary(depth: number, field: FieldContext | undefined): Result.Result<Clause, ExpertError> {
    const t = this.peek();
    if (t.t === "(") {
      if (depth >= maxDepth) return this.fail(t.at, `nested more than ${maxDepth} levels deep`);
      this.i++;
      const inner = this.or(depth + 1, field);
      if (Result.isFailure(inner)) return inner;
      const close = this.peek();
      if (close.t !== ")") return this.fail(close.at, `expected ")" to close the "(" at column ${t.at + 1}`);
      this.i++;
      return inner;
    }
    if (t.t === "end") return this.fail(t.at, "the expression ends where a term is expected");
    if (t.t === ")") return this.fail(t.at, 'unexpected ")"');
    if (t.t === ",") return this.fail(t.at, 'unexpected ","');
    if (t.t === "op") return this.fail(t.at, `unexpected ${JSON.stringify(t.op)}: a field tag goes before it`);
    if (keyword(t, "AND") || keyword(t, "OR"))
      return this.fail(t.at, `${t.t === "word" ? t.text : ""} needs a term before it`);
    if (field !== undefined) return this.valueList(field);
    if (t.t === "set") {
      this.i++;
      return this.count(t.at, { _tag: "ResultSet", number: Number(t.n) });
    }
    const next = this.tokens[this.i + 1];
    if (t.t === "word" && next !== undefined && next.t === "op") {
      this.i += 2;
      const tag = t.text.toUpperCase();
      if (fieldTags[tag] === undefined) return this.fail(t.at, `unknown field tag ${t.text.slice(0, 20)}`);
      const ctx: FieldContext = { tag, tagAt: t.at, op: next.op };
      if (this.peek().t === "(") {
        const open = this.peek();
        if (depth >= maxDepth) return this.fail(open.at, `nested more than ${maxDepth} levels deep`);
        this.i++;
        const inner = this.or(depth + 1, ctx);
        if (Result.isFailure(inner)) return inner;
        const close = this.peek();
        if (close.t !== ")") return this.fail(close.at, `expected ")" to close the "(" at column ${open.at + 1}`);
        this.i++;
        return inner;
      }
      return this.valueList(ctx);
    }
    if (t.t === "word" || t.t === "quoted") {
      // A bare term searches all text.
      return this.valueList({ tag: "TX", tagAt: t.at, op: "=" });
    }
    return this.fail(t.at, "unexpected input");
  }

  valueList(ctx: FieldContext): Result.Result<Clause, ExpertError> {
    const values: Array<Value> = [];
    for (;;) {
      const v = this.peek();
      if (v.t !== "word" && v.t !== "quoted")
        return this.fail(v.at, `${ctx.tag === "TX" ? "a term" : `a value for ${ctx.tag}`} is expected here`);
      if (v.t === "word" && (keyword(v, "AND") || keyword(v, "OR") || keyword(v, "NOT")))
        return this.fail(v.at, `${v.text} is an operator: quote it to search for it ("${v.text}")`);
      values.push({ text: v.text, at: v.at });
      this.i++;
      if (values.length > maxValues) return this.fail(v.at, `at most ${maxValues} values in one list`);
      if (this.peek().t !== ",") break;
      this.i++;
    }
    const leaf = makeLeaf(ctx.tag, ctx.tagAt, ctx.op, values);
    if (Result.isFailure(leaf)) return leaf;
    return this.count(ctx.tagAt, leaf.success);
  }

  count(at: number, leaf: Leaf): Result.Result<Clause, ExpertError> {
    this.leaves++;
    if (this.leaves > maxClauses) return this.fail(at, `at most ${maxClauses} terms in one search`);
    return Result.succeed(leaf);
  }
}

interface FieldContext {
  readonly tag: string;
  readonly tagAt: number;
  readonly op: string;
}

/** Parses an expression into a query tree (normalised: nested groups of the same operator merged). */
export const parse = (expression: string): Result.Result<Clause, ExpertError> => {
  if (typeof expression !== "string") return Result.fail(new ExpertError({ column: 1, reason: "not text" }));
  if (expression.length > maxExpressionLength)
    return Result.fail(
      new ExpertError({ column: maxExpressionLength + 1, reason: `longer than ${maxExpressionLength} characters` }),
    );
  const tokens = tokenize(expression);
  if (Result.isFailure(tokens)) return Result.fail(tokens.failure);
  const parser = new Parser(tokens.success, expression);
  if (parser.peek().t === "end") return Result.fail(new ExpertError({ column: 1, reason: "the expression is empty" }));
  const tree = parser.or(0, undefined);
  if (Result.isFailure(tree)) return tree;
  const rest = parser.peek();
  if (rest.t !== "end") return parser.fail(rest.at, 'unexpected ")"');
  return Result.succeed(normaliseClause(tree.success));
};

// ---------------------------------------------------------------------------------------------------------------
// Printer

const quote = (text: string): string => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;

const tagOf: Record<string, string> = Object.fromEntries(
  Object.entries(fieldTags).map(([tag, spec]) => {
    const key =
      spec.type === "text"
        ? `text:${spec.field}`
        : spec.type === "name"
          ? `name:${spec.role}`
          : spec.type === "number"
            ? `number:${spec.kind}`
            : spec.type === "status" || spec.type === "classification"
              ? `${spec.type}:${spec.scheme}`
              : spec.type === "date"
                ? `date:${spec.field}`
                : spec.type;
    return [key, tag];
  }),
);

const opFor = (mode: TextMode, defaultMode: TextMode): string =>
  mode === defaultMode ? "=" : mode === "exact" ? "==" : mode === "similar" ? "~=" : "*=";

const printLeaf = (leaf: Leaf): string => {
  switch (leaf._tag) {
    case "Text": {
      const tag = tagOf[`text:${leaf.field}`] as string;
      const spec = fieldTags[tag] as { defaultMode: TextMode };
      return `${tag}${opFor(leaf.mode, spec.defaultMode)}${quote(leaf.value)}`;
    }
    case "Name":
      return `${tagOf[`name:${leaf.role}`]}${opFor(leaf.mode, "contains")}${leaf.values.map(quote).join(",")}`;
    case "Number":
      return `${tagOf[`number:${leaf.kind}`]}=${quote(leaf.value)}`;
    case "Kind":
      return `KD=${leaf.kinds.join(",")}`;
    case "Status":
      return `${tagOf[`status:${leaf.scheme}`]}=${leaf.values.map(quote).join(",")}`;
    case "Nice":
      return `CL=${leaf.classes.join(",")}${leaf.status === undefined ? "" : `:${leaf.status}`}`;
    case "Classification":
      return `${tagOf[`classification:${leaf.scheme}`]}=${leaf.codes.map(quote).join(",")}`;
    case "Date": {
      const tag = tagOf[`date:${leaf.field}`] as string;
      if (leaf.from !== undefined && leaf.to !== undefined) return `${tag}=${leaf.from}..${leaf.to}`;
      if (leaf.from !== undefined) return `${tag}>=${leaf.from}`;
      return `${tag}<=${leaf.to ?? ""}`;
    }
    case "DesignatedState":
      return `DG=${leaf.states.join(",")}`;
    case "ResultSet":
      return `#${leaf.number}`;
  }
};

/** Prints a tree in the expert syntax; `parse(print(t))` gives `t` back (normalised). */
export const print = (clause: Clause): string => {
  switch (clause._tag) {
    case "And":
      return clause.clauses.map((c) => (c._tag === "Or" ? `(${print(c)})` : print(c))).join(" AND ");
    case "Or":
      return clause.clauses.map((c) => (c._tag === "And" ? `(${print(c)})` : print(c))).join(" OR ");
    case "Not": {
      const inner = clause.clause;
      return `NOT ${inner._tag === "And" || inner._tag === "Or" ? `(${print(inner)})` : print(inner)}`;
    }
    default:
      return printLeaf(clause);
  }
};
