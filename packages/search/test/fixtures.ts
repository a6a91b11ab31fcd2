/** Small documents the engine's tests index: marks in Latin and Arabic script, patents, designs, a Madrid designation. */
import { Schema } from "effect";
import { SearchDocument } from "../src/index.js";

type Encoded = typeof SearchDocument.SearchDocument.Encoded;
type Overrides = Partial<Encoded> & { readonly recordId: string };

const decode = Schema.decodeUnknownSync(SearchDocument.SearchDocument);

/** A document with empty lists, decoded (so every fixture is a valid document). */
export const doc = (o: Overrides): SearchDocument.SearchDocument =>
  decode({
    officeCode: "OM",
    kind: "trademark",
    numbers: {},
    markTexts: [],
    owners: [],
    representatives: [],
    inventors: [],
    classes: [],
    terms: [],
    vienna: [],
    ipc: [],
    locarno: [],
    dates: {},
    designatedStates: [],
    ...o,
  });

export const register: ReadonlyArray<SearchDocument.SearchDocument> = [
  doc({
    recordId: "tm-1",
    numbers: { application: "TM/2021/000123", registration: "R-5501" },
    markTexts: ["NOOR"],
    owners: ["Noor Trading LLC"],
    classes: [
      { class: 3, status: "registered" },
      { class: 35, status: "refused" },
    ],
    terms: ["soaps", "perfumery", "advertising"],
    vienna: ["26.4.1"],
    officeStatus: "registered",
    standardStatus: "registered",
    dates: { filing: "2021-03-04", registration: "2022-01-10", expiry: "2031-03-04" },
  }),
  doc({
    recordId: "tm-2",
    numbers: { application: "TM/2022/000007" },
    markTexts: ["نور"],
    owners: ["شركة النور للتجارة"],
    classes: [{ class: 3, status: "pending" }],
    terms: ["صابون"],
    officeStatus: "filed",
    standardStatus: "pending",
    dates: { filing: "2022-05-01" },
  }),
  doc({
    recordId: "tm-3",
    numbers: { application: "TM/2020/000500" },
    markTexts: ["NUR"],
    owners: ["Acme Holdings Ltd."],
    classes: [{ class: 9, status: "registered" }],
    terms: ["computer software"],
    officeStatus: "registered",
    standardStatus: "registered",
    dates: { filing: "2020-11-30", registration: "2021-08-01" },
  }),
  doc({
    recordId: "tm-4",
    numbers: { application: "TM/2023/000042" },
    markTexts: ["SAHAR AL WADI", "سحر الوادي"],
    owners: ["Acme Holdings Limited", "Wadi Foods SAOG"],
    representatives: ["Gulf IP Agents"],
    classes: [
      { class: 29, status: "accepted" },
      { class: 30, status: "registered" },
    ],
    terms: ["dates (fruit)", "coffee"],
    officeStatus: "published",
    standardStatus: "published",
    dates: { filing: "2023-02-14", publication: "2023-06-01" },
  }),
  doc({
    recordId: "tm-5",
    numbers: { application: "1234567", internationalRegistration: "1234567" },
    markTexts: ["100% NATURAL_JUICE"],
    owners: ["Juice Co. GmbH"],
    classes: [{ class: 32, status: "pending" }],
    terms: ["fruit juices"],
    officeStatus: "designation_received",
    standardStatus: "pending",
    dates: { filing: "2024-01-20" },
    designatedStates: ["OM", "AE"],
  }),
  doc({
    recordId: "pt-1",
    kind: "patent",
    numbers: { application: "OM/P/2019/17", pct: "PCT/EP2019/051234" },
    title: "Pharmaceutical composition of a date palm extract",
    owners: ["BioGulf SAOC"],
    inventors: ["Aisha Al Balushi", "Omar Said"],
    ipc: ["A61K 31/00", "A61P 3/10"],
    officeStatus: "granted",
    standardStatus: "granted",
    dates: { filing: "2019-06-12", publication: "2020-12-24", registration: "2021-05-05" },
  }),
  doc({
    recordId: "pt-2",
    kind: "patent",
    numbers: { application: "OM/P/2021/3" },
    title: "Solar desalination apparatus",
    owners: ["Acme Holdings Ltd"],
    inventors: ["Omar Said"],
    ipc: ["C02F 1/14", "H02S 40/44"],
    officeStatus: "under_examination",
    standardStatus: "pending",
    dates: { filing: "2021-09-09" },
  }),
  doc({
    recordId: "ds-1",
    kind: "industrial_design",
    numbers: { application: "OM/D/2022/8" },
    title: "Coffee pot (dallah)",
    owners: ["Wadi Foods SAOG"],
    inventors: ["Layla Hassan"],
    locarno: ["7-1"],
    officeStatus: "registered",
    standardStatus: "registered",
    dates: { filing: "2022-02-02", registration: "2022-09-09" },
  }),
];
