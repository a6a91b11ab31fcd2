import fc from "fast-check";
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { ApplicationNumber, Country } from "@ipoffice/domain";

const { Pattern, format, parse } = ApplicationNumber;
const pattern = (text: string) => Schema.decodeUnknownSync(Pattern)(text);
const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r);
const failure = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error(`expected a failure, got ${JSON.stringify(r.success)}`);
  return r.failure;
};

describe("Pattern", () => {
  it("accepts office patterns and says what is wrong with bad ones", () => {
    for (const good of [
      "{kind}{yyyy}/{serial:6}",
      "TM/{yyyy}/{serial:5}",
      "{serial}",
      "P-{yy}-{serial}",
      "{serial:9}{kind}",
    ]) {
      expect(Result.isSuccess(Schema.decodeUnknownResult(Pattern)(good)), good).toBe(true);
    }
    const cases: Array<[string, string]> = [
      ["", "empty"],
      ["TM/{yyyy}", "no {serial}"],
      ["{serial}{serial:3}", "serial appears more than once"],
      ["{yyyy}{yy}{serial}", "year appears more than once"],
      ["{kind}{kind}{serial}", "{kind} appears more than once"],
      ["{serial:0}", "unknown token {serial:0}"],
      ["{serial:10}", "unknown token {serial:10}"],
      ["{month}{serial}", "unknown token {month}"],
      ["TM/{yyyy/{serial}", '"{" without a matching "}"'],
      ["TM/{serial", '"{" without a matching "}"'],
      ["TM}/{serial}", '"}" without a matching "{"'],
      [" TM{serial}", "starts or ends with a space"],
      ["TM\n{serial}", "control characters"],
      [`${"X".repeat(70)}{serial}`, "longer than 64"],
    ];
    for (const [bad, message] of cases) {
      const r = Schema.decodeUnknownResult(Pattern)(bad);
      expect(Result.isFailure(r) && r.failure.message, bad).toContain(message);
    }
    expect(failure(ApplicationNumber.compile("TM/{month}/{serial}")).position).toBe(4);
  });

  it("configures one pattern per kind of right", () => {
    const config = Schema.decodeUnknownSync(ApplicationNumber.Patterns)({
      trademark: "TM/{yyyy}/{serial:5}",
      patent: "P{yyyy}{serial:6}",
    });
    expect(config.trademark).toBe("TM/{yyyy}/{serial:5}");
    expect(
      Result.isFailure(Schema.decodeUnknownResult(ApplicationNumber.Patterns)({ industrial_design: "D{yyyy}" })),
    ).toBe(true);
  });
});

