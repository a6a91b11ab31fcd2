/**
 * `@ipoffice/ui-components`: Lit web components, design tokens, the office theme and i18n (with right-to-left) for
 * IP office applications. This entry has no side effects: import `@ipoffice/ui-components/ipo-*.js` to register the
 * elements, and `@ipoffice/ui-components/ssr` (Node) to render them to HTML on the server.
 */
export * as I18n from "./I18n.js";
export * as MessageFormat from "./MessageFormat.js";
export * as Theme from "./Theme.js";
export * as Tokens from "./tokens.css.js";
export * as PageStyles from "./pageStyles.js";

export {
  type ClassDecision,
  type ClassEntry,
  ClassStatusList,
  summarize,
  type TermEntry,
  toClassEntries,
} from "./ClassStatusList.js";
export {
  type ClassSelection,
  endpointSearch,
  groupByBestMatch,
  groupSelection,
  NiceTermPicker,
  type NiceTermHit,
  type NiceTermPickerChange,
  type NiceTermSearch,
  type NiceTermSearchOptions,
  parseSelection,
  type SelectedTerm,
  toHits,
  toSelectedTerms,
} from "./NiceTermPicker.js";
export { StatusBadge, statusTone, type Tone, tones } from "./StatusBadge.js";
export {
  addFilter,
  type FacetEntry,
  FacetList,
  type FacetValueEntry,
  facetTitle,
  facetValueLabel,
  toFacetEntries,
} from "./FacetList.js";
export {
  type EvidenceEntry,
  evidenceDetail,
  evidenceLabel,
  type HitDocument,
  type HitSimilarity,
  hitNumber,
  kindLabel,
  officeStatusOf,
  type SearchHit,
  SearchResults,
  toSearchHits,
} from "./SearchResults.js";
