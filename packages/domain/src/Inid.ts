/**
 * INID codes ("Internationally agreed Numbers for the Identification of (bibliographic) Data") label the fields of
 * a record in gazettes, certificates, forms and exports: WIPO ST.60 for marks, ST.9 for patents and utility models,
 * ST.80 for industrial designs. Labels in English, Arabic and French.
 *
 * `inidFor("trademark", "applicationNumber")` → code 210; `inidFor("patent", "applicationNumber")` → code 21.
 */
import { Schema } from "effect";
import { IpKind } from "./IpRight.js";

/** The WIPO standard a code belongs to. */
export type Standard = "ST.60" | "ST.9" | "ST.80";

/** A label in the languages the suite ships. */
export interface Label {
  readonly en: string;
  readonly ar: string;
  readonly fr: string;
}

/** One INID code with its label. */
export interface Inid {
  readonly standard: Standard;
  /** The code as printed, without parentheses: `"210"`, `"21"`. */
  readonly code: string;
  readonly label: Label;
}

const entry = (standard: Standard, code: string, en: string, ar: string, fr: string): Inid => ({
  standard,
  code,
  label: { en, ar, fr },
});

const mark = (code: string, en: string, ar: string, fr: string) => entry("ST.60", code, en, ar, fr);
const patent = (code: string, en: string, ar: string, fr: string) => entry("ST.9", code, en, ar, fr);
const design = (code: string, en: string, ar: string, fr: string) => entry("ST.80", code, en, ar, fr);

/** ST.60 codes for marks used by the suite. */
export const marks: ReadonlyArray<Inid> = [
  mark("111", "Registration number", "رقم التسجيل", "Numéro de l'enregistrement"),
  mark("116", "Number of the renewal", "رقم التجديد", "Numéro du renouvellement"),
  mark("151", "Date of the registration", "تاريخ التسجيل", "Date de l'enregistrement"),
  mark("156", "Date of the renewal", "تاريخ التجديد", "Date du renouvellement"),
  mark(
    "180",
    "Expected expiration date of the registration or renewal",
    "تاريخ انتهاء التسجيل أو التجديد",
    "Date prévue d'expiration de l'enregistrement ou du renouvellement",
  ),
  mark("210", "Application number", "رقم الطلب", "Numéro de la demande"),
  mark("220", "Filing date of the application", "تاريخ إيداع الطلب", "Date de dépôt de la demande"),
  mark("300", "Priority data", "بيانات الأولوية", "Données relatives à la priorité"),
  mark("310", "Number of the priority application", "رقم طلب الأولوية", "Numéro de la demande prioritaire"),
  mark(
    "320",
    "Filing date of the priority application",
    "تاريخ إيداع طلب الأولوية",
    "Date de dépôt de la demande prioritaire",
  ),
  mark(
    "330",
    "Country or office of the priority application",
    "بلد أو مكتب طلب الأولوية",
    "Pays ou office de la demande prioritaire",
  ),
  mark("441", "Date of publication of the application", "تاريخ نشر الطلب", "Date de publication de la demande"),
  mark(
    "450",
    "Date of publication of the registration",
    "تاريخ نشر التسجيل",
    "Date de publication de l'enregistrement",
  ),
  mark(
    "511",
    "Nice classification and list of goods and services",
    "تصنيف نيس وقائمة السلع والخدمات",
    "Classification de Nice et liste des produits et services",
  ),
  mark(
    "531",
    "Vienna classification of figurative elements",
    "تصنيف فيينا للعناصر التصويرية",
    "Classification de Vienne des éléments figuratifs",
  ),
  mark("540", "Reproduction of the mark", "صورة العلامة", "Reproduction de la marque"),
  mark("550", "Type of mark", "نوع العلامة", "Type de marque"),
  mark(
    "551",
    "Collective or certification mark",
    "علامة جماعية أو علامة تصديق",
    "Marque collective ou de certification",
  ),
  mark("561", "Transliteration of the mark", "النقل الحرفي للعلامة", "Translittération de la marque"),
  mark("566", "Translation of the mark", "ترجمة العلامة", "Traduction de la marque"),
  mark("571", "Description of the mark", "وصف العلامة", "Description de la marque"),
  mark("591", "Colours claimed", "الألوان المطالب بها", "Couleurs revendiquées"),
  mark("731", "Name and address of the applicant", "اسم طالب التسجيل وعنوانه", "Nom et adresse du déposant"),
  mark(
    "732",
    "Name and address of the holder of the registration",
    "اسم مالك التسجيل وعنوانه",
    "Nom et adresse du titulaire de l'enregistrement",
  ),
  mark("740", "Name and address of the representative", "اسم الوكيل وعنوانه", "Nom et adresse du mandataire"),
  mark("750", "Address for correspondence", "عنوان المراسلة", "Adresse pour la correspondance"),
  mark(
    "770",
    "Name and address of the previous holder",
    "اسم المالك السابق وعنوانه",
    "Nom et adresse du titulaire précédent",
  ),
];

