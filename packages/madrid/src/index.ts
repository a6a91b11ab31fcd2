export * as Builder from "./Builder.js";
export * as Codes from "./Codes.js";
export * as IBTransaction from "./IBTransaction.js";
export * as OfficeTransaction from "./OfficeTransaction.js";
export * as Parser from "./Parser.js";
export * as Party from "./Party.js";
export * as Generator from "./Generator.js";