describe("format, next and parse", () => {
  it("formats and parses office numbers", () => {
    const tm = pattern("TM/{yyyy}/{serial:5}");
    expect(ok(format(tm, { year: 2026, serial: 42 }))).toBe("TM/2026/00042");
    expect(ok(parse(tm, "TM/2026/00042"))).toEqual({ year: 2026, serial: 42 });
    expect(ok(parse(tm, "  TM/2026/00042 "))).toEqual({ year: 2026, serial: 42 });
    const any = pattern("{kind}{yyyy}/{serial:6}");
    expect(ok(format(any, { kind: "P", year: 2026, serial: 7 }))).toBe("P2026/000007");
    expect(ok(parse(any, "UM2026/000123"))).toEqual({ kind: "UM", year: 2026, serial: 123 });
    const short = pattern("{serial}/{yy}");
    expect(ok(format(short, { year: 2026, serial: 1234 }))).toBe("1234/26");
    expect(ok(parse(short, "1234/26"))).toEqual({ year: 2026, serial: 1234 });
    const packed = pattern("{serial}{yyyy}");
    expect(ok(parse(packed, "12342026"))).toEqual({ year: 2026, serial: 1234 });
  });

  it("refuses values the pattern cannot show", () => {
    const tm = pattern("TM/{yyyy}/{serial:5}");
    expect(failure(format(tm, { year: 2026, serial: 100_000 })).message).toBe("serial 100000 does not fit in 5 digits");
    expect(failure(format(tm, { serial: 1 })).message).toContain("no year was given");
    expect(failure(format(tm, { year: 2026, serial: 0 })).message).toContain("from 1 to 999999999");
    expect(failure(format(pattern("{kind}{serial}"), { kind: "tm", serial: 1 })).message).toContain("capital letters");
    expect(failure(format(pattern("{yy}{serial}"), { year: 1999, serial: 1 })).message).toContain("2000 to 2099");
  });

  it("generates the next number, restarting the serial each year when the pattern shows the year", () => {
    const tm = pattern("TM/{yyyy}/{serial:5}");
    expect(ok(ApplicationNumber.next(tm, { year: 2026 })).text).toBe("TM/2026/00001");
    expect(ok(ApplicationNumber.next(tm, { year: 2026 }, { year: 2026, serial: 41 })).text).toBe("TM/2026/00042");
    expect(ok(ApplicationNumber.next(tm, { year: 2027 }, { year: 2026, serial: 41 })).text).toBe("TM/2027/00001");
    const running = pattern("{serial:7}");
    expect(ok(ApplicationNumber.next(running, { year: 2027 }, { year: 2026, serial: 41 })).text).toBe("0000042");
    expect(
      failure(ApplicationNumber.next(pattern("{serial:2}"), { year: 2027 }, { year: 2027, serial: 99 })).message,
    ).toBe("serial 100 does not fit in 2 digits");
  });

  it("parse errors name what is wrong and where", () => {
    const tm = pattern("TM/{yyyy}/{serial:5}");
    const e = failure(parse(tm, "TM-2026/00042"));
    expect(e._tag).toBe("ParseError");
    expect(e.position).toBe(1);
    expect(e.message).toBe('expected "TM/", found "TM-"');
    expect(failure(parse(tm, "TM/26/00042")).message).toBe('expected a 4-digit year, found "26/0"');
    expect(failure(parse(tm, "TM/2026/0042")).message).toBe('expected a 5-digit serial number, found "0042"');
    expect(failure(parse(tm, "TM/2026/00042/1")).message).toBe('unexpected "/1" after the number');
    expect(failure(parse(tm, "TM/2026/00000")).message).toContain("at least 1");
    expect(failure(parse(tm, "")).message).toContain("empty");
    expect(failure(parse(pattern("{serial}"), "0042")).message).toContain("must not start with 0");
    expect(failure(parse(pattern("{serial}"), "1234567890")).message).toContain("more than 9 digits");
    const long = failure(parse(tm, "TM/2026/".padEnd(10_000, "9")));
    expect(long.message).toContain("longer than 64");
    expect(long.text.length).toBeLessThanOrEqual(65);
  });

  it("property: parse(format(x)) = x for random patterns and values", () => {
    const literal = fc.string({ unit: fc.constantFrom(..."TMPD/-. 0123456789abcXYZ_#ر"), maxLength: 4 });
    const serialToken = fc.oneof(
      fc.integer({ min: 1, max: 9 }).map((w) => `{serial:${w}}`),
      fc.constant("{serial}"),
    );
    const yearToken = fc.constantFrom("{yyyy}", "{yy}", "");
    const kindToken = fc.constantFrom("{kind}", "");
    const arbCase = fc
      .tuple(serialToken, yearToken, kindToken, fc.array(literal, { minLength: 4, maxLength: 4 }), fc.nat(5))
      .chain(([serial, year, kind, literals, rotation]) => {
        const tokens = [serial, year, kind];
        const ordered = tokens.map((_, i) => tokens[(i + rotation) % 3] as string);
        const text =
          `${literals[0]}${ordered[0]}${literals[1]}${ordered[1]}${literals[2]}${ordered[2]}${literals[3]}`.trim();
        const width = /\{serial:(\d)\}/.exec(serial)?.[1];
        const maxSerial = width === undefined ? ApplicationNumber.maxSerial : 10 ** Number(width) - 1;
        return fc.record({
          text: fc.constant(text),
          serial: fc.integer({ min: 1, max: maxSerial }),
          year:
            year === "{yyyy}"
              ? fc.integer({ min: 1, max: 9999 })
              : year === "{yy}"
                ? fc.integer({ min: 2000, max: 2099 })
                : fc.constant(undefined),
          kind: kind === "" ? fc.constant(undefined) : fc.stringMatching(/^[A-Z]{1,5}$/),
        });
      });
    fc.assert(
      fc.property(arbCase, ({ text, serial, year, kind }) => {
        const compiled = Schema.decodeUnknownResult(Pattern)(text);
        fc.pre(Result.isSuccess(compiled) && text.length <= 40);
        const p = ok(compiled);
        const parts: { serial: number; year?: number; kind?: string } = { serial };
        if (year !== undefined) parts.year = year;
        if (kind !== undefined) parts.kind = kind;
        const written = ok(format(p, parts));
        expect(ok(parse(p, written))).toEqual(parts);
      }),
      { numRuns: 2000 },
    );
  });

  it("property: parse and compile never throw on random or hostile input", () => {
    const tm = pattern("{kind}{yyyy}/{serial}");
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const r = parse(tm, text);
        if (Result.isFailure(r)) {
          expect(r.failure.message.length).toBeGreaterThan(0);
          expect(r.failure.position).toBeGreaterThanOrEqual(1);
        }
        expect(
          Result.isSuccess(ApplicationNumber.compile(text)) || Result.isFailure(ApplicationNumber.compile(text)),
        ).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // Whatever parse accepts is canonical: formatting the parts gives the text back.
    for (const source of ["{kind}{yyyy}/{serial}", "{serial}{yy}", "TM{kind}-{serial:3}"]) {
      const p = pattern(source);
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom(..."TMPX0129/-"), maxLength: 16 }), (text) => {
          const r = parse(p, text);
          if (Result.isSuccess(r)) expect(ok(format(p, r.success))).toBe(text.trim());
        }),
        { numRuns: 3000 },
      );
    }
    // Strings built from the pattern's own pieces reach deeper than random text.
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."TMP0129/{}ykinds:"), maxLength: 80 }), (text) => {
        expect(() => parse(tm, text)).not.toThrow();
        expect(() => Schema.decodeUnknownResult(Pattern)(text)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
    expect(failure(parse(tm, "A".repeat(1_000_000))).message).toContain("longer than 64");
    expect(failure(parse(tm, 42 as unknown as string)).message).toBe("not a string");
  });
});

