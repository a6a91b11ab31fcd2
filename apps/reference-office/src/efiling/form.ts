/**
 * The filing form's data: reading the posted fields (form-encoded, strings only), building the domain's
 * `FilingRequest` from them, and placing every problem beside the field it belongs to. Pure functions: the routes
 * decode with the domain schema and check the goods and services against the Nice classification.
 */
import { IpRight } from "@ipoffice/domain";
import { Result, type Schema } from "effect";
import type { IpKind } from "../config/OfficeConfig.js";
import type { FieldIssue } from "../http/problem.js";
import { decodeAll } from "../http/validate.js";

/** The form's fields, by name (the `name` of each control; ids are `f-<name>`). */
export const fieldNames = [
  "markText",
  "markType",
  "markCategory",
  "ownerName",
  "ownerKind",
  "ownerCountry",
  "repName",
  "repCountry",
  "repNumber",
  "goodsAndServices",
  "goodsAndServicesText",
  "title",
  "abstract",
  "claimsCount",
  "ipc",
  "inventors",
  "product",
  "locarnoClass",
  "views",
  "designers",
  "priorities",
] as const;
export type FieldName = (typeof fieldNames)[number];

/** What the applicant typed, as strings, to show the form again. */
export type FormValues = Partial<Record<FieldName, string>>;

/** The mark types the form offers (the domain knows more; offices file those on paper or through the API). */
export const formMarkTypes = [
  "word",
  "figurative",
  "combined",
  "three_dimensional",
  "colour",
  "sound",
  "other",
] as const;
export const markCategories = ["individual", "collective", "certification"] as const;

/** Why a field is wrong, as a message key plus parameters, so the page says it in its language. */
export type ErrorCode =
  | { readonly code: "required" }
  | { readonly code: "country" }
  | { readonly code: "number"; readonly min: number; readonly max: number }
  | { readonly code: "ipc"; readonly symbol: string }
  | { readonly code: "locarno" }
  | { readonly code: "markText" }
  | { readonly code: "tooLong" }
  | { readonly code: "goodsLine"; readonly line: number }
  | { readonly code: "goodsNone" }
  | { readonly code: "goodsJson" }
  | { readonly code: "classRange"; readonly classNumber: string }
  | { readonly code: "classEmpty"; readonly classNumber: number }
  | { readonly code: "wrongClass"; readonly term: string; readonly classNumber: number; readonly official: string }
  | { readonly code: "vagueTerm"; readonly term: string; readonly classNumber: number; readonly reason: string }
  | { readonly code: "tooManyTerms"; readonly terms: number }
  | { readonly code: "priorityLine"; readonly line: number }
  | { readonly code: "invalid"; readonly detail: string };

export interface FieldError {
  /** The field beside which the error shows; `undefined` for the form as a whole. */
  readonly field: FieldName | undefined;
  readonly error: ErrorCode;
}

/** A class of the goods and services as the form collected it. */
export interface ClassTerms {
  readonly classNumber: number;
  readonly terms: ReadonlyArray<string>;
}

const maxFieldLength = 100_000;

/** The posted strings of the known fields, trimmed and cut to a sane length (files and unknown fields ignored). */
export const readValues = (body: Record<string, unknown>): FormValues => {
  const values: FormValues = {};
  for (const name of fieldNames) {
    const raw = body[name];
    const value = Array.isArray(raw) ? raw.find((v) => typeof v === "string") : raw;
    if (typeof value === "string") values[name] = value.slice(0, maxFieldLength).trim();
  }
  return values;
};

/** Arabic-Indic and Persian digits to ASCII digits (applicants type either). */
export const asciiDigits = (text: string): string =>
  text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));

/** ASCII digits, and the Arabic semicolon and full-width colon in their ASCII forms. */
const normaliseLine = (line: string): string =>
  asciiDigits(line)
    .replace(/\u061b/g, ";")
    .replace(/\uff1a/g, ":");

