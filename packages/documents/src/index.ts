/**
 * @ipoffice/documents: office documents as data (`Document`) and the templates an office edits to produce
 * certificates and letters (`Template`). The PDF renderer is Node-only: `@ipoffice/documents/node`.
 */
export * as Document from "./Document.js";
export * as Template from "./Template.js";
