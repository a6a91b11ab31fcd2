import { DesignSt96, PatentLegalStatus, PatentSt96, type Refusal, TrademarkSt96 } from "@ipoffice/exchange";
import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lanterna, plainWord } from "./fixtures/trademarks.js";

const good = TrademarkSt96.write([lanterna, plainWord]);
const bagOpen = '<tmk:TrademarkBag xmlns:tmk="http://www.wipo.int/standards/XMLSchema/ST96/Trademark">';

const refusal = (input: string, options: TrademarkSt96.ReadOptions = {}) => {
  const r = TrademarkSt96.read(input, options);
  if (Result.isSuccess(r)) throw new Error("accepted");
  return r.failure;
};

describe("hostile, broken and oversized files are refused whole, naming the element and line", () => {
  it("refuses an external entity (XXE) without reading the file it names", () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n${bagOpen}<tmk:Trademark>&e;</tmk:Trademark></tmk:TrademarkBag>`;
    const f = refusal(xxe);
    expect(f.reason).toBe("DoctypeForbidden");
    expect(f.line).toBe(2);
    expect(f.message).not.toMatch(/root:/);
  });

  it("refuses entity expansion (billion laughs)", () => {
    const lol = [
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
    ].join("");
    expect(refusal(`<!DOCTYPE lolz [${lol}]>${bagOpen}&lol9;</tmk:TrademarkBag>`).reason).toBe("DoctypeForbidden");
  });

  it("refuses an undeclared entity reference as not well-formed, with its line", () => {
    const f = refusal(good.replace("<tmk:MarkVerbalElementText>QAHWA", "<tmk:MarkVerbalElementText>&xxe;QAHWA"));
    expect(f.reason).toBe("NotWellFormed");
    expect(f.message).toMatch(/entity/i);
    expect(f.line).toBe(2);
  });

  it("refuses nesting deeper than the limit, naming the element", () => {
    const deep = `${bagOpen}<tmk:Trademark>${"<tmk:X>".repeat(100)}${"</tmk:X>".repeat(100)}</tmk:Trademark></tmk:TrademarkBag>`;
    const f = refusal(deep);
    expect(f.reason).toBe("TooDeep");
    expect(f.element).toBe("tmk:X");
    expect(refusal(deep, { limits: { maxDepth: 200 } }).reason).toBe("Invalid");
  });

  it("stops reading a stream at the size limit, without buffering the rest", async () => {
    let pulled = 0;
    const mb = " ".repeat(1024 * 1024);
    function* chunks() {
      yield bagOpen;
      for (let i = 0; i < 40; i++) {
        pulled++;
        yield mb;
      }
      yield "</tmk:TrademarkBag>";
    }
    const r = await TrademarkSt96.readAsync(chunks(), { limits: { maxInputChars: 8 * 1024 * 1024 } });
    expect(Result.isFailure(r) && r.failure.reason).toBe("InputTooLarge");
    expect(pulled).toBeLessThanOrEqual(9);
  });

  it("refuses one record over the record limit", () => {
    const big = good.replace("Coffee", "Coffee".repeat(20_000));
    const f = refusal(big, { limits: { maxRecordChars: 64 * 1024 } });
    expect(f.reason).toBe("RecordTooLarge");
    expect(f.element).toBe("tmk:GoodsServicesDescriptionText");
  });

  it("refuses a document of another namespace, naming both", () => {
    const f = refusal('<TrademarkBag xmlns="urn:example:not-st96"><Trademark/></TrademarkBag>');
    expect(f.reason).toBe("WrongDocument");
    expect(f.message).toContain("urn:example:not-st96");
    expect(f.message).toContain("http://www.wipo.int/standards/XMLSchema/ST96/Trademark");
  });

  it("refuses bytes that are not UTF-8", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(bagOpen), 0xff, 0xfe, 0x80]);
    const r = await TrademarkSt96.readAsync([bytes]);
    expect(Result.isFailure(r) && r.failure.reason).toBe("NotWellFormed");
  });

  it("accepts a byte order mark before the declaration", () => {
    expect(Result.isSuccess(TrademarkSt96.read(`\uFEFF${good}`))).toBe(true);
  });

  it("cuts echoes of huge names in messages", () => {
    const f = refusal(`<${"a".repeat(1_000_000)}>`);
    expect(f.message.length).toBeLessThan(1_200);
  });

  it("refuses a file cut anywhere: nothing partial is returned", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: good.length - 2 }), (end) => {
        const r = TrademarkSt96.read(good.slice(0, end));
        expect(Result.isFailure(r)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("never throws on arbitrary text or on a valid file with bytes changed: records, or a refusal with a reason", () => {
    const mutated = fc
      .tuple(fc.integer({ min: 0, max: good.length - 1 }), fc.string({ maxLength: 8 }))
      .map(([at, s]) => good.slice(0, at) + s + good.slice(at + 1));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), mutated), (input) => {
        const r = TrademarkSt96.read(input);
        if (Result.isFailure(r)) {
          expect(r.failure.reason).toMatch(
            /^(NotWellFormed|DoctypeForbidden|TooDeep|WrongDocument|Invalid|RecordTooLarge)$/,
          );
          expect(r.failure.line).toBeGreaterThanOrEqual(0);
        } else {
          for (const imported of r.success.records) expect(imported.record.right.kind).toBe("trademark");
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("every reader shares the hardening", () => {
  type Read = (input: string) => Result.Result<unknown, Refusal.Refused>;
  const readers: ReadonlyArray<readonly [string, Read, string, string]> = [
    ["DesignSt96", DesignSt96.read, "http://www.wipo.int/standards/XMLSchema/ST96/Design", "DesignApplication"],
    ["PatentSt96", PatentSt96.read, "http://www.wipo.int/standards/XMLSchema/ST96/Patent", "BibliographicData"],
    [
      "PatentLegalStatus",
      PatentLegalStatus.read,
      "http://www.wipo.int/standards/XMLSchema/ST96/Patent",
      "PatentLegalStatusData",
    ],
  ];
  for (const [name, read, uri, root] of readers) {
    it(`${name} refuses a DOCTYPE, a wrong namespace and a cut file`, () => {
      const doc = `<x:${root} xmlns:x="${uri}"></x:${root}>`;
      const dtd = read(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${doc}`);
      expect(Result.isFailure(dtd) && dtd.failure.reason).toBe("DoctypeForbidden");
      const wrong = read(doc.replaceAll(uri, "urn:example:other"));
      expect(Result.isFailure(wrong) && wrong.failure.reason).toBe("WrongDocument");
      const cut = read(doc.slice(0, -3));
      expect(Result.isFailure(cut) && cut.failure.reason).toBe("NotWellFormed");
      // well-formed: read, or refused only for what the model lacks
      const whole = read(doc);
      expect(Result.isSuccess(whole) || whole.failure.reason === "Invalid").toBe(true);
    });
  }
});
