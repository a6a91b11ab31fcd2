/**
 * A base stylesheet for server-rendered pages (record lists, record pages, forms), as a string to inline in a
 * `<style>` element after the tokens and before the office theme:
 *
 * ```ts
 * `<style>${pageStyles}${Theme.themeToCss(office.theme)}</style>`
 * ```
 *
 * It uses logical properties only (`margin-inline-start`, `padding-block`, `inset-inline-end`), so a page with
 * `<html dir="rtl">` lays out right to left with the same CSS. Class names start with `ipo-`.
 */
import { rootCss, varOf as v } from "./internal/tokenDefaults.js";

export { statusTone, type Tone } from "./internal/statusTone.js";

const badgeTones = (["neutral", "info", "success", "warning", "danger"] as const)
  .map((tone) => `.ipo-badge--${tone}{background:${v(`badge-${tone}-bg`)};color:${v(`badge-${tone}-fg`)};}`)
  .join("\n");

const base = `
*,*::before,*::after{box-sizing:border-box;}
html{font-family:${v("font-family")};font-size:100%;line-height:${v("line-height")};color:${v("color-text")};background:${v("color-surface-alt")};-webkit-text-size-adjust:100%;}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;}
a{color:${v("color-primary")};text-underline-offset:0.15em;}
a:hover{text-decoration-thickness:2px;}
:focus-visible{outline:${v("focus-ring-width")} solid ${v("color-focus")};outline-offset:2px;}
img{max-inline-size:100%;}
h1,h2,h3{line-height:1.3;margin-block:0 ${v("space-3")};}
h1{font-size:${v("font-size-xl")};}
h2{font-size:${v("font-size-lg")};}
p{margin-block:0 ${v("space-3")};}
.ipo-skip-link{position:absolute;inset-inline-start:${v("space-2")};inset-block-start:-4rem;padding:${v("space-2")} ${v("space-3")};background:${v("color-surface")};z-index:10;}
.ipo-skip-link:focus{inset-block-start:${v("space-2")};}
.ipo-header{background:${v("color-primary")};color:${v("color-primary-contrast")};}
.ipo-header__inner{display:flex;align-items:center;gap:${v("space-4")};flex-wrap:wrap;max-inline-size:72rem;margin-inline:auto;padding-block:${v("space-3")};padding-inline:${v("space-4")};}
.ipo-header a{color:inherit;}
.ipo-logo{display:inline-flex;align-items:center;gap:${v("space-3")};font-weight:700;font-size:${v("font-size-lg")};text-decoration:none;}
.ipo-logo img{block-size:2.5rem;inline-size:auto;}
.ipo-nav{display:flex;gap:${v("space-4")};margin-inline-start:auto;flex-wrap:wrap;}
.ipo-nav a{text-decoration:none;padding-block:${v("space-1")};border-block-end:2px solid transparent;}
.ipo-nav a[aria-current="page"],.ipo-nav a:hover{border-block-end-color:currentColor;}
.ipo-main{flex:1;inline-size:100%;max-inline-size:72rem;margin-inline:auto;padding:${v("space-5")} ${v("space-4")};}
.ipo-footer{color:${v("color-text-muted")};font-size:${v("font-size-sm")};border-block-start:1px solid ${v("color-border-subtle")};padding:${v("space-4")};text-align:center;}
.ipo-card{background:${v("color-surface")};border:1px solid ${v("color-border-subtle")};border-radius:${v("radius")};padding:${v("space-4")};margin-block-end:${v("space-4")};}
.ipo-muted{color:${v("color-text-muted")};}
.ipo-dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:${v("space-2")} ${v("space-4")};margin:0;}
.ipo-dl dt{font-weight:600;color:${v("color-text-muted")};}
.ipo-dl dd{margin:0;}
.ipo-table-wrap{overflow-x:auto;}
.ipo-table{inline-size:100%;border-collapse:collapse;background:${v("color-surface")};font-size:${v("font-size-sm")};}
.ipo-table caption{text-align:start;font-weight:600;padding-block-end:${v("space-2")};}
.ipo-table th,.ipo-table td{text-align:start;padding:${v("space-2")} ${v("space-3")};border-block-end:1px solid ${v("color-border-subtle")};vertical-align:top;}
.ipo-table thead th{background:${v("color-surface-alt")};font-weight:600;border-block-end:2px solid ${v("color-border")};}
.ipo-table tbody tr:hover{background:${v("color-surface-alt")};}
.ipo-table .ipo-num{text-align:end;font-variant-numeric:tabular-nums;}
.ipo-badge{display:inline-block;padding-block:0.1em;padding-inline:0.6em;border-radius:${v("radius-pill")};font-size:${v("font-size-sm")};font-weight:600;line-height:1.5;white-space:nowrap;}
${badgeTones}
.ipo-form{display:grid;gap:${v("space-4")};max-inline-size:40rem;}
.ipo-field{display:grid;gap:${v("space-1")};}
.ipo-field label,.ipo-label{font-weight:600;}
.ipo-hint{color:${v("color-text-muted")};font-size:${v("font-size-sm")};}
.ipo-error{color:${v("color-danger")};font-size:${v("font-size-sm")};font-weight:600;}
.ipo-input,.ipo-field input,.ipo-field select,.ipo-field textarea{font:inherit;color:${v("color-text")};background:${v("color-surface")};border:1px solid ${v("color-border")};border-radius:${v("radius")};padding:${v("space-2")} ${v("space-3")};min-block-size:2.75rem;inline-size:100%;}
.ipo-field textarea{min-block-size:6rem;}
.ipo-field [aria-invalid="true"]{border-color:${v("color-danger")};}
.ipo-button{display:inline-flex;align-items:center;justify-content:center;gap:${v("space-2")};font:inherit;font-weight:600;min-block-size:2.75rem;padding-block:${v("space-2")};padding-inline:${v("space-4")};border-radius:${v("radius")};border:1px solid ${v("color-primary")};background:${v("color-primary")};color:${v("color-primary-contrast")};cursor:pointer;text-decoration:none;}
.ipo-button:hover{filter:brightness(1.1);}
.ipo-button--secondary{background:${v("color-surface")};color:${v("color-primary")};}
.ipo-button--danger{background:${v("color-danger")};border-color:${v("color-danger")};color:#ffffff;}
.ipo-pagination{display:flex;gap:${v("space-2")};align-items:center;justify-content:center;margin-block:${v("space-4")};}
.ipo-visually-hidden{position:absolute!important;inline-size:1px;block-size:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important;}}
@media print{.ipo-header,.ipo-nav,.ipo-footer,.ipo-skip-link{display:none;}body{background:#fff;}}
`;

/** Token defaults plus the base page styles, to inline in a server-rendered `<style>` element. */
export const pageStyles: string = `${rootCss}\n${base.trim()}\n`;

/** The class names of a status badge for a server-rendered page: `ipo-badge ipo-badge--success`. */
export { badgeClass } from "./internal/badgeClass.js";
