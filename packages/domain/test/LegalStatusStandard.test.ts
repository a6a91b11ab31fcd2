import { readFileSync } from "node:fs";
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { LegalStatusStandard as L } from "@ipoffice/domain";
import { needs, referenceFile } from "../../../test-support/reference-data.js";

const st27File = "standards/st27-patent-legal-status-codes.json";
const st96File = "standards/st96-trademark-and-madrid-code-lists.json";
const reference = needs("README.md", st27File, st96File);

/** Reads a list of the reference data (only inside the tests that need it, so a bare clone skips them). */
const source = <K extends "code" | "value">(file: string, list: string, key: K) =>
  (JSON.parse(readFileSync(referenceFile(file), "utf8")) as Record<string, Array<Record<K | "documentation", string>>>)[
    list
  ]?.map((x) => [x[key], x.documentation.replace(/\s+/g, " ").trim()]);

describe.skipIf(reference.skip)(reference.title("the shipped lists against the reference data"), () => {
  it("ST.27 has the counts data/README.md states and the codes and definitions of the source file", () => {
    const readme = readFileSync(referenceFile("README.md"), "utf8");
    const stated = (what: string) => Number(new RegExp(`(\\d+) ${what}`).exec(readme)?.[1]);
    expect(stated("key event codes")).toBe(42);
    expect(L.st27KeyEventCodes).toHaveLength(stated("key event codes"));
    expect(L.st27DetailedEventCodes).toHaveLength(stated("detailed event codes"));
    expect(L.st27EventIndicatorCodes).toHaveLength(stated("event indicators"));
    const pairs = (codes: ReadonlyArray<string>, definition: (code: never) => string) =>
      codes.map((c) => [c, definition(c as never)]);
    expect(pairs(L.st27KeyEventCodes, L.keyEventDefinition)).toEqual(source(st27File, "KeyEventCodeType", "code"));
    expect(pairs(L.st27DetailedEventCodes, L.detailedEventDefinition)).toEqual(
      source(st27File, "DetailedEventCodeType", "code"),
    );
    expect(pairs(L.st27EventIndicatorCodes, L.eventIndicatorDefinition)).toEqual(
      source(st27File, "EventIndicatorCodeType", "code"),
    );
  });

  it("the ST.96 mark categories are the lists of the source file", () => {
    expect(L.markEventCategoryValues.map((v) => [v, L.markEventDefinition(v)])).toEqual(
      source(st96File, "MarkEventCategoryType", "value"),
    );
    expect(L.markCurrentStatusCategoryValues.map((v) => [v, L.markCurrentStatusDefinition(v)])).toEqual(
      source(st96File, "MarkCurrentStatusCategoryType", "value"),
    );
  });
});

describe("ST.27", () => {
  it("ships 42 key events, 179 detailed events and 25 event indicators, each once", () => {
    expect(L.st27KeyEventCodes).toHaveLength(42);
    expect(L.st27DetailedEventCodes).toHaveLength(179);
    expect(L.st27EventIndicatorCodes).toHaveLength(25);
    for (const codes of [L.st27KeyEventCodes, L.st27DetailedEventCodes, L.st27EventIndicatorCodes]) {
      expect(new Set<string>(codes).size).toBe(codes.length);
    }
    expect(L.st27KeyEventCodes.slice(0, 3)).toEqual(["A00", "B00", "C00"]);
    expect(L.st27KeyEventCodes).toContain("A10");
  });

  it("decodes known codes only", () => {
    expect(Schema.decodeUnknownSync(L.St27KeyEvent)("A10")).toBe("A10");
    expect(Schema.decodeUnknownSync(L.St27DetailedEvent)("S39")).toBe("S39");
    expect(Schema.decodeUnknownSync(L.St27EventIndicator)("OPP")).toBe("OPP");
    for (const bad of ["A11", "Z10", "a10", "", 10]) {
      expect(Result.isFailure(Schema.decodeUnknownResult(L.St27KeyEvent)(bad)), String(bad)).toBe(true);
    }
    expect(Result.isFailure(Schema.decodeUnknownResult(L.St27DetailedEvent)("A99"))).toBe(true);
  });

  it("gives WIPO's definitions and short titles", () => {
    expect(L.title("A10")).toBe("Application filed");
    expect(L.keyEventDefinition("A10")).toMatch(/^Application filed: An application for an IP right was filed/);
    expect(L.detailedEventDefinition("A11").length).toBeGreaterThan(10);
    expect(L.eventIndicatorDefinition("OPP")).toBe("Opposition procedure");
    expect(L.eventIndicatorDefinition("EXM")).toBe("Examination procedure");
  });

  it("relates every detailed event to an existing key event of its category", () => {
    for (const code of L.st27DetailedEventCodes) {
      const key = L.keyEventOf(code);
      expect(L.st27KeyEventCodes).toContain(key);
      expect(key[0]).toBe(code[0]);
    }
    expect(L.keyEventOf("A13")).toBe("A10");
    expect(L.keyEventOf("H00")).toBe("H00");
  });

  it("St27Status refuses a detailed event from another category", () => {
    const decode = Schema.decodeUnknownResult(L.St27Status);
    expect(Result.isSuccess(decode({ keyEvent: "F10", detailedEvent: "F11", indicator: "EXM" }))).toBe(true);
    const r = decode({ keyEvent: "A10", detailedEvent: "B11" });
    expect(Result.isFailure(r) && r.failure.message).toContain("belongs to key event B10");
  });
});

