/**
 * The templates shipped with the package, in English, Arabic and French, used where an office's configuration has
 * none for a kind and language; and sample values for previews. An office copies one into its configuration to
 * change it.
 */
import type { Kind, Template, Templates } from "../Template.js";

const letterHead = (labels: { ours: string; yours: string; date: string; to: string }): Template["blocks"][number] => ({
  fields: [
    { label: labels.ours, value: "{{number}}" },
    { label: labels.yours, value: "{{reference}}" },
    { label: labels.date, value: "{{date}}" },
    { label: labels.to, value: "{{representative}} — {{applicant}}" },
  ],
});

const en: Record<Kind, Template> = {
  certificate: {
    title: "Certificate of registration {{registrationNumber}}",
    footer: "{{office}} · {{registrationNumber}}",
    blocks: [
      { title: "Certificate of registration" },
      {
        paragraph:
          "{{office}} certifies that the right described below ({{kind}}) has been entered in the register under number {{registrationNumber}}, with effect from {{registrationDate}}.",
      },
      {
        fields: [
          { label: "Registration number", value: "{{registrationNumber}}" },
          { label: "Registration date", value: "{{registrationDate}}" },
          { label: "Application number", value: "{{number}}" },
          { label: "Filing date", value: "{{filingDate}}" },
          { label: "Mark or title", value: "{{title}}" },
          { label: "Owner", value: "{{applicant}}" },
          { label: "Representative", value: "{{representative}}" },
          { label: "Classes", value: "{{classes}}" },
          { label: "Goods and services", value: "{{goods}}" },
          { label: "Protected until", value: "{{expiryDate}}" },
        ],
      },
      { signature: ["The Registrar", "{{office}}"] },
      { paragraph: "Issued on {{date}}." },
    ],
  },
  "formality-objection": {
    title: "Formality objection {{number}}",
    footer: "{{office}} · {{number}}",
    blocks: [
      letterHead({ ours: "Our reference", yours: "Your reference", date: "Date", to: "To" }),
      { heading: "Formality objection" },
      {
        paragraph:
          "In examining the formal requirements of application {{number}} ({{title}}), filed on {{filingDate}} by {{applicant}}, the office found the following deficiencies:",
      },
      { paragraph: "{{grounds}}" },
      {
        paragraph:
          "Please correct them by {{deadline}}. An application whose deficiencies are not corrected in time is deemed withdrawn.",
      },
      { signature: ["Formalities examiner", "{{office}}"] },
    ],
  },
  "provisional-refusal": {
    title: "Provisional refusal {{number}}",
    footer: "{{office}} · {{number}}",
    blocks: [
      letterHead({ ours: "Our reference", yours: "Your reference", date: "Date", to: "To" }),
      { heading: "Provisional refusal" },
      {
        paragraph:
          "The office has examined application {{number}} ({{title}}) and provisionally refuses protection under {{legalBasis}}, on these grounds:",
      },
      { paragraph: "{{grounds}}" },
      {
        paragraph:
          "You may submit observations or amend the application by {{deadline}}. Without a reply by then, the refusal becomes final for the goods and services concerned.",
      },
      { signature: ["Examiner", "{{office}}"] },
    ],
  },
  grant: {
    title: "Notice of registration {{registrationNumber}}",
    footer: "{{office}} · {{registrationNumber}}",
    blocks: [
      letterHead({ ours: "Our reference", yours: "Your reference", date: "Date", to: "To" }),
      { heading: "Notice of registration" },
      {
        paragraph:
          "The office has registered application {{number}} ({{title}}), filed on {{filingDate}}, under number {{registrationNumber}} on {{registrationDate}}. Protection runs until {{expiryDate}} and may be renewed.",
      },
      { paragraph: "The certificate of registration is enclosed." },
      { signature: ["The Registrar", "{{office}}"] },
    ],
  },
  "renewal-reminder": {
    title: "Renewal reminder {{registrationNumber}}",
    footer: "{{office}} · {{registrationNumber}}",
    blocks: [
      letterHead({ ours: "Our reference", yours: "Your reference", date: "Date", to: "To" }),
      { heading: "Renewal reminder" },
      {
        paragraph:
          "Registration {{registrationNumber}} ({{title}}) of {{applicant}} expires on {{expiryDate}}. It may be renewed by {{deadline}}; with the surcharge for late renewal, until {{graceEnd}} (Paris Convention, Art. 5bis).",
      },
      { signature: ["Renewals", "{{office}}"] },
    ],
  },
};

