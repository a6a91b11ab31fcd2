/**
 * The e-filing pages: the filing form of each kind of right (readable and usable without JavaScript; the Nice term
 * picker enhances the goods and services when scripts run) with an error summary linked to the fields, the check of
 * the goods and services and the fee quote; and the receipt of a filed application.
 */
import { Versions } from "@ipoffice/nice-classification";
import { Country, type Publication } from "@ipoffice/domain";
import { Money, type Quote } from "@ipoffice/fees";
import { I18n } from "@ipoffice/ui-components";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { type IpKind, kindsOf } from "../config/OfficeConfig.js";
import { isolate, ltr } from "../pages/bidi.js";
import { href, layout, type PageContext } from "../pages/layout.js";
import type { PageMessageKey } from "../pages/messages.js";
import type { EditionDetails, EditionInUse } from "../nice/NiceReference.js";
import type { ReportVerdict, ValidationReport } from "../nice/report.js";
import {
  type ClassTerms,
  type ErrorCode,
  type FieldError,
  type FieldName,
  type FormValues,
  formMarkTypes,
  goodsText,
  markCategories,
} from "./form.js";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The fee quote shown on the form and the receipt: a quote, a reason it could not be made, or nothing. */
export type QuoteView =
  | { readonly _tag: "Quote"; readonly quote: Quote.Quote }
  | { readonly _tag: "Unavailable"; readonly reason: string }
  | { readonly _tag: "NeedsValidRequest" };

export interface FormState {
  readonly kind: IpKind;
  readonly values: FormValues;
  readonly errors: ReadonlyArray<FieldError>;
  /** The goods and services as read from the form (for the picker and the textarea). */
  readonly classes: ReadonlyArray<ClassTerms>;
  /** The Nice check of the goods and services, after a submission. */
  readonly check?: ValidationReport | undefined;
  /** True when the goods and services could not be checked (the Nice edition is unavailable). */
  readonly checkUnavailable?: boolean | undefined;
  /** Class headings for the picker and the class list, when the edition is available. */
  readonly headings: Readonly<Record<number, string>>;
  /** The Nice edition the terms are checked against, and where it came from (absent when none could be loaded). */
  readonly edition?: EditionDetails | undefined;
  /** The Nice version in force on the filing date, which the filed classes record (e.g. `13-2026`). */
  readonly editionInForce?: { readonly id: string; readonly date: string } | undefined;
  /** Whether the office quotes fees (a "Calculate fees" button). */
  readonly feesAvailable: boolean;
  readonly quote?: QuoteView | undefined;
  /**
   * For a signed-in applicant or agent (src/efiling/accountsArea.ts): fields placed at the top of the form (the CSRF
   * token, the draft, the agent's client) and buttons beside the filing one (save as draft).
   */
  readonly account?: { readonly fields: Html; readonly actions: Html } | undefined;
}

const fieldId = (name: FieldName) => `f-${name}`;

const kindHeading: Record<IpKind, PageMessageKey> = {
  trademark: "efiling.section.mark",
  patent: "efiling.section.invention",
  utility_model: "efiling.section.invention",
  industrial_design: "efiling.section.design",
};

/** The label of a field, as shown beside it and in the error summary. */
const labelOf = (p: PageContext, name: FieldName): string => {
  const keys: Record<FieldName, PageMessageKey> = {
    markText: "efiling.markText",
    markType: "record.markType",
    markCategory: "efiling.markCategory",
    ownerName: "efiling.ownerName",
    ownerKind: "efiling.ownerKind",
    ownerCountry: "efiling.country",
    repName: "efiling.repName",
    repCountry: "efiling.repCountry",
    repNumber: "efiling.repNumber",
    goodsAndServices: "record.goods",
    goodsAndServicesText: "efiling.goodsText",
    title: "efiling.rightTitle",
    abstract: "efiling.abstract",
    claimsCount: "efiling.claimsCount",
    ipc: "efiling.ipc",
    inventors: "record.inventors",
    product: "record.product",
    locarnoClass: "record.locarno",
    views: "record.views",
    designers: "record.designers",
    priorities: "efiling.priorities",
  };
  return p.t(keys[name]);
};