/** ST.9 codes for patents and utility models used by the suite. */
export const patents: ReadonlyArray<Inid> = [
  patent("11", "Number of the patent or document", "رقم البراءة أو الوثيقة", "Numéro du brevet ou du document"),
  patent("21", "Application number", "رقم الطلب", "Numéro de la demande"),
  patent("22", "Filing date of the application", "تاريخ إيداع الطلب", "Date de dépôt de la demande"),
  patent("30", "Priority data", "بيانات الأولوية", "Données relatives à la priorité"),
  patent("43", "Date of publication of the application", "تاريخ نشر الطلب", "Date de publication de la demande"),
  patent(
    "45",
    "Date of publication of the granted patent",
    "تاريخ نشر البراءة الممنوحة",
    "Date de publication du brevet délivré",
  ),
  patent(
    "51",
    "International Patent Classification",
    "التصنيف الدولي للبراءات",
    "Classification internationale des brevets",
  ),
  patent("54", "Title of the invention", "عنوان الاختراع", "Titre de l'invention"),
  patent("57", "Abstract or claim", "الملخص أو المطالبة", "Abrégé ou revendication"),
  patent("71", "Name of the applicant", "اسم طالب البراءة", "Nom du déposant"),
  patent("72", "Name of the inventor", "اسم المخترع", "Nom de l'inventeur"),
  patent("73", "Name of the owner", "اسم مالك البراءة", "Nom du titulaire"),
  patent("74", "Name of the representative", "اسم الوكيل", "Nom du mandataire"),
  patent(
    "86",
    "Filing data of the international application under the PCT",
    "بيانات إيداع الطلب الدولي بموجب معاهدة التعاون بشأن البراءات",
    "Données relatives au dépôt de la demande internationale selon le PCT",
  ),
  patent(
    "87",
    "Publication data of the international application under the PCT",
    "بيانات نشر الطلب الدولي بموجب معاهدة التعاون بشأن البراءات",
    "Données relatives à la publication de la demande internationale selon le PCT",
  ),
];

/** ST.80 codes for industrial designs used by the suite. */
export const designs: ReadonlyArray<Inid> = [
  design("11", "Registration number", "رقم التسجيل", "Numéro de l'enregistrement"),
  design("15", "Date of the registration", "تاريخ التسجيل", "Date de l'enregistrement"),
  design(
    "18",
    "Expected expiration date of the registration or renewal",
    "تاريخ انتهاء التسجيل أو التجديد",
    "Date prévue d'expiration de l'enregistrement ou du renouvellement",
  ),
  design("21", "Application number", "رقم الطلب", "Numéro de la demande"),
  design("22", "Filing date of the application", "تاريخ إيداع الطلب", "Date de dépôt de la demande"),
  design(
    "28",
    "Number of industrial designs in the application",
    "عدد الرسوم أو النماذج الصناعية في الطلب",
    "Nombre de dessins ou modèles industriels dans la demande",
  ),
  design("30", "Priority data", "بيانات الأولوية", "Données relatives à la priorité"),
  design(
    "45",
    "Date of publication of the registration",
    "تاريخ نشر التسجيل",
    "Date de publication de l'enregistrement",
  ),
  design("51", "Locarno classification", "تصنيف لوكارنو", "Classification de Locarno"),
  design("54", "Indication of the products", "بيان المنتجات", "Indication des produits"),
  design(
    "55",
    "Reproductions of the industrial designs",
    "صور الرسوم أو النماذج الصناعية",
    "Reproductions des dessins ou modèles industriels",
  ),
  design("71", "Name of the applicant", "اسم طالب التسجيل", "Nom du déposant"),
  design("72", "Name of the creator", "اسم المصمم", "Nom du créateur"),
  design("73", "Name of the holder", "اسم المالك", "Nom du titulaire"),
  design("74", "Name of the representative", "اسم الوكيل", "Nom du mandataire"),
];

/** The kinds of right labelled here (the rights model's `IpKind`); utility models use the patent codes (ST.9). */
export const Kind = IpKind;
export type Kind = IpKind;

/**
 * Domain field names: dotted paths into the rights model (`IpRight`), plus `applicants` for forms that show the
 * applicant apart from the owner. Forms and exports look them up with {@link inidFor}.
 */