const ar: Record<Kind, Template> = {
  certificate: {
    title: "شهادة تسجيل {{registrationNumber}}",
    footer: "{{office}} · {{registrationNumber}}",
    blocks: [
      { title: "شهادة تسجيل" },
      {
        paragraph:
          "يشهد {{office}} بأن الحق المبين أدناه ({{kind}}) قد قيد في السجل تحت الرقم {{registrationNumber}} اعتبارا من {{registrationDate}}.",
      },
      {
        fields: [
          { label: "رقم التسجيل", value: "{{registrationNumber}}" },
          { label: "تاريخ التسجيل", value: "{{registrationDate}}" },
          { label: "رقم الطلب", value: "{{number}}" },
          { label: "تاريخ الإيداع", value: "{{filingDate}}" },
          { label: "العلامة أو العنوان", value: "{{title}}" },
          { label: "المالك", value: "{{applicant}}" },
          { label: "الوكيل", value: "{{representative}}" },
          { label: "الفئات", value: "{{classes}}" },
          { label: "السلع والخدمات", value: "{{goods}}" },
          { label: "الحماية سارية حتى", value: "{{expiryDate}}" },
        ],
      },
      { signature: ["المسجل", "{{office}}"] },
      { paragraph: "صدرت بتاريخ {{date}}." },
    ],
  },
  "formality-objection": {
    title: "اعتراض شكلي {{number}}",
    footer: "{{office}} · {{number}}",
    blocks: [
      letterHead({ ours: "مرجعنا", yours: "مرجعكم", date: "التاريخ", to: "إلى" }),
      { heading: "اعتراض شكلي" },
      {
        paragraph:
          "عند فحص الشروط الشكلية للطلب رقم {{number}} ({{title}}) المودع بتاريخ {{filingDate}} من قبل {{applicant}}، تبين للمكتب وجود النواقص التالية:",
      },
      { paragraph: "{{grounds}}" },
      {
        paragraph:
          "يرجى استيفاء هذه النواقص في موعد أقصاه {{deadline}}. ويعتبر الطلب مسحوبا إذا لم تستوف النواقص في الموعد.",
      },
      { signature: ["فاحص الشروط الشكلية", "{{office}}"] },
    ],
  },
  "provisional-refusal": {
    title: "رفض مؤقت {{number}}",
    footer: "{{office}} · {{number}}",
    blocks: [
      letterHead({ ours: "مرجعنا", yours: "مرجعكم", date: "التاريخ", to: "إلى" }),
      { heading: "رفض مؤقت" },
      {
        paragraph:
          "فحص المكتب الطلب رقم {{number}} ({{title}}) وقرر رفض الحماية رفضا مؤقتا استنادا إلى {{legalBasis}}، للأسباب التالية:",
      },
      { paragraph: "{{grounds}}" },
      {
        paragraph:
          "يجوز لكم تقديم ملاحظاتكم أو تعديل الطلب في موعد أقصاه {{deadline}}. وإذا لم يرد رد في هذا الموعد يصبح الرفض نهائيا بالنسبة إلى السلع والخدمات المعنية.",
      },
      { signature: ["الفاحص", "{{office}}"] },
    ],
  },
  grant: {
    title: "إشعار تسجيل {{registrationNumber}}",
    footer: "{{office}} · {{registrationNumber}}",
    blocks: [
      letterHead({ ours: "مرجعنا", yours: "مرجعكم", date: "التاريخ", to: "إلى" }),
      { heading: "إشعار تسجيل" },
      {
        paragraph:
          "سجل المكتب الطلب رقم {{number}} ({{title}}) المودع بتاريخ {{filingDate}} تحت الرقم {{registrationNumber}} بتاريخ {{registrationDate}}. وتسري الحماية حتى {{expiryDate}} ويجوز تجديدها.",
      },
      { paragraph: "مرفق شهادة التسجيل." },
      { signature: ["المسجل", "{{office}}"] },
    ],
  },
  "renewal-reminder": {
    title: "تذكير بالتجديد {{registrationNumber}}",
    footer: "{{office}} · {{registrationNumber}}",
    blocks: [
      letterHead({ ours: "مرجعنا", yours: "مرجعكم", date: "التاريخ", to: "إلى" }),
      { heading: "تذكير بالتجديد" },
      {
        paragraph:
          "ينتهي التسجيل رقم {{registrationNumber}} ({{title}}) العائد إلى {{applicant}} بتاريخ {{expiryDate}}. ويجوز تجديده حتى {{deadline}}، ومع رسم التأخير حتى {{graceEnd}} (اتفاقية باريس، المادة 5 مكرر).",
      },
      { signature: ["قسم التجديدات", "{{office}}"] },
    ],
  },
};

