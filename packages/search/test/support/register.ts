/**
 * A generated register for the engine's plan tests and its benchmark: trademarks whose texts recombine the word
 * elements of real EU trade marks (records/euipo-figurative-marks-20k.json of the reference data, when present), one in
 * ten written in Arabic script, goods and services terms from the Nice list shipped with
 * `@ipoffice/nice-classification`, owners drawn from a Zipf distribution (a few owners hold many rights, as in every
 * register), and patents with IPC symbols. Seeded: the same size and seed give the same register.
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadShippedEdition } from "@ipoffice/nice-classification/node";
import { Schema } from "effect";
import { SearchDocument } from "../../src/index.js";

const repositoryRoot = fileURLToPath(new URL("../../../..", import.meta.url));

/** The reference-data folder: `IPO_REFERENCE_DATA` (relative to the repository root), else `../shared/data`. */
export const referenceDataDir = (() => {
  const chosen = process.env.IPO_REFERENCE_DATA;
  if (chosen !== undefined && chosen !== "") return isAbsolute(chosen) ? chosen : resolve(repositoryRoot, chosen);
  return resolve(repositoryRoot, "..", "shared", "data");
})();

export const euipoRecordsFile = join(referenceDataDir, "records", "euipo-figurative-marks-20k.json");

export const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let s = seed;
  s = Math.imul(s ^ (s >>> 15), s | 1);
  s ^= s + Math.imul(s ^ (s >>> 7), s | 61);
  return ((s ^ (s >>> 14)) >>> 0) / 4294967296;
};

const syllables = ["ka", "ro", "mi", "ta", "no", "sa", "li", "ve", "do", "ra", "zen", "tor", "al", "bel", "cor", "nur"];

/** Where the mark words came from, said in the benchmark's output. */
export interface Sources {
  readonly words: string;
  readonly terms: string;
}

const loadWords = (): { words: string[]; texts: string[]; source: string } => {
  if (existsSync(euipoRecordsFile)) {
    const records = JSON.parse(readFileSync(euipoRecordsFile, "utf8")) as Record<string, { Text?: string }>;
    const texts = Object.values(records)
      .map((r) => r.Text?.trim() ?? "")
      .filter((t) => t !== "" && t.length <= 60);
    const words = [...new Set(texts.flatMap((t) => t.split(/\s+/)).filter((w) => /\p{L}{2,}/u.test(w)))];
    return { words, texts, source: `${texts.length} verbal elements of records/euipo-figurative-marks-20k.json` };
  }
  const words: string[] = [];
  for (const a of syllables) for (const b of syllables) words.push(`${a}${b}`.toUpperCase());
  return { words, texts: words, source: "syllables (records/euipo-figurative-marks-20k.json absent)" };
};

/** Latin letters to Arabic ones, so an Arabic-script mark reads like a Latin one (as offices see in practice). */
const toArabic: Record<string, string> = {
  a: "ا",
  b: "ب",
  c: "ك",
  d: "د",
  e: "ي",
  f: "ف",
  g: "ج",
  h: "ه",
  i: "ي",
  j: "ج",
  k: "ك",
  l: "ل",
  m: "م",
  n: "ن",
  o: "و",
  p: "ب",
  q: "ق",
  r: "ر",
  s: "س",
  t: "ت",
  u: "و",
  v: "ف",
  w: "و",
  x: "كس",
  y: "ي",
  z: "ز",
};
export const arabicScript = (latin: string): string =>
  latin
    .toLowerCase()
    .split(/\s+/)
    .map((w) => [...w].map((c) => toArabic[c] ?? "").join(""))
    .filter((w) => w !== "")
    .join(" ");

const legalForms = ["LLC", "Ltd", "GmbH", "S.A.", "SAOG", "Inc.", "Co.", "B.V.", "شركة", "Holdings"];
const statuses = ["pending", "accepted", "registered", "registered", "registered", "refused", "withdrawn", "expired"];
const officeStatuses: Record<string, string> = {
  pending: "Filed",
  accepted: "Accepted",
  registered: "Registered",
  refused: "Refused",
  withdrawn: "Withdrawn",
  expired: "Expired",
  granted: "Granted",
};
const ipcSections = ["A", "B", "C", "D", "E", "F", "G", "H"];
const states = ["OM", "AE", "SA", "BH", "QA", "KW", "EG", "JO", "MA", "TN"];

const decode = Schema.decodeUnknownSync(SearchDocument.SearchDocument);

export interface Register {
  readonly documents: ReadonlyArray<SearchDocument.SearchDocument>;
  readonly sources: Sources;
}

export interface RegisterOptions {
  readonly trademarks: number;
  readonly patents: number;
  readonly seed?: number;
  readonly officeCode?: string;
}