describe("ST.13", () => {
  it("writes and reads the ST.13 form", () => {
    expect(ok(ApplicationNumber.toSt13({ office: "OM", ipType: "trademark", year: 2026, serial: 1234 }))).toBe(
      "OM502026000001234",
    );
    expect(ok(ApplicationNumber.toSt13({ office: "BG", ipType: "patent", year: 2025, serial: 5 }))).toBe(
      "BG102025000000005",
    );
    // A WIPO Global Brand Database identifier.
    expect(ok(ApplicationNumber.fromSt13("US502025099551004"))).toEqual({
      office: "US",
      ipTypeCode: "50",
      ipType: "trademark",
      year: 2025,
      serial: 99551004,
    });
    const st13 = Schema.decodeUnknownSync(ApplicationNumber.St13)("OM502026000001234");
    expect(ApplicationNumber.st96Digits(st13)).toBe("502026000001234");
    expect(ApplicationNumber.st96Digits(st13)).toMatch(/^\d{2}\d{4}\d{9}$/); // ST.96 ST13ApplicationNumberType
  });

  it("lets an office use its own IP type codes", () => {
    const codes = { ...ApplicationNumber.defaultIpTypeCodes, industrial_design: "70" };
    expect(
      ok(ApplicationNumber.toSt13({ office: "JO", ipType: "industrial_design", year: 2026, serial: 9 }, codes)),
    ).toBe("JO702026000000009");
    expect(ok(ApplicationNumber.fromSt13("JO702026000000009", codes)).ipType).toBe("industrial_design");
    expect(ok(ApplicationNumber.fromSt13("JO992026000000009")).ipType).toBeUndefined();
  });

  it("converts an office number to ST.13, with year 0000 when the pattern has none", () => {
    const om = Schema.decodeUnknownSync(Country.CountryCode)("OM");
    const tm = pattern("TM/{yyyy}/{serial:5}");
    expect(ok(ApplicationNumber.officeToSt13(tm, "TM/2026/00042", om, "trademark"))).toBe("OM502026000000042");
    const em = Schema.decodeUnknownSync(Country.CountryCode)("EM");
    expect(ok(ApplicationNumber.officeToSt13(pattern("{serial:9}"), "018123456", em, "trademark"))).toBe(
      "EM500000018123456",
    );
    expect(failure(ApplicationNumber.officeToSt13(tm, "TM/2026/0004", om, "trademark"))._tag).toBe("ParseError");
  });

  it("reports bad input", () => {
    expect(
      failure(ApplicationNumber.toSt13({ office: "ZZ", ipType: "patent", year: 2026, serial: 1 })).message,
    ).toContain("not a WIPO ST.3 office code");
    expect(
      failure(ApplicationNumber.toSt13({ office: "OM", ipType: "patent", year: 2026, serial: 1_000_000_000 })).message,
    ).toContain("serial 1000000000");
    expect(failure(ApplicationNumber.fromSt13("OM50202600000123")).message).toContain("15 digits");
    expect(failure(ApplicationNumber.fromSt13("ZZ502026000001234")).message).toContain("ZZ is not");
    expect(Result.isFailure(Schema.decodeUnknownResult(ApplicationNumber.St13)("ZZ502026000001234"))).toBe(true);
    expect(failure(ApplicationNumber.fromSt13("9".repeat(100_000))).message).toContain("longer than 64");
    const hostile = failure(
      ApplicationNumber.toSt13({ office: "X".repeat(100_000), ipType: "constructor" as "patent", year: 1, serial: 1 }),
    );
    expect(hostile.message.length).toBeLessThan(100);
    expect(
      failure(ApplicationNumber.toSt13({ office: "OM", ipType: "__proto__" as "patent", year: 1, serial: 1 })).message,
    ).toContain("no two-digit ST.13 code");
  });

  it("property: fromSt13(toSt13(x)) = x, and fromSt13 never throws", () => {
    const arb = fc.record({
      office: fc.constantFrom(...Country.all.map((c) => c.code)),
      ipType: fc.constantFrom(
        "patent",
        "utility_model",
        "industrial_design",
        "trademark",
      ) as fc.Arbitrary<ApplicationNumber.IpType>,
      year: fc.integer({ min: 0, max: 9999 }),
      serial: fc.integer({ min: 0, max: ApplicationNumber.maxSerial }),
    });
    fc.assert(
      fc.property(arb, (x) => {
        const st13 = ok(ApplicationNumber.toSt13(x));
        expect(Result.isSuccess(Schema.decodeUnknownResult(ApplicationNumber.St13)(st13))).toBe(true);
        const back = ok(ApplicationNumber.fromSt13(st13));
        expect({ office: back.office, ipType: back.ipType, year: back.year, serial: back.serial }).toEqual(x);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 100 }), (text) => {
        expect(() => ApplicationNumber.fromSt13(text)).not.toThrow();
      }),
    );
  });
});