const fr: Record<Kind, Template> = {
  certificate: {
    title: "Certificat d'enregistrement {{registrationNumber}}",
    footer: "{{office}} · {{registrationNumber}}",
    blocks: [
      { title: "Certificat d'enregistrement" },
      {
        paragraph:
          "{{office}} certifie que le droit décrit ci-dessous ({{kind}}) a été inscrit au registre sous le numéro {{registrationNumber}}, avec effet au {{registrationDate}}.",
      },
      {
        fields: [
          { label: "Numéro d'enregistrement", value: "{{registrationNumber}}" },
          { label: "Date d'enregistrement", value: "{{registrationDate}}" },
          { label: "Numéro de la demande", value: "{{number}}" },
          { label: "Date de dépôt", value: "{{filingDate}}" },
          { label: "Marque ou titre", value: "{{title}}" },
          { label: "Titulaire", value: "{{applicant}}" },
          { label: "Mandataire", value: "{{representative}}" },
          { label: "Classes", value: "{{classes}}" },
          { label: "Produits et services", value: "{{goods}}" },
          { label: "Protégé jusqu'au", value: "{{expiryDate}}" },
        ],
      },
      { signature: ["Le conservateur du registre", "{{office}}"] },
      { paragraph: "Délivré le {{date}}." },
    ],
  },
  "formality-objection": {
    title: "Notification d'irrégularité {{number}}",
    footer: "{{office}} · {{number}}",
    blocks: [
      letterHead({ ours: "Notre référence", yours: "Votre référence", date: "Date", to: "Destinataire" }),
      { heading: "Notification d'irrégularité" },
      {
        paragraph:
          "L'examen des conditions de forme de la demande {{number}} ({{title}}), déposée le {{filingDate}} par {{applicant}}, a révélé les irrégularités suivantes :",
      },
      { paragraph: "{{grounds}}" },
      {
        paragraph: "Veuillez y remédier au plus tard le {{deadline}}. À défaut, la demande est réputée retirée.",
      },
      { signature: ["L'examinateur des formalités", "{{office}}"] },
    ],
  },
  "provisional-refusal": {
    title: "Refus provisoire {{number}}",
    footer: "{{office}} · {{number}}",
    blocks: [
      letterHead({ ours: "Notre référence", yours: "Votre référence", date: "Date", to: "Destinataire" }),
      { heading: "Refus provisoire" },
      {
        paragraph:
          "L'office a examiné la demande {{number}} ({{title}}) et refuse provisoirement la protection en vertu de {{legalBasis}}, pour les motifs suivants :",
      },
      { paragraph: "{{grounds}}" },
      {
        paragraph:
          "Vous pouvez présenter vos observations ou modifier la demande jusqu'au {{deadline}}. Faute de réponse, le refus devient définitif pour les produits et services concernés.",
      },
      { signature: ["L'examinateur", "{{office}}"] },
    ],
  },
  grant: {
    title: "Avis d'enregistrement {{registrationNumber}}",
    footer: "{{office}} · {{registrationNumber}}",
    blocks: [
      letterHead({ ours: "Notre référence", yours: "Votre référence", date: "Date", to: "Destinataire" }),
      { heading: "Avis d'enregistrement" },
      {
        paragraph:
          "L'office a enregistré la demande {{number}} ({{title}}), déposée le {{filingDate}}, sous le numéro {{registrationNumber}} le {{registrationDate}}. La protection court jusqu'au {{expiryDate}} et peut être renouvelée.",
      },
      { paragraph: "Le certificat d'enregistrement est joint." },
      { signature: ["Le conservateur du registre", "{{office}}"] },
    ],
  },
  "renewal-reminder": {
    title: "Rappel de renouvellement {{registrationNumber}}",
    footer: "{{office}} · {{registrationNumber}}",
    blocks: [
      letterHead({ ours: "Notre référence", yours: "Votre référence", date: "Date", to: "Destinataire" }),
      { heading: "Rappel de renouvellement" },
      {
        paragraph:
          "L'enregistrement {{registrationNumber}} ({{title}}) de {{applicant}} expire le {{expiryDate}}. Il peut être renouvelé jusqu'au {{deadline}} ; avec la surtaxe de retard, jusqu'au {{graceEnd}} (Convention de Paris, art. 5bis).",
      },
      { signature: ["Service des renouvellements", "{{office}}"] },
    ],
  },
};

