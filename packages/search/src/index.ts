/**
 * @ipoffice/search: search keys across Latin, Arabic and Cyrillic script, explained mark similarity, the query model
 * and the examiners' expert syntax. Pure and synchronous; the PostgreSQL engine stores and queries what these produce.
 */
export * as Keys from "./Keys.js";
export * as Similarity from "./Similarity.js";
export * as Numbers from "./Numbers.js";
export * as Expert from "./Expert.js";
export * as Query from "./Query.js";
export * as SearchDocument from "./SearchDocument.js";
export * as SearchSchema from "./SearchSchema.js";
export * as Statistics from "./Statistics.js";
export * as Engine from "./Engine.js";
