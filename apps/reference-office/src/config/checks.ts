/**
 * The cross-references of an office configuration that its schema cannot see (decision 0694): each problem names the
 * path, what is wrong and how to fix it, so a configuration that would break later (an unknown language, a Nice edition
 * the project cannot load, a misspelled filing service, a fee schedule that ended with no successor, two kinds whose
 * numbers collide) is refused at start instead.
 *
 * `structuralIssues` needs only the configuration; `fileIssues` reads the files it names (fee schedules, Madrid
 * individual fees) and takes the office's date, so a test can say when "today" is.
 */
import { ApplicationNumber } from "@ipoffice/domain";
import { FeeSchedule } from "@ipoffice/fees";
import { editionIds } from "@ipoffice/nice-classification/node";
import { Result } from "effect";
import { defaultFilingServices } from "../fees/OfficeFees.js";
import type { FieldIssue } from "../http/problem.js";
import { readIndividualFees } from "../madrid/settings.js";
import { catalogFileOf, readOfficeBundles } from "../messages/Catalog.js";
import { pageLanguages } from "../pages/messages.js";
import { kindCodeOf } from "../rights/numbering.js";
import { workflowsOf } from "./OfficeConfig.js";
import type { IpKind, OfficeConfig } from "./OfficeConfig.js";

