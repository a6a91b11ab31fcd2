/**
 * Applicants, owners, inventors and agents for the demo data: names written for the project (no real persons),
 * in the mix an office in the Gulf sees: local companies and people, regional and foreign filers.
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

export interface SeedParty {
  readonly name: string;
  readonly country: string;
  readonly kind: "natural" | "legal";
}

export const applicant = (random: Random): SeedParty => {
  const roll = random.next();
  if (roll < 0.55)
    return { name: `${random.pick(familyNames)} ${random.pick(sectors)} LLC`, country: "OM", kind: "legal" };
  if (roll < 0.7)
    return { name: `${random.pick(givenNames)} ${random.pick(familyNames)}`, country: "OM", kind: "natural" };
  const [name, country] = random.pick(foreign);
  return { name, country, kind: "legal" };
};

export const inventor = (random: Random, country: string): SeedParty => ({
  name: `${random.pick(givenNames)} ${random.pick(familyNames)}`,
  country,
  kind: "natural",
});

export const agent = (random: Random): SeedParty => ({ name: random.pick(agents), country: "OM", kind: "legal" });