const num = (p: PageContext, n: number) => I18n.formatNumber(p.lang, n);

/** A list separator in the page's script: Arabic writes "،" and "؛". */
const listSeparator = (p: PageContext, mark: "," | ";") =>
  p.lang === "ar" ? (mark === "," ? "، " : "؛ ") : `${mark} `;

/** An error in the page language. */
export const errorText = (p: PageContext, e: ErrorCode): string => {
  switch (e.code) {
    case "required":
      return p.t("efiling.error.required");
    case "country":
      return p.t("efiling.error.country");
    case "number":
      return p.t("efiling.error.number", { min: num(p, e.min), max: num(p, e.max) });
    case "ipc":
      return p.t("efiling.error.ipc", { symbol: e.symbol });
    case "locarno":
      return p.t("efiling.error.locarno");
    case "markText":
      return p.t("efiling.error.markText");
    case "tooLong":
      return p.t("efiling.error.tooLong");
    case "goodsLine":
      return p.t("efiling.error.goodsLine", { line: num(p, e.line) });
    case "goodsNone":
      return p.t("efiling.error.goodsNone");
    case "goodsJson":
      return p.t("efiling.error.goodsJson");
    case "classRange":
      return p.t("efiling.error.classRange", { class: e.classNumber });
    case "classEmpty":
      return p.t("efiling.error.classEmpty", { class: num(p, e.classNumber) });
    case "wrongClass":
      return p.t("efiling.error.wrongClass", { term: e.term, class: num(p, e.classNumber), official: e.official });
    case "vagueTerm":
      return p.t("efiling.error.vagueTerm", { term: e.term, class: num(p, e.classNumber), reason: e.reason });
    case "tooManyTerms":
      return p.t("efiling.error.tooManyTerms", { terms: num(p, e.terms) });
    case "priorityLine":
      return p.t("efiling.error.priorityLine", { line: num(p, e.line) });
    case "invalid":
      return p.t("efiling.error.invalid", { detail: e.detail });
  }
};

const errorsOf = (state: FormState, name: FieldName) => state.errors.filter((e) => e.field === name);

/** Label, hint, errors and the control, wired for assistive technology. */
const field = (
  p: PageContext,
  state: FormState,
  name: FieldName,
  control: (attrs: HtmlEscapedString) => Html,
  options: { hint?: string; optional?: boolean; label?: string } = {},
) => {
  const id = fieldId(name);
  const errors = errorsOf(state, name);
  const describedBy = [options.hint ? `${id}-hint` : "", errors.length > 0 ? `${id}-error` : ""]
    .filter((s) => s !== "")
    .join(" ");
  const attrs = html`id="${id}" name="${name}"${describedBy ? html` aria-describedby="${describedBy}"` : ""}${
    errors.length > 0 ? raw(' aria-invalid="true"') : ""
  }` as HtmlEscapedString;
  return html`<div class="ipo-field${errors.length > 0 ? " ipo-field--error" : ""}">
<label for="${id}">${options.label ?? labelOf(p, name)}${options.optional ? html` <span class="ipo-muted">${p.t("efiling.optional")}</span>` : ""}</label>
${options.hint ? html`<p class="ipo-hint" id="${id}-hint">${options.hint}</p>` : ""}
${errors.length > 0 ? html`<p class="ipo-error" id="${id}-error">${errors.map((e, i) => html`${i > 0 ? html`<br>` : ""}<span class="ipo-visually-hidden">${p.t("efiling.errorPrefix")} </span>${errorText(p, e.error)}`)}</p>` : ""}
${control(attrs)}
</div>`;
};

const input = (
  p: PageContext,
  state: FormState,
  name: FieldName,
  options: {
    hint?: string;
    optional?: boolean;
    label?: string;
    type?: string;
    maxlength?: number;
    dir?: string;
    inputmode?: string;
    autocomplete?: string;
  } = {},
) =>
  field(
    p,
    state,
    name,
    (attrs) =>
      html`<input ${attrs} type="${options.type ?? "text"}" value="${state.values[name] ?? ""}"${options.maxlength ? html` maxlength="${options.maxlength}"` : ""}${options.dir ? html` dir="${options.dir}"` : ""}${options.inputmode ? html` inputmode="${options.inputmode}"` : ""}${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ""}>`,
    options,
  );

