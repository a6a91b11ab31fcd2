export * as FeeSchedule from "./FeeSchedule.js";
export * as Gateway from "./Gateway.js";
export * as Invoice from "./Invoice.js";
export * as Ledger from "./Ledger.js";
export * as Money from "./Money.js";
export * as NumberFormat from "./NumberFormat.js";
export * as Quote from "./Quote.js";
export * as Receipt from "./Receipt.js";
