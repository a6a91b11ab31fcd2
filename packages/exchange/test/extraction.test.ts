import { createHash } from "node:crypto";
import { DesignSt96, Extraction, PatentLegalStatus, PatentSt96, TrademarkSt96 } from "@ipoffice/exchange";
import { Result } from "effect";
import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { chairs } from "./fixtures/designs.js";
import { desalination } from "./fixtures/patents.js";
import { carriedRecord, lanterna, plainWord } from "./fixtures/trademarks.js";
import { schemaFile, validateAll, withSchemaCheck } from "./xmllint.js";

/** A drop folder in memory: path → bytes, and the order the files were closed in. */
const memoryTarget = () => {
  const files = new Map<string, Uint8Array>();
  const closed: Array<string> = [];
  const target: Extraction.Target = {
    open: (path) => {
      const chunks: Array<Uint8Array> = [];
      return {
        write: (chunk) => {
          chunks.push(chunk.slice());
        },
        close: () => {
          files.set(path, Buffer.concat(chunks));
          closed.push(path);
        },
      };
    },
  };
  return { files, closed, target };
};

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Record `i`: the fixture with its own number and verbal element. */
const trademark = (i: number): TrademarkSt96.TrademarkRecord => {
  const serial = String(i + 1).padStart(5, "0");
  return {
    ...lanterna,
    right: {
      ...lanterna.right,
      applicationNumber: `TM/2025/${serial}`,
      st13: `OM502025${String(i + 1).padStart(9, "0")}`,
      mark: { ...lanterna.right.mark, text: `LANTERNA ${i}` },
    },
  } as TrademarkSt96.TrademarkRecord;
};

const options = (over: Partial<Extraction.ExtractionOptions> = {}) =>
  ({ office: "OM", collection: "trademarks", scope: "full", date: "2026-12-07", ...over }) as const;

/** Checks every checksum and count of a manifest against the files, and returns the XML texts of each ZIP. */
const verify = (files: Map<string, Uint8Array>, written: Extraction.Written) => {
  const { manifest } = written;
  const onDisk = files.get(written.manifestPath);
  expect(onDisk && strFromU8(onDisk)).toBe(Extraction.manifestJson(manifest));
  const sums = strFromU8(files.get(written.checksumsPath) ?? new Uint8Array());
  expect(sums).toBe(Extraction.checksumLines(manifest));
  const xml: Array<{ name: string; text: string }> = [];
  let records = 0;
  for (const f of manifest.files) {
    const zip = files.get(f.path);
    if (zip === undefined) throw new Error(`${f.path} not written`);
    expect(zip.length).toBe(f.bytes);
    expect(sha256(zip)).toBe(f.sha256);
    expect(sums).toContain(`${f.sha256}  ${f.path.split("/").at(-1)}\n`);
    const entries = unzipSync(zip);
    expect(Object.keys(entries)).toEqual(f.entries.map((e) => e.name));
    for (const e of f.entries) {
      const bytes = entries[e.name] as Uint8Array;
      expect(bytes.length).toBe(e.bytes);
      expect(sha256(bytes)).toBe(e.sha256);
      xml.push({ name: e.name, text: strFromU8(bytes) });
    }
    expect(f.entries.reduce((n, e) => n + e.records, 0)).toBe(f.records);
    records += f.records;
  }
  expect(records).toBe(manifest.records);
  return xml;
};

const written: Array<{
  schema: "Trademark" | "DesignApplicationBag" | "BibliographicData" | "PatentLegalStatusData";
  xml: string;
}> = [];