const textarea = (
  p: PageContext,
  state: FormState,
  name: FieldName,
  options: { hint?: string; optional?: boolean; label?: string; rows?: number; value?: string } = {},
) =>
  field(
    p,
    state,
    name,
    (attrs) =>
      html`<textarea ${attrs} rows="${options.rows ?? 4}" dir="auto">${options.value ?? state.values[name] ?? ""}</textarea>`,
    options,
  );

const select = (
  p: PageContext,
  state: FormState,
  name: FieldName,
  options: ReadonlyArray<{ value: string; label: string }>,
  settings: { hint?: string; optional?: boolean; placeholder?: string; selected?: string } = {},
) => {
  const current = state.values[name] ?? settings.selected ?? "";
  return field(
    p,
    state,
    name,
    (attrs) => html`<select ${attrs}>
${settings.placeholder !== undefined ? html`<option value="">${settings.placeholder}</option>` : ""}
${options.map((o) => html`<option value="${o.value}"${o.value === current ? raw(" selected") : ""}>${o.label}</option>`)}
</select>`,
    settings,
  );
};

const regionNames = new Map<string, Intl.DisplayNames | undefined>();

/** ST.3 states (not regional offices) with names in the page language where Intl knows them, sorted by name. */
const countryLists = new Map<string, ReadonlyArray<{ value: string; label: string }>>();

export const countryOptions = (lang: string): ReadonlyArray<{ value: string; label: string }> => {
  const known = countryLists.get(lang);
  if (known !== undefined) return known;
  if (!regionNames.has(lang)) {
    try {
      regionNames.set(lang, new Intl.DisplayNames([lang], { type: "region", fallback: "none" }));
    } catch {
      regionNames.set(lang, undefined);
    }
  }
  const names = regionNames.get(lang);
  const collator = new Intl.Collator(lang);
  const list = Country.all
    .filter((c) => Country.kind(c.code) === "state")
    .map((c) => {
      let label: string | undefined;
      try {
        label = names?.of(c.code);
      } catch {
        label = undefined;
      }
      // The code isolated: a Latin code in an Arabic option keeps its order (options hold text only, no <bdi>).
      return { value: c.code, label: `${label ?? Country.name(c.code)} (${isolate(c.code)})` };
    })
    .sort((a, b) => collator.compare(a.label, b.label));
  // Only the office's few languages reach here (pageContext picks one of them).
  countryLists.set(lang, list);
  return list;
};

const section = (id: string, title: string, body: Html) =>
  html`<section class="ipo-card" aria-labelledby="${id}"><h2 id="${id}">${title}</h2><div class="ipo-form">${body}</div></section>`;

const moneyLocale = (lang: string) => I18n.locale(lang);

/** An itemised quote: one row per line, the total last. */
export const quoteTable = (p: PageContext, quote: Quote.Quote) => html`<div class="ipo-table-wrap">
<table class="ipo-table">
<caption>${p.t("efiling.fees.caption", { date: I18n.formatDate(p.lang, `${quote.dueDate}T00:00:00Z`) })}</caption>
<thead><tr><th scope="col">${p.t("efiling.fees.code")}</th><th scope="col">${p.t("efiling.fees.item")}</th><th scope="col" class="ipo-num">${p.t("efiling.fees.quantity")}</th><th scope="col" class="ipo-num">${p.t("efiling.fees.amount")}</th></tr></thead>
<tbody>${quote.lines.map(
  (l) =>
    html`<tr><td dir="ltr">${l.code}</td><td>${l.description}</td><td class="ipo-num">${num(p, l.quantity)}</td><td class="ipo-num">${Money.format(l.amount, quote.currency, moneyLocale(p.lang))}</td></tr>`,
)}</tbody>
<tfoot><tr><th scope="row" colspan="3">${p.t("efiling.fees.total")}</th><td class="ipo-num"><strong>${Money.format(quote.total, quote.currency, moneyLocale(p.lang))}</strong></td></tr></tfoot>
</table></div>`;

