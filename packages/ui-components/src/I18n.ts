/**
 * Messages for the components and the pages that use them, in English, Arabic (Modern Standard Arabic) and French,
 * with right-to-left detection and number and date formatting through `Intl`.
 *
 * A message is either a string with `{name}` placeholders or a set of plural forms chosen with `Intl.PluralRules`
 * from the `count` parameter (Arabic has six forms: zero, one, two, few, many, other).
 */

/** Languages with a catalog. Any other language tag falls back to English text (but keeps its own direction). */
export const languages = ["en", "ar", "fr"] as const;
export type Language = (typeof languages)[number];

/** Plural forms of one message, by `Intl.PluralRules` category; `other` is required. */
export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}
export type Message = string | PluralForms;

/** Status values that have a label. Other status strings are shown as given. */
export const statuses = [
  "pending",
  "accepted",
  "refused",
  "partiallyRefused",
  "limited",
  "withdrawn",
  "registered",
  "published",
  "opposed",
  "cancelled",
  "expired",
  "renewed",
  "examined",
  "filed",
  "surrendered",
] as const;
export type Status = (typeof statuses)[number];

/**
 * Where a status belongs: a right and its classes (`right`, the default), a Madrid designation of the office
 * (`designation`, the statuses of `@ipoffice/madrid` `Designation.Status`) or an invoice (`invoice`, the states of
 * `@ipoffice/fees` `Ledger.InvoiceState`). The same word may read differently per area (in Arabic a designation and
 * an invoice are feminine), so each area has its own labels.
 */
export const statusAreas = ["right", "designation", "invoice"] as const;
export type StatusArea = (typeof statusAreas)[number];

/** Statuses of a Madrid designation (spelled `provisionally-refused` by `@ipoffice/madrid`; any spelling is accepted). */
export const designationStatuses = [
  "pending",
  "provisionallyRefused",
  "partiallyGranted",
  "granted",
  "refused",
  "protectedByDefault",
  "cancelled",
  "renounced",
  "ceased",
  "invalidated",
  "expired",
  "transferred",
] as const;
export type DesignationStatus = (typeof designationStatuses)[number];

/** States of an invoice (spelled `partially_paid` by `@ipoffice/fees`; any spelling is accepted). */
export const invoiceStates = ["unpaid", "partiallyPaid", "paid", "overpaid", "refunded", "cancelled"] as const;
export type InvoiceState = (typeof invoiceStates)[number];

/** The statuses with a label in each area, in the order a legend lists them. */
export const statusesOf: { readonly [A in StatusArea]: ReadonlyArray<string> } = {
  right: statuses,
  designation: designationStatuses,
  invoice: invoiceStates,
};