describe("extraction for WIPO's global databases (data drop folders, ST.96 V6_0 in ZIPs, SHA-256 manifest)", () => {
  it("lays the files out as WIPO's data drop expects: Trademarks/Full_Extraction, office code and date in names", async () => {
    const { files, closed, target } = memoryTarget();
    const records = Array.from({ length: 7 }, (_, i) => trademark(i));
    const out = await Extraction.extract(options({ recordsPerFile: 2, recordsPerZip: 3 }), records, target);
    expect(closed).toEqual([
      "Trademarks/Full_Extraction/OM_TM_FULL_20261207_001.zip",
      "Trademarks/Full_Extraction/OM_TM_FULL_20261207_002.zip",
      "Trademarks/Full_Extraction/OM_TM_FULL_20261207_003.zip",
      // the checksums and the manifest last: a manifest present means its ZIPs are complete
      "Trademarks/Full_Extraction/OM_TM_FULL_20261207.sha256",
      "Trademarks/Full_Extraction/OM_TM_FULL_20261207.manifest.json",
    ]);
    expect(out.manifest.files.map((f) => f.entries.map((e) => [e.name, e.records]))).toEqual([
      [
        ["OM_TM_FULL_20261207_001_0001.xml", 2],
        ["OM_TM_FULL_20261207_001_0002.xml", 1],
      ],
      [
        ["OM_TM_FULL_20261207_002_0001.xml", 2],
        ["OM_TM_FULL_20261207_002_0002.xml", 1],
      ],
      [["OM_TM_FULL_20261207_003_0001.xml", 1]],
    ]);
    const xml = verify(files, out);
    const back = xml.flatMap(({ text }) => {
      const r = TrademarkSt96.read(text);
      if (Result.isFailure(r)) throw new Error(r.failure.message);
      return r.success.records.map((x) => x.record);
    });
    expect(back).toEqual(records);
    for (const { text } of xml) written.push({ schema: "Trademark", xml: text });
  });

  it("gives the same bytes when run again, whatever the machine's time zone (fixed entry times, record order)", async () => {
    const run = async () => {
      const { files, target } = memoryTarget();
      await Extraction.extract(options({ scope: "update", recordsPerFile: 1 }), [lanterna, plainWord], target);
      return files;
    };
    const zone = process.env.TZ;
    try {
      process.env.TZ = "Pacific/Kiritimati";
      const a = await run();
      process.env.TZ = "America/Anchorage";
      const b = await run();
      expect([...a.keys()]).toEqual([...b.keys()]);
      for (const [path, bytes] of a) expect(Buffer.compare(bytes, b.get(path) as Uint8Array), path).toBe(0);
      // The entry's DOS time is the extraction's date at midnight (ZIP APPNOTE 4.4.6: time, then date).
      const zip = a.get("Trademarks/Updates/OM_TM_UPDATE_20261207_001.zip") as Uint8Array;
      const view = new DataView(zip.buffer, zip.byteOffset);
      expect(view.getUint16(10, true)).toBe(0);
      expect(view.getUint16(12, true)).toBe(((2026 - 1980) << 9) | (12 << 5) | 7);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("writes a manifest and an empty checksum file for a day without changes, and no ZIP", async () => {
    const { files, target } = memoryTarget();
    const out = await Extraction.extract(options({ scope: "update" }), [], target);
    expect([...files.keys()]).toEqual([
      "Trademarks/Updates/OM_TM_UPDATE_20261207.sha256",
      "Trademarks/Updates/OM_TM_UPDATE_20261207.manifest.json",
    ]);
    expect(out.manifest).toEqual({
      standard: "WIPO ST.96 V6_0",
      office: "OM",
      collection: "trademarks",
      scope: "update",
      date: "2026-12-07",
      records: 0,
      files: [],
      deleted: { records: 0, applications: [], files: [] },
    });
  });

  it("announces records withdrawn from public view in the update's manifest and, for trademarks, as an ST.96 delete file (com:operationCategory Delete)", async () => {
    const gone: Array<Extraction.Deleted> = [
      { applicationNumber: "TM/2025/00009", st13: "OM502025000000009" },
      { applicationNumber: "TM/2025/00003", st13: "OM502025000000003" },
      { applicationNumber: "TM/2025/00009", st13: "OM502025000000009" },
      { applicationNumber: "TM/2025/<&>", st13: "" },
    ];
    const run = async () => {
      const memory = memoryTarget();
      const out = await Extraction.extract(
        options({ scope: "update", recordsPerFile: 1, recordsPerZip: 2 }),
        [trademark(0)],
        memory.target,
        gone,
      );
      return { ...memory, out };
    };
    const { files, closed, out } = await run();
    expect(closed).toEqual([
      "Trademarks/Updates/OM_TM_UPDATE_20261207_001.zip",
      "Trademarks/Updates/OM_TM_UPDATE_20261207_DELETE_001.zip",
      "Trademarks/Updates/OM_TM_UPDATE_20261207_DELETE_002.zip",
      "Trademarks/Updates/OM_TM_UPDATE_20261207.sha256",
      "Trademarks/Updates/OM_TM_UPDATE_20261207.manifest.json",
    ]);
    const deleted = out.manifest.deleted;
    // sorted by application number (byte order), each once
    expect(deleted?.applications).toEqual([
      { applicationNumber: "TM/2025/00003", st13: "OM502025000000003" },
      { applicationNumber: "TM/2025/00009", st13: "OM502025000000009" },
      { applicationNumber: "TM/2025/<&>", st13: "" },
    ]);
    expect(deleted?.records).toBe(3);
    expect(out.manifest.records).toBe(1);
    verify(files, out);
    const sums = strFromU8(files.get(out.checksumsPath) as Uint8Array);
    const texts: Array<string> = [];
    for (const f of deleted?.files ?? []) {
      const zip = files.get(f.path) as Uint8Array;
      expect(sha256(zip)).toBe(f.sha256);
      expect(sums).toContain(`${f.sha256}  ${f.path.split("/").at(-1)}\n`);
      const entries = unzipSync(zip);
      expect(Object.keys(entries)).toEqual(f.entries.map((e) => e.name));
      for (const e of f.entries) {
        expect(sha256(entries[e.name] as Uint8Array)).toBe(e.sha256);
        texts.push(strFromU8(entries[e.name] as Uint8Array));
      }
    }
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('<tmk:Trademark com:operationCategory="Delete">');
    expect(texts[0]).toContain("<com:ApplicationNumberText>TM/2025/00003</com:ApplicationNumberText>");
    expect(texts[0]).toContain("<com:ST13ApplicationNumber>502025000000003</com:ST13ApplicationNumber>");
    expect(texts[2]).toContain("<com:ApplicationNumberText>TM/2025/&lt;&amp;&gt;</com:ApplicationNumberText>");
    expect(texts[2]).not.toContain("ST13ApplicationNumber");
    // nothing of the withdrawn record but its numbers: no mark, no owner
    for (const t of texts) expect(t).not.toMatch(/MarkVerbalElementText|Applicant|ApplicationDate/);
    for (const text of texts) written.push({ schema: "Trademark", xml: text });
    // the same day run again: the same bytes
    const again = await run();
    expect([...again.files.keys()]).toEqual([...files.keys()]);
    for (const [path, bytes] of files) expect(Buffer.compare(bytes, again.files.get(path) as Uint8Array), path).toBe(0);
  });

  it("announces withdrawn designs and patents in the manifest only (their ST.96 documents cannot say Delete with numbers alone)", async () => {
    for (const collection of ["designs", "patents"] as const) {
      const { files, out } = await (async () => {
        const memory = memoryTarget();
        const out = await Extraction.extract(options({ collection, scope: "update" }), [], memory.target, [
          { applicationNumber: "X/1", st13: "OM502025000000001" },
        ]);
        return { ...memory, out };
      })();
      expect([...files.keys()].filter((p) => p.endsWith(".zip"))).toEqual([]);
      expect(out.manifest.deleted).toEqual({
        records: 1,
        applications: [{ applicationNumber: "X/1", st13: "OM502025000000001" }],
        files: [],
      });
      expect(JSON.parse(strFromU8(files.get(out.manifestPath) as Uint8Array)).deleted.records).toBe(1);
    }
  });

  it("refuses deletions in a full extraction, and an empty application number, before writing anything", async () => {
    for (const [over, gone] of [
      [{ scope: "full" }, [{ applicationNumber: "TM/1", st13: "" }]],
      [{ scope: "update" }, [{ applicationNumber: " ", st13: "" }]],
    ] as const) {
      const { files, target } = memoryTarget();
      await expect(Extraction.extract(options(over), [lanterna], target, gone)).rejects.toThrow(
        Extraction.ExtractionOptionsInvalid,
      );
      expect(files.size).toBe(0);
    }
  });

  it("writes designs as dgn:DesignApplicationBag files and patents one pat:BibliographicData per record, with its ST.27 legal status beside it", async () => {
    const { files, target } = memoryTarget();
    const designs = await Extraction.extract(options({ collection: "designs" }), [chairs, chairs], target);
    const legalStatus = {
      officeCode: "OM",
      applicationNumber: "P/2023/000311",
      filingDate: "2023-04-18",
      events: [
        {
          date: "2023-04-18",
          state: "A",
          previousStage: "0",
          currentStage: "1",
          keyEvent: "A10",
          detailedEvent: "A12",
        },
        {
          date: "2025-06-02",
          state: "A",
          previousStage: "2",
          currentStage: "4",
          keyEvent: "F10",
          detailedEvent: "F11",
        },
      ],
    } as unknown as PatentLegalStatus.LegalStatusRecord;
    const other = {
      right: { ...desalination.right, applicationNumber: "P/2023/000400", st13: "OM102023000000400" },
    } as typeof desalination;
    const patents = await Extraction.extract(
      options({ collection: "patents", scope: "update" }),
      [{ ...desalination, legalStatus }, other],
      target,
    );
    expect(designs.manifest.files.map((f) => f.path)).toEqual(["Designs/Full_Extraction/OM_DS_FULL_20261207_001.zip"]);
    expect(patents.manifest.files[0]?.path).toBe("Patents/Updates/OM_PT_UPDATE_20261207_001.zip");
    // a patent's ST.27 legal status beside its bibliographic data, counted as no record of its own
    expect(patents.manifest.files[0]?.entries.map((e) => [e.name, e.records])).toEqual([
      ["OM102023000000311.xml", 1],
      ["OM102023000000311_LEGAL_STATUS.xml", 0],
      ["OM102023000000400.xml", 1],
    ]);
    expect(patents.manifest.records).toBe(2);
    for (const { text } of verify(files, designs)) {
      const r = DesignSt96.read(text);
      expect(Result.isSuccess(r) && r.success.records.map((x) => x.record)).toEqual([chairs, chairs]);
      written.push({ schema: "DesignApplicationBag", xml: text });
    }
    const [first, status, second] = verify(files, patents);
    for (const [entry, number] of [
      [first, desalination.right.applicationNumber],
      [second, other.right.applicationNumber],
    ] as const) {
      const r = PatentSt96.read(entry?.text ?? "", { kind: desalination.right.kind });
      expect(Result.isSuccess(r) && r.success.records.map((x) => x.record.right.applicationNumber)).toEqual([number]);
      written.push({ schema: "BibliographicData", xml: entry?.text ?? "" });
    }
    const back = PatentLegalStatus.read(status?.text ?? "");
    expect(Result.isSuccess(back) && back.success.records.map((x) => x.record)).toEqual([legalStatus]);
    written.push({ schema: "PatentLegalStatusData", xml: status?.text ?? "" });
  });

  it("streams any ST.96 files as one ZIP, entry by entry, the same bytes each time", async () => {
    const entries = () => [
      { name: "0001.xml", chunks: TrademarkSt96.writeChunks([lanterna]) },
      { name: "0002.xml", chunks: DesignSt96.writeChunks([chairs]) },
    ];
    const collect = async () => {
      const parts: Array<Uint8Array> = [];
      for await (const chunk of Extraction.zip(entries(), { date: "2026-12-07" })) parts.push(chunk);
      return { parts: parts.length, bytes: Buffer.concat(parts) };
    };
    const a = await collect();
    const b = await collect();
    expect(a.parts).toBeGreaterThan(2);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const files = unzipSync(a.bytes);
    expect(Object.keys(files)).toEqual(["0001.xml", "0002.xml"]);
    expect(strFromU8(files["0001.xml"] as Uint8Array)).toBe(TrademarkSt96.write([lanterna]));
  });

  it("refuses options it cannot honour before writing anything", async () => {
    for (const bad of [
      { date: "2026-13-01" },
      { date: "1979-12-31" },
      { office: "oman" },
      { recordsPerFile: 0 },
      { recordsPerZip: 60_000 },
    ]) {
      const { files, target } = memoryTarget();
      await expect(Extraction.extract(options(bad), [lanterna], target)).rejects.toThrow(
        Extraction.ExtractionOptionsInvalid,
      );
      expect(files.size).toBe(0);
    }
  });

  it("keeps every record, in order, in files and parts of any size (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(carriedRecord, { minLength: 0, maxLength: 9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        async (records, perFile, perZip) => {
          const { files, target } = memoryTarget();
          const out = await Extraction.extract(
            options({ recordsPerFile: perFile, recordsPerZip: perZip }),
            records,
            target,
          );
          expect(out.manifest.records).toBe(records.length);
          for (const f of out.manifest.files) {
            expect(f.records).toBeLessThanOrEqual(perZip);
            for (const e of f.entries) expect(e.records).toBeLessThanOrEqual(perFile);
          }
          const back = verify(files, out).flatMap(({ text }) => {
            const r = TrademarkSt96.read(text);
            if (Result.isFailure(r)) throw new Error(r.failure.message);
            return r.success.records.map((x) => x.record);
          });
          expect(back).toEqual(records);
        },
      ),
      { numRuns: 40 },
    );
  });

  it(withSchemaCheck("writes XML files valid against the ST.96 V6_0 schemas"), () => {
    expect(written.length).toBeGreaterThan(0);
    for (const schema of ["Trademark", "DesignApplicationBag", "BibliographicData", "PatentLegalStatusData"] as const) {
      const docs = written.filter((w) => w.schema === schema).map((w) => w.xml);
      const results = validateAll(schemaFile(schema), docs);
      results.forEach((r, i) => {
        expect(r.messages, `${schema} document ${i}`).toEqual([]);
        expect(r.valid).toBe(true);
      });
    }
  });
});