export const fields = [
  "applicationNumber",
  "filingDate",
  "registration",
  "registration.number",
  "registration.date",
  "expiryDate",
  "priorities",
  "priorities.number",
  "priorities.date",
  "priorities.country",
  "publication",
  "publication.date",
  "applicants",
  "owners",
  "representatives",
  // marks
  "goodsAndServices",
  "mark",
  "mark.text",
  "mark.type",
  "mark.category",
  "mark.transliteration",
  "mark.translation",
  "mark.description",
  "mark.colours",
  "mark.viennaCodes",
  // patents and utility models
  "title",
  "abstract",
  "ipc",
  "inventors",
  "pct",
  "pct.applicationNumber",
  "pct.filingDate",
  "pct.publicationNumber",
  "pct.publicationDate",
  // industrial designs
  "designs",
  "designs.product",
  "designs.locarnoClass",
  "designs.views",
  "designers",
] as const;

/** A domain field name that has an INID code for at least one kind of right. */
export const Field = Schema.Literals(fields);
export type Field = typeof Field.Type;

const byCode = (list: ReadonlyArray<Inid>): ReadonlyMap<string, Inid> => new Map(list.map((i) => [i.code, i]));
const markCodes = byCode(marks);
const patentCodes = byCode(patents);
const designCodes = byCode(designs);

type Mapping = Partial<Record<Field, string>>;

const markFields: Mapping = {
  applicationNumber: "210",
  filingDate: "220",
  registration: "111",
  "registration.number": "111",
  "registration.date": "151",
  expiryDate: "180",
  priorities: "300",
  "priorities.number": "310",
  "priorities.date": "320",
  "priorities.country": "330",
  // A mark is published as an application (for opposition) before it is registered.
  publication: "441",
  "publication.date": "441",
  applicants: "731",
  owners: "732",
  representatives: "740",
  goodsAndServices: "511",
  mark: "540",
  "mark.text": "540",
  "mark.type": "550",
  "mark.category": "551",
  "mark.transliteration": "561",
  "mark.translation": "566",
  "mark.description": "571",
  "mark.colours": "591",
  "mark.viennaCodes": "531",
};

const patentFields: Mapping = {
  applicationNumber: "21",
  filingDate: "22",
  registration: "11",
  "registration.number": "11",
  priorities: "30",
  "priorities.number": "30",
  "priorities.date": "30",
  "priorities.country": "30",
  publication: "43",
  "publication.date": "43",
  applicants: "71",
  owners: "73",
  representatives: "74",
  title: "54",
  abstract: "57",
  ipc: "51",
  inventors: "72",
  pct: "86",
  "pct.applicationNumber": "86",
  "pct.filingDate": "86",
  "pct.publicationNumber": "87",
  "pct.publicationDate": "87",
};

const designFields: Mapping = {
  applicationNumber: "21",
  filingDate: "22",
  registration: "11",
  "registration.number": "11",
  "registration.date": "15",
  expiryDate: "18",
  priorities: "30",
  "priorities.number": "30",
  "priorities.date": "30",
  "priorities.country": "30",
  // Designs are published when registered.
  publication: "45",
  "publication.date": "45",
  applicants: "71",
  owners: "73",
  representatives: "74",
  designs: "28",
  "designs.product": "54",
  "designs.locarnoClass": "51",
  "designs.views": "55",
  designers: "72",
};

const tables: Record<Kind, { readonly fields: Mapping; readonly codes: ReadonlyMap<string, Inid> }> = {
  trademark: { fields: markFields, codes: markCodes },
  patent: { fields: patentFields, codes: patentCodes },
  utility_model: { fields: patentFields, codes: patentCodes },
  industrial_design: { fields: designFields, codes: designCodes },
};

/** The codes of the standard that applies to a kind of right. */
export const codesFor = (kind: Kind): ReadonlyArray<Inid> =>
  kind === "trademark" ? marks : kind === "industrial_design" ? designs : patents;

/** The INID code of a domain field for a kind of right, or `undefined` when the standard has none for it. */
export const inidFor = (kind: Kind, field: Field): Inid | undefined => {
  // Own properties only: a field or kind named like an Object.prototype member finds nothing.
  if (!Object.hasOwn(tables, kind)) return undefined;
  const table = tables[kind];
  const code = Object.hasOwn(table.fields, field) ? table.fields[field] : undefined;
  return code === undefined ? undefined : table.codes.get(code);
};

/** A field label as printed in gazettes: `(210) Application number`; the bare field name when there is no code. */
export const labelFor = (kind: Kind, field: Field, language: keyof Label = "en"): string => {
  const inid = inidFor(kind, field);
  return inid === undefined ? field : `(${inid.code}) ${inid.label[language]}`;
};
