/**
 * A deterministic generator of schema-valid IB → office documents, standing in for the IB's weekly files
 * (none are publicly available). Used by tests, benchmarks and demo data. The same options always give the
 * same bytes.
 *
 * In the "mixed" mode even positions are new registrations and each odd position is another kind of
 * transaction about the registration just before it, so applying a batch in order always finds its record.
 */
import { streamIBDocument } from "./Builder.js";
import type { MadridIBTransactionCategory } from "./Codes.js";
import type * as IB from "./IBTransaction.js";
import type { ClassGoods, Party } from "./Party.js";

export interface GeneratorOptions {
  /** Seed of the pseudo-random sequence (default 1). */
  readonly seed?: number;
  /** Number of transactions (default 10). */
  readonly count: number;
  /** The designated office receiving the batch (ST.3, default "OM"). */
  readonly receivingOffice?: string;
  /** Notification date of the batch (default "2026-11-19"). */
  readonly notificationDate?: string;
  /** "designations": only new registrations; "mixed": every covered kind (default "mixed"). */
  readonly mode?: "designations" | "mixed";
  /** First international registration number (default 1800000). */
  readonly firstIrNumber?: number;
}

/** The kinds a mixed batch cycles through at odd positions. */
export const mixedKinds = [
  "subsequent-designation",
  "renewal",
  "total-transfer",
  "partial-transfer",
  "limitation",
  "total-cancellation",
  "partial-cancellation",
  "renunciation",
  "merger",
  "ceasing-of-effect",
  "partial-ceasing-of-effect",
  "invalidation",
  "licence",
  "licensee-change",
  "holder-name-address",
  "representative-change",
  "correction",
] as const;
export type MixedKind = (typeof mixedKinds)[number];

const mulberry32 = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const holderNames: ReadonlyArray<readonly [Party["kind"], string]> = [
  ["organization", "Sahara Foods LLC"],
  ["organization", "شركة النخيل للتجارة"],
  ["organization", "Atlas Textiles S.A."],
  ["person", "Layla Haddad"],
  ["organization", "Nordlicht GmbH"],
  ["person", "Zhang Wei"],
  ["organization", "Blue Gulf Trading W.L.L."],
  ["organization", "Société Méditerranéenne d'Optique"],
];
const origins = ["CN", "DE", "FR", "CH", "US", "GB", "EG", "MA", "JP", "TR"] as const;
const cities: Record<string, string> = {
  CN: "Shanghai",
  DE: "Hamburg",
  FR: "Lyon",
  CH: "Basel",
  US: "Austin",
  GB: "Leeds",
  EG: "Alexandria",
  MA: "Casablanca",
  JP: "Osaka",
  TR: "Izmir",
};
const marks = ["NOVA", "ZAHRA", "ATLAS PRIME", "BLUE OASIS", "قمر", "SOLARIS", "FALCON & CO", "MIRA <LUX>"];
const goods: Record<number, ReadonlyArray<string>> = {
  3: ["soaps", "perfumery", "essential oils", "cosmetics"],
  9: ["computer software", "mobile phones", "spectacles", "batteries"],
  25: ["clothing", "footwear", "headwear", "scarves"],
  29: ["dates, processed", "olive oil for food", "milk products", "preserved fruits"],
  30: ["coffee", "tea", "pastry", "spices"],
  35: ["advertising", "retail services for clothing", "business management", "office functions"],
  41: ["education", "providing of training", "entertainment", "sporting activities"],
  43: ["restaurant services", "hotel services", "catering", "café services"],
};
const classNumbers = Object.keys(goods).map(Number);
const designatedPool = ["OM", "JO", "BH", "EG", "MA", "SY", "DZ", "TN", "SD", "CN", "BX", "EM", "US", "KR", "GB"];

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
const addDays = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const addYears = (iso: string, years: number): string => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;

