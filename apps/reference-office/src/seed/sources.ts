/**
 * What the demo data is made of: real mark texts and Vienna codes (EUIPO open data), real IPC group titles and
 * Locarno products from the reference-data folder, Nice terms of the office's edition (the shipped 10-2015 list when
 * the reference data has no newer one); party names written for the project. Where the reference data is missing, a
 * small built-in set keeps the demo working.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { niceReference } from "../nice/NiceReference.js";
import type { ReferenceData } from "../ReferenceData.js";

export interface MarkSource {
  readonly text: string;
  readonly viennaCodes: ReadonlyArray<string>;
}
export interface TermSource {
  readonly classNumber: number;
  readonly text: string;
  readonly basicNumber?: string | undefined;
}
export interface TechnicalSource {
  readonly title: string;
  readonly ipc: string;
}
export interface ProductSource {
  readonly product: string;
  readonly locarnoClass: string;
}

export interface SeedSources {
  readonly marks: ReadonlyArray<MarkSource>;
  readonly termsByClass: ReadonlyMap<number, ReadonlyArray<TermSource>>;
  readonly technical: ReadonlyArray<TechnicalSource>;
  readonly products: ReadonlyArray<ProductSource>;
  /** The Nice edition the terms come from (the office's, as the Nice API and the filing page use it). */
  readonly niceEdition: string;
  /** Reference files that were missing (logged by the caller). */
  readonly missing: ReadonlyArray<string>;
}

const builtInMarks: ReadonlyArray<MarkSource> = [
  "NAKHLA",
  "MUSCAT PEARL",
  "AL WADI",
  "SAHAB",
  "QURUM",
  "JABAL",
  "DHOFAR GOLD",
  "SIDAB",
  "FALAJ",
  "BAHJA",
  "RIMAL",
  "NIZWA CRAFT",
  "SEEB FRESH",
  "LUBAN",
  "KHAREEF",
  "SALALAH SUN",
  "MASIRAH",
  "WAHIBA",
  "SUR MARINE",
  "MUTRAH",
].map((text) => ({ text, viennaCodes: [] }));

const builtInTerms: ReadonlyArray<TermSource> = [
  [3, "soaps"],
  [3, "perfumery"],
  [5, "pharmaceutical preparations"],
  [9, "computer software, recorded"],
  [9, "smartphones"],
  [25, "clothing"],
  [25, "footwear"],
  [25, "headgear"],
  [29, "dates, processed"],
  [29, "milk products"],
  [30, "coffee"],
  [30, "tea"],
  [32, "mineral water [beverages]"],
  [35, "advertising"],
  [35, "retail services of clothing"],
  [36, "insurance services"],
  [39, "transport"],
  [41, "education services"],
  [42, "software design and development"],
  [43, "restaurant services"],
  [44, "medical services"],
].map(([classNumber, text]) => ({ classNumber: classNumber as number, text: text as string }));

const builtInTechnical: ReadonlyArray<TechnicalSource> = [
  { title: "Desalination of sea water by reverse osmosis", ipc: "C02F 1/44" },
  { title: "Date palm harvesting apparatus", ipc: "A01D 46/24" },
  { title: "Solar collector with tracking mount", ipc: "F24S 30/00" },
  { title: "Incense burner with temperature control", ipc: "A61L 9/03" },
];

const builtInProducts: ReadonlyArray<ProductSource> = [
  { product: "Coffee pots", locarnoClass: "07-01" },
  { product: "Textile fabrics", locarnoClass: "05-05" },
  { product: "Jewellery", locarnoClass: "11-01" },
  { product: "Bottles", locarnoClass: "09-01" },
];

const stripTags = (s: string) =>
  s
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

