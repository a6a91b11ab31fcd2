import { css, unsafeCSS } from "lit";
import { varOf as v } from "./tokenDefaults.js";

const tones = ["neutral", "info", "success", "warning", "danger"] as const;

/** Badge styles shared by the components: `<span class="badge tone-success">`. */
export const badgeStyles = css`
  .badge {
    display: inline-block;
    padding-block: 0.1em;
    padding-inline: 0.6em;
    border-radius: ${unsafeCSS(v("radius-pill"))};
    font-size: ${unsafeCSS(v("font-size-sm"))};
    font-weight: 600;
    line-height: 1.5;
    white-space: nowrap;
  }
  ${unsafeCSS(tones.map((t) => `.tone-${t}{background:${v(`badge-${t}-bg`)};color:${v(`badge-${t}-fg`)};}`).join("\n"))}
`;
