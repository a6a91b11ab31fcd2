/**
 * @ipoffice/nice-classification: the Nice classification as a fast, multilingual, browser-safe library.
 * File readers live in the Node-only entry `@ipoffice/nice-classification/node`.
 */
export * as Edition from "./Edition.js";
export * as EditionDiff from "./EditionDiff.js";
export * as GeneralIndications from "./GeneralIndications.js";
export * as Import from "./Import.js";
export * as Normalize from "./Normalize.js";
export * as TermIndex from "./TermIndex.js";
export * as Translation from "./Translation.js";
export * as Validation from "./Validation.js";
export * as Versions from "./Versions.js";