const byKind = (kind: Kind) => ({ en: en[kind], ar: ar[kind], fr: fr[kind] });

export const defaults: Templates = {
  certificate: byKind("certificate"),
  "formality-objection": byKind("formality-objection"),
  "provisional-refusal": byKind("provisional-refusal"),
  grant: byKind("grant"),
  "renewal-reminder": byKind("renewal-reminder"),
};

const sample = {
  number: "OM/T/2026/000123",
  registrationNumber: "OM/R/2026/004567",
  filingDate: "2026-01-12",
  registrationDate: "2026-09-30",
  expiryDate: "2036-01-12",
  deadline: "2026-12-12",
  graceEnd: "2036-07-12",
  date: "2026-10-01",
  reference: "SBM-TM-88",
  classes: "3, 5, 25",
  title: "SEOUL BIO نجمة",
  applicant: "Seoul Bio Materials Co.",
};

/** Sample values per language for previews (a mark with Latin and Arabic words, an owner with a trailing dot). */
export const samples: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: {
    ...sample,
    office: "Intellectual Property Office",
    kind: "trademark",
    representative: "Al Noor Patent Agents",
    goods: "Class 3: soaps, perfumery; class 5: pharmaceutical preparations; class 25: clothing*.",
    grounds:
      "The list of goods in class 25 uses the term “clothing*”, which is not clear (Nice Classification, general remarks).",
    legalBasis: "Trademark Law, Art. 2(a)",
  },
  ar: {
    ...sample,
    office: "مكتب الملكية الفكرية",
    kind: "علامة تجارية",
    representative: "مكتب النور لوكالة البراءات",
    goods: "الفئة 3: الصابون والعطور؛ الفئة 5: المستحضرات الصيدلانية؛ الفئة 25: clothing*.",
    grounds: "تستخدم قائمة السلع في الفئة 25 المصطلح «clothing*» وهو غير واضح (تصنيف نيس، الملاحظات العامة).",
    legalBasis: "قانون العلامات التجارية، المادة 2 (أ)",
  },
  fr: {
    ...sample,
    office: "Office de la propriété intellectuelle",
    kind: "marque",
    representative: "Cabinet Al Noor",
    goods: "Classe 3 : savons, parfumerie ; classe 5 : produits pharmaceutiques ; classe 25 : clothing*.",
    grounds:
      "La liste des produits de la classe 25 emploie le terme « clothing* », qui n'est pas clair (classification de Nice, remarques générales).",
    legalBasis: "loi sur les marques, art. 2 a)",
  },
};