const quoteView = (p: PageContext, view: QuoteView | undefined) => {
  if (view === undefined) return html`<p class="ipo-hint">${p.t("efiling.fees.hint")}</p>`;
  switch (view._tag) {
    case "Quote":
      return quoteTable(p, view.quote);
    case "Unavailable":
      return html`<p class="ipo-error" role="status">${p.t("efiling.fees.unavailable", { reason: view.reason })}</p>`;
    case "NeedsValidRequest":
      return html`<p class="ipo-error" role="status">${p.t("efiling.fees.fixErrors")}</p>`;
  }
};

const verdictBadge = (p: PageContext, v: ReportVerdict) => {
  switch (v.kind) {
    case "official":
      return html`<span class="ipo-badge ipo-badge--success">${p.t("efiling.check.official")}</span>${
        v.basicNumber ? html` <span class="ipo-muted" dir="ltr">${v.basicNumber}</span>` : ""
      }`;
    case "free-text":
      return html`<span class="ipo-badge ipo-badge--warning">${p.t("efiling.check.freeText")}</span>${
        v.suggestions && v.suggestions.length > 0
          ? html`<br><span class="ipo-hint">${p.t("efiling.check.suggestions")} ${v.suggestions.map(
              (s, i) =>
                html`${i > 0 ? listSeparator(p, ";") : ""}<bdi>${s.text} (${p.t("efiling.class", { class: num(p, s.classNumber) })})</bdi>`,
            )}</span>`
          : ""
      }`;
    case "vague":
      return html`<span class="ipo-badge ${v.outcome === "refuse" ? "ipo-badge--danger" : "ipo-badge--warning"}">${p.t(
        v.outcome === "refuse" ? "efiling.check.vagueRefuse" : "efiling.check.vagueQuery",
      )}</span><br><span class="ipo-hint">${v.reason ?? ""} <span class="ipo-muted">(${v.source ?? ""})</span></span>`;
    case "wrong-class":
      return html`<span class="ipo-badge ipo-badge--danger">${p.t("efiling.check.wrongClass", {
        class: (v.officialClasses ?? [v.officialClass ?? 0]).map((c) => num(p, c)).join(", "),
      })}</span>`;
    case "invalid":
      return html`<span class="ipo-badge ipo-badge--danger">${p.t("efiling.check.invalid")}</span>`;
  }
};

/** The term-by-term check of the goods and services. */
export const checkTable = (
  p: PageContext,
  report: ValidationReport,
  options: { titled?: boolean } = {},
) => html`<div class="ipo-table-wrap">
<table class="ipo-table">
<caption>${options.titled === false ? "" : `${p.t("efiling.check.title")} — `}${p.t("efiling.check.summary", {
  official: num(p, report.summary.official),
  free: num(p, report.summary.freeText),
  wrong: num(p, report.verdicts.filter((v) => v.severity === "error").length),
})}</caption>
<thead><tr><th scope="col">${p.t("efiling.classColumn")}</th><th scope="col">${p.t("efiling.term")}</th><th scope="col">${p.t("efiling.checkColumn")}</th></tr></thead>
<tbody>${report.verdicts.map(
  (v) =>
    html`<tr><td class="ipo-num">${num(p, v.classNumber)}</td><td><bdi>${v.text}</bdi></td><td>${verdictBadge(p, v)}</td></tr>`,
)}</tbody></table></div>`;

const errorSummary = (p: PageContext, state: FormState) =>
  state.errors.length === 0
    ? ""
    : html`<div class="ipo-card ipo-error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">${p.t("efiling.errors.title")}</h2>
<ul>${state.errors.map((e) => {
        const target = e.field === "goodsAndServicesText" ? "goodsAndServices" : e.field;
        const text = errorText(p, e.error);
        return target === undefined
          ? html`<li>${text}</li>`
          : html`<li><a href="#${fieldId(target)}">${labelOf(p, target)}: ${text}</a></li>`;
      })}</ul></div>`;

/** Class headings for people without JavaScript: which number is which class. */
const classList = (p: PageContext, headings: Readonly<Record<number, string>>) => {
  const entries = Object.entries(headings);
  if (entries.length === 0) return "";
  return html`<details class="ipo-hint"><summary>${p.t("efiling.classList")}</summary>
<ol class="ipo-class-list">${entries.map(([n, h]) => html`<li value="${n}"><strong>${p.t("efiling.class", { class: num(p, Number(n)) })}</strong> — <bdi>${h}</bdi></li>`)}</ol></details>`;
};