const splitTerms = (text: string): Array<string> =>
  text
    .split(";")
    .map((t) => t.trim())
    .filter((t) => t !== "");

const linePattern = /^(?:class|classe|cl\.|فئة|الفئة)?\s*(\d{1,4})\s*[:\-–—.)]\s*(.*)$/iu;

/**
 * Reads the no-JavaScript textarea: one class per line, `25: shirts; hats` (also `Class 25 - shirts`, Arabic digits
 * and "؛"). Lines of the same class are joined. A line that does not start with a class number is an error naming it.
 */
export const parseGoodsText = (text: string): { classes: Array<ClassTerms>; errors: Array<FieldError> } => {
  const byClass = new Map<number, Array<string>>();
  const errors: Array<FieldError> = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = normaliseLine(raw).trim();
    if (line === "") return;
    const match = linePattern.exec(line);
    if (!match) {
      errors.push({ field: "goodsAndServices", error: { code: "goodsLine", line: index + 1 } });
      return;
    }
    const classNumber = Number(match[1]);
    const terms = byClass.get(classNumber) ?? [];
    terms.push(...splitTerms(match[2] ?? ""));
    byClass.set(classNumber, terms);
  });
  return { classes: [...byClass].map(([classNumber, terms]) => ({ classNumber, terms })), errors };
};

/** Reads the picker's JSON value `[{ classNumber, terms: [text] }]`; `undefined` when it is not that shape. */
export const parsePickerValue = (json: string): Array<ClassTerms> | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const byClass = new Map<number, Array<string>>();
  for (const group of parsed) {
    if (typeof group !== "object" || group === null) return undefined;
    const { classNumber, terms } = group as { classNumber?: unknown; terms?: unknown };
    if (typeof classNumber !== "number" || !Number.isInteger(classNumber) || !Array.isArray(terms)) return undefined;
    const list = byClass.get(classNumber) ?? [];
    for (const t of terms) if (typeof t === "string" && t.trim() !== "") list.push(t.trim());
    byClass.set(classNumber, list);
  }
  return [...byClass].map(([classNumber, terms]) => ({ classNumber, terms }));
};

/** The goods and services of the form: the picker's value when it has one, else the textarea. */
export const goodsAndServicesOf = (values: FormValues): { classes: Array<ClassTerms>; errors: Array<FieldError> } => {
  const picked = values.goodsAndServices;
  if (picked !== undefined && picked !== "" && picked !== "[]") {
    const classes = parsePickerValue(picked);
    if (classes === undefined)
      return { classes: [], errors: [{ field: "goodsAndServices", error: { code: "goodsJson" } }] };
    if (classes.length > 0) return { classes, errors: [] };
  }
  return parseGoodsText(values.goodsAndServicesText ?? "");
};

/** The textarea form of a list: `25: shirts; hats`, one class per line, classes ascending. */
export const goodsText = (classes: ReadonlyArray<ClassTerms>): string =>
  [...classes]
    .sort((a, b) => a.classNumber - b.classNumber)
    .map((c) => `${c.classNumber}: ${c.terms.join("; ")}`)
    .join("\n");

/** People, one per line, with an optional ST.3 code in brackets: `Said Al Rawahi (OM)`. */
export const parsePeople = (text: string): Array<{ name: string; country?: string }> =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .map((line) => {
      const m = /^(.*?)\s*\(([A-Za-z]{2})\)$/.exec(line);
      return m && m[1] !== "" ? { name: m[1] ?? line, country: (m[2] ?? "").toUpperCase() } : { name: line };
    });

const priorityLine = /^([A-Za-z]{2})\s+(.+?)\s+(\d{4}-\d{2}-\d{2})$/;

/**
 * Priority claims, one per line: the ST.3 code of the country or office of the earlier filing, its number and its date
 * (`FR 26/01234 2026-05-24`; Arabic digits accepted). A line not in that shape is an error naming it; the domain then
 * judges each claim (country code, date, the Paris Convention period).
 */
