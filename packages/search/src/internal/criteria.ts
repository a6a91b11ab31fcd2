/**
 * The engine's own form of a query: a tree of criteria the SQL compiler understands. `Engine.search` builds it from a
 * decoded `Query`; keeping the two apart lets the query model grow without touching the SQL.
 */
import type { NumberKind } from "../Numbers.js";

export type MarkMode = "exact" | "contains" | "similar";
export type NameRole = "owner" | "representative" | "inventor" | "any";
export type DateField = "filing" | "priority" | "publication" | "registration" | "expiry";

export type Criterion =
  | { readonly _tag: "All" }
  | { readonly _tag: "None" }
  | { readonly _tag: "And"; readonly items: ReadonlyArray<Criterion> }
  | { readonly _tag: "Or"; readonly items: ReadonlyArray<Criterion> }
  | { readonly _tag: "Not"; readonly item: Criterion }
  /** Words anywhere in the marks, title and names (full text, `simple` configuration). */
  | { readonly _tag: "Text"; readonly text: string }
  | { readonly _tag: "Mark"; readonly text: string; readonly mode: MarkMode }
  | { readonly _tag: "Name"; readonly text: string; readonly role: NameRole; readonly mode: MarkMode }
  /** An owner by its normalised key (the applicant facet). */
  | { readonly _tag: "OwnerKey"; readonly key: string }
  | { readonly _tag: "Number"; readonly kind: NumberKind; readonly text: string }
  | { readonly _tag: "Kind"; readonly kinds: ReadonlyArray<string>; readonly madrid?: boolean }
  /** `office`: the office's workflow state; `standard`: the standard status; absent: either. */
  | { readonly _tag: "Status"; readonly statuses: ReadonlyArray<string>; readonly scheme?: "office" | "standard" }
  | {
      readonly _tag: "NiceClass";
      readonly classes: ReadonlyArray<number>;
      /** When given, a class counts only with one of these statuses. */
      readonly statuses?: ReadonlyArray<string>;
      /** `all`: every class must be there; `any` (default): one is enough. */
      readonly match?: "any" | "all";
    }
  | { readonly _tag: "Term"; readonly text: string }
  | { readonly _tag: "Vienna"; readonly codes: ReadonlyArray<string> }
  | { readonly _tag: "Ipc"; readonly symbols: ReadonlyArray<string> }
  | { readonly _tag: "Locarno"; readonly codes: ReadonlyArray<string> }
  | { readonly _tag: "Dates"; readonly field: DateField; readonly from?: string; readonly to?: string }
  | { readonly _tag: "States"; readonly states: ReadonlyArray<string> }
  | { readonly _tag: "Year"; readonly years: ReadonlyArray<number> };

export const and = (...items: ReadonlyArray<Criterion>): Criterion => ({ _tag: "And", items });

/** The mark texts compared with `Similarity` to rank the hits: those of `similar` (else `contains`/`exact`) criteria. */
export const rankingTexts = (c: Criterion): ReadonlyArray<string> => {
  const similar: string[] = [];
  const other: string[] = [];
  const walk = (x: Criterion, negated: boolean) => {
    switch (x._tag) {
      case "And":
      case "Or":
        for (const i of x.items) walk(i, negated);
        return;
      case "Not":
        walk(x.item, !negated);
        return;
      case "Mark":
        if (!negated) (x.mode === "similar" ? similar : other).push(x.text);
        return;
      default:
        return;
    }
  };
  walk(c, false);
  return similar.length > 0 ? similar : other;
};

/**
 * The tree with its `similar` mark and name criteria matching nothing: what a hit satisfies without being alike. A hit
 * that satisfies it (an owner's name, a class, a number in an `Or` beside a similar mark) stays whatever its
 * similarity score; only hits found through likeness alone must reach the similarity threshold. Criteria under `Not`
 * are left as they are: a negated similar criterion excludes, it never makes a hit alike.
 */
export const withoutSimilar = (c: Criterion): Criterion => {
  switch (c._tag) {
    case "And":
      return { _tag: "And", items: c.items.map(withoutSimilar) };
    case "Or":
      return { _tag: "Or", items: c.items.map(withoutSimilar) };
    case "Mark":
    case "Name":
      return c.mode === "similar" ? { _tag: "None" } : c;
    default:
      return c;
  }
};

/** True when the tree holds a `similar` mark criterion (hits are then ranked by similarity). */
export const hasSimilar = (c: Criterion): boolean => {
  switch (c._tag) {
    case "And":
    case "Or":
      return c.items.some(hasSimilar);
    case "Not":
      return hasSimilar(c.item);
    case "Mark":
    case "Name":
      return c.mode === "similar";
    default:
      return false;
  }
};
