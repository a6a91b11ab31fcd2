/**
 * The office's own files (its logo, icon and fonts) served from the folder its configuration names (`assets.folder`,
 * relative to the configuration file): `assets.logo` is shown in the header of every page, `assets.favicon` is the
 * browser's icon, and every file of the folder is served at `/assets/office/<name>` (decision 0606).
 *
 * Each file is checked by its content, never its name: PNG, JPEG, GIF, WebP, ICO, WOFF and WOFF2 by their signature
 * (the `file-type` library), SVG by reading it as XML whose root is `<svg>` with no script, no event attribute, no
 * embedded document and no reference leaving the file. A file that fails, a name that is not a plain file name, a
 * file over 1 MiB or a folder of more than 64 files or 8 MiB is a configuration problem naming the file, so the
 * office does not start with a logo that cannot show or a file that could run script in the office's origin.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { SaxesParser } from "saxes";
import { createHash } from "node:crypto";
import type { ConfigIssue } from "./config/checks.js";

export const assetLimits = { fileBytes: 1024 * 1024, files: 64, totalBytes: 8 * 1024 * 1024 } as const;

/** Content types an office file may have, by what its content is. */
const served: Readonly<Record<string, string>> = {
  png: "image/png",
  jpg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  ico: "image/x-icon",
  woff: "font/woff",
  woff2: "font/woff2",
};

export interface OfficeAsset {
  readonly name: string;
  readonly type: string;
  readonly body: Uint8Array;
  readonly etag: string;
}

export type OfficeAssets = ReadonlyMap<string, OfficeAsset>;

/** A plain file name: letters, digits, `.`, `_`, `-`, not starting with a dot. */
export const isAssetName = (name: string): boolean => /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name);

const forbiddenElements = new Set(["script", "foreignObject", "iframe", "embed", "object", "handler", "listener"]);

