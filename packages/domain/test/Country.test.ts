import { readFileSync } from "node:fs";
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { Country } from "@ipoffice/domain";
import { needs, referenceFile } from "../../../test-support/reference-data.js";

const decode = Schema.decodeUnknownResult(Country.CountryCode);
const st3 = needs("standards/st3-country-codes.csv", "README.md");

describe.skipIf(st3.skip)(st3.title("Country against the reference data"), () => {
  it("holds every code of the ST.3 list, in its order, as many as data/README.md states", () => {
    const csv = readFileSync(referenceFile("standards/st3-country-codes.csv"), "utf8");
    const readme = readFileSync(referenceFile("README.md"), "utf8");
    const stated = Number(/English names: (\d+) codes/.exec(readme)?.[1]);
    expect(stated).toBe(233);
    expect(Country.all).toHaveLength(stated);
    const sourceCodes = csv
      .split("\n")
      .slice(1)
      .filter((l) => l.trim() !== "")
      .map((l) => l.slice(0, 2));
    expect(Country.all.map((c) => c.code)).toEqual(sourceCodes);
  });
});

describe("Country", () => {
  it("ships the 233 codes of the ST.3 list, each once, in code order", () => {
    expect(Country.all).toHaveLength(233);
    const codes = Country.all.map((c) => c.code);
    expect(new Set(codes).size).toBe(233);
    expect(codes).toEqual([...codes].sort());
    for (const c of Country.all) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.name.trim(), c.code).not.toBe("");
    }
  });

  it("decodes real codes, including the regional offices, and nothing else", () => {
    for (const code of ["OM", "JO", "BG", "EM", "EP", "WO", "GC", "OA", "AP", "BX", "EA", "QZ", "IB"]) {
      expect(Result.isSuccess(decode(code)), code).toBe(true);
    }
    for (const bad of ["ZZ", "om", "OMN", "", " OM", "UK", 42, null]) {
      expect(Result.isFailure(decode(bad)), String(bad)).toBe(true);
    }
    const failure = decode("ZZ");
    expect(Result.isFailure(failure) && failure.failure.message).toContain('"ZZ" is not a WIPO ST.3 code');
  });

  it("names codes, including names with commas (quoted in the source CSV)", () => {
    const code = (c: string) => Schema.decodeUnknownSync(Country.CountryCode)(c);
    expect(Country.name(code("OM"))).toBe("Oman");
    expect(Country.name(code("GC"))).toContain("Gulf");
    expect(Country.name(code("BQ"))).toBe("Bonaire, Sint Eustatius and Saba");
    expect(Country.all.find((c) => c.code === "EM")?.name).toBe("European Union Intellectual Property Office (EUIPO)");
  });

  it("tells regional offices and international organisations from states", () => {
    const code = (c: string) => Schema.decodeUnknownSync(Country.CountryCode)(c);
    for (const c of ["EM", "EP", "GC", "OA", "AP", "BX", "EA", "QZ"])
      expect(Country.isRegionalOffice(code(c)), c).toBe(true);
    for (const c of ["OM", "SA", "FR", "WO", "EU", "XX"]) expect(Country.isRegionalOffice(code(c)), c).toBe(false);
    expect(Country.kind(code("WO"))).toBe("internationalOrganisation");
    expect(Country.kind(code("EP"))).toBe("regionalOffice");
    expect(Country.kind(code("EU"))).toBe("other");
    expect(Country.kind(code("JO"))).toBe("state");
    expect(Country.regionalOffices).toHaveLength(10);
    expect(Country.internationalOrganisations).toHaveLength(3);
  });
});
