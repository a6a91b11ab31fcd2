/**
 * From the query model's clause tree (`Query.Clause`) to the engine's criteria. Values the SQL cannot use as given are
 * put in their stored form here: classification codes to their canonical paths (in the compiler), numbers through
 * `Numbers.normalise`, the designer role to the inventor column (designs keep designers there).
 */
import type { Criterion, NameRole } from "./criteria.js";
import type { Clause } from "./model.js";

/** Clauses a session keeps (`#n` in the expert syntax), by number. */
export type ResultSets = ReadonlyMap<number, Clause>;

const roleOf = (role: "owner" | "representative" | "inventor" | "designer" | "any"): NameRole =>
  role === "designer" ? "inventor" : role;

/**
 * The criteria of a clause. A `ResultSet` clause is replaced by the clause the session stored under its number
 * (`resultSets`); an unknown number, or one that refers back to itself, selects nothing and is reported in `unknown`.
 */
export const fromClause = (
  clause: Clause,
  resultSets: ResultSets = new Map(),
): { readonly criterion: Criterion; readonly unknownResultSets: ReadonlyArray<number> } => {
  const unknown = new Set<number>();
  const walk = (c: Clause, open: ReadonlySet<number>): Criterion => {
    switch (c._tag) {
      case "And":
        return { _tag: "And", items: c.clauses.map((x) => walk(x, open)) };
      case "Or":
        return { _tag: "Or", items: c.clauses.map((x) => walk(x, open)) };
      case "Not":
        return { _tag: "Not", item: walk(c.clause, open) };
      case "Text":
        switch (c.field) {
          case "mark":
            return { _tag: "Mark", text: c.value, mode: c.mode };
          case "goods":
            return { _tag: "Term", text: c.value };
          case "any":
            return {
              _tag: "Or",
              items: [
                { _tag: "Text", text: c.value },
                { _tag: "Mark", text: c.value, mode: c.mode },
                { _tag: "Term", text: c.value },
              ],
            };
        }
        return { _tag: "None" };
      case "Name": {
        const items = c.values.map((v): Criterion => ({ _tag: "Name", text: v, role: roleOf(c.role), mode: c.mode }));
        return items.length === 1 ? (items[0] as Criterion) : { _tag: "Or", items };
      }
      case "Number":
        return { _tag: "Number", kind: c.kind, text: c.value };
      case "Kind":
        return { _tag: "Kind", kinds: c.kinds };
      case "Status":
        return { _tag: "Status", scheme: c.scheme, statuses: c.values };
      case "Nice":
        return c.status === undefined
          ? { _tag: "NiceClass", classes: c.classes }
          : { _tag: "NiceClass", classes: c.classes, statuses: [c.status] };
      case "Classification":
        switch (c.scheme) {
          case "vienna":
            return { _tag: "Vienna", codes: c.codes };
          case "ipc":
            return { _tag: "Ipc", symbols: c.codes };
          case "locarno":
            return { _tag: "Locarno", codes: c.codes };
        }
        return { _tag: "None" };
      case "Date":
        return {
          _tag: "Dates",
          field: c.field,
          ...(c.from !== undefined ? { from: c.from } : {}),
          ...(c.to !== undefined ? { to: c.to } : {}),
        };
      case "DesignatedState":
        return { _tag: "States", states: c.states };
      case "ResultSet": {
        const stored = resultSets.get(c.number);
        if (stored === undefined || open.has(c.number)) {
          unknown.add(c.number);
          return { _tag: "None" };
        }
        return walk(stored, new Set([...open, c.number]));
      }
    }
  };
  const criterion = walk(clause, new Set());
  return { criterion, unknownResultSets: [...unknown].sort((a, b) => a - b) };
};