/** Why an SVG file may not be served, or undefined when it is a plain drawing. */
export const svgProblem = (text: string): string | undefined => {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) return "an SVG with a DOCTYPE or entities";
  const parser = new SaxesParser({ xmlns: true });
  let problem: string | undefined;
  let depth = 0;
  let root: string | undefined;
  parser.on("opentag", (tag) => {
    depth += 1;
    if (root === undefined) root = tag.local;
    if (depth > 64) problem ??= "an SVG nested deeper than 64 elements";
    if (forbiddenElements.has(tag.local)) problem ??= `an SVG with a <${tag.local}> element`;
    for (const attribute of Object.values(tag.attributes)) {
      const name = attribute.local.toLowerCase();
      if (name.startsWith("on")) problem ??= `an SVG with an event attribute (${attribute.name})`;
      if ((name === "href" || name === "src") && !/^(#|data:image\/(png|jpeg|gif|webp);)/.test(attribute.value.trim()))
        problem ??= `an SVG referring outside itself (${attribute.name}="${attribute.value.slice(0, 40)}")`;
    }
  });
  parser.on("closetag", () => {
    depth -= 1;
  });
  parser.on("processinginstruction", (pi) => {
    if (pi.target.toLowerCase() === "xml-stylesheet") problem ??= "an SVG with a style sheet processing instruction";
  });
  try {
    parser.write(text).close();
  } catch (error) {
    return `not well-formed XML (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
  }
  if (root !== "svg") return `an XML file whose root is <${root ?? "nothing"}>, not <svg>`;
  return problem;
};

/** What a file's content is (its content type), or why it may not be served. */
export const assetType = async (bytes: Uint8Array): Promise<{ type: string } | { problem: string }> => {
  const detected = await fileTypeFromBuffer(bytes);
  // An SVG is XML text: file-type names it XML (or nothing), and the drawing is checked below.
  if (detected !== undefined && detected.ext !== "xml" && detected.ext !== "svg") {
    const type = served[detected.ext];
    return type === undefined ? { problem: `a ${detected.mime} file (not an image or font)` } : { type };
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(text)) {
    const problem = svgProblem(text);
    return problem === undefined ? { type: "image/svg+xml" } : { problem };
  }
  return { problem: "not an image or a font (PNG, JPEG, GIF, WebP, ICO, SVG, WOFF, WOFF2) by its content" };
};

type AssetsConfig = {
  readonly folder: string;
  readonly logo?: string | undefined;
  readonly favicon?: string | undefined;
  readonly fonts?:
    | ReadonlyArray<{
        readonly family: string;
        readonly file: string;
        readonly weight?: string | undefined;
        readonly style?: "normal" | "italic" | undefined;
      }>
    | undefined;
};

interface Loaded {
  readonly assets: OfficeAssets;
  readonly issues: ReadonlyArray<ConfigIssue>;
}

const loaded = new WeakMap<AssetsConfig, Promise<Loaded>>();

/**
 * Reads and checks every file of the folder, once per configuration (the check at load and the routes share it); the
 * problems name the path and the file.
 */
export const loadOfficeAssets = (assets: AssetsConfig): Promise<Loaded> => {
  let got = loaded.get(assets);
  if (got === undefined) {
    got = readAssets(assets);
    loaded.set(assets, got);
  }
  return got;
};

const readAssets = async (assets: AssetsConfig): Promise<Loaded> => {
  const issues: ConfigIssue[] = [];
  const found = new Map<string, OfficeAsset>();
  let names: string[];
  try {
    names = (await readdir(assets.folder)).sort();
  } catch (error) {
    return {
      assets: found,
      issues: [
        {
          path: "assets.folder",
          message: `cannot read ${assets.folder}: ${error instanceof Error ? error.message : String(error)}`,
          fix: "name an existing folder (relative to this file's folder), or remove the assets section",
        },
      ],
    };
  }
  if (names.length > assetLimits.files)
    issues.push({
      path: "assets.folder",
      message: `${names.length} files: at most ${assetLimits.files} are served`,
      fix: "keep only the logo, icon and fonts the pages use",
    });
  let total = 0;
  for (const name of names.slice(0, assetLimits.files)) {
    const file = join(assets.folder, name);
    const info = await stat(file);
    if (info.isDirectory()) continue;
    if (!isAssetName(name)) {
      issues.push({
        path: "assets.folder",
        message: `${name}: not a plain file name`,
        fix: "rename it with letters, digits, '.', '_', '-'",
      });
      continue;
    }
    if (info.size > assetLimits.fileBytes) {
      issues.push({
        path: "assets.folder",
        message: `${name}: ${info.size} bytes, over the ${assetLimits.fileBytes} a file may have`,
        fix: "make the file smaller",
      });
      continue;
    }
    total += info.size;
    const body = new Uint8Array(await readFile(file));
    const kind = await assetType(body);
    if ("problem" in kind) {
      issues.push({ path: "assets.folder", message: `${name}: ${kind.problem}`, fix: "remove the file or replace it" });
      continue;
    }
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
    found.set(name, { name, type: kind.type, body, etag });
  }
  if (total > assetLimits.totalBytes)
    issues.push({
      path: "assets.folder",
      message: `${total} bytes in all, over the ${assetLimits.totalBytes} served`,
      fix: "keep only the files the pages use",
    });
  for (const field of ["logo", "favicon"] as const) {
    const name = assets[field];
    if (name === undefined) continue;
    const asset = found.get(name);
    if (asset === undefined)
      issues.push({
        path: `assets.${field}`,
        message: `${name} is not a file of the assets folder that can be served`,
        fix: `put ${name} in ${assets.folder}, or name one of its files`,
      });
    else if (!asset.type.startsWith("image/"))
      issues.push({
        path: `assets.${field}`,
        message: `${name} is a ${asset.type} file, not an image`,
        fix: "name an image",
      });
  }
  (assets.fonts ?? []).forEach((font, i) => {
    const asset = found.get(font.file);
    if (asset === undefined)
      issues.push({
        path: `assets.fonts[${i}].file`,
        message: `${font.file} is not a file of the assets folder that can be served`,
        fix: `put ${font.file} in ${assets.folder}, or name one of its files`,
      });
    else if (!asset.type.startsWith("font/"))
      issues.push({
        path: `assets.fonts[${i}].file`,
        message: `${font.file} is a ${asset.type} file, not a font`,
        fix: "name a WOFF or WOFF2 file",
      });
  });
  return { assets: found, issues };
};

/**
 * The `@font-face` rules of the office's fonts (`assets.fonts`), served from its assets; `font-display: swap` so text
 * shows at once in the fallback while the font loads.
 */
export const fontFaces = (assets: AssetsConfig | undefined): string =>
  (assets?.fonts ?? [])
    .map(
      (f) =>
        `@font-face{font-family:"${f.family}";src:url("${assetUrl(f.file)}") format("${
          f.file.toLowerCase().endsWith(".woff2") ? "woff2" : "woff"
        }");font-weight:${f.weight ?? "400"};font-style:${f.style ?? "normal"};font-display:swap}`,
    )
    .join("");

/** The office's files (the check at load already refused what cannot be served). */
export const officeAssets = async (assets: AssetsConfig | undefined): Promise<OfficeAssets> =>
  assets === undefined ? new Map() : (await loadOfficeAssets(assets)).assets;

/** The URL of an office file. */
export const assetUrl = (name: string): string => `/assets/office/${encodeURIComponent(name)}`;
