import { describe, expect, it } from "vitest";
import { Inid } from "@ipoffice/domain";

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
    expect(code("trademark", "registrationPublicationDate")).toBe("450");
    expect(code("trademark", "goodsAndServices")).toBe("511");
    expect(code("trademark", "viennaCodes")).toBe("531");
    expect(code("trademark", "mark")).toBe("540");
    expect(code("trademark", "colours")).toBe("591");
    expect(code("trademark", "applicants")).toBe("731");
    expect(code("trademark", "owners")).toBe("732");
    expect(code("trademark", "representatives")).toBe("740");
    // Patents (ST.9); utility models use the same table
    for (const kind of ["patent", "utility_model"] as const) {
      expect(code(kind, "registration.number")).toBe("11");
      expect(code(kind, "applicationNumber")).toBe("21");
      expect(code(kind, "filingDate")).toBe("22");
      expect(code(kind, "priorities")).toBe("30");
      expect(code(kind, "ipcClasses")).toBe("51");
      expect(code(kind, "title")).toBe("54");
      expect(code(kind, "abstract")).toBe("57");
      expect(code(kind, "applicants")).toBe("71");
      expect(code(kind, "inventors")).toBe("72");
      expect(code(kind, "owners")).toBe("73");
      expect(code(kind, "representatives")).toBe("74");
      expect(code(kind, "pct.filing")).toBe("86");
      expect(code(kind, "pct.publication")).toBe("87");
    }
    // Designs (ST.80)
    expect(code("industrial_design", "registration.number")).toBe("11");
    expect(code("industrial_design", "applicationNumber")).toBe("21");
    expect(code("industrial_design", "filingDate")).toBe("22");
    expect(code("industrial_design", "designCount")).toBe("28");
    expect(code("industrial_design", "locarnoClasses")).toBe("51");
    expect(code("industrial_design", "products")).toBe("54");
    expect(code("industrial_design", "reproductions")).toBe("55");
  });

  it("has no code where the standard has none", () => {
    expect(Inid.inidFor("patent", "viennaCodes")).toBeUndefined();
    expect(Inid.inidFor("trademark", "inventors")).toBeUndefined();
    expect(Inid.labelFor("patent", "viennaCodes")).toBe("viennaCodes");
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
    expect(mapped).toBeGreaterThan(60);
    // every field has a code for at least one kind
    for (const field of Inid.fields) {
      expect(
        (["trademark", "patent", "industrial_design"] as const).some((k) => Inid.inidFor(k, field) !== undefined),
        field,
      ).toBe(true);
    }
  });
});
