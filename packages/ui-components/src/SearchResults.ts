/**
 * `<ipo-search-results>`: a page of hits of `@ipoffice/search`, one card per right: the title or mark (isolated with
 * `<bdi>`, so an Arabic mark on an English page or a Latin one on an Arabic page keeps its own order), the number linked
 * to the record, the kind, the status, the Nice classes as chips each in the colour of its own status (a mark may be
 * registered in class 25 and refused in 35), the owners, and for a search on mark text the similarity with its evidence
 * ("Reads the same in another script: NUR ↔ NUR").
 *
 * Renders on the server (see `@ipoffice/ui-components/ssr`) into declarative shadow DOM: the portal's result page reads
 * the same without JavaScript. This module defines the class only; `ipo-search-results.js` registers the tag.
 */
import { css, html, LitElement, nothing, type PropertyDeclarations, type TemplateResult, unsafeCSS } from "lit";
import { type Digits, dir, formatNumber, type MessageKey, messages, type StatusArea, statusLabel, t } from "./I18n.js";
import { badgeStyles } from "./internal/badgeStyles.js";
import { effectiveLang, explicitDir } from "./internal/host.js";
import { statusTone } from "./internal/statusTone.js";
import { varOf as v } from "./internal/tokenDefaults.js";

/*
 * The shapes below mirror `Engine.Hit` of `@ipoffice/search` (a structural match, so a hit can be passed as it is),
 * with what only the application knows added on: the record's link and the office's label of its status.
 */

/** One reason a mark was found (`Similarity.Evidence` of `@ipoffice/search`): its tag, strength and details. */
export interface EvidenceEntry {
  readonly _tag: string;
  readonly strength: number;
  readonly [detail: string]: unknown;
}

/** The similarity of a hit's closest mark text to the query. */
export interface HitSimilarity {
  readonly score: number;
  readonly text: string;
  readonly evidence: ReadonlyArray<EvidenceEntry>;
}

/** What a result card shows of a right (a subset of `SearchDocument`). */
export interface HitDocument {
  readonly kind: string;
  readonly title?: string | undefined;
  readonly numbers: {
    readonly application?: string | undefined;
    readonly registration?: string | undefined;
    readonly internationalRegistration?: string | undefined;
  };
  readonly owners: ReadonlyArray<string>;
  readonly classes: ReadonlyArray<{ readonly class: number; readonly status: string }>;
  readonly officeStatus?: string | undefined;
}

/** One hit: the engine's `Hit`, plus the link of its record and its status in the office's words. */
export interface SearchHit {
  readonly recordId: string;
  readonly document: HitDocument;
  readonly similarity?: HitSimilarity | undefined;
  /** The record's page; the number is plain text without it. */
  readonly href?: string | undefined;
  /** The office status in the page language (a workflow's label); else the standard label or the code itself. */
  readonly statusLabel?: string | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const strings = (value: unknown, max: number): ReadonlyArray<string> =>
  Array.isArray(value) ? value.filter((s): s is string => typeof s === "string").slice(0, max) : [];

/** Links the component writes: relative or http(s) only, so a hostile `href` (`javascript:`) is dropped. */
export const safeHref = (href: unknown): string | undefined => {
  if (typeof href !== "string" || href.length > 4_000) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.trim());
  return scheme === null || /^https?$/i.test(scheme[1] ?? "") ? href : undefined;
};

/**
 * Keeps the well-formed hits of untrusted input (an attribute, a JSON body): a hit needs a record id and a document
 * with a kind; the rest is taken where it has the right type. Never throws.
 */
export const toSearchHits = (input: unknown): ReadonlyArray<SearchHit> => {
  if (!Array.isArray(input)) return [];
  const hits: Array<SearchHit> = [];
  for (const item of input.slice(0, 500)) {
    if (!isRecord(item) || typeof item["recordId"] !== "string" || !isRecord(item["document"])) continue;
    const d = item["document"];
    const kind = str(d["kind"]);
    if (kind === undefined) continue;
    const numbers = isRecord(d["numbers"]) ? d["numbers"] : {};
    const classes = Array.isArray(d["classes"])
      ? d["classes"]
          .filter(
            (c): c is { class: number; status: string } =>
              isRecord(c) && Number.isInteger(c["class"]) && typeof c["status"] === "string",
          )
          .slice(0, 45)
          .map((c) => ({ class: c.class, status: c.status }))
      : [];
    const s = item["similarity"];
    const similarity =
      isRecord(s) && typeof s["score"] === "number" && Number.isFinite(s["score"]) && typeof s["text"] === "string"
        ? {
            score: s["score"],
            text: s["text"],
            evidence: (Array.isArray(s["evidence"]) ? s["evidence"] : [])
              .filter(
                (e): e is EvidenceEntry =>
                  isRecord(e) && typeof e["_tag"] === "string" && typeof e["strength"] === "number",
              )
              .slice(0, 20),
          }
        : undefined;
    hits.push({
      recordId: item["recordId"],
      document: {
        kind,
        title: str(d["title"]),
        numbers: {
          application: str(numbers["application"]),
          registration: str(numbers["registration"]),
          internationalRegistration: str(numbers["internationalRegistration"]),
        },
        owners: strings(d["owners"], 50),
        classes,
        officeStatus: str(d["officeStatus"]),
      },
      similarity,
      href: safeHref(item["href"]),
      statusLabel: str(item["statusLabel"]),
    });
  }
  return hits;
};