/**
 * The sentences naming the Nice edition in use, per language (English for a language not listed). They live here
 * until the page catalog (src/pages/messages.ts) takes them; `{…}` are replaced by the edition's data, which is in
 * English and is isolated for right-to-left pages.
 */
const editionSentences: Record<string, { readonly inUse: string; readonly headings: string; readonly notice: string }> =
  {
    en: {
      inUse:
        "Terms are checked against the Nice classification, edition {id}: {label}. Source: {source}; licence {licence}.",
      headings: "Class headings: edition {id}.",
      notice: "This is not the edition the office's configuration names: {notice}.",
    },
    ar: {
      inUse: "تُدقَّق البنود وفق تصنيف نيس، الطبعة {id}: {label}. المصدر: {source}؛ الترخيص {licence}.",
      headings: "عناوين الفئات: الطبعة {id}.",
      notice: "ليست هذه الطبعة التي تحددها إعدادات المكتب: {notice}.",
    },
    fr: {
      inUse:
        "Les termes sont vérifiés selon la classification de Nice, édition {id} : {label}. Source : {source} ; licence {licence}.",
      headings: "Intitulés des classes : édition {id}.",
      notice: "Ce n’est pas l’édition que nomme la configuration de l’office : {notice}.",
    },
  };

/** A sentence of `editionSentences` with its values filled in, each value marked as English text. */
const editionSentence = (
  p: PageContext,
  key: "inUse" | "headings" | "notice",
  values: Readonly<Record<string, string>>,
): Html => {
  const template = (editionSentences[p.lang] ?? editionSentences["en"])?.[key] ?? "";
  const parts = template.split(/\{(\w+)\}/);
  return html`${parts.map((part, i) => (i % 2 === 0 ? part : html`<bdi lang="en">${values[part] ?? ""}</bdi>`))}`;
};

/** Which Nice edition the goods and services are checked against and where it came from (decision 0007). */
export const editionNote = (
  p: PageContext,
  edition: EditionInUse & { readonly headings?: EditionDetails["headings"] },
) =>
  html`<p class="ipo-hint" id="nice-edition" data-edition="${edition.id}">${editionSentence(p, "inUse", {
    id: edition.id,
    label: edition.label,
    source: edition.source,
    licence: edition.licence,
  })}${edition.headings ? html` ${editionSentence(p, "headings", { id: edition.headings.id })}` : ""}${
    edition.notice === null ? "" : html` ${editionSentence(p, "notice", { notice: edition.notice })}`
  }</p>`;

const goodsSection = (p: PageContext, state: FormState) => {
  const errors = errorsOf(state, "goodsAndServices");
  const groups = state.classes.filter((c) => c.terms.length > 0);
  return html`<section class="ipo-card" aria-labelledby="s-goods">
<h2 id="s-goods">${p.t("record.goods")}</h2>
<div class="ipo-form" id="${fieldId("goodsAndServices")}" tabindex="-1">
<p class="ipo-hint">${p.t("efiling.goods.hint")}</p>
${state.edition ? editionNote(p, state.edition) : ""}
${
  state.editionInForce
    ? html`<p class="ipo-hint" id="nice-edition-in-force" data-edition="${state.editionInForce.id}">${p.t("efiling.editionInForce", { id: state.editionInForce.id, date: state.editionInForce.date })}${
        state.edition && !Versions.sameEdition(state.edition.id, state.editionInForce.id)
          ? html` ${p.t("efiling.editionInForce.otherList", { list: state.edition.id })}`
          : ""
      }</p>`
    : ""
}
${errors.length > 0 ? html`<p class="ipo-error" id="f-goodsAndServices-error">${errors.map((e, i) => html`${i > 0 ? html`<br>` : ""}<span class="ipo-visually-hidden">${p.t("efiling.errorPrefix")} </span>${errorText(p, e.error)}`)}</p>` : ""}
<ipo-nice-term-picker name="goodsAndServices" endpoint="/api/v1/nice/terms" lang="${p.lang}" data-value="${JSON.stringify(groups)}" data-class-headings="${JSON.stringify(state.headings)}"${errors.length > 0 ? raw(' aria-describedby="f-goodsAndServices-error"') : ""}>
<div slot="fallback" class="ipo-field">
<label for="${fieldId("goodsAndServicesText")}">${p.t("efiling.goodsText")}</label>
<p class="ipo-hint" id="f-goodsAndServicesText-hint">${p.t("efiling.goodsText.hint")}</p>
<textarea id="${fieldId("goodsAndServicesText")}" name="goodsAndServicesText" rows="6" dir="auto" aria-describedby="f-goodsAndServicesText-hint${errors.length > 0 ? " f-goodsAndServices-error" : ""}"${errors.length > 0 ? raw(' aria-invalid="true"') : ""}>${state.values.goodsAndServicesText ? state.values.goodsAndServicesText : goodsText(groups)}</textarea>
</div>
</ipo-nice-term-picker>
${classList(p, state.headings)}
${state.check ? checkTable(p, state.check) : ""}
${state.checkUnavailable ? html`<p class="ipo-hint" role="status">${p.t("efiling.check.unavailable")}</p>` : ""}
</div></section>`;
};

