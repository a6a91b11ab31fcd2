/** Node-only parts of `@ipoffice/documents`: the PDF renderer and the shipped fonts. */
export * as Fonts from "./Fonts.js";
export * as Pdf from "./Pdf.js";
