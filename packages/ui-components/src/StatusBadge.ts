/**
 * `<ipo-status-badge status="partiallyRefused" lang="ar">`: a status label in its tone (success, warning, danger,
 * info, neutral). This module defines the class; `ipo-status-badge.js` registers the tag.
 */
import { css, html, LitElement, type PropertyDeclarations, type TemplateResult } from "lit";
import { dir, statusLabel } from "./I18n.js";
import { badgeStyles } from "./internal/badgeStyles.js";
import { effectiveLang } from "./internal/host.js";
import { statusTone } from "./internal/statusTone.js";

export { statusTone, type Tone } from "./internal/statusTone.js";

export class StatusBadge extends LitElement {
  static override properties: PropertyDeclarations = {
    status: { type: String, reflect: true },
    lang: { type: String },
  };

  /** The status key (`registered`, `partiallyRefused`, `partially-refused`…); unknown values are shown as given. */
  declare status: string;
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
    this.lang = "";
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (this.shadowRoot && !("litElementHydrateSupport" in globalThis)) this.shadowRoot.replaceChildren();
    return super.createRenderRoot();
  }

  protected override render(): TemplateResult {
    const lang = effectiveLang(this, this.lang);
    return html`<span part="badge" class="badge tone-${statusTone(this.status)}" dir=${dir(lang)}>${statusLabel(lang, this.status)}</span>`;
  }
}
