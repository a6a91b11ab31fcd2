/**
 * The register's records as the search engine indexes them (`@ipoffice/search` `SearchDocument`): a right of any kind,
 * and a Madrid designation, which is a trademark of the office that carries its international registration number
 * (decision 0692). Pure: the sync reads the rows and decides visibility.
 */
import type { IpRight } from "@ipoffice/domain";
import type { Designation } from "@ipoffice/madrid";
import type { SearchDocument } from "@ipoffice/search";

type Document = SearchDocument.SearchDocument;

/** Record ids in the index: a right by its application number, a designation by its IR number. */
export const rightId = (applicationNumber: string): string => `right:${applicationNumber}`;
export const madridId = (irNumber: string): string => `madrid:${irNumber}`;

const present = (text: string | undefined | null): text is string => typeof text === "string" && text.trim() !== "";
const cut = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);
const texts = (values: ReadonlyArray<string | undefined | null>, max: number, count: number): string[] =>
  [...new Set(values.filter(present).map((v) => cut(v.trim(), max)))].slice(0, count);

const standardStatusOf = (right: IpRight.Right): string | undefined =>
  right.standardStatus ? `${right.standardStatus.standard}:${right.standardStatus.code}` : undefined;

/** A right as a search document (what the public register shows and searches of it). */
export const rightDocument = (right: IpRight.Right, memberStates: ReadonlyArray<string> = []): Document => {
  const base = {
    officeCode: right.officeCode,
    recordId: rightId(right.applicationNumber),
    kind: right.kind,
    numbers: {
      application: right.applicationNumber,
      st13: right.st13,
      ...(right.registration ? { registration: right.registration.number } : {}),
      ...(right.priorities.length > 0
        ? {
            priority: texts(
              right.priorities.map((p) => `${p.country} ${p.number}`),
              100,
              50,
            ),
          }
        : {}),
      ...((right.kind === "patent" || right.kind === "utility_model") && right.pct
        ? { pct: cut(right.pct.publicationNumber ?? right.pct.applicationNumber, 100) }
        : {}),
    },
    owners: texts(
      right.owners.map((o) => o.name),
      500,
      50,
    ),
    representatives: texts(
      right.representatives.map((r) => r.name),
      500,
      50,
    ),
    officeStatus: right.status,
    ...(standardStatusOf(right) ? { standardStatus: standardStatusOf(right) } : {}),
    dates: {
      filing: right.filingDate,
      ...(right.publication?.date ? { publication: right.publication.date } : {}),
      ...(right.registration ? { registration: right.registration.date } : {}),
      ...(right.expiryDate ? { expiry: right.expiryDate } : {}),
    },
    // A right of a regional office covers its member states (a GCC patent has effect in every GCC state).
    designatedStates: [...memberStates],
  };
  switch (right.kind) {
    case "trademark":
      return {
        ...base,
        ...(present(right.mark.text) ? { title: cut(right.mark.text, 2_000) } : {}),
        markTexts: texts([right.mark.text, right.mark.transliteration, right.mark.translation], 500, 20),
        inventors: [],
        classes: right.goodsAndServices.map((c) => ({ class: c.classNumber, status: c.status })),
        terms: texts(
          right.goodsAndServices.flatMap((c) => c.terms.map((t) => t.text)),
          2_000,
          5_000,
        ),
        vienna: [...(right.mark.viennaCodes ?? [])].slice(0, 200),
        ipc: [],
        locarno: [],
      };
    case "patent":
    case "utility_model":
      return {
        ...base,
        title: cut(right.title, 2_000),
        markTexts: [],
        inventors: texts(
          right.inventors.map((i) => i.name),
          500,
          100,
        ),
        classes: [],
        terms: [],
        vienna: [],
        ipc: [...new Set(right.ipc)].slice(0, 200),
        locarno: [],
      };
    case "industrial_design":
      return {
        ...base,
        ...(present(right.title) ? { title: cut(right.title, 2_000) } : {}),
        markTexts: [],
        inventors: texts(
          right.designers.map((d) => d.name),
          500,
          100,
        ),
        classes: [],
        terms: texts(
          right.designs.map((d) => d.product),
          2_000,
          5_000,
        ),
        vienna: [],
        ipc: [],
        locarno: [...new Set(right.designs.map((d) => d.locarnoClass))].slice(0, 100),
      };
  }
};

/** A Madrid designation of the office as a search document: a trademark with its IR number. */
export const designationDocument = (designation: Designation.Designation, officeCode: string): Document => ({
  officeCode,
  recordId: madridId(designation.irNumber),
  kind: "trademark",
  numbers: { internationalRegistration: designation.irNumber },
  ...(present(designation.mark.verbalElement) ? { title: cut(designation.mark.verbalElement, 2_000) } : {}),
  markTexts: texts([designation.mark.verbalElement], 500, 20),
  owners: texts(
    designation.holders.map((h) => h.name),
    500,
    50,
  ),
  representatives: texts([designation.representative?.name], 500, 50),
  inventors: [],
  classes: designation.goodsAndServices.map((c) => ({ class: c.classNumber, status: c.status })),
  terms: texts(
    designation.goodsAndServices.flatMap((c) => c.terms.map((t) => t.text)),
    2_000,
    5_000,
  ),
  vienna: [],
  ipc: [],
  locarno: [],
  officeStatus: `madrid:${designation.status}`,
  dates: { filing: designation.irDate, registration: designation.irDate, expiry: designation.expiryDate },
  designatedStates: [designation.officeCode],
});
