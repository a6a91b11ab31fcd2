// WIPO ST.96: MarkEventCategoryType (22) and MarkCurrentStatusCategoryType (17).
// Source: standards/st96-trademark-and-madrid-code-lists.json of the reference data,
// extracted from the WIPO ST.96 V6_0 schema Trademark_V6_0.xsd.
// Status: WIPO standard ST.96; code lists as published in the ST.96 V6_0 schemas.
// Shipped with the project (decision 0152). Do not edit: to reproduce it, run `pnpm --filter @ipoffice/domain generate`
// with the reference data in IPO_REFERENCE_DATA or ../shared/data (packages/domain/scripts/generate.mjs).

export const markEventCategories = [
  ["Application filed", "Application filed"],
  ["Filing date accorded", "Filing date accorded"],
  ["Classification checked", "Classification checked"],
  ["Application accepted", "Application accepted"],
  ["Application published", "Application published"],
  ["Opposition pending", "Opposition pending"],
  ["Registration published", "Registration published"],
  ["Application refused", "Application refused"],
  ["Application withdrawn", "Application withdrawn"],
  ["Appeal pending", "Appeal pending"],
  ["Interruption of proceeding", "Interruption of proceedings"],
  ["Registration cancelled", "Registration cancelled"],
  ["Conversion requested", "Conversion requested"],
  ["Registration surrendered", "Registration surrendered"],
  ["Revocation proceeding pending", "Revocation proceedings pending"],
  ["Invalidity proceeding pending", "Invalidity proceedings pending"],
  ["Action before court of justice pending", "Action before court of justice pending"],
  [
    "National prosecution history entry",
    "One event in a list of historical events related to the prosecution of a national trademark",
  ],
  [
    "Domestic international application history entry",
    "One event in a list of historical events related to an international application, kept by the national office",
  ],
  [
    "National board proceeding history entry",
    "One event in a list of historical events related to single national trademark board proceedings",
  ],
  [
    "National assignment history entry",
    "One event in a possible list of historical events related to a single national trademark assignment",
  ],
  ["Location history entry", "One event in a possible list of location events related to a single national trademark"],
] as const;

export const markCurrentStatusCategories = [
  ["Application Filed", "Application Filed"],
  ["Filing date accorded", "Filing date accorded"],
  ["Classification checked", "Classification checked"],
  ["Application accepted", "Application accepted"],
  ["Application published", "Application published"],
  ["Opposition pending", "Opposition pending"],
  ["Registration published", "Registration published"],
  ["Application refused", "Application refused"],
  ["Application withdrawn", "Application withdrawn"],
  ["Appeal pending", "Appeal pending"],
  ["Interruption of proceeding", "Interruption of proceedings"],
  ["Registration cancelled", "Registration cancelled"],
  ["Conversion requested", "Conversion requested"],
  ["Registration surrendered", "Registration surrendered"],
  ["Revocation proceeding pending", "Revocation proceedings pending"],
  ["Invalidity proceeding pending", "Invalidity proceedings pending"],
  ["Action before court of justice pending", "Action before court of justice pending"],
] as const;
