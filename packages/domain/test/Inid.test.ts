import { describe, expect, it } from "vitest";
import { Inid, IpRight } from "@ipoffice/domain";

/** Walks a schema by a dotted path through struct fields, optional wrappers, arrays and unions. */
type Node = { fields?: Record<string, Node>; schema?: Node; value?: Node; members?: ReadonlyArray<Node> };
const step = (s: Node | undefined, key: string, depth = 0): Node | undefined => {
  if (s === undefined || depth > 6) return undefined;
  if (s.fields && Object.hasOwn(s.fields, key)) return s.fields[key];
  for (const next of [s.schema, s.value, ...(s.members ?? [])]) {
    const found = step(next, key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
};
const hasPath = (root: Node, path: string): boolean =>
  path.split(".").reduce<Node | undefined>((s, k) => step(s, k), root) !== undefined;

describe("Inid", () => {
  it("labels the fields named in the domain reference (DOMAIN.md §3)", () => {
    const code = (kind: Inid.Kind, field: Inid.Field) => Inid.inidFor(kind, field)?.code;
    // Marks (ST.60)
    expect(code("trademark", "registration.number")).toBe("111");
    expect(code("trademark", "registration.date")).toBe("151");
    expect(code("trademark", "expiryDate")).toBe("180");
    expect(code("trademark", "applicationNumber")).toBe("210");
    expect(code("trademark", "filingDate")).toBe("220");
    expect(code("trademark", "priorities")).toBe("300");
    expect(code("trademark", "priorities.date")).toBe("320");
    expect(code("trademark", "publication.date")).toBe("441");
    expect(code("trademark", "goodsAndServices")).toBe("511");
    expect(code("trademark", "mark.viennaCodes")).toBe("531");
    expect(code("trademark", "mark.text")).toBe("540");
    expect(code("trademark", "mark.colours")).toBe("591");
    expect(code("trademark", "applicants")).toBe("731");
    expect(code("trademark", "owners")).toBe("732");
    expect(code("trademark", "representatives")).toBe("740");
    // Patents (ST.9); utility models use the same table
    for (const kind of ["patent", "utility_model"] as const) {
      expect(code(kind, "registration.number")).toBe("11");
      expect(code(kind, "applicationNumber")).toBe("21");
      expect(code(kind, "filingDate")).toBe("22");
      expect(code(kind, "priorities")).toBe("30");
      expect(code(kind, "publication.date")).toBe("43");
      expect(code(kind, "ipc")).toBe("51");
      expect(code(kind, "title")).toBe("54");
      expect(code(kind, "abstract")).toBe("57");
      expect(code(kind, "applicants")).toBe("71");
      expect(code(kind, "inventors")).toBe("72");
      expect(code(kind, "owners")).toBe("73");
      expect(code(kind, "representatives")).toBe("74");
      expect(code(kind, "pct.filingDate")).toBe("86");
      expect(code(kind, "pct.publicationNumber")).toBe("87");
    }
    // Designs (ST.80)
    expect(code("industrial_design", "registration.number")).toBe("11");
    expect(code("industrial_design", "registration.date")).toBe("15");
    expect(code("industrial_design", "expiryDate")).toBe("18");
    expect(code("industrial_design", "applicationNumber")).toBe("21");
    expect(code("industrial_design", "filingDate")).toBe("22");
    expect(code("industrial_design", "designs")).toBe("28");
    expect(code("industrial_design", "designs.locarnoClass")).toBe("51");
    expect(code("industrial_design", "designs.product")).toBe("54");
    expect(code("industrial_design", "designs.views")).toBe("55");
    expect(code("industrial_design", "designers")).toBe("72");
  });

  it("has no code where the standard has none", () => {
    expect(Inid.inidFor("patent", "mark.viennaCodes")).toBeUndefined();
    expect(Inid.inidFor("trademark", "inventors")).toBeUndefined();
    expect(Inid.labelFor("patent", "mark.viennaCodes")).toBe("mark.viennaCodes");
    expect(Inid.inidFor("constructor" as Inid.Kind, "applicationNumber")).toBeUndefined();
    expect(Inid.inidFor("trademark", "constructor" as Inid.Field)).toBeUndefined();
    expect(Inid.inidFor("__proto__" as Inid.Kind, "toString" as Inid.Field)).toBeUndefined();
  });

  it("labels in English, Arabic and French", () => {
    expect(Inid.labelFor("trademark", "applicationNumber")).toBe("(210) Application number");
    expect(Inid.labelFor("trademark", "applicationNumber", "ar")).toBe("(210) رقم الطلب");
    expect(Inid.labelFor("patent", "filingDate", "fr")).toBe("(22) Date de dépôt de la demande");
    for (const inid of [...Inid.marks, ...Inid.patents, ...Inid.designs]) {
      expect(inid.label.en.length, inid.code).toBeGreaterThan(3);
      expect(inid.label.ar, inid.code).toMatch(/[\u0600-\u06ff]/);
      expect(inid.label.fr.length, inid.code).toBeGreaterThan(3);
    }
  });

  it("keeps each table consistent: codes unique, of the standard's width, every mapping resolves", () => {
    const tables = [
      [Inid.marks, /^\d{3}$/, "ST.60"],
      [Inid.patents, /^\d{2}$/, "ST.9"],
      [Inid.designs, /^\d{2}$/, "ST.80"],
    ] as const;
    for (const [table, shape, standard] of tables) {
      expect(new Set(table.map((i) => i.code)).size).toBe(table.length);
      for (const i of table) {
        expect(i.code).toMatch(shape);
        expect(i.standard).toBe(standard);
      }
    }
    let mapped = 0;
    for (const kind of ["trademark", "patent", "utility_model", "industrial_design"] as const) {
      for (const field of Inid.fields) {
        const inid = Inid.inidFor(kind, field);
        if (inid !== undefined) {
          mapped++;
          expect(Inid.codesFor(kind)).toContain(inid);
        }
      }
    }
    expect(mapped).toBeGreaterThan(80);
    // every field has a code for at least one kind
    for (const field of Inid.fields) {
      expect(
        (["trademark", "patent", "industrial_design"] as const).some((k) => Inid.inidFor(k, field) !== undefined),
        field,
      ).toBe(true);
    }
  });

  it("names fields that exist in the rights model (IpRight) for each kind", () => {
    const schemas: Record<Inid.Kind, unknown> = {
      trademark: IpRight.Trademark,
      patent: IpRight.Patent,
      utility_model: IpRight.UtilityModel,
      industrial_design: IpRight.IndustrialDesign,
    };
    expect(hasPath(schemas.trademark as Node, "nonsense")).toBe(false);
    for (const kind of Inid.Kind.literals) {
      for (const field of Inid.fields) {
        if (field === "applicants" || Inid.inidFor(kind, field) === undefined) continue;
        expect(hasPath(schemas[kind] as Node, field), `${kind}.${field}`).toBe(true);
      }
    }
  });
});