const loadMarks = (path: string): MarkSource[] => {
  const records = readJson(path) as Record<string, { Text?: string; Codes?: string[] }>;
  const out: MarkSource[] = [];
  for (const record of Object.values(records)) {
    const text = record.Text?.trim();
    // Marks whose verbal element reads as a name: letters, digits, spaces and a little punctuation.
    if (!text || text.length < 3 || text.length > 40 || !/^[\p{L}\p{N}][\p{L}\p{N} &'.-]*$/u.test(text)) continue;
    const viennaCodes = (record.Codes ?? [])
      .filter((c) => /^\d{6}$/.test(c))
      .map((c) => `${c.slice(0, 2)}.${c.slice(2, 4)}.${c.slice(4, 6)}`);
    out.push({ text, viennaCodes });
  }
  return out;
};

interface IpcNode {
  readonly symbol: string;
  readonly text: string;
  readonly children?: ReadonlyArray<IpcNode>;
}

const loadTechnical = (dir: string): TechnicalSource[] => {
  const out: TechnicalSource[] = [];
  const walk = (node: IpcNode) => {
    if (/\d+\/00$/.test(node.symbol)) {
      const text = stripTags(node.text).split(";")[0]?.trim() ?? "";
      if (text.length >= 12 && text.length <= 120 && !/\bnot provided for\b/i.test(text))
        out.push({ title: text, ipc: node.symbol });
    }
    for (const child of node.children ?? []) walk(child);
  };
  for (const section of ["A", "B", "C", "E", "F", "G", "H"]) {
    try {
      walk(readJson(join(dir, `${section}.json`)) as IpcNode);
    } catch {
      // a missing section only narrows the choice
    }
  }
  return out;
};

const loadProducts = (path: string): ProductSource[] => {
  const data = readJson(path) as Array<{
    Classification: Array<{
      ClassCode: string;
      LocarnoSubClasses: Array<{ SubClassCode: string; SubClassDescription: string }>;
    }>;
  }>;
  const out: ProductSource[] = [];
  for (const c of data[0]?.Classification ?? []) {
    for (const s of c.LocarnoSubClasses) {
      const product = s.SubClassDescription.split(/[,;]/)[0]?.trim();
      if (product && product.length <= 80 && !/miscellaneous/i.test(product)) {
        out.push({ product, locarnoClass: `${c.ClassCode}-${s.SubClassCode}` });
      }
    }
  }
  return out;
};

const group = (terms: ReadonlyArray<TermSource>): Map<number, TermSource[]> => {
  const map = new Map<number, TermSource[]>();
  for (const t of terms) map.set(t.classNumber, [...(map.get(t.classNumber) ?? []), t]);
  return map;
};

export const loadSeedSources = (reference: ReferenceData, niceEdition: string): SeedSources => {
  const missing: string[] = [];
  const attempt = <A>(relative: string, read: (path: string) => A[], fallback: ReadonlyArray<A>): ReadonlyArray<A> => {
    const path = reference.file(relative);
    if (!path) {
      missing.push(relative);
      return fallback;
    }
    try {
      const got = read(path);
      return got.length > 0 ? got : fallback;
    } catch (error) {
      missing.push(`${relative} (${(error as Error).message.slice(0, 200)})`);
      return fallback;
    }
  };
  const marks = attempt("records/euipo-figurative-marks-20k.json", loadMarks, builtInMarks);
  const technical = attempt("classifications/ipc-2006-core-en", loadTechnical, builtInTechnical);
  const products = attempt("classifications/locarno-en.json", loadProducts, builtInProducts);

  // The office's edition, as loaded for the Nice API and the filing page (`niceEdition` is its configured name).
  const nice = niceReference({ config: { nice: { edition: niceEdition } }, reference });
  let terms: ReadonlyArray<TermSource> = builtInTerms;
  if (nice._tag === "Ready") {
    terms = nice.edition.terms.flatMap((t) => {
      const text = t.texts["en"];
      return text ? [{ classNumber: t.classNumber, text, basicNumber: t.basicNumber }] : [];
    });
  } else {
    missing.push(`Nice edition ${niceEdition} (${nice.reasons.join("; ").slice(0, 200)})`);
  }
  const edition = nice._tag === "Ready" ? nice.editionId : niceEdition;
  return { marks, termsByClass: group(terms), technical, products, niceEdition: edition, missing };
};