const en = {
  "status.pending": "Pending",
  "status.accepted": "Accepted",
  "status.refused": "Refused",
  "status.partiallyRefused": "Partially refused",
  "status.limited": "Limited",
  "status.withdrawn": "Withdrawn",
  "status.registered": "Registered",
  "status.published": "Published",
  "status.opposed": "Opposed",
  "status.cancelled": "Cancelled",
  "status.expired": "Expired",
  "status.renewed": "Renewed",
  "status.examined": "Examined",
  "status.filed": "Filed",
  "status.surrendered": "Surrendered",
  "designation.pending": "Pending examination",
  "designation.provisionallyRefused": "Provisionally refused",
  "designation.partiallyGranted": "Partially protected",
  "designation.granted": "Protected",
  "designation.refused": "Refused",
  "designation.protectedByDefault": "Protected by default",
  "designation.cancelled": "Cancelled",
  "designation.renounced": "Renounced",
  "designation.ceased": "Ceased to have effect",
  "designation.invalidated": "Invalidated",
  "designation.expired": "Expired",
  "designation.transferred": "Transferred",
  "invoice.unpaid": "Unpaid",
  "invoice.partiallyPaid": "Partially paid",
  "invoice.paid": "Paid",
  "invoice.overpaid": "Overpaid",
  "invoice.refunded": "Refunded",
  "invoice.cancelled": "Cancelled",
  "classes.label": "Goods and services by class",
  "classes.class": "Class {classNumber}",
  "classes.edition": "Nice {edition}",
  "classes.decision": "Decision of {date}",
  "classes.decisionWithReason": "Decision of {date}: {reason}",
  "classes.termStatus": "Term status",
  "classes.moreTerms": { one: "Show {count} more term", other: "Show {count} more terms" },
  "classes.count": { one: "{count} term", other: "{count} terms" },
  "classes.summaryPart": { one: "{status} in {count} class", other: "{status} in {count} classes" },
  "classes.empty": "No goods or services recorded.",
  "picker.label": "Goods and services",
  "picker.placeholder": "Type to search the Nice terms",
  "picker.classFilter": "Class",
  "picker.allClasses": "All classes",
  "picker.searching": "Searching…",
  "picker.noResults": "No terms found",
  "picker.results": { zero: "No terms found", one: "{count} term found", other: "{count} terms found" },
  "picker.selected": "Selected terms",
  "picker.noneSelected": "No terms selected yet",
  "picker.remove": "Remove {term} (class {classNumber})",
  "picker.error": "The term search failed. Try again.",
  "picker.added": "Added {term} to class {classNumber}",
  "picker.removed": "Removed {term} from class {classNumber}",
  "picker.help": "Use the up and down arrow keys to move through the terms, Enter to add one, Escape to close.",
  "results.label": "Search results",
  "results.empty": "No rights match this search.",
  "results.number": "Number",
  "results.owners": "Owner",
  "results.classes": "Classes",
  "results.classChip": "Class {classNumber}: {status}",
  "results.why": "Why it was found",
  "results.score": "{score}% alike",
  "results.untitled": "(no title)",
  "kind.trademark": "Trademark",
  "kind.patent": "Patent",
  "kind.industrial_design": "Industrial design",
  "kind.utility_model": "Utility model",
  "evidence.Identical": "Same text",
  "evidence.Joined": "Same letters, words joined",
  "evidence.Split": "Same letters, words split",
  "evidence.CrossScript": "Reads the same in another script",
  "evidence.SpellingVariant": "Another spelling of the same word",
  "evidence.SoundsLike": "Sounds alike",
  "evidence.LooksLike": "Looks alike",
  "evidence.ReadsAs": "Reads aloud the same",
  "evidence.ContainsWord": "Contains the word",
  "evidence.SharesWord": "Shares a word",
  "evidence.AddedWords": "The same with words added",
  "evidence.DroppedWords": "The same with words left out",
  "facets.label": "Refine the search",
  "facets.add": "Show only {value} ({count})",
  "facets.kind": "Kind",
  "facets.officeStatus": "Status",
  "facets.niceClass": "Nice class",
  "facets.filingYear": "Year of filing",
  "facets.owner": "Owner",
  "facets.designatedState": "Designated state",
  "facets.class": "Class {classNumber}",
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof en;
export type Catalog = { readonly [K in MessageKey]?: Message };

const ar: Catalog = {
  "status.pending": "قيد النظر",
  "status.accepted": "مقبول",
  "status.refused": "مرفوض",
  "status.partiallyRefused": "مرفوض جزئيًا",
  "status.limited": "مقيَّد",
  "status.withdrawn": "مسحوب",
  "status.registered": "مسجَّل",
  "status.published": "منشور",
  "status.opposed": "معترَض عليه",
  "status.cancelled": "ملغى",
  "status.expired": "منتهي المدة",
  "status.renewed": "مجدَّد",
  "status.examined": "تم فحصه",
  "status.filed": "مودَع",
  "status.surrendered": "متنازَل عنه",
  "designation.pending": "قيد الفحص",
  "designation.provisionallyRefused": "مرفوضة مؤقتًا",
  "designation.partiallyGranted": "محمية جزئيًا",
  "designation.granted": "محمية",
  "designation.refused": "مرفوضة",
  "designation.protectedByDefault": "محمية لانقضاء المهلة",
  "designation.cancelled": "ملغاة",
  "designation.renounced": "متنازل عنها",
  "designation.ceased": "توقف أثرها",
  "designation.invalidated": "مبطلة",
  "designation.expired": "منتهية",
  "designation.transferred": "منقولة",
  "invoice.unpaid": "غير مدفوعة",
  "invoice.partiallyPaid": "مدفوعة جزئيًا",
  "invoice.paid": "مدفوعة",
  "invoice.overpaid": "مدفوعة بزيادة",
  "invoice.refunded": "مستردة",
  "invoice.cancelled": "ملغاة",
  "classes.label": "السلع والخدمات حسب الفئة",
  "classes.class": "الفئة {classNumber}",
  "classes.edition": "تصنيف نيس {edition}",
  "classes.decision": "قرار بتاريخ {date}",
  "classes.decisionWithReason": "قرار بتاريخ {date}: {reason}",
  "classes.termStatus": "حالة البند",
  "classes.moreTerms": {
    one: "عرض بند آخر",
    two: "عرض بندين آخرين",
    few: "عرض {count} بنود أخرى",
    many: "عرض {count} بندًا آخر",
    other: "عرض {count} بند آخر",
  },
  "classes.count": {
    zero: "لا بنود",
    one: "بند واحد",
    two: "بندان",
    few: "{count} بنود",
    many: "{count} بندًا",
    other: "{count} بند",
  },
  "classes.summaryPart": {
    one: "{status} في فئة واحدة",
    two: "{status} في فئتين",
    few: "{status} في {count} فئات",
    many: "{status} في {count} فئة",
    other: "{status} في {count} فئة",
  },
  "classes.empty": "لا توجد سلع أو خدمات مسجلة.",
  "picker.label": "السلع والخدمات",
  "picker.placeholder": "اكتب للبحث في بنود تصنيف نيس",
  "picker.classFilter": "الفئة",
  "picker.allClasses": "كل الفئات",
  "picker.searching": "جارٍ البحث…",
  "picker.noResults": "لم يُعثر على أي بند",
  "picker.results": {
    zero: "لم يُعثر على أي بند",
    one: "عُثر على بند واحد",
    two: "عُثر على بندين",
    few: "عُثر على {count} بنود",
    many: "عُثر على {count} بندًا",
    other: "عُثر على {count} بند",
  },
  "picker.selected": "البنود المختارة",
  "picker.noneSelected": "لم يُختر أي بند بعد",
  "picker.remove": "إزالة {term} (الفئة {classNumber})",
  "picker.error": "تعذّر البحث عن البنود. حاول مرة أخرى.",
  "picker.added": "أُضيف {term} إلى الفئة {classNumber}",
  "picker.removed": "أُزيل {term} من الفئة {classNumber}",
  "picker.help": "استخدم مفتاحي السهم لأعلى ولأسفل للتنقل بين البنود، و Enter لإضافة بند، و Escape للإغلاق.",
  "results.label": "نتائج البحث",
  "results.empty": "لا توجد حقوق تطابق هذا البحث.",
  "results.number": "الرقم",
  "results.owners": "المالك",
  "results.classes": "الفئات",
  "results.classChip": "الفئة {classNumber}: {status}",
  "results.why": "سبب ظهوره في النتائج",
  "results.score": "متشابه بنسبة {score}٪",
  "results.untitled": "(بلا عنوان)",
  "kind.trademark": "علامة تجارية",
  "kind.patent": "براءة اختراع",
  "kind.industrial_design": "تصميم صناعي",
  "kind.utility_model": "نموذج منفعة",
  "evidence.Identical": "النص نفسه",
  "evidence.Joined": "الحروف نفسها، والكلمات موصولة",
  "evidence.Split": "الحروف نفسها، والكلمات مفصولة",
  "evidence.CrossScript": "يُقرأ بالطريقة نفسها بكتابة أخرى",
  "evidence.SpellingVariant": "تهجئة أخرى للكلمة نفسها",
  "evidence.SoundsLike": "متشابه في النطق",
  "evidence.LooksLike": "متشابه في الشكل",
  "evidence.ReadsAs": "يُنطق بالطريقة نفسها",
  "evidence.ContainsWord": "يتضمن الكلمة",
  "evidence.SharesWord": "يشترك في كلمة",
  "evidence.AddedWords": "النص نفسه مع كلمات مضافة",
  "evidence.DroppedWords": "النص نفسه مع كلمات محذوفة",
  "facets.label": "تضييق البحث",
  "facets.add": "عرض {value} فقط ({count})",
  "facets.kind": "النوع",
  "facets.officeStatus": "الحالة",
  "facets.niceClass": "فئة نيس",
  "facets.filingYear": "سنة الإيداع",
  "facets.owner": "المالك",
  "facets.designatedState": "الدولة المعيَّنة",
  "facets.class": "الفئة {classNumber}",
};

const fr: Catalog = {
  "status.pending": "En instance",
  "status.accepted": "Accepté",
  "status.refused": "Refusé",
  "status.partiallyRefused": "Partiellement refusé",
  "status.limited": "Limité",
  "status.withdrawn": "Retiré",
  "status.registered": "Enregistré",
  "status.published": "Publié",
  "status.opposed": "Frappé d’opposition",
  "status.cancelled": "Radié",
  "status.expired": "Expiré",
  "status.renewed": "Renouvelé",
  "status.examined": "Examiné",
  "status.filed": "Déposé",
  "status.surrendered": "Objet d’une renonciation",
  "designation.pending": "En cours d’examen",
  "designation.provisionallyRefused": "Refus provisoire",
  "designation.partiallyGranted": "Protection partielle",
  "designation.granted": "Protégée",
  "designation.refused": "Refusée",
  "designation.protectedByDefault": "Protégée par défaut",
  "designation.cancelled": "Radiée",
  "designation.renounced": "Renoncée",
  "designation.ceased": "Cessation des effets",
  "designation.invalidated": "Invalidée",
  "designation.expired": "Expirée",
  "designation.transferred": "Transmise",
  "invoice.unpaid": "Impayée",
  "invoice.partiallyPaid": "Partiellement payée",
  "invoice.paid": "Payée",
  "invoice.overpaid": "Trop-perçu",
  "invoice.refunded": "Remboursée",
  "invoice.cancelled": "Annulée",
  "classes.label": "Produits et services par classe",
  "classes.class": "Classe {classNumber}",
  "classes.edition": "Nice {edition}",
  "classes.decision": "Décision du {date}",
  "classes.decisionWithReason": "Décision du {date} : {reason}",
  "classes.termStatus": "Statut du terme",
  "classes.moreTerms": { one: "Afficher {count} autre terme", other: "Afficher {count} autres termes" },
  "classes.count": { one: "{count} terme", other: "{count} termes" },
  "classes.summaryPart": { one: "{status} dans {count} classe", other: "{status} dans {count} classes" },
  "classes.empty": "Aucun produit ni service enregistré.",
  "picker.label": "Produits et services",
  "picker.placeholder": "Tapez pour chercher dans les termes de Nice",
  "picker.classFilter": "Classe",
  "picker.allClasses": "Toutes les classes",
  "picker.searching": "Recherche…",
  "picker.noResults": "Aucun terme trouvé",
  "picker.results": { one: "{count} terme trouvé", other: "{count} termes trouvés" },
  "picker.selected": "Termes choisis",
  "picker.noneSelected": "Aucun terme choisi",
  "picker.remove": "Retirer {term} (classe {classNumber})",
  "picker.error": "La recherche de termes a échoué. Réessayez.",
  "picker.added": "{term} ajouté à la classe {classNumber}",
  "picker.removed": "{term} retiré de la classe {classNumber}",
  "picker.help": "Flèches haut et bas pour parcourir les termes, Entrée pour en ajouter un, Échap pour fermer.",
  "results.label": "Résultats de la recherche",
  "results.empty": "Aucun titre ne correspond à cette recherche.",
  "results.number": "Numéro",
  "results.owners": "Titulaire",
  "results.classes": "Classes",
  "results.classChip": "Classe {classNumber} : {status}",
  "results.why": "Pourquoi il a été trouvé",
  "results.score": "Ressemblance {score} %",
  "results.untitled": "(sans titre)",
  "kind.trademark": "Marque",
  "kind.patent": "Brevet",
  "kind.industrial_design": "Dessin ou modèle industriel",
  "kind.utility_model": "Modèle d’utilité",
  "evidence.Identical": "Même texte",
  "evidence.Joined": "Mêmes lettres, mots joints",
  "evidence.Split": "Mêmes lettres, mots séparés",
  "evidence.CrossScript": "Se lit de même dans une autre écriture",
  "evidence.SpellingVariant": "Autre orthographe du même mot",
  "evidence.SoundsLike": "Se prononce de même",
  "evidence.LooksLike": "Ressemblance visuelle",
  "evidence.ReadsAs": "Se lit à voix haute de même",
  "evidence.ContainsWord": "Contient le mot",
  "evidence.SharesWord": "A un mot en commun",
  "evidence.AddedWords": "Le même, avec des mots en plus",
  "evidence.DroppedWords": "Le même, avec des mots en moins",
  "facets.label": "Affiner la recherche",
  "facets.add": "N’afficher que {value} ({count})",
  "facets.kind": "Type de titre",
  "facets.officeStatus": "Statut",
  "facets.niceClass": "Classe de Nice",
  "facets.filingYear": "Année de dépôt",
  "facets.owner": "Titulaire",
  "facets.designatedState": "État désigné",
  "facets.class": "Classe {classNumber}",
};

/** The catalogs. English is complete; the others may leave keys out (English is shown instead). */
export const messages: { readonly [L in Language]: Catalog } = { en, ar, fr };

const rtlLanguages = new Set(["ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"]);

/** The primary language subtag, lower case: `"ar-EG"` → `"ar"`. */
export const baseLanguage = (lang: string | null | undefined): string =>
  (lang ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";

/** Writing direction of a language tag: "rtl" for Arabic, Persian, Hebrew, Urdu (and a few others), else "ltr". */
export const dir = (lang: string | null | undefined): "rtl" | "ltr" =>
  rtlLanguages.has(baseLanguage(lang)) ? "rtl" : "ltr";

/** The catalog language used for a tag: the tag's base language if it has a catalog, else English. */
export const resolveLanguage = (lang: string | null | undefined): Language => {
  const base = baseLanguage(lang);
  return (languages as ReadonlyArray<string>).includes(base) ? (base as Language) : "en";
};

export type Params = Readonly<Record<string, string | number>>;

/** Digits for numbers and dates: Latin (0-9, the default most Arab-region registers show), Arabic-Indic, or the locale's own. */
export type Digits = "latn" | "arab" | "locale";

export interface FormatOptions {
  readonly digits?: Digits;
}

/** The BCP 47 locale passed to `Intl`, with the numbering system extension for the digits choice. */
export const locale = (lang: string | null | undefined, options: FormatOptions = {}): string => {
  const tag = canonicalTag(lang);
  // Attribute values arrive unchecked: anything but the three choices means the default.
  const digits = options.digits === "arab" || options.digits === "locale" ? options.digits : "latn";
  if (digits === "locale") return tag;
  return `${tag}-u-nu-${digits}`;
};

const canonicalTags = new Map<string, string>();
const canonicalTag = (lang: string | null | undefined): string => {
  const key = lang ?? "en";
  const known = canonicalTags.get(key);
  if (known !== undefined) return known;
  const tag = canonicalize(key);
  if (canonicalTags.size > 256) canonicalTags.clear();
  canonicalTags.set(key, tag);
  return tag;
};

const canonicalize = (lang: string): string => {
  try {
    const [canonical] = Intl.getCanonicalLocales(lang);
    return canonical?.split("-u-")[0] ?? "en";
  } catch {
    return "en";
  }
};

/** Formats a number for a language. Arabic shows Latin digits unless `digits: "arab"` is given. */
export const formatNumber = (lang: string | null | undefined, value: number, options: FormatOptions = {}): string =>
  cached(numberFormats, locale(lang, options), (tag) => new Intl.NumberFormat(tag)).format(value);

// Intl constructors cost tens of microseconds each; a page formats hundreds of numbers in a few locales.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
const cached = <F>(cache: Map<string, F>, key: string, make: (key: string) => F): F => {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size > 64) cache.clear();
    value = make(key);
    cache.set(key, value);
  }
  return value;
};

