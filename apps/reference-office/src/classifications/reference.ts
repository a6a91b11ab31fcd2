/**
 * Tier 2 of the classification lists: the files of the reference-data folder (`IPO_REFERENCE_DATA`, else the shared
 * data beside the repository), read with the domain's readers when a list is first asked for, once per process and
 * folder. A file that is absent leaves the scheme without a tier-2 list; a file that is corrupt or partial is refused
 * whole, and the refusal (file, line, field) is logged and kept to be shown.
 */
import { readFileSync } from "node:fs";
import { ClassificationList as CL } from "@ipoffice/domain";
import { Result } from "effect";
import type { Logger } from "../Logger.js";
import type { ReferenceData } from "../ReferenceData.js";

export interface ReferenceSource {
  /** Files relative to the reference-data folder. */
  readonly files: ReadonlyArray<string>;
  /** The files, as a person reads them in a message. */
  readonly label: string;
  readonly edition: string | null;
  readonly read: (
    texts: ReadonlyArray<{ readonly file: string; readonly text: string }>,
  ) => Result.Result<CL.List, CL.ImportError>;
}

const IPC_SECTIONS = ["A", "B", "C", "D", "E", "F", "G", "H"];

/** Where each scheme's reference-data list is, and how it is read. */
export const referenceSources: Readonly<Record<CL.Scheme, ReferenceSource>> = {
  locarno: {
    files: ["classifications/locarno-en.json"],
    label: "classifications/locarno-en.json",
    edition: null,
    read: ([f]) =>
      CL.parseLocarnoJson(f?.text ?? "", { file: f?.file ?? "", source: `reference data: ${f?.file ?? ""}` }),
  },
  vienna: {
    files: ["classifications/vienna-codes-euipo.csv"],
    label: "classifications/vienna-codes-euipo.csv",
    edition: null,
    read: ([f]) =>
      CL.parseViennaEuipoCsv(f?.text ?? "", { file: f?.file ?? "", source: `reference data: ${f?.file ?? ""}` }),
  },
  ipc: {
    files: IPC_SECTIONS.map((s) => `classifications/ipc-2006-core-en/${s}.json`),
    label: "classifications/ipc-2006-core-en/{A…H}.json",
    edition: "2006.01",
    read: (texts) =>
      CL.parseIpcJson(texts, { edition: "2006.01", source: "reference data: classifications/ipc-2006-core-en" }),
  },
};

export type ReferenceList =
  | { readonly _tag: "Loaded"; readonly list: CL.List }
  | { readonly _tag: "Absent"; readonly files: ReadonlyArray<string> }
  /** Refused: what is wrong, in words a person can act on; `error` when a file was read and found bad. */
  | { readonly _tag: "Refused"; readonly reason: string; readonly error?: CL.ImportError };

/** Reads a scheme's reference-data list (no caching; see `referenceList`). */
export const loadReferenceList = (scheme: CL.Scheme, reference: ReferenceData): ReferenceList => {
  const source = referenceSources[scheme];
  const found = source.files.map((file) => ({ file, path: reference.file(file) }));
  const missing = found.filter((f) => f.path === undefined).map((f) => f.file);
  if (missing.length === source.files.length) return { _tag: "Absent", files: source.files };
  if (missing.length > 0)
    return {
      _tag: "Refused",
      reason: `the reference data is partial: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing`,
    };
  const texts: Array<{ file: string; text: string }> = [];
  for (const f of found) {
    try {
      texts.push({ file: f.file, text: readFileSync(f.path as string, "utf8") });
    } catch (error) {
      return {
        _tag: "Refused",
        reason: `${f.file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      };
    }
  }
  const read = source.read(texts);
  if (Result.isFailure(read)) {
    const e = read.failure;
    const first = e.issues[0];
    const count = e.issues.length + e.omitted;
    return {
      _tag: "Refused",
      reason: `${e.file} is not a valid ${CL.shortNames[scheme]} list${
        first === undefined
          ? ""
          : ` (line ${first.line}, ${first.field}: ${first.message}${count > 1 ? `; ${count - 1} more problem${count === 2 ? "" : "s"}` : ""})`
      }`,
      error: e,
    };
  }
  return { _tag: "Loaded", list: read.success };
};

const cache = new Map<string, ReferenceList>();

/** A scheme's reference-data list, read at most once per process and folder; a refusal is logged with every problem. */
export const referenceList = (scheme: CL.Scheme, reference: ReferenceData, logger?: Logger): ReferenceList => {
  const key = `${scheme}\u0000${reference.dir}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = loadReferenceList(scheme, reference);
    cache.set(key, found);
    if (found._tag === "Refused") {
      const e = found.error;
      logger?.warn(
        {
          scheme,
          problems: e?.issues.slice(0, 50).map((i) => CL.formatIssue(e.file, i)),
          more: e === undefined ? 0 : Math.max(0, e.issues.length - 50) + e.omitted,
        },
        `reference-data ${CL.shortNames[scheme]} list refused, not used: ${found.reason}`,
      );
    } else if (found._tag === "Loaded") {
      logger?.info(
        { scheme, entries: CL.size(found.list), source: found.list.source },
        `${CL.shortNames[scheme]} list read from the reference data`,
      );
    }
  }
  return found;
};
