/**
 * The query tree's schemas (shared by `Query` and `Expert`; public through `Query`).
 */
import { Schema } from "effect";
import { NumberKind } from "../Numbers.js";

/** Longest text value (a mark, a name, a goods term, free text). */
export const maxTextLength = 200;
/** Most values in one list (classes, codes, owners, states). */
export const maxValues = 50;
/** Most clauses (leaves) in a tree, and its deepest nesting. */
export const maxClauses = 64;
export const maxDepth = 12;

const text = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(maxTextLength));
const list = <S extends Schema.Top>(item: S) =>
  Schema.Array(item).check(Schema.isMinLength(1), Schema.isMaxLength(maxValues));

/** How a text is matched: the whole text exactly (folded), the words it contains, or by similarity (`Similarity`). */
export const TextMode = Schema.Literals(["exact", "contains", "similar"]);
export type TextMode = typeof TextMode.Type;

export const TextField = Schema.Literals(["mark", "goods", "any"]);
export type TextField = typeof TextField.Type;

export const NameRole = Schema.Literals(["owner", "representative", "inventor", "designer", "any"]);
export type NameRole = typeof NameRole.Type;

export const Kind = Schema.Literals(["trademark", "patent", "industrial_design", "utility_model"]);
export type Kind = typeof Kind.Type;

export const StatusScheme = Schema.Literals(["office", "standard"]);
export const ClassificationScheme = Schema.Literals(["vienna", "ipc", "locarno"]);
export type ClassificationScheme = typeof ClassificationScheme.Type;
export const DateField = Schema.Literals(["filing", "publication", "registration", "expiry", "priority"]);
export type DateField = typeof DateField.Type;

/** A status code: lower-case letters, digits and `_` (office workflow states) or an ST.27 code such as `A11`. */
const statusCode = Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_.-]{1,40}$/));
const isoDate = Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/));
const niceClass = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 45 }));
const countryCode = Schema.String.check(Schema.isPattern(/^[A-Z]{2}$/));

export const TextClause = Schema.TaggedStruct("Text", { field: TextField, value: text, mode: TextMode });
export const NameClause = Schema.TaggedStruct("Name", { role: NameRole, values: list(text), mode: TextMode });
export const NumberClause = Schema.TaggedStruct("Number", {
  kind: NumberKind,
  value: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64)),
});
export const KindClause = Schema.TaggedStruct("Kind", { kinds: list(Kind) });
export const StatusClause = Schema.TaggedStruct("Status", { scheme: StatusScheme, values: list(statusCode) });
/** Nice classes, any of them; with `status`, only classes in that per-class status (e.g. `refused`). */
export const NiceClause = Schema.TaggedStruct("Nice", {
  classes: list(niceClass),
  status: Schema.optional(statusCode),
});
/** Classification codes in canonical form; a code finds itself and everything under it (`A61K` finds `A61K 31/00`). */
export const ClassificationClause = Schema.TaggedStruct("Classification", {
  scheme: ClassificationScheme,
  codes: list(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(40))),
});
/** A date range, both ends included; at least one end. */
export const DateClause = Schema.TaggedStruct("Date", {
  field: DateField,
  from: Schema.optional(isoDate),
  to: Schema.optional(isoDate),
});
export const StateClause = Schema.TaggedStruct("DesignatedState", { states: list(countryCode) });
/** A numbered result set of the session (`#2` in the expert syntax). */
export const ResultSetClause = Schema.TaggedStruct("ResultSet", {
  number: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 999 })),
});

export type Leaf =
  | typeof TextClause.Type
  | typeof NameClause.Type
  | typeof NumberClause.Type
  | typeof KindClause.Type
  | typeof StatusClause.Type
  | typeof NiceClause.Type
  | typeof ClassificationClause.Type
  | typeof DateClause.Type
  | typeof StateClause.Type
  | typeof ResultSetClause.Type;

export interface And {
  readonly _tag: "And";
  readonly clauses: ReadonlyArray<Clause>;
}
export interface Or {
  readonly _tag: "Or";
  readonly clauses: ReadonlyArray<Clause>;
}
export interface Not {
  readonly _tag: "Not";
  readonly clause: Clause;
}
export type Clause = Leaf | And | Or | Not;

const ClauseSelf: Schema.Codec<Clause> = Schema.suspend(() => Clause);

export const AndClause = Schema.TaggedStruct("And", {
  clauses: Schema.Array(ClauseSelf).check(Schema.isMinLength(2), Schema.isMaxLength(maxClauses)),
});
export const OrClause = Schema.TaggedStruct("Or", {
  clauses: Schema.Array(ClauseSelf).check(Schema.isMinLength(2), Schema.isMaxLength(maxClauses)),
});
export const NotClause = Schema.TaggedStruct("Not", { clause: ClauseSelf });

/** One clause of the boolean tree. */
export const Clause: Schema.Codec<Clause> = Schema.Union([
  TextClause,
  NameClause,
  NumberClause,
  KindClause,
  StatusClause,
  NiceClause,
  ClassificationClause,
  DateClause,
  StateClause,
  ResultSetClause,
  AndClause,
  OrClause,
  NotClause,
]);

/** Leaves and depth of a tree. */
export const measure = (clause: Clause): { readonly leaves: number; readonly depth: number } => {
  switch (clause._tag) {
    case "And":
    case "Or": {
      let leaves = 0;
      let depth = 0;
      for (const c of clause.clauses) {
        const m = measure(c);
        leaves += m.leaves;
        depth = Math.max(depth, m.depth);
      }
      return { leaves, depth: depth + 1 };
    }
    case "Not": {
      const m = measure(clause.clause);
      return { leaves: m.leaves, depth: m.depth + 1 };
    }
    default:
      return { leaves: 1, depth: 0 };
  }
};

/** The same tree with nested `And` in `And` (and `Or` in `Or`) merged, one-child groups unwrapped, `NOT NOT x` as `x`. */
export const normaliseClause = (clause: Clause): Clause => {
  switch (clause._tag) {
    case "And":
    case "Or": {
      const out: Array<Clause> = [];
      for (const c of clause.clauses) {
        const n = normaliseClause(c);
        if (n._tag === clause._tag) out.push(...n.clauses);
        else out.push(n);
      }
      return out.length === 1 ? (out[0] as Clause) : { _tag: clause._tag, clauses: out };
    }
    case "Not": {
      const inner = normaliseClause(clause.clause);
      return inner._tag === "Not" ? inner.clause : { _tag: "Not", clause: inner };
    }
    default:
      return clause;
  }
};