/**
 * Formats a calendar date (`"2025-03-12"` or a `Date`) in a language, in UTC so a date never shifts by a day.
 * An unreadable date is returned as given.
 */
export const formatDate = (
  lang: string | null | undefined,
  value: string | Date,
  options: FormatOptions & { readonly dateStyle?: "long" | "medium" | "short" | "full" } = {},
): string => {
  const date =
    typeof value === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const style = options.dateStyle ?? "long";
  return cached(
    dateFormats,
    `${locale(lang, options)}|${style}`,
    () => new Intl.DateTimeFormat(locale(lang, options), { dateStyle: style, timeZone: "UTC" }),
  ).format(date);
};

/** Joins phrases with the language's "and" (`Intl.ListFormat`). */
export const formatList = (lang: string | null | undefined, parts: ReadonlyArray<string>): string =>
  cached(
    listFormats,
    canonicalTag(lang),
    (tag) => new Intl.ListFormat(tag, { type: "conjunction", style: "long" }),
  ).format(parts);

const pluralRulesCache = new Map<string, Intl.PluralRules>();
const pluralRules = (lang: Language): Intl.PluralRules => {
  let rules = pluralRulesCache.get(lang);
  if (rules === undefined) {
    rules = new Intl.PluralRules(lang);
    pluralRulesCache.set(lang, rules);
  }
  return rules;
};

