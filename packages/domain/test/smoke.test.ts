import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { Calendar, Country } from "@ipoffice/domain";

describe("primitives", () => {
  it("decodes an ST.3 code and an ISO date", () => {
    expect(Schema.decodeUnknownSync(Country.CountryCode)("OM")).toBe("OM");
    expect(Schema.decodeUnknownSync(Calendar.IsoDate)("2026-11-24")).toBe("2026-11-24");
    expect(() => Schema.decodeUnknownSync(Calendar.IsoDate)("2026-13-01")).toThrow();
  });
});
