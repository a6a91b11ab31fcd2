/** Node-only parts of `@ipoffice/fees`: PDF rendering of invoices (pdfkit). */
export * as InvoicePdf from "./InvoicePdf.js";