const pick = (message: Message, lang: Language, params: Params | undefined): string => {
  if (typeof message === "string") return message;
  const count = params?.["count"];
  const n = typeof count === "number" ? count : Number(count);
  if (!Number.isFinite(n)) return message.other;
  const category = pluralRules(lang).select(n);
  return message[category] ?? message.other;
};

const interpolate = (text: string, params: Params | undefined, lang: string, options: FormatOptions): string =>
  params === undefined
    ? text
    : text.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value = params[name];
        if (value === undefined) return whole;
        return typeof value === "number" ? formatNumber(lang, value, options) : value;
      });

/**
 * The message `key` in `lang` (English when the language or the key is missing), with `{name}` placeholders filled
 * from `params`. Numbers are formatted for the language; a `count` parameter chooses the plural form.
 */
export const t = (
  lang: string | null | undefined,
  key: MessageKey,
  params?: Params,
  options: FormatOptions = {},
): string => {
  const language = resolveLanguage(lang);
  const localized = messages[language][key];
  const message = localized ?? en[key];
  const chosenLanguage = localized === undefined ? "en" : language;
  return interpolate(pick(message, chosenLanguage, params), params, lang ?? "en", options);
};

/**
 * The label of a status in a language, for its area (a right's or class's status by default, a Madrid designation's,
 * an invoice's); an unknown status is shown as given.
 */
