/**
 * Money as an integer amount of minor units with its ISO 4217 currency.
 *
 * Amounts never become floats: every amount is a safe integer of minor units (fils, cents, stotinki, yen),
 * and the currency says how many decimals a minor unit has (BHD, JOD, KWD, OMR: 3; JPY: 0; most: 2).
 */
import { Schema } from "effect";

/** An ISO 4217 alphabetic currency code such as `BGN`, `JOD`, `AED`, `BHD`, `EGP`, `OMR`, `CHF`. */
export const CurrencyCode = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[A-Z]{3}$/, { message: "Expected an ISO 4217 currency code such as EUR" })),
);
export type CurrencyCode = typeof CurrencyCode.Type;

/** An amount in minor units: a non-negative or negative safe integer. */
export const MinorUnits = Schema.Int.pipe(
  Schema.check(
    Schema.isBetween(
      { minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
      { message: "Expected a safe integer amount of minor units" },
    ),
  ),
);
export type MinorUnits = typeof MinorUnits.Type;

/** An amount with its currency. */
export const Money = Schema.Struct({ amount: MinorUnits, currency: CurrencyCode });
export type Money = typeof Money.Type;

// ISO 4217 minor units that differ from 2 (the table of the standard, current list).
const exponents: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Number of decimals of the currency's minor unit (ISO 4217): `exponent("JOD") === 3`, `exponent("JPY") === 0`. */
export const exponent = (currency: string): number => exponents[currency] ?? 2;

/** Builds money from an amount in minor units. */
export const make = (amount: number, currency: string): Money => ({ amount, currency });

/**
 * Converts a decimal string in major units ("520", "520.5", "1.250") to minor units of the currency, exactly.
 * Returns `undefined` when the text is not a plain decimal or has more decimals than the currency allows.
 */
export const parseMajor = (text: string, currency: string): number | undefined => {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null) return undefined;
  const digits = exponent(currency);
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return undefined;
  const minor = Number(`${match[2]}${fraction.padEnd(digits, "0")}`);
  if (!Number.isSafeInteger(minor)) return undefined;
  return match[1] === "-" ? -minor : minor;
};

/** Exact decimal text of an amount in major units, without grouping: `toMajorString(52000, "BGN") === "520.00"`. */
export const toMajorString = (amount: number, currency: string): string => {
  const digits = exponent(currency);
  const sign = amount < 0 ? "-" : "";
  const text = Math.abs(amount)
    .toString()
    .padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
};

/**
 * Formats an amount for people with `Intl.NumberFormat` in the given locale ("en", "ar-JO", "bg").
 * The value handed to Intl is the exact decimal string, so no float rounding can show.
 */
export const format = (amount: number, currency: string, locale = "en"): string => {
  const digits = exponent(currency);
  const formatter = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Intl.NumberFormat accepts decimal strings exactly (ES2023 "Intl.NumberFormat v3"; Node 20 and current browsers).
  return formatter.format(toMajorString(amount, currency) as unknown as number);
};

/**
 * `numerator × basisPoints / 10 000` rounded half away from zero to a whole minor unit, in exact integer arithmetic.
 * This is the one rounding rule of the package: percentages (discounts, surcharges, tax) are computed per line
 * with it. `percentOf(1005, 5000) === 503` (50 % of 10.05 is 5.025, rounded half-up to 5.03).
 */
export const percentOf = (amount: number, basisPoints: number): number => {
  const exact = amount * basisPoints;
  // Below 2^53 the product is exact and floor((|p| + 5000) / 10000) is exact in doubles too.
  if (Number.isSafeInteger(exact) && Math.abs(exact) + 5_000 <= Number.MAX_SAFE_INTEGER) {
    const rounded = Math.floor((Math.abs(exact) + 5_000) / 10_000);
    return exact < 0 ? -rounded : rounded;
  }
  const product = BigInt(amount) * BigInt(basisPoints);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const rounded = (magnitude + 5000n) / 10000n;
  return Number(negative ? -rounded : rounded);
};

/** Converts a percentage with at most two decimals (`7`, `12.5`) into basis points (`700`, `1250`). */
export const basisPoints = (percent: number): number => Math.round(percent * 100);

/**
 * Converts an amount in minor units of `from` into minor units of `to` at a fixed rate given as an exact decimal
 * string: how many units of `from` make one unit of `to` (`"1.95583"` BGN per EUR, the lev's rate fixed by the Council of
 * the EU in July 2025, amending Regulation (EC) No 2866/98). The result is rounded half away from zero to `to`'s minor unit, the rounding a
 * conversion law sets for single amounts (Bulgaria's Law on the Introduction of the Euro: to the nearest cent, half a
 * cent up). Exact: integer arithmetic on the digits, no float. `undefined` when the rate is not a positive decimal.
 * `convertAtFixedRate(52000, "BGN", "EUR", "1.95583") === 26587` (BGN 520.00 is EUR 265.87).
 */
export const convertAtFixedRate = (amount: number, from: string, to: string, rate: string): number | undefined => {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(typeof rate === "string" ? rate.trim() : "");
  if (match === null || !Number.isSafeInteger(amount)) return undefined;
  const fraction = match[2] ?? "";
  const rateUnits = BigInt(`${match[1]}${fraction}`);
  if (rateUnits === 0n) return undefined;
  // amount / 10^e(from) / (rateUnits / 10^k) × 10^e(to) = amount × 10^(e(to) + k) / (rateUnits × 10^e(from))
  const numerator = BigInt(Math.abs(amount)) * 10n ** BigInt(exponent(to) + fraction.length);
  const denominator = rateUnits * 10n ** BigInt(exponent(from));
  const rounded = (2n * numerator + denominator) / (2n * denominator);
  const result = Number(rounded);
  return amount < 0 ? -result : result;
};
