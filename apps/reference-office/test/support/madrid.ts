/**
 * Madrid test helpers: generated IB batches (the package's Generator), one of them made invalid on purpose.
 */
import { Generator } from "@ipoffice/madrid";

export const batch = (options: Generator.GeneratorOptions): string => Generator.ibDocument(options);

/** A batch whose `bad`-th transaction (0-based) carries an impossible date (2026-02-30). */
export const batchWithInvalid = (options: Generator.GeneratorOptions, bad: number): string => {
  const xml = Generator.ibDocument(options);
  const starts = [...xml.matchAll(/<tmk:MadridDesignation>/g)].map((m) => m.index ?? 0);
  const at = starts[bad];
  if (at === undefined) throw new Error(`no transaction ${bad}`);
  const end = starts[bad + 1] ?? xml.length;
  const part = xml
    .slice(at, end)
    .replace(/<com:InternationalRegistrationDate>\d{4}-\d{2}-\d{2}/, "<com:InternationalRegistrationDate>2026-02-30");
  return xml.slice(0, at) + part + xml.slice(end);
};

export const xmlPost = (body: string) => ({
  method: "POST",
  headers: { "content-type": "application/xml" },
  body,
});
