/**
 * Values of unknown direction on a page (names of owners and representatives, marks and titles, goods and services
 * terms, reasons, numbers and codes): each is isolated so it keeps its own order whatever the page's direction. A
 * Latin name in an Arabic page otherwise borrows the page's direction for its neutral characters: the trailing dot
 * of "Seoul Bio Materials Co." jumps to the front, "clothing*" becomes "*clothing" (Unicode Bidirectional Algorithm,
 * UAX #9, rules X5a–X5c on isolates; HTML `<bdi>` and `dir`). Decision 0413; the page walk
 * (test/page-walk.e2e.test.ts) checks every page in Arabic.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

type Content = string | number | HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * A value from data whose direction is its own (a name, a mark, a term, a reason): `<bdi>`, direction taken from its
 * first strong character. Nothing for an empty value.
 */
export const bdi = (value: Content | null | undefined) =>
  value === null || value === undefined || value === "" ? "" : html`<bdi>${value}</bdi>`;

/**
 * A number or code always written left to right (`TM/2024/123`, an ST.13 number, a class list, a country code, a
 * standard's code, a user name, an e-mail address): isolated and left to right, so "(OM)" or "3, 9, 25" keep their
 * order in an Arabic page; `translate="no"`, as it is the same in every language.
 */
export const ltr = (value: Content | null | undefined) =>
  value === null || value === undefined || value === "" ? "" : html`<bdi dir="ltr" translate="no">${value}</bdi>`;

/** The arrow of a link back to the list: it points to where the reader came from, the start of the line. */
export const backArrow = (dir: "ltr" | "rtl"): string => (dir === "rtl" ? "→" : "←");

/** A language named in the page's language (`ar` → "العربية" on an Arabic page, "Arabic" on an English one). */
export const languageName = (pageLang: string, lang: string): string => {
  try {
    return new Intl.DisplayNames([pageLang], { type: "language" }).of(lang) ?? lang;
  } catch {
    return lang;
  }
};

/**
 * A value put into a message of the catalog (plain text, as `{payer}` in "No invoices for {payer}"): wrapped in
 * Unicode isolates (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE), the plain-text form of `<bdi>`.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