const partiesSections = (
  p: PageContext,
  state: FormState,
  countries: ReadonlyArray<{ value: string; label: string }>,
) => html`
${section(
  "s-owner",
  p.t(state.kind === "trademark" ? "efiling.section.owner" : "efiling.section.applicant"),
  html`${input(p, state, "ownerName", { hint: p.t("efiling.ownerName.hint"), maxlength: 500, autocomplete: "organization" })}
${select(
  p,
  state,
  "ownerKind",
  [
    { value: "legal", label: p.t("efiling.ownerKind.legal") },
    { value: "natural", label: p.t("efiling.ownerKind.natural") },
  ],
  { selected: "legal" },
)}
${select(p, state, "ownerCountry", countries, { placeholder: p.t("efiling.chooseCountry") })}`,
)}
${section(
  "s-rep",
  p.t("efiling.section.representative"),
  html`<p class="ipo-hint">${p.t("efiling.representative.hint")}</p>
${input(p, state, "repName", { optional: true, maxlength: 500 })}
${input(p, state, "repNumber", { optional: true, maxlength: 50, dir: "ltr" })}
${select(p, state, "repCountry", countries, { placeholder: p.t("efiling.chooseCountry"), optional: true })}`,
)}`;

const rightSection = (p: PageContext, state: FormState) => {
  switch (state.kind) {
    case "trademark":
      return section(
        "s-right",
        p.t(kindHeading.trademark),
        html`${input(p, state, "markText", { hint: p.t("efiling.markText.hint"), maxlength: 1000 })}
${select(
  p,
  state,
  "markType",
  formMarkTypes.map((t) => ({ value: t, label: p.t(`markType.${t}`) })),
  { selected: "word" },
)}
${select(
  p,
  state,
  "markCategory",
  markCategories.map((c) => ({ value: c, label: p.t(`markCategory.${c}`) })),
  { selected: "individual" },
)}`,
      );
    case "patent":
    case "utility_model":
      return section(
        "s-right",
        p.t(kindHeading[state.kind]),
        html`${input(p, state, "title", { maxlength: 2000 })}
${textarea(p, state, "abstract", { optional: true, rows: 5 })}
${input(p, state, "claimsCount", { type: "text", inputmode: "numeric", maxlength: 5, dir: "ltr" })}
${input(p, state, "ipc", { optional: true, hint: p.t("efiling.ipc.hint"), dir: "ltr" })}
${textarea(p, state, "inventors", { hint: p.t("efiling.people.hint"), rows: 3 })}`,
      );
    case "industrial_design":
      return section(
        "s-right",
        p.t(kindHeading.industrial_design),
        html`${input(p, state, "title", { optional: true, label: p.t("efiling.designTitle"), maxlength: 2000 })}
${input(p, state, "product", { hint: p.t("efiling.product.hint"), maxlength: 1000 })}
${input(p, state, "locarnoClass", { hint: p.t("efiling.locarno.hint"), maxlength: 5, dir: "ltr" })}
${input(p, state, "views", { inputmode: "numeric", maxlength: 3, dir: "ltr" })}
${textarea(p, state, "designers", { optional: true, hint: p.t("efiling.people.hint"), rows: 3 })}`,
      );
  }
};