/** A JSON attribute read with a sanitiser; malformed JSON reads as empty. */
export const jsonConverter = <A>(sanitise: (input: unknown) => A, empty: A) => ({
  fromAttribute: (value: string | null): A => {
    if (value === null || value.trim() === "") return empty;
    try {
      return sanitise(JSON.parse(value));
    } catch {
      return empty;
    }
  },
  toAttribute: (value: A): string => JSON.stringify(value),
});

/** The number a card shows: the application number, else the registration, else the international registration. */
export const hitNumber = (document: HitDocument): string =>
  document.numbers.application ??
  document.numbers.registration ??
  (document.numbers.internationalRegistration ? `IR ${document.numbers.internationalRegistration}` : "");

const hasKey = (key: string): key is MessageKey => key in messages.en;

/** The kind in the page language (`trademark` → "Trademark"); an unknown kind as given. */
export const kindLabel = (lang: string, kind: string): string => {
  const key = `kind.${kind}`;
  return hasKey(key) ? t(lang, key) : kind;
};

/** The name of one piece of evidence in the page language; an unknown tag as given. */
export const evidenceLabel = (lang: string, evidence: EvidenceEntry): string => {
  const key = `evidence.${evidence._tag}`;
  return hasKey(key) ? t(lang, key) : evidence._tag;
};

/**
 * What the evidence points at, in the mark's own scripts: the words shared, the two spellings, the transliteration
 * skeletons compared. Empty when the evidence carries nothing to show (looks alike).
 */
export const evidenceDetail = (evidence: EvidenceEntry): ReadonlyArray<string> => {
  const e = evidence as Record<string, unknown>;
  switch (evidence._tag) {
    case "Identical":
      return strings([e["text"]], 1);
    case "Joined":
    case "Split":
    case "ReadsAs":
      return strings([e["query"], e["mark"]], 2);
    case "CrossScript":
      return isRecord(e["skeletons"]) ? strings([e["skeletons"]["query"], e["skeletons"]["mark"]], 2) : [];
    case "SpellingVariant":
      return strings([e["skeleton"]], 1);
    case "SoundsLike":
      return Array.isArray(e["words"])
        ? e["words"]
            .filter(isRecord)
            .slice(0, 5)
            .map((w) => [str(w["query"]), str(w["mark"])].filter((x) => x !== undefined).join(" ~ "))
        : [];
    case "ContainsWord":
    case "SharesWord":
    case "AddedWords":
    case "DroppedWords":
      return strings(e["words"], 10);
    default:
      return [];
  }
};

/** French puts a narrow no-break space before a colon (Lexique des règles typographiques); English and Arabic none. */
const detailSeparator = (lang: string): string => (/^fr\b/i.test(lang) ? "\u202f: " : ": ");

/** Owners are separated by a semicolon: the Arabic one (U+061B) in Arabic. */
const listSeparator = (lang: string): string => (dir(lang) === "rtl" && /^ar\b/i.test(lang) ? "\u061b " : "; ");

/** Pairs (query, mark) are shown as "a ↔ b"; lists of words with commas. */
const pairTags = new Set(["Joined", "Split", "ReadsAs", "CrossScript"]);

/**
 * The status of a hit and its area: the portal indexes a Madrid designation's status as `madrid:<status>`
 * (`madrid:provisionally-refused`), labelled and coloured as a designation; any other value is a right's status.
 */
export const officeStatusOf = (officeStatus: string): { readonly status: string; readonly area: StatusArea } =>
  officeStatus.startsWith("madrid:")
    ? { status: officeStatus.slice("madrid:".length), area: "designation" }
    : { status: officeStatus, area: "right" };