/** Deterministic transactions for position `i` of a batch. */
const makeGenerator = (o: GeneratorOptions) => {
  const seed = o.seed ?? 1;
  const receiving = o.receivingOffice ?? "OM";
  const notificationDate = o.notificationDate ?? "2026-11-19";
  const firstIr = o.firstIrNumber ?? 1_800_000;
  const irOf = (i: number): string => String(firstIr + i);

  const party = (rnd: () => number, country?: string): Party => {
    const [kind, name] = holderNames[Math.floor(rnd() * holderNames.length)] ?? ["organization", "Holder"];
    const cc = country ?? origins[Math.floor(rnd() * origins.length)] ?? "CH";
    return {
      kind,
      name,
      address: {
        lines: [`${1 + Math.floor(rnd() * 200)} Harbour Road`],
        city: cities[cc] ?? "Geneva",
        countryCode: cc,
        postalCode: String(10000 + Math.floor(rnd() * 89999)),
      },
    } as unknown as Party;
  };

  const classesFor = (rnd: () => number): Array<ClassGoods> => {
    const n = 1 + Math.floor(rnd() * 4);
    const start = Math.floor(rnd() * classNumbers.length);
    const picked = new Set<number>();
    for (let k = 0; k < n; k++) picked.add(classNumbers[(start + k) % classNumbers.length] ?? 25);
    return [...picked]
      .sort((a, b) => a - b)
      .map(
        (c) =>
          ({
            classNumber: c,
            terms: (goods[c] ?? ["goods"]).slice(0, 2 + Math.floor(rnd() * 3)),
          }) as unknown as ClassGoods,
      );
  };

  const designation = (i: number, category: IB.Designation["category"] = "Registration", ir = irOf(i)) => {
    const rnd = mulberry32(seed * 1_000_003 + i);
    const origin = origins[Math.floor(rnd() * origins.length)] ?? "CH";
    const irDate = addDays(notificationDate, -(20 + Math.floor(rnd() * 300)));
    const others = designatedPool.filter((c) => c !== receiving && c !== origin);
    const designated = [receiving, ...others.filter(() => rnd() < 0.3)];
    const withRep = rnd() < 0.6;
    const mark = marks[Math.floor(rnd() * marks.length)] ?? "MARK";
    const t: IB.Designation = {
      _tag: "Designation",
      category,
      recordId: `${ir}-${category === "Registration" ? "ENN" : "EXN"}-${seed}-${i}`,
      irNumber: ir,
      irDate,
      language: "en",
      officeOfOrigin: origin,
      effectiveDate: category === "Registration" ? irDate : addDays(irDate, 30),
      filingDate: addDays(irDate, -Math.floor(rnd() * 60)),
      madridSystem: "Protocol",
      feeCalculationDate: irDate,
      expiryDate: addYears(irDate, 10),
      notificationDate,
      holders: [party(rnd, origin)],
      ...(withRep ? { representative: party(rnd, receiving === "EM" || receiving === "BX" ? "BE" : receiving) } : {}),
      mark: { verbalElement: mark, imageFileName: `${ir}.jpg`, colourClaimed: rnd() < 0.3 },
      goodsAndServices: classesFor(rnd),
      basic: [
        {
          officeCode: origin,
          registration: { number: `${origin}${100000 + Math.floor(rnd() * 899999)}`, date: addDays(irDate, -90) },
        },
      ],
      designatedCountries: designated,
      limitations: [],
    } as unknown as IB.Designation;
    return t;
  };

  const restriction = (
    i: number,
    target: IB.Designation,
    category: IB.ProtectionRestriction["category"],
  ): IB.ProtectionRestriction => {
    const first = target.goodsAndServices[0];
    return {
      _tag: "ProtectionRestriction",
      category,
      recordId: `${target.irNumber}-R-${seed}-${i}`,
      irNumber: target.irNumber,
      language: "en",
      effectiveDate: notificationDate,
      filingDate: addDays(notificationDate, -20),
      notificationDate,
      limitations: [
        {
          countries: [receiving],
          category: "Remove from list",
          classes: [{ classNumber: first.classNumber, terms: [first.terms[0]] }],
        },
      ],
    } as unknown as IB.ProtectionRestriction;
  };

  const termination = (
    i: number,
    irNumber: string,
    category: IB.DesignationTermination["category"],
    expiryDate: string,
  ): IB.DesignationTermination =>
    ({
      _tag: "DesignationTermination",
      category,
      recordId: `${irNumber}-T-${seed}-${i}`,
      irNumber,
      filingDate: addDays(notificationDate, -15),
      recordingDate: addDays(notificationDate, -7),
      expiryDate,
    }) as unknown as IB.DesignationTermination;

  const other = (i: number, kind: MixedKind, target: IB.Designation): IB.IBTransaction => {
    const rnd = mulberry32(seed * 7_919 + i);
    const ir = target.irNumber;
    const base = { recordId: `${ir}-${kind}-${seed}-${i}`, irNumber: ir };
    switch (kind) {
      case "subsequent-designation":
        return designation(i, "Subsequent designation", `${firstIr + i}`);
      case "renewal":
        return {
          _tag: "Renewal",
          ...base,
          category: "Renewal",
          filingDate: addDays(notificationDate, -30),
          madridSystem: "Protocol",
          renewalDate: target.expiryDate,
          feeCalculationDate: addDays(notificationDate, -30),
          activeClassCount: target.goodsAndServices.length,
          expiryDate: addYears(target.expiryDate, 10),
        } as unknown as IB.Renewal;
      case "total-transfer":
        return {
          _tag: "HolderRepresentativeChange",
          ...base,
          category: "Change of ownership",
          effectiveDate: notificationDate,
          notificationDate,
          previousHolders: target.holders,
          holders: [party(rnd)],
        } as unknown as IB.HolderRepresentativeChange;
      case "holder-name-address":
        return {
          _tag: "HolderRepresentativeChange",
          ...base,
          category: "Change of holder name and or address",
          effectiveDate: notificationDate,
          notificationDate,
          previousHolders: target.holders,
          holders: [{ ...target.holders[0], address: party(rnd).address }],
        } as unknown as IB.HolderRepresentativeChange;
      case "representative-change":
        return {
          _tag: "HolderRepresentativeChange",
          ...base,
          category: "Change of representative",
          effectiveDate: notificationDate,
          notificationDate,
          previousHolders: [],
          holders: [],
          representative: party(rnd, receiving === "EM" || receiving === "BX" ? "BE" : receiving),
        } as unknown as IB.HolderRepresentativeChange;
      case "partial-transfer": {
        const moved = target.goodsAndServices[0];
        const d = designation(i, "Partial change of ownership", `${ir}A`);
        return {
          _tag: "PartialChangeOwnership",
          designation: {
            ...d,
            irDate: target.irDate,
            expiryDate: target.expiryDate,
            holders: [party(rnd)],
            goodsAndServices: [moved],
          },
          remainder: {
            ...restriction(i, target, "Partial change of ownership"),
            limitations: [{ countries: [receiving], category: "Remove from list", classes: [moved] }],
          },
        } as unknown as IB.PartialChangeOwnership;
      }
      case "limitation":
        return restriction(i, target, "Limitation");
      case "partial-cancellation":
        return restriction(i, target, "Partial cancellation");
      case "partial-ceasing-of-effect":
        return restriction(i, target, "Partial ceasing of effect");
      case "total-cancellation":
        return termination(i, ir, "Total cancellation", target.expiryDate);
      case "renunciation":
        return termination(i, ir, "Renunciation", target.expiryDate);
      case "ceasing-of-effect":
        return termination(i, ir, "Total ceasing of effect", target.expiryDate);
      case "merger": {
        const merged = designation(i, "International registration merger following partial transfer", `${ir}B`);
        return {
          _tag: "Merger",
          designation: { ...merged, holders: target.holders, goodsAndServices: target.goodsAndServices },
          termination: termination(
            i,
            ir,
            "International registration merger following partial transfer",
            target.expiryDate,
          ),
        } as unknown as IB.Merger;
      }
      case "invalidation":
        return {
          _tag: "CompletedProcessing",
          ...base,
          category: rnd() < 0.5 ? "Total invalidation" : "Partial invalidation",
          effectiveDate: notificationDate,
        } as unknown as IB.CompletedProcessing;
      case "licence":
        return {
          _tag: "RecordLicence",
          ...base,
          category: "Licence",
          filingDate: addDays(notificationDate, -25),
          notificationDate,
          effectiveDate: notificationDate,
          licences: [{ category: "Exclusive", licensees: [party(rnd, receiving)], goodsLimited: false }],
        } as unknown as IB.RecordLicence;
      case "licensee-change":
        return {
          _tag: "LicenseeRecordChange",
          ...base,
          licenceId: `L-${ir}`,
          language: "en",
          filingDate: addDays(notificationDate, -25),
          notificationDate,
          effectiveDate: notificationDate,
          holders: target.holders,
          previousLicensees: [party(rnd, receiving)],
          licensees: [party(rnd, receiving)],
        } as unknown as IB.LicenseeRecordChange;
      case "correction": {
        const wrong = { ...target, recordId: `${target.recordId}` };
        return {
          _tag: "Correction",
          recordId: `${ir}-C-${seed}-${i}`,
          effectiveDate: notificationDate,
          descriptions: ["The mark's verbal element was published with a typing error."],
          incorrect: wrong,
          corrected: ["Mark text corrected"],
          correct: { ...target, mark: { ...target.mark, verbalElement: `${target.mark.verbalElement ?? ""} II` } },
        } as unknown as IB.Correction;
      }
    }
  };

  const at = (i: number): IB.IBTransaction => {
    if ((o.mode ?? "mixed") === "designations" || i % 2 === 0) return designation(i);
    const kind = mixedKinds[((i - 1) / 2) % mixedKinds.length] ?? "renewal";
    return other(i, kind, designation(i - 1));
  };
  return { at, notificationDate, receiving };
};