export const parsePriorities = (
  text: string,
): { claims: Array<{ country: string; number: string; date: string }>; errors: Array<FieldError> } => {
  const claims: Array<{ country: string; number: string; date: string }> = [];
  const errors: Array<FieldError> = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = asciiDigits(raw).trim();
    if (line === "") return;
    const m = priorityLine.exec(line);
    if (m === null) {
      errors.push({ field: "priorities", error: { code: "priorityLine", line: index + 1 } });
      return;
    }
    claims.push({ country: (m[1] ?? "").toUpperCase(), number: (m[2] ?? "").trim(), date: m[3] ?? "" });
  });
  return { claims, errors };
};

const wholeNumber = (text: string | undefined): number | string | undefined => {
  if (text === undefined || text === "") return undefined;
  const digits = asciiDigits(text);
  return /^\d{1,9}$/.test(digits) ? Number(digits) : text;
};

const optional = (text: string | undefined): string | undefined =>
  text === undefined || text === "" ? undefined : text;

/** The applicant (owner) and, when a name is given, the representative. */
const parties = (v: FormValues) => ({
  party: { name: v.ownerName ?? "", country: v.ownerCountry ?? "", kind: optional(v.ownerKind) },
  representatives:
    optional(v.repName) === undefined
      ? undefined
      : [{ name: v.repName ?? "", country: v.repCountry ?? "", registrationNumber: optional(v.repNumber) }],
});

const compact = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined));

/** The filing request the form describes (not yet decoded: the domain schema judges it). */
export const buildRequest = (kind: IpKind, v: FormValues, classes: ReadonlyArray<ClassTerms>): unknown => {
  const { party, representatives } = parties(v);
  const owner = compact(party);
  const claims = parsePriorities(v.priorities ?? "").claims;
  const priorities = claims.length > 0 ? claims : undefined;
  return compact({ ...(byKind(kind, v, classes, owner, representatives) as Record<string, unknown>), priorities });
};

const byKind = (
  kind: IpKind,
  v: FormValues,
  classes: ReadonlyArray<ClassTerms>,
  owner: Record<string, unknown>,
  representatives: ReturnType<typeof parties>["representatives"],
): unknown => {
  switch (kind) {
    case "trademark":
      return compact({
        kind,
        mark: compact({ text: optional(v.markText), type: v.markType ?? "", category: optional(v.markCategory) }),
        owners: [owner],
        goodsAndServices: classes.map((c) => ({ classNumber: c.classNumber, terms: c.terms })),
        representatives: representatives?.map(compact),
      });
    case "patent":
    case "utility_model":
      return compact({
        kind,
        title: v.title ?? "",
        abstract: optional(v.abstract),
        claimsCount: wholeNumber(v.claimsCount) ?? "",
        ipc: optional(v.ipc)
          ?.split(/[,;\n]/)
          .map((s) => s.trim().replace(/\s+/g, " "))
          .filter((s) => s !== ""),
        applicants: [owner],
        inventors: parsePeople(v.inventors ?? ""),
        representatives: representatives?.map(compact),
      });
    case "industrial_design":
      return compact({
        kind,
        title: optional(v.title),
        designs: [
          {
            product: v.product ?? "",
            locarnoClass: asciiDigits(v.locarnoClass ?? ""),
            views: wholeNumber(v.views) ?? "",
          },
        ],
        applicants: [owner],
        designers: optional(v.designers) === undefined ? undefined : parsePeople(v.designers ?? ""),
        representatives: representatives?.map(compact),
      });
  }
};

const schemas: Record<IpKind, Schema.Top & { readonly DecodingServices: never }> = {
  trademark: IpRight.TrademarkFiling,
  patent: IpRight.PatentFiling,
  utility_model: IpRight.UtilityModelFiling,
  industrial_design: IpRight.IndustrialDesignFiling,
};

