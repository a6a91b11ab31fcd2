export * as Loss from "./Loss.js";
export * as Refusal from "./Refusal.js";
export * as TrademarkSt96 from "./TrademarkSt96.js";
export * as TrademarkSt66 from "./TrademarkSt66.js";
export * as DesignSt96 from "./DesignSt96.js";
export * as PatentSt96 from "./PatentSt96.js";
export * as PatentLegalStatus from "./PatentLegalStatus.js";
export * as Extraction from "./Extraction.js";
