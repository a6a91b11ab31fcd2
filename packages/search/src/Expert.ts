/**
 * The examiners' expert syntax: field tags, boolean operators, value lists and numbered result sets, e.g.
 * `TM=(NOOR OR NUR) AND CL=25 AND OW="Al Wadi" AND NOT ST=refused` or `#1 AND #2`.
 *
 * - Terms: `TAG op value`, a value list `TAG=v1,v2` (any of them), or a group `TAG=(v1 OR v2 AND NOT v3)`; a bare term
 *   searches all text (`TX`). Values with spaces or special characters are quoted: `"Al Wadi"` (`\"` for a quote).
 * - Operators: `NOT` binds tighter than `AND`, `AND` than `OR`; two terms side by side are joined by `AND`;
 *   parentheses group. `#n` is the numbered result set `n` of the session.
 * - Text operators: `=` the field's default (TM similar, others contains), `==` exact, `~=` similar, `*=` contains.
 *   Dates: `FD=2024`, `FD=2024-03`, `FD=2024-01-01..2024-06-30`, `FD>=2024-01-01`, `FD<=2024-12-31`.
 * - Tags (`fieldTags`): TM mark, GS goods and services, TX any text; OW owner, RP representative, IN inventor,
 *   DS designer, NM any name; AN application, RN registration, ST13, IR international registration, PCT, PN priority
 *   number; KD kind; ST office status, SS standard status; CL Nice class (`CL=25,35:refused` for a per-class status);
 *   VC Vienna, IC IPC, LC Locarno code (a code finds everything under it); FD filing, PD publication, RD registration,
 *   ED expiry, PRD priority date; DG designated state.
 *
 * Errors name the column: `at column 14: unknown field tag XY`.
 */
export { ExpertError, fieldTags, maxExpressionLength, parse, print } from "./internal/expert.js";
