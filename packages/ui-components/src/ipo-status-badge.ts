/** Registers `<ipo-status-badge>`. Import this module for its side effect. */
import { StatusBadge } from "./StatusBadge.js";

if (!customElements.get("ipo-status-badge")) customElements.define("ipo-status-badge", StatusBadge);

declare global {
  interface HTMLElementTagNameMap {
    "ipo-status-badge": StatusBadge;
  }
}

export { StatusBadge };
