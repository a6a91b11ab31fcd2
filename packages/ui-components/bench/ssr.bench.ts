/**
 * Server rendering cost of <ipo-class-status-list>, beside a baseline measured in the same run: a hand-written
 * template-literal renderer producing the same visible content (escaped), without Lit or shadow DOM.
 * Data: real Nice terms, from nice/ncl12-en-alphabetical-list.csv of the reference data (IPO_REFERENCE_DATA or
 * ../shared/data) when it is there, else from the 10-2015 list shipped with @ipoffice/nice-classification
 * (data/ncl10-2015-en.json); the first line printed says which.
 *
 * Run: pnpm --filter @ipoffice/ui-components bench
 */
import { existsSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { referenceFile } from "../../../test-support/reference-data.js";
import type { ClassEntry } from "../src/ClassStatusList.js";
import { formatDate, statusLabel, t } from "../src/I18n.js";
import { renderClassStatusList } from "../src/ssr.js";

const byClass = new Map<number, Array<{ text: string; basicNumber: string }>>();
const add = (classNumber: number, basicNumber: string, text: string) => {
  const terms = byClass.get(classNumber) ?? [];
  terms.push({ text, basicNumber });
  byClass.set(classNumber, terms);
};
const ncl12 = referenceFile("nice/ncl12-en-alphabetical-list.csv");
const source = existsSync(ncl12) ? "the 12th-edition-era list of the reference data" : "the shipped 10-2015 list";
if (existsSync(ncl12)) {
  for (const line of readFileSync(ncl12, "utf8").split("\n").slice(1)) {
    const match = /^(\d{6}),(\d+),(?:"((?:[^"]|"")*)"|([^,]*)),/.exec(line);
    if (match) add(Number(match[2]), match[1] as string, (match[3] ?? match[4] ?? "").replace(/""/g, '"'));
  }
} else {
  // The compact edition format of @ipoffice/nice-classification: classes → terms keyed by basic number.
  const shipped = JSON.parse(
    readFileSync(new URL("../../nice-classification/data/ncl10-2015-en.json", import.meta.url), "utf8"),
  ) as { classes: Record<string, { terms: Record<string, string> }> };
  for (const [classNumber, c] of Object.entries(shipped.classes))
    for (const [basicNumber, text] of Object.entries(c.terms)) add(Number(classNumber), basicNumber, text);
}

const statuses = ["registered", "limited", "refused", "pending"] as const;
const mark = (classCount: number, termsPerClass: number): ReadonlyArray<ClassEntry> =>
  [...byClass.keys()].slice(0, classCount).map((classNumber, i) => {
    const status = statuses[i % statuses.length] as string;
    return {
      classNumber,
      edition: "12-2024",
      status,
      decision:
        status === "pending"
          ? undefined
          : { date: "2025-03-12", reason: status === "registered" ? undefined : "Descriptive" },
      terms: (byClass.get(classNumber) ?? []).slice(0, termsPerClass).map((term, j) => ({
        ...term,
        status: status === "limited" && j % 3 === 0 ? "refused" : undefined,
      })),
    };
  });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const baseline = (classes: ReadonlyArray<ClassEntry>, lang: string): string =>
  `<section dir="ltr" lang="${lang}"><ul>${classes
    .map(
      (c) =>
        `<li><span>${escapeHtml(t(lang, "classes.class", { classNumber: c.classNumber }))}</span><span class="badge">${escapeHtml(
          statusLabel(lang, c.status),
        )}</span>${c.decision ? `<p>${escapeHtml(formatDate(lang, c.decision.date))} ${escapeHtml(c.decision.reason ?? "")}</p>` : ""}<ul>${c.terms
          .map(
            (term) =>
              `<li>${escapeHtml(term.text)}${term.status ? `<span>${escapeHtml(statusLabel(lang, term.status))}</span>` : ""}</li>`,
          )
          .join("")}</ul></li>`,
    )
    .join("")}</ul></section>`;

const time = (fn: () => string): number => {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  const samples: Array<number> = [];
  const deadline = performance.now() + 1500;
  while (performance.now() < deadline || samples.length < 10) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number; // median
};

const cases = [
  { name: "typical mark", classes: mark(3, 4) },
  { name: "large mark", classes: mark(45, 40) },
];
console.log(
  `data: ${source}: ${byClass.size} classes, ${[...byClass.values()].reduce((n, v) => n + v.length, 0)} terms in the source list`,
);
for (const { name, classes } of cases) {
  const terms = classes.reduce((n, c) => n + c.terms.length, 0);
  for (const lang of ["en", "ar"]) {
    const ours = time(() => renderClassStatusList({ classes, lang }));
    const base = time(() => baseline(classes, lang));
    console.log(
      `renderClassStatusList ${name} (${classes.length} classes, ${terms} terms, ${lang}): ${ours.toFixed(3)} ms (baseline: ${base.toFixed(3)} ms, ratio: ${(ours / base).toFixed(1)})`,
    );
  }
}
