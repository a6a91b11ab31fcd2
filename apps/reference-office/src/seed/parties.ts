/**
 * Applicants, owners, inventors and agents for the demo data: names written for the project (no real persons), in the
 * mix an office sees: local companies and people of the office's own country (a member state of a regional office),
 * regional and foreign filers. Local names are of the office's region (Gulf and Levant names; Bulgarian names for
 * Bulgaria and its neighbours); each draw takes the same random numbers whatever the office, so a seed is reproducible.
 */
import type { Random } from "./random.js";

const familyNames = [
  "Al Habsi",
  "Al Balushi",
  "Al Harthy",
  "Al Rawahi",
  "Al Busaidi",
  "Al Maamari",
  "Al Hinai",
  "Al Kindi",
  "Al Siyabi",
  "Al Lawati",
  "Al Farsi",
  "Al Shukaili",
  "Al Zadjali",
  "Al Amri",
  "Al Riyami",
  "Al Saadi",
];
const givenNames = [
  "Ahmed",
  "Fatma",
  "Said",
  "Maryam",
  "Khalid",
  "Aisha",
  "Salim",
  "Zainab",
  "Hamed",
  "Noor",
  "Yusuf",
  "Huda",
];
const sectors = [
  "Trading",
  "Foods",
  "Perfumes",
  "Textiles",
  "Engineering",
  "Pharmaceuticals",
  "Dates Factory",
  "Logistics",
  "Technologies",
  "Contracting",
  "Fisheries",
  "Cosmetics",
  "Hospitality",
  "Furniture",
];
const foreign: ReadonlyArray<readonly [string, string]> = [
  ["Nordlicht Werke GmbH", "DE"],
  ["Maple Crest Foods Inc.", "CA"],
  ["Shenzhen Lianhe Electronics Co., Ltd.", "CN"],
  ["Bharat Agro Industries Ltd", "IN"],
  ["Atlas Textiles SARL", "MA"],
  ["Pemberton & Hale plc", "GB"],
  ["Riviera Cosmétiques SAS", "FR"],
  ["Gulf Horizon Holding PJSC", "AE"],
  ["Najd Dairy Company", "SA"],
  ["Petra Pharma Co.", "JO"],
  ["Nile Valley Cotton Co. S.A.E.", "EG"],
  ["Kobe Precision Tools K.K.", "JP"],
  ["Lakeside Robotics LLC", "US"],
  ["Bosphorus Gıda A.Ş.", "TR"],
  ["Seoul Bio Materials Co.", "KR"],
];
const agents = [
  "Al Busaidi & Partners IP",
  "Gulf Crescent IP Attorneys",
  "Muscat Trademark Bureau",
  "Sohar IP Agency",
  "Ibri Patent Services",
];

/** Local names of an office's region: families, given names, the company form and the agents' firms. */
interface Locale {
  readonly familyNames: ReadonlyArray<string>;
  readonly givenNames: ReadonlyArray<string>;
  readonly companyForm: string;
  readonly agents: ReadonlyArray<string>;
}

const gulf: Locale = { familyNames, givenNames, companyForm: "LLC", agents };

const agentsIn = (cities: ReadonlyArray<string>): ReadonlyArray<string> => [
  `${cities[0]} IP Attorneys`,
  `${cities[1]} Trademark Bureau`,
  `${cities[0]} Patent Services`,
  `${cities[2]} IP Agency`,
  `${cities[1]} & ${cities[2]} Industrial Property`,
];

/** Agents' cities of the Arab offices other than Oman's. */
const arabCities: Readonly<Record<string, ReadonlyArray<string>>> = {
  JO: ["Amman", "Irbid", "Zarqa"],
  SA: ["Riyadh", "Jeddah", "Dammam"],
  AE: ["Dubai", "Abu Dhabi", "Sharjah"],
  BH: ["Manama", "Muharraq", "Riffa"],
  KW: ["Kuwait City", "Hawalli", "Salmiya"],
  QA: ["Doha", "Al Wakrah", "Al Khor"],
  EG: ["Cairo", "Alexandria", "Giza"],
};

const bulgarian: Locale = {
  familyNames: [
    "Ivanov",
    "Petrova",
    "Georgiev",
    "Dimitrova",
    "Nikolov",
    "Stoyanova",
    "Todorov",
    "Koleva",
    "Hristov",
    "Angelova",
    "Marinov",
    "Popova",
    "Iliev",
    "Vasileva",
    "Atanasov",
    "Pavlova",
  ],
  givenNames: [
    "Ivan",
    "Maria",
    "Georgi",
    "Elena",
    "Dimitar",
    "Yana",
    "Nikolay",
    "Desislava",
    "Petar",
    "Ralitsa",
    "Stefan",
    "Vesela",
  ],
  companyForm: "OOD",
  agents: agentsIn(["Sofia", "Plovdiv", "Varna"]),
};

/** The local names of an office's country. */
const localeOf = (country: string): Locale => {
  if (country === "BG" || country === "RO" || country === "MK") return bulgarian;
  const cities = arabCities[country];
  return cities === undefined ? gulf : { ...gulf, agents: agentsIn(cities) };
};

/** The parties of an office's demo: `home` is its country, or the member states of a regional office. */
export const partiesOf = (home: ReadonlyArray<string>) => {
  const countryOf = (random: Random): string => (home.length === 1 ? (home[0] as string) : random.pick(home));
  const applicantOf = (random: Random): SeedParty => {
    const roll = random.next();
    if (roll < 0.7) {
      const country = countryOf(random);
      const locale = localeOf(country);
      return roll < 0.55
        ? {
            name: `${random.pick(locale.familyNames)} ${random.pick(sectors)} ${locale.companyForm}`,
            country,
            kind: "legal",
          }
        : { name: `${random.pick(locale.givenNames)} ${random.pick(locale.familyNames)}`, country, kind: "natural" };
    }
    const [name, country] = random.pick(foreign);
    return { name, country, kind: "legal" };
  };
  return {
    /** Whether a party is local (a filer from abroad needs a local agent). */
    isLocal: (party: SeedParty) => home.includes(party.country),
    applicant: applicantOf,
    inventor: (random: Random, country: string): SeedParty => {
      const locale = localeOf(home.includes(country) ? country : (home[0] as string));
      return { name: `${random.pick(locale.givenNames)} ${random.pick(locale.familyNames)}`, country, kind: "natural" };
    },
    agent: (random: Random): SeedParty => {
      const country = countryOf(random);
      return { name: random.pick(localeOf(country).agents), country, kind: "legal" };
    },
  };
};
export type SeedParties = ReturnType<typeof partiesOf>;

export interface SeedParty {
  readonly name: string;
  readonly country: string;
  readonly kind: "natural" | "legal";
}
