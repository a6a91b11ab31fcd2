/**
 * The publish portal's own styles: the search box, the facets beside the results (above them on narrow screens), the
 * evidence of a similar mark as small tags. Logical properties only, so right-to-left pages mirror by themselves.
 */
export const portalStyles = `
.ipo-search label { display: block; font-weight: 600; margin-block-end: var(--ipo-space-2, 0.5rem); }
.ipo-search__row { display: flex; gap: var(--ipo-space-2, 0.5rem); align-items: stretch; }
.ipo-search__row input[type="search"] { flex: 1; min-inline-size: 0; font-size: 1.1rem; padding: 0.55rem 0.75rem;
  border: 1px solid var(--ipo-color-border, #c9ccd1); border-radius: var(--ipo-radius, 6px); }
.ipo-kinds { display: flex; flex-wrap: wrap; gap: var(--ipo-space-3, 0.75rem); list-style: none; padding: 0; margin-block: var(--ipo-space-4, 1rem); }
.ipo-kinds a { display: block; padding: 0.6rem 1rem; border: 1px solid var(--ipo-color-border, #d7dade); border-radius: var(--ipo-radius, 6px);
  background: var(--ipo-color-surface, #fff); text-decoration: none; color: inherit; }
.ipo-kinds .ipo-figure { display: block; font-size: 1.5rem; font-weight: 700; color: var(--ipo-color-primary, #7a1f2b); }
.ipo-search-layout { display: grid; grid-template-columns: minmax(13rem, 17rem) 1fr; gap: var(--ipo-space-5, 1.5rem); align-items: start; }
@media (max-width: 52rem) { .ipo-search-layout { grid-template-columns: 1fr; } }
.ipo-facets section { margin-block-end: var(--ipo-space-4, 1rem); }
.ipo-facets h2 { font-size: 0.95rem; margin-block: 0 var(--ipo-space-2, 0.5rem); }
.ipo-facets ul { list-style: none; padding: 0; margin: 0; }
.ipo-facets li { display: flex; justify-content: space-between; gap: var(--ipo-space-2, 0.5rem); padding-block: 0.15rem; }
.ipo-evidence { list-style: none; padding: 0; margin: 0.25rem 0 0; display: flex; flex-wrap: wrap; gap: 0.25rem; }
.ipo-evidence li { font-size: 0.75rem; padding: 0.05rem 0.45rem; border-radius: 999px; background: #eef2f7; color: #2b3a4a; }
.ipo-pager { display: flex; gap: var(--ipo-space-2, 0.5rem); margin-block: var(--ipo-space-4, 1rem); }
.ipo-advanced fieldset { border: 1px solid var(--ipo-color-border, #d7dade); border-radius: var(--ipo-radius, 6px); margin-block-end: var(--ipo-space-4, 1rem); }
.ipo-grid { display: grid; gap: var(--ipo-space-3, 0.75rem); grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); align-items: end; }
.ipo-advanced textarea { inline-size: 100%; font-family: ui-monospace, monospace; }
.ipo-range label { display: block; }
.ipo-number { white-space: nowrap; }
.ipo-figures { margin-block-start: var(--ipo-space-3, 0.75rem); }
`;
