/** Registers `<ipo-class-status-list>`. Import this module for its side effect. */
import { ClassStatusList } from "./ClassStatusList.js";

if (!customElements.get("ipo-class-status-list")) customElements.define("ipo-class-status-list", ClassStatusList);

declare global {
  interface HTMLElementTagNameMap {
    "ipo-class-status-list": ClassStatusList;
  }
}

export { ClassStatusList };