export class SearchResults extends LitElement {
  static override properties: PropertyDeclarations = {
    hits: { converter: jsonConverter(toSearchHits, []) },
    lang: { type: String },
    digits: { type: String },
    headingLevel: { type: Number, attribute: "heading-level" },
    evidenceLimit: { type: Number, attribute: "evidence-limit" },
  };

  /** The page of hits (attribute `hits`: the same as JSON). */
  declare hits: ReadonlyArray<SearchHit>;
  /** Language of the labels (`en`, `ar`, `fr`); inherited from the page when empty. Arabic lays out right to left. */
  declare lang: string;
  /** Digits of class numbers and scores: `latn` (default), `arab` (Arabic-Indic) or `locale`. */
  declare digits: Digits;
  /** `aria-level` of each hit's title (default 2), to fit the page's outline. */
  declare headingLevel: number;
  /** Pieces of evidence shown per hit, strongest first (default 3). */
  declare evidenceLimit: number;

  static override styles = [
    badgeStyles,
    css`
      :host {
        display: block;
        font-family: ${unsafeCSS(v("font-family"))};
        line-height: ${unsafeCSS(v("line-height"))};
        color: ${unsafeCSS(v("color-text"))};
      }
      :host([hidden]) {
        display: none;
      }
      *,
      *::before,
      *::after {
        box-sizing: border-box;
      }
      .hits {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: ${unsafeCSS(v("space-3"))};
      }
      .hit {
        background: ${unsafeCSS(v("color-surface"))};
        border: 1px solid ${unsafeCSS(v("color-border-subtle"))};
        border-inline-start: 4px solid var(--_tone, ${unsafeCSS(v("color-border"))});
        border-radius: ${unsafeCSS(v("radius"))};
        padding: ${unsafeCSS(v("space-3"))} ${unsafeCSS(v("space-4"))};
        display: grid;
        gap: ${unsafeCSS(v("space-2"))};
      }
      .hit.tone-success-edge {
        --_tone: ${unsafeCSS(v("color-success"))};
      }
      .hit.tone-danger-edge {
        --_tone: ${unsafeCSS(v("color-danger"))};
      }
      .hit.tone-warning-edge {
        --_tone: ${unsafeCSS(v("color-warning"))};
      }
      .hit.tone-info-edge {
        --_tone: ${unsafeCSS(v("color-primary"))};
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: ${unsafeCSS(v("space-2"))} ${unsafeCSS(v("space-3"))};
      }
      .title {
        font-weight: 700;
        font-size: ${unsafeCSS(v("font-size-md"))};
      }
      .head .status {
        margin-inline-start: auto;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: ${unsafeCSS(v("space-1"))} ${unsafeCSS(v("space-4"))};
        margin: 0;
        font-size: ${unsafeCSS(v("font-size-sm"))};
      }
      .meta div {
        display: flex;
        gap: ${unsafeCSS(v("space-1"))};
        align-items: baseline;
      }
      dt {
        color: ${unsafeCSS(v("color-text-muted"))};
      }
      dt::after {
        content: ":";
      }
      .base:lang(fr) dt::after {
        content: "\\202f:";
      }
      dd {
        margin: 0;
      }
      a {
        color: ${unsafeCSS(v("color-primary"))};
      }
      a:focus-visible {
        outline: ${unsafeCSS(v("focus-ring-width"))} solid ${unsafeCSS(v("color-focus"))};
        outline-offset: 2px;
        border-radius: 2px;
      }
      .number {
        font-variant-numeric: tabular-nums;
      }
      .chips {
        display: inline-flex;
        flex-wrap: wrap;
        gap: ${unsafeCSS(v("space-1"))};
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .why {
        border-block-start: 1px solid ${unsafeCSS(v("color-border-subtle"))};
        padding-block-start: ${unsafeCSS(v("space-2"))};
        font-size: ${unsafeCSS(v("font-size-sm"))};
      }
      .why-head {
        margin: 0;
        color: ${unsafeCSS(v("color-text-muted"))};
      }
      .score {
        font-weight: 600;
        color: ${unsafeCSS(v("color-text"))};
      }
      .evidence {
        margin: ${unsafeCSS(v("space-1"))} 0 0;
        padding-inline-start: ${unsafeCSS(v("space-5"))};
      }
      .detail {
        color: ${unsafeCSS(v("color-text-muted"))};
      }
      .visually-hidden {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      .empty {
        color: ${unsafeCSS(v("color-text-muted"))};
        margin: 0;
      }
    `,
  ];

  constructor() {
    super();
    this.hits = [];
    this.lang = "";
    this.digits = "latn";
    this.headingLevel = 2;
    this.evidenceLimit = 3;
  }

