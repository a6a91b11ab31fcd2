/**
 * The filing receipt as a PDF, in the language of the page that asked (Arabic right to left, English, French): what
 * the office received and when, to the minute in the office's time zone (the date that counts as the filing date,
 * Paris Convention art. 4A(3) and the office's law), the application and ST.13 numbers, the mark or title, the
 * applicants, the classes, and the fees due with the quote's lines. Printed through `@ipoffice/documents` (shaped
 * Arabic, embedded fonts; decision 0900).
 */
import { Document } from "@ipoffice/documents";
import type { Publication } from "@ipoffice/domain";
import { Money, type Quote } from "@ipoffice/fees";
import { I18n } from "@ipoffice/ui-components";
import type { PageContext } from "../pages/layout.js";

export interface ReceiptPdfInput {
  readonly right: Publication.PublicRight;
  /** When the office received the filing (the filing event's time), ISO 8601. */
  readonly receivedAt: string | undefined;
  readonly quote: Quote.Quote | undefined;
}

const moneyLocale = (lang: string) => I18n.locale(lang);

/** The date and time in the office's time zone, with its offset from UTC (e.g. "7 December 2026, 10:42 GMT+4"). */
export const receivedText = (lang: string, iso: string, timeZone: string): string => {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(I18n.locale(lang), {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
    hourCycle: "h23",
  })
    .formatToParts(at)
    .map((part) => part.value)
    .join("")
    .concat(
      ` ${
        new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "shortOffset" })
          .formatToParts(at)
          .find((part) => part.type === "timeZoneName")?.value ?? "UTC"
      }`,
    );
};

export const receiptDocument = (p: PageContext, { right, receivedAt, quote }: ReceiptPdfInput): Document.Document => {
  const officeName = p.config.office.names[p.lang] ?? p.config.office.names[p.config.office.defaultLanguage] ?? "";
  const name = right.kind === "trademark" ? (right.mark.text ?? "") : (right.title ?? "");
  const iso = Document.isolate;
  const rows: Array<{ label: string; value: string }> = [
    { label: p.t("records.number"), value: iso(right.applicationNumber) },
    { label: p.t("record.st13"), value: iso(right.st13) },
    ...(receivedAt === undefined
      ? []
      : [{ label: p.t("receipt.receivedAt"), value: iso(receivedText(p.lang, receivedAt, p.config.office.timeZone)) }]),
    { label: p.t("records.filed"), value: iso(I18n.formatDate(p.lang, right.filingDate)) },
    { label: p.t("records.kind"), value: p.t(`kind.${right.kind}`) },
    ...(name ? [{ label: p.t("records.name"), value: iso(name) }] : []),
    {
      label: p.t("records.owner"),
      value: right.owners.map((o) => `${iso(o.name)} (${o.country})`).join(p.lang === "ar" ? "؛ " : "; "),
    },
    ...(right.kind === "trademark"
      ? [
          {
            label: p.t("records.classes"),
            value: right.goodsAndServices
              .map(
                (c) =>
                  `${I18n.formatNumber(p.lang, c.classNumber)} (${p.t("receipt.terms", { count: I18n.formatNumber(p.lang, c.terms.length) })})`,
              )
              .join(p.lang === "ar" ? "، " : ", "),
          },
        ]
      : []),
  ];
  const money = (amount: number) => iso(Money.format(amount, quote?.currency ?? "", moneyLocale(p.lang)));
  return {
    language: p.lang,
    direction: Document.directionOf(p.lang),
    title: `${p.t("receipt.pdfTitle")} ${right.applicationNumber}`,
    header: officeName,
    footer: `${officeName} · ${right.applicationNumber}`,
    blocks: [
      { kind: "title", text: p.t("receipt.pdfTitle") },
      { kind: "paragraph", text: p.t("receipt.intro") },
      { kind: "fields", rows },
      ...(quote === undefined
        ? []
        : ([
            { kind: "heading", text: p.t("receipt.fees") },
            {
              kind: "table",
              columns: [
                { label: p.t("efiling.fees.code"), width: 1.2 },
                { label: p.t("efiling.fees.item"), width: 4 },
                { label: p.t("efiling.fees.quantity"), width: 1, align: "end" },
                { label: p.t("efiling.fees.amount"), width: 1.6, align: "end" },
              ],
              rows: [
                ...quote.lines.map((l) => ({
                  cells: [iso(l.code), iso(l.description), I18n.formatNumber(p.lang, l.quantity), money(l.amount)],
                })),
                { cells: [p.t("efiling.fees.total"), "", "", money(quote.total)], strong: true },
              ],
            },
            {
              kind: "paragraph",
              text: p.t("efiling.fees.caption", { date: I18n.formatDate(p.lang, quote.dueDate) }),
            },
          ] as const)),
    ],
  };
};