describe("ST.96 mark categories", () => {
  it("ships 22 mark event categories and 17 mark current status categories", () => {
    expect(L.markEventCategoryValues).toHaveLength(22);
    expect(L.markCurrentStatusCategoryValues).toHaveLength(17);
  });

  it("decodes known categories only and gives their documentation", () => {
    expect(Schema.decodeUnknownSync(L.MarkCurrentStatusCategory)("Opposition pending")).toBe("Opposition pending");
    expect(Result.isFailure(Schema.decodeUnknownResult(L.MarkCurrentStatusCategory)("Registered"))).toBe(true);
    expect(Result.isFailure(Schema.decodeUnknownResult(L.MarkEventCategory)("application filed"))).toBe(true);
    expect(L.markEventDefinition("Interruption of proceeding")).toBe("Interruption of proceedings");
    expect(L.markCurrentStatusDefinition("Application Filed")).toBe("Application Filed");
  });

  it("keeps an office status beside its standard category", () => {
    const decode = Schema.decodeUnknownResult(L.OfficeStatus);
    expect(
      Result.isSuccess(
        decode({
          code: "OPP",
          label: "Under opposition",
          markCurrentStatus: "Opposition pending",
          markEvent: "Opposition pending",
        }),
      ),
    ).toBe(true);
    expect(Result.isSuccess(decode({ code: "GRANTED", label: "Patent granted", st27: { keyEvent: "F10" } }))).toBe(
      true,
    );
    expect(Result.isFailure(decode({ code: "X", label: "x", markCurrentStatus: "Whatever" }))).toBe(true);
    expect(Result.isFailure(decode({ code: "has space", label: "x" }))).toBe(true);
  });
});

describe("lookup by standard and code", () => {
  it("finds codes in the right list and refuses unknown ones", () => {
    expect(L.lookup("ST.27", "A10")).toMatchObject({ list: "st27KeyEvent", title: "Application filed" });
    expect(L.lookup("ST.27", "A11")?.list).toBe("st27DetailedEvent");
    expect(L.lookup("ST.27", "OPP")?.list).toBe("st27EventIndicator");
    expect(L.lookup("ST.96", "Opposition pending")?.list).toBe("markEvent");
    expect(L.lookup("ST.96", "Application Filed")?.list).toBe("markCurrentStatus");
    expect(L.lookup("ST.27", "Opposition pending")).toBeUndefined();
    expect(L.lookup("ST.96", "A10")).toBeUndefined();
    expect(L.lookup("ST.60" as "ST.27", "A10")).toBeUndefined();
  });

  it("KnownStandardStatus decodes only known codes", () => {
    const decode = Schema.decodeUnknownResult(L.KnownStandardStatus);
    expect(Result.isSuccess(decode({ standard: "ST.27", code: "Q10" }))).toBe(true);
    expect(Result.isSuccess(decode({ standard: "ST.96", code: "Registration cancelled" }))).toBe(true);
    const r = decode({ standard: "ST.27", code: "Q99" });
    expect(Result.isFailure(r) && r.failure.message).toContain('"Q99" is not a ST.27 code');
    expect(Result.isFailure(decode({ standard: "ST.61", code: "A10" }))).toBe(true);
  });
});
