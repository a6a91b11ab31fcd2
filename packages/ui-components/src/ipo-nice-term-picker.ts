/** Registers `<ipo-nice-term-picker>`. Import this module for its side effect. */
import { NiceTermPicker } from "./NiceTermPicker.js";

if (!customElements.get("ipo-nice-term-picker")) customElements.define("ipo-nice-term-picker", NiceTermPicker);

declare global {
  interface HTMLElementTagNameMap {
    "ipo-nice-term-picker": NiceTermPicker;
  }
  interface HTMLElementEventMap {
    "ipo-change": CustomEvent<import("./NiceTermPicker.js").NiceTermPickerChange>;
  }
}

export { NiceTermPicker };