const kindTabs = (
  p: PageContext,
  kind: IpKind,
) => html`<nav aria-label="${p.t("efiling.kindChoice")}" class="ipo-kind-tabs">
<p class="ipo-label">${p.t("efiling.kindChoice")}</p>
<ul>${kindsOf(p.config).map(
  (k) =>
    html`<li><a href="${href(p, "/file", { kind: k })}"${k === kind ? raw(' aria-current="page"') : ""}>${p.t(`kind.${k}`)}</a></li>`,
)}</ul></nav>`;

/** Page-specific styles: the error summary, kind tabs and the class list (the rest is `PageStyles`). */
const styles = html`<style>
.ipo-error-summary{border:3px solid var(--ipo-color-danger,#b3261e);}
.ipo-error-summary:focus{outline:var(--ipo-focus-ring-width,3px) solid var(--ipo-color-focus,#1a73e8);}
.ipo-error-summary ul{margin:0;padding-inline-start:1.25rem;}
.ipo-error-summary a{color:var(--ipo-color-danger,#b3261e);font-weight:600;}
.ipo-field--error{border-inline-start:4px solid var(--ipo-color-danger,#b3261e);padding-inline-start:var(--ipo-space-3,0.75rem);}
.ipo-kind-tabs ul{display:flex;flex-wrap:wrap;gap:var(--ipo-space-2,0.5rem);list-style:none;margin:0 0 var(--ipo-space-4,1rem);padding:0;}
.ipo-kind-tabs a{display:inline-block;padding:var(--ipo-space-2,0.5rem) var(--ipo-space-3,0.75rem);border:1px solid var(--ipo-color-border,#8a8a8a);border-radius:var(--ipo-radius,6px);background:var(--ipo-color-surface,#fff);text-decoration:none;}
.ipo-kind-tabs a[aria-current="page"]{background:var(--ipo-color-primary,#00594f);color:var(--ipo-color-primary-contrast,#fff);border-color:var(--ipo-color-primary,#00594f);font-weight:600;}
.ipo-class-list{columns:2 20rem;margin-block:var(--ipo-space-2,0.5rem) 0;}
.ipo-actions{display:flex;flex-wrap:wrap;gap:var(--ipo-space-3,0.75rem);align-items:center;}
ipo-nice-term-picker{display:block;}
</style>`;

export const formPage = (p: PageContext, state: FormState) => {
  const countries = countryOptions(p.lang);
  const title = p.t("efiling.title");
  const body = html`${styles}
<h1>${title}</h1>
${errorSummary(p, state)}
<p>${p.t("efiling.intro")}</p>
${kindTabs(p, state.kind)}
<form method="post" action="${href(p, "/file")}" novalidate accept-charset="utf-8">
<input type="hidden" name="kind" value="${state.kind}">
${state.account?.fields ?? ""}
<h2 class="ipo-visually-hidden">${p.t(`kind.${state.kind}`)}</h2>
${rightSection(p, state)}
${section(
  "s-priority",
  p.t("efiling.section.priority"),
  textarea(p, state, "priorities", {
    optional: true,
    hint: p.t(
      state.kind === "patent" || state.kind === "utility_model"
        ? "efiling.priorities.hint12"
        : "efiling.priorities.hint6",
    ),
    rows: 2,
  }),
)}
${partiesSections(p, state, countries)}
${state.kind === "trademark" ? goodsSection(p, state) : ""}
${
  state.feesAvailable
    ? html`<section class="ipo-card" aria-labelledby="s-fees"><h2 id="s-fees">${p.t("efiling.section.fees")}</h2>
<div id="fees">${quoteView(p, state.quote)}</div>
<button class="ipo-button ipo-button--secondary" type="submit" name="intent" value="quote">${p.t("efiling.calculate")}</button></section>`
    : ""
}
<div class="ipo-actions"><button class="ipo-button" type="submit" name="intent" value="file">${p.t("efiling.submit")}</button>
${state.account?.actions ?? ""}
<span class="ipo-hint">${p.t("efiling.submit.hint")}</span></div>
</form>
<script type="module" src="/file/form.js"></script>`;
  return layout(p, {
    title: state.errors.length > 0 ? `${p.t("efiling.errorPrefix")} ${title}` : title,
    current: "file",
    body,
  });
};

