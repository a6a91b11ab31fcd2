/**
 * A record of the register as WIPO ST.96 V6_0 XML, written by `@ipoffice/exchange`: a trademark as a
 * `tmk:TrademarkBag`, a design as a `dgn:DesignApplicationBag`, a patent or utility model as `pat:BibliographicData`.
 * What is written is what the audience may see of the right (the public projection for the public).
 */
import type { IpRight, Publication } from "@ipoffice/domain";
import { DesignSt96, PatentSt96, TrademarkSt96 } from "@ipoffice/exchange";

/**
 * The right as the exchange writers take it. ST.96 carries no decision on a class or a term (who decided, on what
 * grounds), so a public trademark, whose decisions do not name the staff member, loses nothing by leaving them out.
 */
export const withoutDecisions = (right: Publication.PublicRight): IpRight.Right =>
  right.kind === "trademark"
    ? {
        ...right,
        goodsAndServices: right.goodsAndServices.map(({ decision: _d, terms, ...entry }) => ({
          ...entry,
          terms: terms.map(({ decision: _t, ...term }) => term),
        })),
      }
    : right;

export const st96Of = (shown: Publication.PublicRight | IpRight.Right): string => {
  const right = withoutDecisions(shown);
  switch (right.kind) {
    case "trademark":
      return TrademarkSt96.write([{ right }]);
    case "industrial_design":
      return DesignSt96.write([{ right }]);
    case "patent":
    case "utility_model":
      return PatentSt96.write({ right });
  }
};