/** WCAG 2.1 relative luminance of a `#rgb` or `#rrggbb` colour. */
const luminance = (hex: string): number => {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join("") : hex.slice(1);
  const channel = (i: number) => {
    const c = Number.parseInt(digits.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
};

/** WCAG 2.1 contrast ratio of two colours (1 to 21). */
export const contrastRatio = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** A problem of the configuration: where (`path`), what is wrong (`message`) and, where one is known, the fix. */
export interface ConfigIssue extends FieldIssue {
  readonly fix?: string;
}

const allKinds: ReadonlyArray<IpKind> = ["trademark", "patent", "industrial_design", "utility_model"];
const handledKinds = (config: OfficeConfig): ReadonlyArray<IpKind> => config.office.kinds ?? allKinds;

/** Serials and years written into sample numbers to see whether two patterns can write the same text. */
const sampleSerials = [1, 7, 42, 123, 1234, 12345, 123456, 1234567, 12345678, 123456789];
const sampleYears = [2026, 2000, 2099];

/**
 * Whether pattern `b` (of kind `kindB`) could write a number pattern `a` (of kind `kindA`) writes: one of `a`'s sample
 * numbers reads as a number of `b` that `b` would itself write (same kind code, same serial formatting).
 */
const collide = (
  config: OfficeConfig,
  a: ApplicationNumber.Pattern,
  kindA: IpKind,
  b: ApplicationNumber.Pattern,
  kindB: IpKind,
): string =>
  sampleYears
    .flatMap((year) => sampleSerials.map((serial) => ({ year, serial })))
    .map(({ year, serial }) =>
      Result.getOrUndefined(ApplicationNumber.format(a, { kind: kindCodeOf(config, kindA), year, serial })),
    )
    .find((text) => {
      if (text === undefined) return false;
      const parsed = ApplicationNumber.parse(b, text);
      if (Result.isFailure(parsed)) return false;
      const again = ApplicationNumber.format(b, { ...parsed.success, kind: kindCodeOf(config, kindB) });
      return Result.isSuccess(again) && again.success === text;
    }) ?? "";

export const structuralIssues = (config: OfficeConfig): ConfigIssue[] => {
  const issues: ConfigIssue[] = [];
  const folder = config.office.catalogs;
  config.office.languages.forEach((lang, i) => {
    if (catalogFileOf(folder, lang) === undefined)
      issues.push({
        path: `office.languages[${i}]`,
        message:
          folder === undefined
            ? `"${lang}" has no message catalog: the app ships ${pageLanguages.join(", ")}, and office.catalogs names no folder`
            : `"${lang}" has no message catalog: the app ships ${pageLanguages.join(", ")}, and ${folder}/${lang}.json does not exist`,
        fix:
          folder === undefined
            ? `set office.catalogs to a folder (relative to this file) and write ${lang}.json there (the keys of the app's catalog/en.json, ICU MessageFormat), or remove "${lang}"`
            : `write ${folder}/${lang}.json (the keys of the app's catalog/en.json, ICU MessageFormat), or remove "${lang}"`,
      });
  });
  const kinds = handledKinds(config);
  const seen = new Set<string>();
  kinds.forEach((kind, i) => {
    if (seen.has(kind))
      issues.push({ path: `office.kinds[${i}]`, message: `${kind} is listed twice`, fix: "list each kind once" });
    seen.add(kind);
  });
  if (config.nice.edition !== "newest" && !(editionIds as ReadonlyArray<string>).includes(config.nice.edition))
    issues.push({
      path: "nice.edition",
      message: `the app cannot load Nice edition "${config.nice.edition}" (it knows ${editionIds.join(", ")})`,
      fix: `write newest, or one of ${editionIds.join(", ")}`,
    });
  for (const purpose of ["applications", "registrations"] as const) {
    for (const kind of kinds) {
      if (config.numbering[purpose][kind] === undefined)
        issues.push({
          path: `numbering.${purpose}.${kind}`,
          message: `missing: the office handles ${kind} (office.kinds) and must number them`,
          fix: `add a pattern such as "${kindCodeOf(config, kind)}/{yyyy}/{serial:6}" (yearly) or "${kindCodeOf(config, kind)}{serial:6}" (continuous)`,
        });
    }
  }
  // Application numbers are the rights' key: two kinds must never write the same one.
  for (const [i, kindA] of kinds.entries()) {
    for (const kindB of kinds.slice(i + 1)) {
      const a = config.numbering.applications[kindA];
      const b = config.numbering.applications[kindB];
      if (a === undefined || b === undefined) continue;
      const clash = collide(config, a, kindA, b, kindB) || collide(config, b, kindB, a, kindA);
      if (clash !== "")
        issues.push({
          path: `numbering.applications.${kindB}`,
          message: `"${b}" can write the same number as numbering.applications.${kindA} "${a}" (e.g. ${clash}): application numbers must differ between kinds`,
          fix: `give one of them its own letters, e.g. "${kindCodeOf(config, kindB)}/${b}", or use {kind}`,
        });
    }
  }
  // Text must stay readable in the office's colours: WCAG 2.1 success criterion 1.4.3, 4.5:1 for normal text.
  const theme = config.theme;
  const pairs: ReadonlyArray<readonly [string, string | undefined, string, string | undefined, string]> = [
    ["primaryContrast", theme?.primaryContrast, "primary", theme?.primary, "text on buttons and the header"],
    ["text", theme?.text, "surface", theme?.surface, "body text"],
    ["primary", theme?.primary, "surface", theme?.surface, "links"],
  ];
  for (const [fg, fgColour, bg, bgColour, what] of pairs) {
    if (fgColour === undefined || bgColour === undefined) continue;
    const ratio = contrastRatio(fgColour, bgColour);
    if (ratio < 4.5)
      issues.push({
        path: `theme.${fg}`,
        message: `${fgColour} on theme.${bg} ${bgColour} (${what}) has a contrast of ${ratio.toFixed(2)}:1, under the 4.5:1 of WCAG 2.1 (1.4.3)`,
        fix: `choose a ${fg === "primaryContrast" || fg === "text" ? "colour further from" : "darker or lighter colour than"} ${bgColour}`,
      });
  }
  if (config.office.regional === true && config.office.memberStates === undefined)
    issues.push({
      path: "office.memberStates",
      message: "a regional office must list its member states (the states its rights cover)",
      fix: "add memberStates: [SA, AE, …] with the ST.3 codes of the member states, or remove regional: true",
    });
  if (config.office.regional !== true && config.office.memberStates !== undefined)
    issues.push({
      path: "office.memberStates",
      message: "member states are for a regional office",
      fix: "add regional: true, or remove memberStates",
    });
  const unpaid = config.fees?.unpaidFilings;
  if (unpaid !== undefined) {
    (unpaid.remindAfterDays ?? []).forEach((days, i) => {
      if (days >= unpaid.withdrawAfterDays)
        issues.push({
          path: `fees.unpaidFilings.remindAfterDays[${i}]`,
          message: `${days} days is not before withdrawAfterDays (${unpaid.withdrawAfterDays}): the reminder would come after the withdrawal`,
          fix: `remind fewer than ${unpaid.withdrawAfterDays} days after the invoice's issue`,
        });
    });
    const action = unpaid.action ?? "deem_withdrawn";
    const workflows = workflowsOf(config);
    for (const kind of handledKinds(config)) {
      const known = workflows[kind]?.actions.some((a) => a.id === action && a.roles.includes("system")) ?? true;
      if (!known)
        issues.push({
          path: unpaid.action === undefined ? "fees.unpaidFilings" : "fees.unpaidFilings.action",
          message: `the ${kind} workflow has no action "${action}" that the system role may perform`,
          fix: "name an action of every workflow the office uses with the role system (the shipped ones have deem_withdrawn)",
        });
    }
  }
  if (config.office.products.includes("madrid") && config.madrid?.member !== true)
    issues.push({
      path: "office.products",
      message: "the Madrid desk is listed but madrid.member is not true",
      fix: "add a madrid section with member: true and the office's declarations, or remove madrid from office.products",
    });
  return issues;
};

/** The services quoted when a right of each kind is filed: the office's, else the defaults. */
const filingServicesOf = (config: OfficeConfig, kind: IpKind): ReadonlyArray<string> =>
  config.fees?.filingServices?.[kind] ?? defaultFilingServices[kind];

/**
 * The checks that read files or depend on the date: the Madrid individual fees, the filing services against the fee
 * schedules, and a schedule in force today (`today`, the office's date) for every service filings are quoted with.
 */
export const fileIssues = (
  config: OfficeConfig,
  schedules: ReadonlyArray<FeeSchedule.Schedule>,
  today: string,
): ConfigIssue[] => {
  const issues: ConfigIssue[] = [];
  if (config.office.catalogs !== undefined)
    for (const p of readOfficeBundles(config.office.catalogs, config.office.languages).problems)
      issues.push({
        path: "office.catalogs",
        message: `${p.file}${p.key === undefined ? "" : ` "${p.key}"`}: ${p.message}`,
        fix: "correct the message (ICU MessageFormat, the arguments of the English message) or remove the key; a key the office's file lacks shows the app's message, or English",
      });
  const madrid = config.madrid;
  if (madrid?.individualFees !== undefined) {
    const read = readIndividualFees(madrid.individualFees);
    if (Result.isFailure(read))
      issues.push({
        path: "madrid.individualFees",
        message: read.failure,
        fix: "name an existing file in the @ipoffice/madrid individual-fees format (relative to this file's folder), or remove the line",
      });
  }
  if (config.fees === undefined) return issues;
  const known = new Set(schedules.flatMap((s) => Object.keys(s.items)));
  const ending = (list: ReadonlyArray<FeeSchedule.Schedule>): string => {
    const latest = [...list].sort((x, y) => (x.effectiveFrom < y.effectiveFrom ? 1 : -1))[0];
    return latest?.effectiveTo !== undefined && latest.effectiveTo < today
      ? `the last, ${latest.id}, ended on ${latest.effectiveTo}`
      : `the first, ${latest?.id}, starts on ${latest?.effectiveFrom}`;
  };
  // A schedule that ended with no successor: nothing can be quoted from today.
  const anyInForce = schedules.some((s) => FeeSchedule.inForce(s, today));
  if (!anyInForce && schedules.length > 0)
    issues.push({
      path: "fees.schedules",
      message: `no fee schedule is in force today (${today}): ${ending(schedules)}`,
      fix: "add the schedule in force today (the successor of the last) to fees.schedules",
    });
  for (const kind of handledKinds(config)) {
    const configured = config.fees.filingServices?.[kind] !== undefined;
    filingServicesOf(config, kind).forEach((service, i) => {
      if (!known.has(service)) {
        // A default service no schedule has quotes nothing until the office adds it; one the office wrote is a mistake.
        if (!configured) return;
        const prefix = `${service.split(".")[0] ?? ""}.`;
        const near = [...known].filter((k) => k.startsWith(prefix));
        issues.push({
          path: `fees.filingServices.${kind}[${i}]`,
          message: `no fee schedule has the service "${service}" quoted when a ${kind} is filed`,
          fix: `write a service of the schedules${near.length > 0 ? ` (${near.slice(0, 4).join(", ")})` : ""}, or add it to a schedule`,
        });
        return;
      }
      const holding = schedules.filter((s) => service in s.items);
      if (anyInForce && !holding.some((s) => FeeSchedule.inForce(s, today)))
        issues.push({
          path: "fees.schedules",
          message: `no schedule with "${service}" is in force today (${today}): ${ending(holding)}`,
          fix: `add the schedule in force today with "${service}" (the successor of the last) to fees.schedules`,
        });
    });
  }
  return issues;
};
