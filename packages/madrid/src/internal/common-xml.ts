/**
 * Writing and reading the building blocks shared by both directions (parties, goods and services, basic
 * marks, limitations), and the typed reading helpers that report precise paths.
 */
import type { BasicMark, ClassGoods, GoodsLimitation, Party } from "../Party.js";
import { el, type Node, opt, type XmlElement } from "./xml.js";
import { echo, MAX_MESSAGE } from "./echo.js";

// ---------------------------------------------------------------------------------------------------------
// Writing

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

const contact = (p: Party): Node =>
  el("com:Contact", [
    el("com:Name", [
      p.kind === "person"
        ? el("com:PersonName", [el("com:PersonFullName", p.name)])
        : el("com:OrganizationName", [el("com:OrganizationStandardName", p.name)]),
    ]),
    opt(p.address, (a) =>
      el("com:PostalAddressBag", [
        el("com:PostalAddress", [
          el("com:PostalStructuredAddress", [
            ...a.lines.map((line, i) => el("com:AddressLineText", line, { "com:sequenceNumber": String(i + 1) })),
            opt(a.city, (c) => el("com:CityName", c)),
            el("com:CountryCode", a.countryCode),
            opt(a.postalCode, (c) => el("com:PostalCode", c)),
          ]),
        ]),
      ]),
    ),
  ]);

/** A party as `tmk:Holder`, `tmk:Licensee`, `com:Representative`… (they share ST.96's ApplicantType shape). */
export const party = (name: string, p: Party): Node =>
  el(name, [contact(p), opt(p.nationalityCode, (c) => el("com:NationalityCode", c))]);

export const holderBag = (holders: ReadonlyArray<Party>): Node =>
  el(
    "tmk:HolderBag",
    holders.map((h) => party("tmk:Holder", h)),
  );

export const classDescription = (g: ClassGoods): Node =>
  el("tmk:ClassDescription", [
    el("tmk:ClassNumber", pad2(g.classNumber)),
    el("tmk:GoodsServicesDescriptionText", g.terms.join("; ")),
  ]);

export const goodsServicesBag = (name: string, classes: ReadonlyArray<ClassGoods>): Node =>
  el(name, [
    el("tmk:GoodsServices", [
      el("tmk:GoodsServicesClassificationBag", [
        el("tmk:GoodsServicesClassification", [el("tmk:ClassificationKindCode", "Nice")]),
      ]),
      el("tmk:ClassDescriptionBag", classes.map(classDescription)),
    ]),
  ]);

export const limitationBag = (limitations: ReadonlyArray<GoodsLimitation>): Node =>
  el(
    "tmk:GoodsServicesLimitationBag",
    limitations.map((l) =>
      el("tmk:GoodsServicesLimitation", [
        opt(l.countries && l.countries.length > 0 ? l.countries : undefined, (cs) =>
          el(
            "com:LimitationCountryCodeBag",
            cs.map((c) => el("com:LimitationCountryCode", c)),
          ),
        ),
        el("tmk:GoodsServicesLimitationCategory", l.category),
        el("tmk:LimitationClassDescriptionBag", l.classes.map(classDescription)),
      ]),
    ),
  );

const basicRegistrationBag = (r: { number: string; date: string }): Node =>
  el("tmk:BasicRegistrationBag", [
    el("tmk:BasicRegistration", [el("tmk:BasicRegistrationNumber", r.number), el("tmk:BasicRegistrationDate", r.date)]),
  ]);

/** `tmk:BasicRegistrationApplicationBag`, or nothing when no basic mark has an application or registration. */
export const basicBag = (basic: ReadonlyArray<BasicMark>): Node | undefined => {
  const usable = basic.filter((b) => b.application !== undefined || b.registration !== undefined);
  if (usable.length === 0) return undefined;
  return el(
    "tmk:BasicRegistrationApplicationBag",
    usable.map((b) =>
      el("tmk:BasicRegistrationApplication", [
        opt(b.officeCode, (c) => el("com:RegistrationOfficeCode", c)),
        opt(b.application, (a) =>
          el("tmk:BasicApplicationBag", [
            el("tmk:BasicApplication", [
              el("tmk:BasicApplicationNumber", [el("com:ApplicationNumberText", a.number)]),
              opt(a.date, (d) => el("tmk:BasicApplicationDate", d)),
            ]),
          ]),
        ),
        opt(b.registration, basicRegistrationBag),
      ]),
    ),
  );
};

// ---------------------------------------------------------------------------------------------------------
// Reading

/** A problem found while mapping an element tree to the model: where, and what. */
export interface Problem {
  readonly path: string;
  readonly message: string;
  /** "Unsupported": valid ST.96 this version does not map; "Invalid": content the model cannot accept. */
  readonly kind: "Invalid" | "Unsupported";
}

