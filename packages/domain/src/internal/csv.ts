/**
 * A strict RFC 4180 reader that keeps, for every record, the line it starts on, and reports malformed quoting with
 * the line and the position of the field instead of guessing. Line ends may be CRLF, LF or CR; a UTF-8 byte-order
 * mark is skipped. Lines holding nothing at all are not records.
 */

export interface CsvRecord {
  /** The line the record starts on (1 is the first line of the text). */
  readonly line: number;
  readonly fields: ReadonlyArray<string>;
  /** True when a field of the record was quoted. */
  readonly quoted: ReadonlyArray<boolean>;
}

export interface CsvProblem {
  readonly line: number;
  /** Position of the field in its record, from 0. */
  readonly index: number;
  readonly message: string;
}

export interface CsvText {
  readonly records: ReadonlyArray<CsvRecord>;
  /** Quoting problems; a record holding one is left out of `records`. */
  readonly problems: ReadonlyArray<CsvProblem>;
  /** Number of lines of the text. */
  readonly lines: number;
}

export interface CsvOptions {
  /** Lines starting with `#` before the first record are comments (not records). */
  readonly leadingComments?: boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const HASH = 0x23;

/** Reads CSV text into records. Never throws; an unterminated quoted field ends the reading with a problem. */
export const readCsv = (text: string, options: CsvOptions = {}): CsvText => {
  const records: Array<CsvRecord> = [];
  const problems: Array<CsvProblem> = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const lineEnd = (at: number): number => {
    // Consumes the line end at `at` (CRLF, LF or CR) and returns the index after it.
    if (text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF) return at + 2;
    return at + 1;
  };
  while (i < n) {
    if (options.leadingComments && records.length === 0 && problems.length === 0 && text.charCodeAt(i) === HASH) {
      while (i < n && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) i++;
      if (i < n) i = lineEnd(i);
      line++;
      continue;
    }
    const startLine = line;
    const fields: Array<string> = [];
    const quoted: Array<boolean> = [];
    let problem: CsvProblem | undefined;
    let ended = false;
    while (!ended) {
      // one field
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const openedOn = line;
        let value = "";
        let j = i + 1;
        let closed = false;
        while (j < n) {
          const next = text.indexOf('"', j);
          const segmentEnd = next < 0 ? n : next;
          for (let k = j; k < segmentEnd; k++) {
            const c = text.charCodeAt(k);
            if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) line++;
          }
          value += text.slice(j, segmentEnd);
          if (next < 0) {
            j = n;
            break;
          }
          if (text.charCodeAt(next + 1) === QUOTE) {
            value += '"';
            j = next + 2;
          } else {
            j = next + 1;
            closed = true;
            break;
          }
        }
        if (!closed) {
          problems.push({
            line: openedOn,
            index: fields.length,
            message: "a quoted field is never closed (a double quote is missing)",
          });
          return { records, problems, lines: line };
        }
        i = j;
        fields.push(value);
        quoted.push(true);
        const after = i < n ? text.charCodeAt(i) : -1;
        if (after !== COMMA && after !== CR && after !== LF && after !== -1) {
          problem ??= {
            line,
            index: fields.length - 1,
            message: "characters follow the closing double quote of a quoted field",
          };
          while (i < n && text.charCodeAt(i) !== COMMA && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) i++;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === CR || c === LF) break;
          if (c === QUOTE)
            problem ??= {
              line,
              index: fields.length,
              message: 'a double quote inside an unquoted field (enclose the field in quotes and double the quote: "")',
            };
          j++;
        }
        fields.push(text.slice(i, j));
        quoted.push(false);
        i = j;
      }
      if (i >= n) ended = true;
      else if (text.charCodeAt(i) === COMMA) i++;
      else {
        i = lineEnd(i);
        line++;
        ended = true;
      }
    }
    if (problem !== undefined) problems.push(problem);
    else if (!(fields.length === 1 && fields[0] === "" && quoted[0] === false))
      records.push({ line: startLine, fields, quoted });
  }
  return { records, problems, lines: line };
};

/** Quotes a field when it needs it (RFC 4180): a comma, a double quote, a line end, or spaces at either end. */
export const csvField = (value: string): string =>
  /[",\r\n]|^\s|\s$|^#/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
