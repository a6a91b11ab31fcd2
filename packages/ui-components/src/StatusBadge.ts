/**
 * `<ipo-status-badge status="partiallyRefused" lang="ar">`: a status label in its tone (success, warning, danger,
 * info, neutral). One badge for every area: a right or class (`area="right"`, the default), a Madrid designation
 * (`area="designation"`) or an invoice (`area="invoice"`). A status whose label comes from data (a workflow state an
 * office configured) is shown with `label` and, if wanted, `tone`. This module defines the class;
 * `ipo-status-badge.js` registers the tag.
 */
import { css, html, LitElement, type PropertyDeclarations, type TemplateResult } from "lit";
import { dir, type StatusArea, statusLabel, toStatusArea } from "./I18n.js";
import { badgeStyles } from "./internal/badgeStyles.js";
import { effectiveLang } from "./internal/host.js";
import { statusTone, type Tone, toTone } from "./internal/statusTone.js";

export { statusTone, type Tone, tones } from "./internal/statusTone.js";

export class StatusBadge extends LitElement {
  static override properties: PropertyDeclarations = {
    status: { type: String, reflect: true },
    area: { type: String, reflect: true },
    label: { type: String },
    tone: { type: String },
    lang: { type: String },
  };

  /** The status key (`registered`, `partiallyRefused`, `partially-refused`…); unknown values are shown as given. */
  declare status: string;
  /** Where the status belongs: `right` (default), `designation` (Madrid) or `invoice`. */
  declare area: StatusArea;
  /** The text to show instead of the catalog's label (e.g. a workflow state's label from the office's workflow). */
  declare label: string;
  /** The colour family instead of the status's own: `success`, `warning`, `danger`, `info` or `neutral`. */
  declare tone: Tone | "";
  /** Language of the label; inherited from the page when empty. */
  declare lang: string;

  static override styles = [
    badgeStyles,
    css`
      :host {
        display: inline-block;
      }
    `,
  ];

  constructor() {
    super();
    this.status = "";
    this.area = "right";
    this.label = "";
    this.tone = "";
    this.lang = "";
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (this.shadowRoot && !("litElementHydrateSupport" in globalThis)) this.shadowRoot.replaceChildren();
    return super.createRenderRoot();
  }

  protected override render(): TemplateResult {
    const lang = effectiveLang(this, this.lang);
    const area = toStatusArea(this.area);
    const tone = toTone(this.tone) ?? statusTone(this.status, area);
    const text = this.label.trim() !== "" ? this.label : statusLabel(lang, this.status, area);
    return html`<span part="badge" class="badge tone-${tone}" dir=${dir(lang)}><bdi>${text}</bdi></span>`;
  }
}