const date = (p: PageContext, iso: string) => I18n.formatDate(p.lang, `${iso}T00:00:00Z`);

export interface ReceiptInput {
  readonly right: Publication.PublicRight;
  /** Whether the public register shows the right today (else the receipt says when it will). */
  readonly inRegister: boolean;
  readonly quote: QuoteView | undefined;
  readonly check: ValidationReport | undefined;
  /** The address of this receipt as a PDF. */
  readonly pdf: string;
  /** The filing's invoice with its pay button, for the holder of the receipt's link. */
  readonly payment?: HtmlEscapedString | undefined;
}

export const receiptPage = (p: PageContext, { right, inRegister, quote, check, pdf, payment }: ReceiptInput) => {
  const name = right.kind === "trademark" ? (right.mark.text ?? "") : (right.title ?? "");
  const recordHref = href(p, `/records/${right.st13}`);
  const body = html`${styles}
<h1>${p.t("receipt.title")}</h1>
<div class="ipo-card" role="status" aria-labelledby="receipt-number">
<p>${p.t("receipt.intro")}</p>
<dl class="ipo-dl">
<dt id="receipt-number">${p.t("records.number")}</dt><dd><strong dir="ltr">${right.applicationNumber}</strong></dd>
<dt>${p.t("record.st13")}</dt><dd><span dir="ltr">${right.st13}</span></dd>
<dt>${p.t("records.filed")}</dt><dd>${date(p, right.filingDate)}</dd>
<dt>${p.t("records.kind")}</dt><dd>${p.t(`kind.${right.kind}`)}</dd>
${name ? html`<dt>${p.t("records.name")}</dt><dd><bdi>${name}</bdi></dd>` : ""}
<dt>${p.t("records.owner")}</dt><dd>${right.owners.map((o, i) => html`${i > 0 ? listSeparator(p, ";") : ""}<bdi>${o.name}</bdi> (${ltr(o.country)})`)}</dd>
${
  right.kind === "trademark"
    ? html`<dt>${p.t("records.classes")}</dt><dd>${right.goodsAndServices.map(
        (c, i) =>
          html`${i > 0 ? listSeparator(p, ",") : ""}${num(p, c.classNumber)} <span class="ipo-muted">(${p.t("receipt.terms", { count: num(p, c.terms.length) })})</span>`,
      )}</dd>`
    : ""
}
</dl></div>
${
  check && check.summary.freeText > 0
    ? html`<section class="ipo-card" aria-labelledby="s-check"><h2 id="s-check">${p.t("efiling.check.title")}</h2>
<p>${p.t("receipt.freeText", { count: num(p, check.summary.freeText) })}</p>${editionNote(p, check.edition)}${checkTable(p, check, { titled: false })}</section>`
    : ""
}
${
  quote
    ? html`<section class="ipo-card" aria-labelledby="s-fees"><h2 id="s-fees">${p.t("receipt.fees")}</h2>${quoteView(p, quote)}</section>`
    : ""
}
${payment ?? ""}
${inRegister ? "" : html`<p>${p.t("receipt.notYetPublic")}</p>`}
<p class="ipo-actions"><a class="ipo-button" href="${pdf}" type="application/pdf">${p.t("receipt.pdf")}</a>
${inRegister ? html`<a class="ipo-button ipo-button--secondary" href="${recordHref}">${p.t("receipt.record")}</a>` : ""}
<a class="ipo-button ipo-button--secondary" href="${href(p, "/file", { kind: right.kind })}">${p.t("receipt.another")}</a></p>`;
  return layout(p, { title: `${p.t("receipt.title")}: ${right.applicationNumber}`, current: "file", body });
};

/** A short page for requests the form cannot take at all (too large, not a form). */
export const messagePage = (p: PageContext, title: string, text: string) =>
  layout(p, {
    title,
    current: "file",
    body: html`<h1>${title}</h1><p>${text}</p><p><a href="${href(p, "/file")}">${p.t("efiling.title")}</a></p>`,
  });