export const statusLabel = (lang: string | null | undefined, status: string, area: StatusArea = "right"): string => {
  const key = normalizeStatus(status);
  if (area === "designation") return isKeyOf(designationStatuses, key) ? t(lang, `designation.${key}`) : status;
  if (area === "invoice") return isKeyOf(invoiceStates, key) ? t(lang, `invoice.${key}`) : status;
  return isStatus(key) ? t(lang, `status.${key}`) : status;
};

const isKeyOf = <K extends string>(keys: ReadonlyArray<K>, key: string): key is K =>
  (keys as ReadonlyArray<string>).includes(key);

/** A status area from untrusted input (an attribute): anything but `designation` or `invoice` is `right`. */
export const toStatusArea = (value: unknown): StatusArea =>
  value === "designation" || value === "invoice" ? value : "right";

/** Accepts the spellings other systems use: `partially-refused`, `PARTIALLY_REFUSED`, `partially refused` → `partiallyRefused`. */
export const normalizeStatus = (status: string): string => {
  const words = status
    .trim()
    .split(/[-_\s]+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return status;
  if (words.length === 1) {
    const [word = ""] = words;
    return word === word.toUpperCase() ? word.toLowerCase() : word.charAt(0).toLowerCase() + word.slice(1);
  }
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join("");
};

export const isStatus = (status: string): status is Status => (statuses as ReadonlyArray<string>).includes(status);