/** Thrown only inside the mapping functions and caught at their boundary (never escapes the package). */
export class MappingFailure {
  readonly problem: Problem;
  constructor(problem: Problem) {
    this.problem = problem;
  }
}

export const fail = (path: string, message: string, kind: Problem["kind"] = "Invalid"): never => {
  throw new MappingFailure({ path: echo(path, MAX_MESSAGE), message: echo(message, MAX_MESSAGE), kind });
};

/** A read cursor over one element, with its path for error messages. */
export class Reader {
  readonly node: XmlElement;
  readonly path: string;
  constructor(node: XmlElement, path: string) {
    this.node = node;
    this.path = path;
  }
  all(name: string): Array<Reader> {
    const out: Array<Reader> = [];
    let i = 0;
    for (const c of this.node.children) {
      if (c.name === name) out.push(new Reader(c, `${this.path}/${name}[${++i}]`));
    }
    return out;
  }
  opt(name: string): Reader | undefined {
    const c = this.node.children.find((x) => x.name === name);
    return c ? new Reader(c, `${this.path}/${name}`) : undefined;
  }
  req(name: string): Reader {
    return this.opt(name) ?? fail(this.path, `missing required element ${name}`);
  }
  text(): string {
    return this.node.text.trim();
  }
  reqText(name: string): string {
    return this.req(name).text();
  }
  optText(name: string): string | undefined {
    return this.opt(name)?.text();
  }
  date(): string {
    return isoDate(this.text(), this.path);
  }
  reqDate(name: string): string {
    return this.req(name).date();
  }
  optDate(name: string): string | undefined {
    return this.opt(name)?.date();
  }
  bool(): boolean {
    const t = this.text();
    if (t === "true" || t === "1") return true;
    if (t === "false" || t === "0") return false;
    return fail(this.path, `expected a boolean, found "${echo(t)}"`);
  }
  int(): number {
    const t = this.text();
    if (!/^\+?\d+$/.test(t)) fail(this.path, `expected a whole number, found "${echo(t)}"`);
    return Number.parseInt(t, 10);
  }
  /** The text, checked against a list of allowed values (an ST.96 code list). */
  oneOf<const A extends string>(values: ReadonlyArray<A>): A {
    const t = this.text();
    const found = values.find((v) => v === t);
    return (
      found ?? fail(this.path, `unsupported value "${echo(t)}" (expected one of: ${values.join(", ")})`, "Unsupported")
    );
  }
}

/**
 * `com:DateType` is xsd:date (optionally with a time zone), xsd:gYear or xsd:gYearMonth. The model needs whole
 * dates: a time zone is dropped (a Madrid date is a calendar date), a partial date is refused.
 */
export const isoDate = (text: string, path: string): string => {
  const m = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (!m?.[1]) {
    return fail(
      path,
      /^\d{4}(-\d{2})?(Z|[+-]\d{2}:\d{2})?$/.test(text)
        ? `partial date "${echo(text)}" (year or year-month) is not supported; a full date is needed`
        : `invalid date "${echo(text)}"`,
      /^\d{4}(-\d{2})?(Z|[+-]\d{2}:\d{2})?$/.test(text) ? "Unsupported" : "Invalid",
    );
  }
  return m[1];
};

export const readParty = (r: Reader): Party => {
  const c = r.opt("com:Contact");
  if (!c) {
    const legal = r.optText("com:LegalEntityName");
    if (legal) return { kind: "organization", name: legal };
    return fail(r.path, "party without com:Contact or com:LegalEntityName is not supported", "Unsupported");
  }
  const name = c.opt("com:Name");
  if (!name) {
    const t = c.optText("com:ContactText");
    return t ? { kind: "organization", name: t } : fail(c.path, "missing com:Name");
  }
  const person = name.opt("com:PersonName");
  const org = name.opt("com:OrganizationName");
  const entity = name.opt("com:EntityName");
  let result: { kind: "person" | "organization"; name: string };
  if (person) {
    const full = person.optText("com:PersonFullName");
    if (full !== undefined) result = { kind: "person", name: full };
    else {
      const s = person.req("com:PersonStructuredName");
      const parts = ["com:NamePrefix", "com:FirstName", "com:MiddleName", "com:LastName", "com:NameSuffix"]
        .map((n) => s.optText(n))
        .filter((x): x is string => x !== undefined && x !== "");
      result = { kind: "person", name: parts.join(" ") };
    }
  } else if (org) {
    result = { kind: "organization", name: allText(org.req("com:OrganizationStandardName").node) };
  } else if (entity) {
    result = { kind: "organization", name: allText(entity.node) };
  } else {
    return fail(name.path, "expected com:PersonName, com:OrganizationName or com:EntityName");
  }
  const addr = c.opt("com:PostalAddressBag")?.opt("com:PostalAddress");
  const structured = addr?.opt("com:PostalStructuredAddress");
  const nationality = r.optText("com:NationalityCode");
  const base = nationality && /^[A-Z]{2}$/.test(nationality) ? { ...result, nationalityCode: nationality } : result;
  if (structured) {
    const lines = structured.all("com:AddressLineText").map((l) => l.text());
    const city = structured.optText("com:CityName");
    const postalCode = structured.optText("com:PostalCode");
    return {
      ...base,
      address: {
        lines: lines as [string, ...Array<string>],
        countryCode: structured.reqText("com:CountryCode"),
        ...(city !== undefined ? { city } : {}),
        ...(postalCode !== undefined ? { postalCode } : {}),
      },
    } as unknown as Party;
  }
  return base as unknown as Party;
};

