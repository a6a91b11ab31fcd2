/**
 * A JSON reader (RFC 8259) that remembers where things are: the line each object and array starts on and the line of
 * each key, so a problem found later in a parsed value can name its line. Never throws: malformed text gives the line
 * of the fault. Nesting deeper than `MAX_DEPTH` is refused rather than overflowing the stack.
 */

export const MAX_DEPTH = 256;

export interface Located {
  /** The line the object or array starts on. */
  readonly line: number;
  /** The line of each key of an object. */
  readonly keys: ReadonlyMap<string, number>;
}

export type JsonRead =
  | { readonly ok: true; readonly value: unknown; readonly where: WeakMap<object, Located> }
  | { readonly ok: false; readonly line: number; readonly message: string };

class Fault {
  readonly line: number;
  readonly message: string;
  constructor(line: number, message: string) {
    this.line = line;
    this.message = message;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export const readJson = (text: string): JsonRead => {
  const where = new WeakMap<object, Located>();
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  const shown = (at: number) => (at >= n ? "the end of the text" : JSON.stringify(text.slice(at, at + 12)));
  const fault = (message: string): never => {
    throw new Fault(line, message);
  };
  const space = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) line++;
      else if (c === 0x0d) {
        if (text.charCodeAt(i + 1) !== 0x0a) line++;
      } else if (c !== 0x20 && c !== 0x09) return;
      i++;
    }
  };
  const string = (): string => {
    // at the opening quote
    i++;
    let out = "";
    let start = i;
    while (true) {
      if (i >= n) fault("a string is never closed");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) fault("a control character (such as a line break) inside a string");
      if (c === 0x5c) {
        out += text.slice(start, i);
        const e = text[i + 1];
        if (e === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fault(`a bad \\u escape: ${shown(i)}`);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
        } else {
          const simple: Record<string, string> = {
            '"': '"',
            "\\": "\\",
            "/": "/",
            b: "\b",
            f: "\f",
            n: "\n",
            r: "\r",
            t: "\t",
          };
          const s = e === undefined ? undefined : simple[e];
          if (s === undefined) fault(`a bad escape: ${shown(i)}`);
          out += s;
          i += 2;
        }
        start = i;
        continue;
      }
      i++;
    }
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fault(`nested deeper than ${MAX_DEPTH} levels`);
    space();
    if (i >= n) fault("a value is missing at the end of the text");
    const c = text[i];
    if (c === "{") {
      const object: Record<string, unknown> = {};
      const keys = new Map<string, number>();
      where.set(object, { line, keys });
      i++;
      space();
      if (text[i] === "}") {
        i++;
        return object;
      }
      while (true) {
        space();
        if (text[i] !== '"') fault(`expected a key in double quotes, found ${shown(i)}`);
        const keyLine = line;
        const key = string();
        space();
        if (text[i] !== ":") fault(`expected ":" after the key ${JSON.stringify(key.slice(0, 40))}`);
        i++;
        const v = value(depth + 1);
        Object.defineProperty(object, key, { value: v, enumerable: true, writable: true, configurable: true });
        keys.set(key, keyLine);
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return object;
        }
        fault(`expected "," or "}" in an object, found ${shown(i)}`);
      }
    }
    if (c === "[") {
      const array: Array<unknown> = [];
      where.set(array, { line, keys: new Map() });
      i++;
      space();
      if (text[i] === "]") {
        i++;
        return array;
      }
      while (true) {
        array.push(value(depth + 1));
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return array;
        }
        fault(`expected "," or "]" in an array, found ${shown(i)}`);
      }
    }
    if (c === '"') return string();
    if (text.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m !== null && m[0].length > 0) {
      i += m[0].length;
      return Number(m[0]);
    }
    return fault(`unexpected ${shown(i)}`);
  };
  try {
    const v = value(0);
    space();
    if (i < n) fault(`unexpected ${shown(i)} after the value`);
    return { ok: true, value: v, where };
  } catch (e) {
    if (e instanceof Fault) return { ok: false, line: e.line, message: e.message };
    throw e;
  }
};
