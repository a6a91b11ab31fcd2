export * as Calendar from "./Calendar.js";
export * as Country from "./Country.js";
