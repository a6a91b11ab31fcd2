import { Generator, Parser } from "@ipoffice/madrid";
import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const doc = Generator.ibDocument({ count: 12, seed: 11 });
const root =
  '<tmk:MadridIBToOfficeTransaction xmlns:tmk="http://www.wipo.int/standards/XMLSchema/ST96/Trademark" xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common" com:st96Version="V6_0">';

const failureOf = (events: ReadonlyArray<Parser.BatchEvent>) => {
  const last = events[events.length - 1];
  return last?._tag === "Failed" ? last.error : undefined;
};

describe("hostile and broken input", () => {
  it("refuses an external entity (XXE) without reading the file", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${root}&e;</tmk:MadridIBToOfficeTransaction>`;
    const r = Parser.parseIBDocument(xxe);
    expect(Result.isFailure(r) && r.failure.reason).toBe("DoctypeForbidden");
    expect(Result.isFailure(r) && r.failure.message).not.toMatch(/root:/);
    const office = Parser.parseOfficeDocument(
      xxe.replaceAll("MadridIBToOfficeTransaction", "MadridOfficeToIBTransaction"),
    );
    expect(Result.isFailure(office) && office.failure.reason).toBe("DoctypeForbidden");
  });

  it("refuses entity expansion (billion laughs)", () => {
    const lol = [
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
    ].join("");
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [${lol}]>${root}&lol9;</tmk:MadridIBToOfficeTransaction>`;
    const events = Parser.parseIBBatch(bomb);
    expect(events).toHaveLength(1);
    expect(failureOf(events)?.reason).toBe("DoctypeForbidden");
  });

  it("accepts a byte order mark before the declaration", () => {
    expect(Result.isSuccess(Parser.parseIBDocument(`\uFEFF${doc}`))).toBe(true);
  });

  it("refuses an undeclared entity reference", () => {
    const r = Parser.parseIBDocument(doc.replace("<com:WeekNumber>", "<com:WeekNumber>&xxe;"));
    expect(Result.isFailure(r) && r.failure.reason).toBe("NotWellFormed");
    expect(Result.isFailure(r) && r.failure.message).toMatch(/entity/i);
  });

  it("stops reading a 50 MB+ stream at the configured limit, without buffering it", async () => {
    const limit = 50 * 1024 * 1024;
    let pulled = 0;
    const mb = " ".repeat(1024 * 1024);
    function* chunks() {
      yield `<?xml version="1.0"?>${root}`;
      for (let i = 0; i < 60; i++) {
        pulled++;
        yield mb;
      }
      yield "</tmk:MadridIBToOfficeTransaction>";
    }
    const events: Array<Parser.BatchEvent> = [];
    for await (const e of Parser.readIBBatch(chunks(), { maxInputChars: limit })) events.push(e);
    expect(failureOf(events)?.reason).toBe("InputTooLarge");
    expect(failureOf(events)?.message).toContain(String(limit));
    expect(pulled).toBe(50);
  });

  it("refuses one transaction larger than the per-transaction limit and keeps the earlier ones", () => {
    const at = doc.lastIndexOf("<tmk:MarkSignificantVerbalElementText>") + 38;
    const grown = `${doc.slice(0, at)}${"x".repeat(200_000)}${doc.slice(at)}`;
    const events = Parser.parseIBBatch(grown, { maxItemChars: 100_000 });
    expect(events.some((e) => e._tag === "Transaction")).toBe(true);
    expect(failureOf(events)?.reason).toBe("ItemTooLarge");
  });

  it("refuses nesting deeper than the limit", () => {
    const deep = `${root}${"<a>".repeat(100)}${"</a>".repeat(100)}</tmk:MadridIBToOfficeTransaction>`;
    expect(failureOf(Parser.parseIBBatch(deep))?.reason).toBe("TooDeep");
  });

  it("reports truncated XML after the transactions read before the cut", () => {
    const cut = doc.slice(0, Math.floor(doc.length * 0.7));
    const events = Parser.parseIBBatch(cut);
    expect(events[0]?._tag).toBe("Header");
    expect(events.filter((e) => e._tag === "Transaction").length).toBeGreaterThan(3);
    expect(failureOf(events)?.reason).toBe("NotWellFormed");
    expect(Result.isFailure(Parser.parseIBDocument(cut))).toBe(true);
  });

  it("names the namespace when the root is in the wrong one", () => {
    const wrong = doc.replaceAll("ST96/Trademark", "ST96/Design");
    const r = Parser.parseIBDocument(wrong);
    expect(Result.isFailure(r) && r.failure.reason).toBe("WrongDocument");
    expect(Result.isFailure(r) && r.failure.message).toContain("ST96/Design");
  });

  it("refuses an office document given as an IB document, naming both roots", () => {
    const r = Parser.parseOfficeDocument(doc);
    expect(Result.isFailure(r) && r.failure.message).toContain("MadridOfficeToIBTransaction");
  });

  it("rejects a transaction with an unknown category precisely, and the rest of the batch goes on", () => {
    const bad = doc.replace(
      "<tmk:MadridDesignationCategory>Registration<",
      "<tmk:MadridDesignationCategory>Bogus registration<",
    );
    const events = Parser.parseIBBatch(bad);
    const rejected = events.filter((e) => e._tag === "Rejected");
    expect(rejected).toHaveLength(1);
    const error = rejected[0]?._tag === "Rejected" ? rejected[0].error : undefined;
    expect(error?.reason).toBe("Unsupported");
    expect(error?.index).toBe(0);
    expect(error?.path).toBe(
      "/tmk:MadridIBToOfficeTransaction/tmk:MadridIBToOfficeBag/tmk:MadridDesignation/tmk:MadridDesignationCategory",
    );
    expect(error?.message).toContain('"Bogus registration"');
    expect(events.filter((e) => e._tag === "Transaction")).toHaveLength(11);
  });

  it("rejects a transaction kind this version does not map, saying which", () => {
    const unsupported = doc.replace(
      "<tmk:MadridIBToOfficeBag>",
      "<tmk:MadridIBToOfficeBag><tmk:MadridSecondPartPayment><com:RecordIdentifier>1</com:RecordIdentifier></tmk:MadridSecondPartPayment>",
    );
    const events = Parser.parseIBBatch(unsupported);
    const first = events[1];
    expect(first?._tag === "Rejected" && first.error.message).toMatch(/MadridSecondPartPayment.*not supported/);
    expect(events.filter((e) => e._tag === "Transaction")).toHaveLength(12);
  });

  it("rejects an impossible date and a partial date with the element path", () => {
    const firstRejection = (xml: string) => {
      const e = Parser.parseIBBatch(xml).find((x) => x._tag === "Rejected");
      return e?._tag === "Rejected" ? e.error : undefined;
    };
    const malformed = firstRejection(doc.replace(/<com:RecordFilingDate>[^<]*</, "<com:RecordFilingDate>2026-02-3x<"));
    expect(malformed?.path).toMatch(/tmk:MadridDesignation\/com:RecordFilingDate$/);
    expect(malformed?.message).toContain('invalid date "2026-02-3x"');
    const impossible = firstRejection(doc.replace(/<com:RecordFilingDate>[^<]*</, "<com:RecordFilingDate>2026-02-30<"));
    expect(impossible?.reason).toBe("Invalid");
    expect(impossible?.message).toMatch(/2026-02-30[\s\S]*filingDate/);
    const partial = Parser.parseIBBatch(doc.replace(/<com:ExpiryDate>(\d{4})-\d{2}-\d{2}</, "<com:ExpiryDate>$1<"));
    const p = partial.find((e) => e._tag === "Rejected");
    expect(p?._tag === "Rejected" && p.error.message).toMatch(/partial date/);
  });

  it("cuts every value of the input it echoes: a 20 MB root element name gives a short error", () => {
    const long = "a".repeat(20_000_000);
    const errorsOf = (xml: string) =>
      Parser.parseIBBatch(xml).flatMap((e) => (e._tag === "Failed" || e._tag === "Rejected" ? [e.error] : []));
    const cases = [
      `<${long}/>`,
      `<x:${long} xmlns:x="urn:${"u".repeat(5000)}"/>`,
      `<${long}>`,
      `${root}<tmk:MadridIBTransactionHeader><com:${long.slice(0, 3_000_000)}>`,
      doc.replace("<tmk:MadridIBToOfficeBag>", `<tmk:MadridIBToOfficeBag><tmk:${"b".repeat(3_000_000)}/>`),
      doc.replace(/<com:RecordFilingDate>[^<]*</, `<com:RecordFilingDate>${"9".repeat(3_000_000)}<`),
      doc.replace(
        "<tmk:MadridDesignationCategory>Registration<",
        `<tmk:MadridDesignationCategory>${"R".repeat(3_000_000)}<`,
      ),
    ];
    for (const xml of cases) {
      const errors = errorsOf(xml);
      expect(errors.length, xml.slice(0, 80)).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error.message.length, error.message.slice(0, 200)).toBeLessThanOrEqual(1_000);
        expect((error.path ?? "").length).toBeLessThanOrEqual(1_000);
        // no run of the repeated input longer than 100 characters, and the cut is marked
        expect(error.message).not.toMatch(/([abuR9])\1{100}/);
        expect(error.path ?? "").not.toMatch(/([abuR9])\1{100}/);
      }
      expect(errors.some((e) => e.message.includes("…"))).toBe(true);
    }
    const root20 = errorsOf(`<${long}/>`)[0];
    expect(root20?.message).toBe(
      `root element ${"a".repeat(100)}… is in namespace ""; expected MadridIBToOfficeTransaction in namespace http://www.wipo.int/standards/XMLSchema/ST96/Trademark`,
    );
  });

  it("never throws on mangled input (property)", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: doc.length }),
        fc.nat({ max: doc.length }),
        fc.string({ maxLength: 8 }),
        (cutAt, insertAt, noise) => {
          const mangled = (doc.slice(0, insertAt) + noise + doc.slice(insertAt)).slice(0, Math.max(cutAt, 1));
          const events = Parser.parseIBBatch(mangled);
          expect(Array.isArray(events)).toBe(true);
          Parser.parseIBDocument(mangled);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("streams the same events whatever the chunk boundaries, even inside multi-byte characters", async () => {
    const bytes = new TextEncoder().encode(doc);
    const expected = Parser.parseIBBatch(doc);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: bytes.length }), { maxLength: 12 }), async (cuts) => {
        const points = [...new Set([0, ...cuts, bytes.length])].sort((a, b) => a - b);
        const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
        const events: Array<Parser.BatchEvent> = [];
        for await (const e of Parser.readIBBatch(chunks)) events.push(e);
        expect(events).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