/** Concatenated text of an element and its inline children (ST.96 phrase types carry B, I, U… markup). */
export const allText = (e: XmlElement): string => {
  if (e.children.length === 0) return e.text.trim();
  let out = "";
  let at = 0;
  for (const c of e.children) {
    out += e.text.slice(at, c.offset) + allText(c);
    at = c.offset;
  }
  return (out + e.text.slice(at)).trim();
};

export const readHolders = (bag: Reader | undefined, item = "tmk:Holder"): Array<Party> =>
  bag ? bag.all(item).map(readParty) : [];

const splitTerms = (text: string): Array<string> =>
  text
    .split(/\s*;\s*/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);

export const readClassDescription = (r: Reader): ClassGoods => {
  const n = r.opt("tmk:ClassNumber") ?? fail(r.path, "class description without tmk:ClassNumber", "Unsupported");
  const classNumber = n.int();
  const terms = r.all("tmk:GoodsServicesDescriptionText").flatMap((t) => splitTerms(t.text()));
  if (terms.length === 0) fail(r.path, "class without goods or services text");
  return { classNumber, terms: terms as [string, ...Array<string>] } as ClassGoods;
};

export const readGoodsServicesBag = (bag: Reader): Array<ClassGoods> =>
  bag
    .all("tmk:GoodsServices")
    .flatMap((gs) => gs.opt("tmk:ClassDescriptionBag")?.all("tmk:ClassDescription") ?? [])
    .map(readClassDescription);

export const readLimitations = (bag: Reader | undefined): Array<GoodsLimitation> => {
  if (!bag) return [];
  return bag.all("tmk:GoodsServicesLimitation").flatMap((l) => {
    const category = l.opt("tmk:GoodsServicesLimitationCategory");
    if (!category) return []; // only a comment: nothing to apply
    const countries = l
      .opt("com:LimitationCountryCodeBag")
      ?.all("com:LimitationCountryCode")
      .map((c) => c.text());
    const classes = l.req("tmk:LimitationClassDescriptionBag").all("tmk:ClassDescription").map(readClassDescription);
    if (classes.length === 0) fail(l.path, "limitation without classes");
    return [
      {
        category: category.oneOf(["List limited to", "Remove from list"] as const),
        classes: classes as [ClassGoods, ...Array<ClassGoods>],
        ...(countries ? { countries } : {}),
      } as GoodsLimitation,
    ];
  });
};

export const readBasic = (bag: Reader | undefined): Array<BasicMark> => {
  if (!bag) return [];
  return bag.all("tmk:BasicRegistrationApplication").map((b) => {
    const officeCode = b.optText("com:RegistrationOfficeCode");
    const app = b.opt("tmk:BasicApplicationBag")?.opt("tmk:BasicApplication");
    const reg = b.opt("tmk:BasicRegistrationBag")?.opt("tmk:BasicRegistration");
    const appNumber = app?.req("tmk:BasicApplicationNumber");
    const appDate = app?.optDate("tmk:BasicApplicationDate");
    return {
      ...(officeCode !== undefined ? { officeCode } : {}),
      ...(appNumber
        ? {
            application: {
              number: appNumber.optText("com:ApplicationNumberText") ?? appNumber.reqText("com:ST13ApplicationNumber"),
              ...(appDate !== undefined ? { date: appDate } : {}),
            },
          }
        : {}),
      ...(reg
        ? {
            registration: {
              number: reg.reqText("tmk:BasicRegistrationNumber"),
              date: reg.reqDate("tmk:BasicRegistrationDate"),
            },
          }
        : {}),
    } as BasicMark;
  });
};
