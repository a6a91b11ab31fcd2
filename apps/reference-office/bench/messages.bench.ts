/**
 * The one message catalog (decision 0412): its size per language, and the cost of formatting a page's messages with
 * ICU MessageFormat (compiled once per language, digits and message) beside the plain lookup and `{name}` replacement
 * the pages used before, on the messages of a search results page (every key of `records.`, `search.`, `adv.` and the
 * components', 200 formats per page), in English and Arabic, Latin and Arabic-Indic digits.
 *
 * Run: `node --conditions=@ipoffice/source --import tsx bench/messages.bench.ts` (apps/reference-office).
 */
import os from "node:os";
import { I18n } from "@ipoffice/ui-components";
import { appBundles, builtInCatalog, referenceBundle } from "../src/messages/Catalog.js";

const pageKeys = Object.keys(referenceBundle).filter(
  (k) => /^(records|search|adv)\./.test(k) || Object.hasOwn(I18n.messages.en, k),
);
const params = { total: 1234, count: 12, page: 3, pages: 40, classNumber: 25, status: "Registered", term: "shirts" };
const perPage = 200;
const keys = Array.from({ length: perPage }, (_, i) => pageKeys[i % pageKeys.length] ?? "records.title");

// The pages' former formatter: a lookup and a `{name}` replacement (no plural, no digits).
const plain = (lang: string, key: string): string =>
  (builtInCatalog.bundles[lang]?.[key] ?? builtInCatalog.bundles["en"]?.[key] ?? key).replace(
    /\{(\w+)\}/g,
    (_, name: string) => String((params as Record<string, string | number>)[name] ?? `{${name}}`),
  );

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const time = (f: () => void, runs = 400): number => {
  for (let i = 0; i < 50; i++) f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    xs.push(performance.now() - start);
  }
  return median(xs);
};

console.log(`machine: ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}`);
console.log("\nThe catalog per language (the app's file over the components'):");
console.log("| language | keys | with plurals | characters | UTF-8 bytes |");
for (const lang of Object.keys(appBundles)) {
  const bundle = builtInCatalog.bundles[lang] ?? {};
  const texts = Object.values(bundle);
  const chars = texts.reduce((n, t) => n + [...t].length, 0);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const plurals = texts.filter((t) => /,\s*plural\s*,/.test(t)).length;
  console.log(
    `| ${lang} | ${texts.length} | ${plurals} | ${chars.toLocaleString("en")} | ${bytes.toLocaleString("en")} |`,
  );
}

console.log(`\nFormatting a page's ${perPage} messages (median of 400 pages, ms per page):`);
console.log("| language, digits | plain lookup (baseline) | ICU MessageFormat | ratio |");
for (const [lang, digits] of [
  ["en", "latn"],
  ["ar", "latn"],
  ["ar", "arab"],
] as const) {
  const base = time(() => {
    for (const key of keys) plain(lang, key);
  });
  const icu = time(() => {
    for (const key of keys) builtInCatalog.format(lang, key, params, { digits });
  });
  console.log(`| ${lang}, ${digits} | ${base.toFixed(3)} | ${icu.toFixed(3)} | ${(icu / base).toFixed(1)} |`);
}
