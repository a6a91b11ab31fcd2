/**
 * WIPO ST.3 two-letter codes for states, other entities and intergovernmental organisations.
 */
import { Schema } from "effect";

/** A WIPO ST.3 code such as `OM`, `JO`, `EM` or `WO`. */
export const CountryCode = Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Z]{2}$/)), Schema.brand("CountryCode"));
export type CountryCode = typeof CountryCode.Type;