  /** Clears the server-rendered shadow content before the first client render (as `<ipo-class-status-list>`). */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (this.shadowRoot && !("litElementHydrateSupport" in globalThis)) this.shadowRoot.replaceChildren();
    return super.createRenderRoot();
  }

  private renderEvidence(evidence: EvidenceEntry, lang: string): TemplateResult {
    const detail = evidenceDetail(evidence);
    const pair = pairTags.has(evidence._tag) && detail.length === 2;
    return html`<li part="evidence" data-evidence=${evidence._tag}>
      ${evidenceLabel(lang, evidence)}${
        detail.length === 0
          ? nothing
          : html`<span class="detail">${detailSeparator(lang)}${
              pair
                ? html`<bdi>${detail[0]}</bdi> ↔ <bdi>${detail[1]}</bdi>`
                : detail.map((d, i) => html`${i > 0 ? ", " : ""}<bdi>${d}</bdi>`)
            }</span>`
      }
    </li>`;
  }

  private renderHit(hit: SearchHit, lang: string, level: number): TemplateResult {
    const d = hit.document;
    const options = { digits: this.digits };
    const { status, area } = officeStatusOf(d.officeStatus ?? "");
    const tone = statusTone(status, area);
    const number = hitNumber(d);
    const href = safeHref(hit.href);
    const limit = Math.max(0, Math.floor(Number.isFinite(this.evidenceLimit) ? this.evidenceLimit : 3));
    const evidence = hit.similarity?.evidence.slice(0, limit) ?? [];
    return html`<li part="hit" class="hit tone-${tone}-edge" data-record-id=${hit.recordId} data-kind=${d.kind}>
      <div class="head">
        <span part="title" class="title" role="heading" aria-level=${level}
          ><bdi>${d.title ?? hit.similarity?.text ?? t(lang, "results.untitled")}</bdi></span
        >
        <span class="kind">${kindLabel(lang, d.kind)}</span>
        ${
          status === ""
            ? nothing
            : html`<span part="status" class="badge status tone-${tone}">${hit.statusLabel ?? statusLabel(lang, status, area)}</span>`
        }
      </div>
      <dl class="meta">
        ${
          number === ""
            ? nothing
            : html`<div><dt>${t(lang, "results.number")}</dt><dd>${
                href
                  ? html`<a part="number" class="number" href=${href} dir="ltr">${number}</a>`
                  : html`<span part="number" class="number" dir="ltr">${number}</span>`
              }</dd></div>`
        }
        ${
          d.owners.length === 0
            ? nothing
            : html`<div><dt>${t(lang, "results.owners")}</dt><dd part="owners">${d.owners.map(
                (o, i) => html`${i > 0 ? listSeparator(lang) : ""}<bdi>${o}</bdi>`,
              )}</dd></div>`
        }
        ${
          d.classes.length === 0
            ? nothing
            : html`<div><dt>${t(lang, "results.classes")}</dt><dd><ul class="chips" part="classes">${d.classes.map(
                (c) => {
                  const label = statusLabel(lang, c.status);
                  return html`<li part="class-chip" class="badge tone-${statusTone(c.status)}" data-class=${c.class} data-status=${c.status}
                    ><span aria-hidden="true">${formatNumber(lang, c.class, options)}</span
                    ><span class="visually-hidden">${t(lang, "results.classChip", { classNumber: c.class, status: label }, options)}</span></li
                  >`;
                },
              )}</ul></dd></div>`
        }
      </dl>
      ${
        hit.similarity
          ? html`<div part="why" class="why">
              <p class="why-head">${t(lang, "results.why")} ·
                <span part="score" class="score">${t(lang, "results.score", { score: Math.round(Math.min(1, Math.max(0, hit.similarity.score)) * 100) }, options)}</span>
              </p>
              ${evidence.length > 0 ? html`<ul class="evidence">${evidence.map((e) => this.renderEvidence(e, lang))}</ul>` : nothing}
            </div>`
          : nothing
      }
    </li>`;
  }

  protected override render(): TemplateResult {
    const lang = effectiveLang(this, this.lang);
    const direction = explicitDir(this) ?? dir(lang);
    const hits = toSearchHits(this.hits);
    const level =
      Number.isInteger(this.headingLevel) && this.headingLevel >= 1 && this.headingLevel <= 6 ? this.headingLevel : 2;
    return html`<section part="base" class="base" dir=${direction} lang=${lang} aria-label=${t(lang, "results.label")}>
      ${
        hits.length === 0
          ? html`<p part="empty" class="empty">${t(lang, "results.empty")}</p>`
          : html`<ol class="hits" role="list">${hits.map((hit) => this.renderHit(hit, lang, level))}</ol>`
      }
    </section>`;
  }
}
