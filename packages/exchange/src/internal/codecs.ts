/**
 * Codecs between element text and field values: dates, instants, codes and the code tables that translate ST.96
 * categories to the model's literals. A table lists the value written for each model value first; further texts are
 * accepted on reading (and reported as normalised, since they are written back as the first).
 */
import { Country } from "@ipoffice/domain";
import type { Codec } from "./mapping.js";

const ok = <A>(value: A) => ({ ok: true as const, value });
const no = (message: string) => ({ ok: false as const, message });

export const textCodec: Codec<string> = { decode: ok, encode: (s) => s };

/** An ISO date; ST.96 also allows a time zone suffix (`2018-04-17-04:00`), which the model does not keep. */
export const date: Codec<string> = {
  decode: (t) => {
    const m = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(t);
    if (m === null) return no("expected a date such as 2026-11-24");
    const [y, mo, d] = (m[1] as string).split("-").map(Number) as [number, number, number];
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return no("not a calendar date");
    return ok(m[1] as string);
  },
  encode: (s) => s,
};

/** An instant written as its date (ST.96 status dates carry no time); read back as midnight UTC. */
export const instantAsDate: Codec<string> = {
  decode: (t) => {
    const d = date.decode(t);
    return d.ok ? ok(`${d.value}T00:00:00Z`) : d;
  },
  encode: (s) => s.slice(0, 10),
};

export const country: Codec<string> = {
  decode: (t) => (Country.isCountryCode(t) ? ok(t) : no(`${JSON.stringify(t.slice(0, 20))} is not a WIPO ST.3 code`)),
  encode: (s) => s,
};

/** An ST.3 code where ST.96 takes ISO country codes only: `XX` (unknown) is read but never written. */
export const isoCountry: Codec<string> = { ...country, encodable: (c) => c !== "XX" };

export const niceClass: Codec<number> = {
  decode: (t) => {
    const n = /^\d{1,3}$/.test(t) ? Number(t) : Number.NaN;
    return Number.isInteger(n) && n >= 1 && n <= 45 ? ok(n) : no("a Nice class is a whole number from 1 to 45");
  },
  encode: (n) => String(n).padStart(2, "0"),
};

export const boolean: Codec<boolean> = {
  decode: (t) =>
    t === "true" || t === "1" ? ok(true) : t === "false" || t === "0" ? ok(false) : no("expected true or false"),
  encode: (b) => String(b),
};

/** A code table: model value → texts, the first of which is written. */
export const table = <A extends string>(
  name: string,
  entries: ReadonlyArray<readonly [A, ...Array<string>]>,
): Codec<A> => {
  const byText = new Map<string, A>();
  for (const [value, ...texts] of entries) for (const t of texts) if (!byText.has(t)) byText.set(t, value);
  const written = new Map<A, string>(entries.map(([value, first]) => [value, first ?? value]));
  return {
    decode: (t) => {
      const v = byText.get(t);
      return v === undefined ? no(`${JSON.stringify(t.slice(0, 60))} is not a ${name} this mapping knows`) : ok(v);
    },
    encode: (v) => written.get(v) ?? v,
    encodable: (v) => written.has(v),
  };
};

/** One of a fixed list of literals, written as is. */
export const literal = <A extends string>(name: string, values: ReadonlyArray<A>): Codec<A> => {
  const set = new Set<string>(values);
  return {
    decode: (t) => (set.has(t) ? ok(t as A) : no(`${JSON.stringify(t.slice(0, 60))} is not a ${name}`)),
    encode: (v) => v,
  };
};

/**
 * Terms of a class as one text, separated by "; " (the USPTO and WIPO practice). Split and joined on exactly "; ",
 * so a text reads back as itself; a text with an empty piece stays one term.
 */
export const terms: Codec<ReadonlyArray<{ readonly text: string }>> = {
  decode: (t) => {
    const pieces = t.split("; ");
    return ok(pieces.some((p) => p.trim() === "") ? [{ text: t }] : pieces.map((text) => ({ text })));
  },
  encode: (ts) => ts.map((x) => x.text).join("; "),
};

/** A Vienna code `03.01.08` ↔ `com:ViennaCategory`/`Division`/`Section`: each part is two digits. */
export const twoDigits: Codec<string> = {
  decode: (t) => (/^\d{1,2}$/.test(t) ? ok(t.padStart(2, "0")) : no("expected a number of one or two digits")),
  encode: (s) => s,
};

/** ST.13 digits (IP type, year, serial: 15 digits) as `com:ST13ApplicationNumber` holds them. */
export const st13Digits: Codec<string> = {
  decode: (t) => (/^\d{15}$/.test(t) ? ok(t) : no("an ST.13 number in ST.96 is 15 digits")),
  encode: (s) => s,
};

/** A whole number from `min` to `max`. */
export const integer = (min: number, max: number): Codec<number> => ({
  decode: (t) => {
    const n = /^\d{1,9}$/.test(t) ? Number(t) : Number.NaN;
    return Number.isInteger(n) && n >= min && n <= max ? ok(n) : no(`expected a whole number from ${min} to ${max}`);
  },
  encode: (n) => String(n),
});