/** Generates a register. Documents are decoded with `SearchDocument`, so each is valid. */
export const generate = (options: RegisterOptions): Register => {
  const random = mulberry32(options.seed ?? 42);
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(random() * xs.length)] as A;
  const office = options.officeCode ?? "OM";
  const { words, texts, source } = loadWords();
  const edition = loadShippedEdition();
  const terms = edition.terms.map((t) => ({ classNumber: t.classNumber, text: t.texts["en"] ?? "" }));
  const termsByClass = new Map<number, string[]>();
  for (const t of terms)
    if (t.text !== "") termsByClass.set(t.classNumber, [...(termsByClass.get(t.classNumber) ?? []), t.text]);
  const ownerCount = Math.max(20, Math.floor((options.trademarks + options.patents) / 25));
  const owners = Array.from({ length: ownerCount }, (_, i) => {
    const name = `${pick(words)} ${pick(words)}`.replace(/[^\p{L}\p{N}' -]/gu, "").trim() || `Owner ${i}`;
    const form = pick(legalForms);
    return form === "شركة" ? `شركة ${arabicScript(name) || name}` : `${name} ${form}`;
  });
  // Zipf (s = 1): owner k is chosen with weight 1/k.
  const harmonic: number[] = [];
  let sum = 0;
  for (let k = 1; k <= ownerCount; k++) {
    sum += 1 / k;
    harmonic.push(sum);
  }
  const zipfOwner = () => {
    const target = random() * sum;
    let lo = 0;
    let hi = harmonic.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((harmonic[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return owners[lo] as string;
  };
  const date = (from: number, to: number) => {
    const y = from + Math.floor(random() * (to - from + 1));
    const m = 1 + Math.floor(random() * 12);
    const d = 1 + Math.floor(random() * 28);
    return { y, text: `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
  };
  const documents: SearchDocument.SearchDocument[] = [];
  for (let i = 0; i < options.trademarks; i++) {
    const base =
      random() < 0.5 ? pick(texts) : Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(words)).join(" ");
    const arabic = random() < 0.1;
    const text = (arabic ? arabicScript(base) : base).slice(0, 200) || "MARK";
    const classCount = 1 + Math.floor(random() * 3);
    const classes = [...new Set(Array.from({ length: classCount }, () => 1 + Math.floor(random() * 45)))];
    const status = pick(statuses);
    const filing = date(1996, 2026);
    const madrid = random() < 0.15;
    documents.push(
      decode({
        officeCode: office,
        recordId: `TM${String(i).padStart(8, "0")}`,
        kind: "trademark",
        numbers: {
          application: `TM/${filing.y}/${String(i).padStart(6, "0")}`,
          ...(status === "registered" ? { registration: `R${String(i).padStart(7, "0")}` } : {}),
          ...(madrid ? { internationalRegistration: String(1_000_000 + i) } : {}),
        },
        markTexts: [text],
        owners: [zipfOwner()],
        representatives: random() < 0.6 ? [`${pick(words)} IP Agents`] : [],
        inventors: [],
        classes: classes.map((c) => ({
          class: c,
          status: status === "registered" && random() < 0.1 ? "refused" : status,
        })),
        terms: classes.flatMap((c) => {
          const list = termsByClass.get(c) ?? [];
          return list.length === 0 ? [] : [pick(list), pick(list)];
        }),
        vienna:
          random() < 0.5
            ? [`${1 + Math.floor(random() * 29)}.${1 + Math.floor(random() * 10)}.${1 + Math.floor(random() * 20)}`]
            : [],
        ipc: [],
        locarno: [],
        officeStatus: officeStatuses[status],
        standardStatus: status,
        dates: { filing: filing.text },
        designatedStates: madrid ? [pick(states), pick(states)] : [],
      }),
    );
  }
  const titleWords = terms.map((t) => t.text).filter((t) => t !== "");
  for (let i = 0; i < options.patents; i++) {
    const filing = date(1996, 2026);
    const section = pick(ipcSections);
    const ipc = Array.from(
      { length: 1 + Math.floor(random() * 3) },
      () =>
        `${section}${String(1 + Math.floor(random() * 99)).padStart(2, "0")}${String.fromCharCode(65 + Math.floor(random() * 26))} ${1 + Math.floor(random() * 99)}/${String(Math.floor(random() * 100)).padStart(2, "0")}`,
    );
    const status = random() < 0.5 ? "granted" : pick(statuses);
    documents.push(
      decode({
        officeCode: office,
        recordId: `PT${String(i).padStart(8, "0")}`,
        kind: random() < 0.1 ? "utility_model" : "patent",
        numbers: {
          application: `P/${filing.y}/${i}`,
          ...(random() < 0.3 ? { pct: `PCT/EP${filing.y}/${String(i).padStart(6, "0")}` } : {}),
        },
        title: `${pick(titleWords)} and ${pick(titleWords)}`.slice(0, 300),
        markTexts: [],
        owners: [zipfOwner()],
        representatives: [],
        inventors: [`${pick(words)} ${pick(words)}`],
        classes: [],
        terms: [],
        vienna: [],
        ipc,
        locarno: [],
        officeStatus: officeStatuses[status],
        standardStatus: status,
        dates: { filing: filing.text },
        designatedStates: [],
      }),
    );
  }
  return { documents, sources: { words: source, terms: `Nice ${edition.id} shipped list (${terms.length} terms)` } };
};
