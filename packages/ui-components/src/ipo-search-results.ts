/** Registers `<ipo-search-results>`. Import this module for its side effect. */
import { SearchResults } from "./SearchResults.js";

if (!customElements.get("ipo-search-results")) customElements.define("ipo-search-results", SearchResults);

declare global {
  interface HTMLElementTagNameMap {
    "ipo-search-results": SearchResults;
  }
}

export { SearchResults };
