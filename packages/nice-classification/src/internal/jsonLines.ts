/**
 * Line numbers for JSON: the JSON readers of `Import` name a bad value by its path (`[0].AlphaLists[3].ClassNbr`,
 * `goods[12].number`); the Node entry, which has the file's text, adds the line the value starts on, so that an error
 * reads `file:line: field: message` as it does for CSV.
 */

/**
 * The line (1-based) of every value of a JSON text, keyed by its path in the readers' notation: `$` for the whole
 * document, `key` and `.key` for members, `[i]` for elements. Tolerates broken JSON (the lines up to the break).
 */
export const jsonLines = (text: string): Map<string, number> => {
  interface Frame {
    readonly kind: "object" | "array";
    readonly path: string;
    index: number;
    key: string;
    expectKey: boolean;
  }
  const lines = new Map<string, number>();
  const stack: Array<Frame> = [];
  let line = 1;
  let i = 0;
  const valuePath = (): string => {
    const top = stack[stack.length - 1];
    if (top === undefined) return "$";
    const base = top.path === "$" ? "" : top.path;
    return top.kind === "array" ? `${base}[${top.index}]` : base === "" ? top.key : `${base}.${top.key}`;
  };
  const value = (): string => {
    const path = valuePath();
    if (!lines.has(path)) lines.set(path, line);
    return path;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\n") {
      line++;
      i++;
    } else if (ch === " " || ch === "\t" || ch === "\r" || ch === ":") {
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.kind === "object" && top.expectKey) {
        try {
          top.key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          top.key = text.slice(i + 1, j);
        }
        top.expectKey = false;
      } else value();
      i = j + 1;
    } else if (ch === "{" || ch === "[") {
      const path = value();
      stack.push({ kind: ch === "{" ? "object" : "array", path, index: 0, key: "", expectKey: ch === "{" });
      i++;
    } else if (ch === "}" || ch === "]") {
      stack.pop();
      i++;
    } else if (ch === ",") {
      const top = stack[stack.length - 1];
      if (top?.kind === "array") top.index++;
      else if (top !== undefined) top.expectKey = true;
      i++;
    } else {
      value(); // a number, true, false or null
      while (i < text.length && !/[\s,\]}]/.test(text[i] ?? "")) i++;
    }
  }
  return lines;
};

/** The line of the value at `field`, else of its nearest enclosing value that exists, else 0. */
export const lineOf = (lines: ReadonlyMap<string, number>, field: string): number => {
  let path = field;
  for (;;) {
    const found = lines.get(path);
    if (found !== undefined) return found;
    const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
    if (cut <= 0) return lines.get("$") ?? 0;
    path = path.slice(0, cut);
  }
};

/** The line of a JSON syntax error, from the position V8 names in its message (`… at position 42`), else 0. */
export const syntaxErrorLine = (text: string, message: string): number => {
  const at = /position (\d+)/.exec(message) ?? /line (\d+) column/.exec(message);
  if (at === null) return /end of JSON input/.test(message) ? text.split("\n").length : 0;
  if (at[0].startsWith("line")) return Number(at[1]);
  return text.slice(0, Number(at[1])).split("\n").length;
};
