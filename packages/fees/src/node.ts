/** Node-only parts of `@ipoffice/fees`: invoices and receipts as PDF (through `@ipoffice/documents`). */
export * as InvoicePdf from "./InvoicePdf.js";
export * as ReceiptPdf from "./ReceiptPdf.js";
