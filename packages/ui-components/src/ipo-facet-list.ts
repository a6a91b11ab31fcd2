/** Registers `<ipo-facet-list>`. Import this module for its side effect. */
import { FacetList } from "./FacetList.js";

if (!customElements.get("ipo-facet-list")) customElements.define("ipo-facet-list", FacetList);

declare global {
  interface HTMLElementTagNameMap {
    "ipo-facet-list": FacetList;
  }
}

export { FacetList };