const categoryOfKind = (k: MixedKind): MadridIBTransactionCategory => {
  switch (k) {
    case "subsequent-designation":
      return "Designation";
    case "renewal":
      return "Renewal";
    case "total-transfer":
    case "holder-name-address":
    case "representative-change":
      return "Holder representative change";
    case "partial-transfer":
      return "Partial change of ownership";
    case "limitation":
    case "partial-cancellation":
    case "partial-ceasing-of-effect":
      return "Protection restriction";
    case "total-cancellation":
    case "renunciation":
    case "ceasing-of-effect":
      return "Designation termination";
    case "merger":
      return "Merger";
    case "invalidation":
      return "Completed processing";
    case "licence":
      return "Record licence";
    case "licensee-change":
      return "Licensee record change";
    case "correction":
      return "Correction";
  }
};

/** The header of a generated batch, with counts computed without generating the transactions. */
export const generatedHeader = (o: GeneratorOptions): IB.Header => {
  const counts = new Map<MadridIBTransactionCategory, number>();
  const add = (c: MadridIBTransactionCategory, n: number) => {
    if (n > 0) counts.set(c, (counts.get(c) ?? 0) + n);
  };
  if ((o.mode ?? "mixed") === "designations") add("Designation", o.count);
  else {
    add("Designation", Math.ceil(o.count / 2));
    const odd = Math.floor(o.count / 2);
    mixedKinds.forEach((k, j) => {
      add(categoryOfKind(k), Math.floor(odd / mixedKinds.length) + (j < odd % mixedKinds.length ? 1 : 0));
    });
  }
  const notificationDate = o.notificationDate ?? "2026-11-19";
  return {
    receivingOffice: o.receivingOffice ?? "OM",
    weekNumber: `${notificationDate.slice(0, 4)}/${pad(Math.ceil(Number(notificationDate.slice(5, 7)) * 4.3))}`,
    publicationDate: notificationDate,
    notificationDate,
    language: "en",
    transactionCount: o.count,
    counts: [...counts].map(([category, count]) => ({ category, count })),
  } as unknown as IB.Header;
};

/** The generated transactions, one at a time. */
export function* transactions(o: GeneratorOptions): Generator<IB.IBTransaction> {
  const g = makeGenerator(o);
  for (let i = 0; i < o.count; i++) yield g.at(i);
}

/** A generated batch as text chunks (one per transaction): memory stays flat whatever the count. */
export const batchChunks = (o: GeneratorOptions): Generator<string> =>
  streamIBDocument(generatedHeader(o), transactions(o));

/** A generated batch as one string. */
export const ibDocument = (o: GeneratorOptions): string => [...batchChunks(o)].join("");