/** The form field a schema path belongs to. */
export const fieldOf = (path: string): FieldName | undefined => {
  const p = path.replace(/\[\d+\]/g, "[]");
  if (p === "mark" || p.startsWith("mark.text")) return "markText";
  if (p.startsWith("mark.type")) return "markType";
  if (p.startsWith("mark.category")) return "markCategory";
  const party = /^(owners|applicants)(\[\])?(\.(\w+))?/.exec(p);
  if (party) {
    const key = party[4];
    return key === "country" ? "ownerCountry" : key === "kind" ? "ownerKind" : "ownerName";
  }
  const rep = /^representatives(\[\])?(\.(\w+))?/.exec(p);
  if (rep) return rep[3] === "country" ? "repCountry" : rep[3] === "registrationNumber" ? "repNumber" : "repName";
  if (p.startsWith("goodsAndServices")) return "goodsAndServices";
  if (p.startsWith("designs[].product") || p === "designs" || p === "designs[]") return "product";
  if (p.startsWith("designs[].locarnoClass")) return "locarnoClass";
  if (p.startsWith("designs[].views")) return "views";
  for (const name of ["title", "abstract", "claimsCount", "ipc", "inventors", "designers", "priorities"] as const) {
    if (p === name || p.startsWith(`${name}[`) || p.startsWith(`${name}.`)) return name;
  }
  return undefined;
};

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/** Follows a schema path (`owners[0].country`) into the request to see what was given there. */
const valueAt = (root: unknown, path: string): unknown => {
  let at: unknown = root;
  for (const part of path.split(/\.|\[|\]/).filter((s) => s !== "")) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
};

/** A schema issue in the words of the form. */
const errorFor = (request: unknown, issue: FieldIssue, field: FieldName | undefined): ErrorCode => {
  const given = valueAt(request, issue.path);
  const tooLong = /at most|length of at most|maxLength/i.test(issue.message);
  if (field === "goodsAndServices") {
    if (issue.path === "goodsAndServices") return { code: "goodsNone" };
    const cls = /^goodsAndServices\[(\d+)\]/.exec(issue.path);
    const entry = cls ? (valueAt(request, `goodsAndServices[${cls[1]}]`) as ClassTerms | undefined) : undefined;
    if (/classNumber$/.test(issue.path)) return { code: "classRange", classNumber: String(entry?.classNumber ?? "") };
    if (/terms$/.test(issue.path) && entry && entry.terms.length === 0)
      return { code: "classEmpty", classNumber: entry.classNumber };
    if (tooLong) return { code: "tooLong" };
    return { code: "invalid", detail: issue.message };
  }
  if (field === "markText" && /verbal element/.test(issue.message)) return { code: "markText" };
  if (isEmpty(given)) return { code: "required" };
  if (tooLong) return { code: "tooLong" };
  if (field === "ownerCountry" || field === "repCountry") return { code: "country" };
  if (field === "inventors" || field === "designers") {
    if (/country$/.test(issue.path)) return { code: "country" };
  }
  if (field === "claimsCount") return { code: "number", min: 1, max: 10_000 };
  if (field === "views") return { code: "number", min: 1, max: 100 };
  if (field === "ipc") return { code: "ipc", symbol: typeof given === "string" ? given.slice(0, 40) : "" };
  if (field === "locarnoClass") return { code: "locarno" };
  if (field === "priorities" && /country$/.test(issue.path)) return { code: "country" };
  return { code: "invalid", detail: issue.message };
};

/** Decodes the request with the domain schema of its kind; on failure, every issue beside its field. */
export const decodeRequest = (
  kind: IpKind,
  request: unknown,
): Result.Result<IpRight.FilingRequest, Array<FieldError>> => {
  const decoded = decodeAll(schemas[kind], request);
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success as IpRight.FilingRequest);
  const seen = new Set<string>();
  const errors: Array<FieldError> = [];
  for (const issue of decoded.failure) {
    const field = fieldOf(issue.path);
    const error = errorFor(request, issue, field);
    const key = `${field}|${JSON.stringify(error)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ field, error });
  }
  return Result.fail(errors);
};
