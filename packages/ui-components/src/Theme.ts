/**
 * The theme an office may set in its configuration (colours, logo, typography, corner radius) and its translation
 * into a `:root{…}` block of `--ipo-*` custom properties that restyles every page and component without code.
 *
 * Values come from configuration files and admin forms, so they are checked twice: `Theme` (an Effect Schema) rejects
 * bad values with a message when the configuration is loaded, and `themeToCss` drops anything that could escape its
 * declaration (`;`, `}`, `</style>`, `url(javascript:…)`) whatever it is given.
 */
import { Schema } from "effect";
import type { TokenName } from "./internal/tokenDefaults.js";

const hexColour = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const functionColour = /^(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(\s*[-+0-9.%\s,/a-z]{1,60}\)$/i;
const namedColour = /^[a-z]{3,24}$/i;
const fontName = String.raw`(?:"[\p{L}\p{N} _.-]{1,64}"|'[\p{L}\p{N} _.-]{1,64}'|\p{L}[\p{L}\p{N} _-]{0,63})`;
const fontFamilyList = new RegExp(String.raw`^\s*${fontName}(?:\s*,\s*${fontName}){0,15}\s*$`, "u");
const length = /^(?:0|\d{1,3}(?:\.\d{1,3})?(?:px|rem|em|%))$/;
const dataImage = /^data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,[a-z0-9+/]+={0,2}$/i;
const httpUrl = /^https?:\/\/[^\s]+$/i;
const relativeUrl = /^(?:\/(?!\/)|\.{1,2}\/|[a-z0-9_-][a-z0-9_.-]*(?:\/|$))[^\s]*$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be refused
const controlCharacters = /[\u0000-\u001f\u007f]/;

/** A CSS colour: `#rgb`, `#rrggbb(aa)`, a colour function (`rgb(…)`, `oklch(…)`, …) or a named colour. */
export const isColour = (value: string): boolean =>
  value.length <= 64 && (hexColour.test(value) || functionColour.test(value) || namedColour.test(value));

/** A font-family list of quoted or plain names, e.g. `"Noto Sans Arabic", Tahoma, sans-serif`. */
export const isFontFamily = (value: string): boolean => value.length <= 400 && fontFamilyList.test(value);

/** A corner radius: `0` or a number with `px`, `rem`, `em` or `%`. */
export const isLength = (value: string): boolean => length.test(value);

/** A logo address: http(s), a path on the same site, or a base64 `data:image/…` URL. No `javascript:`. */
export const isLogoUrl = (value: string): boolean =>
  value.length <= 100_000 &&
  !controlCharacters.test(value) &&
  (httpUrl.test(value) || relativeUrl.test(value) || dataImage.test(value));

const Colour = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter(
      (s: string) =>
        isColour(s) || `expected a CSS colour such as #0b5394 or rgb(11 83 148), got ${JSON.stringify(s.slice(0, 80))}`,
    ),
  ),
);
const FontFamily = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter(
      (s: string) => isFontFamily(s) || `expected a font-family list such as "Noto Sans Arabic", Tahoma, sans-serif`,
    ),
  ),
);
const Radius = Schema.String.pipe(
  Schema.check(Schema.makeFilter((s: string) => isLength(s) || `expected a length such as 6px or 0.5rem`)),
);
const LogoUrl = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter(
      (s: string) => isLogoUrl(s) || `expected an http(s) address, a path on this site or a data:image URL`,
    ),
  ),
);

/** The tokens an office may set. Every field is optional: what is left out keeps its default. */
export const Theme = Schema.Struct({
  primary: Schema.optional(Colour),
  primaryContrast: Schema.optional(Colour),
  surface: Schema.optional(Colour),
  text: Schema.optional(Colour),
  accent: Schema.optional(Colour),
  danger: Schema.optional(Colour),
  success: Schema.optional(Colour),
  warning: Schema.optional(Colour),
  fontFamily: Schema.optional(FontFamily),
  logoUrl: Schema.optional(LogoUrl),
  radius: Schema.optional(Radius),
});
export type Theme = typeof Theme.Type;
export type ThemeKey = keyof Theme;

/** Decodes a theme from configuration: `Result.succeed(theme)` or `Result.fail(SchemaError)` naming the bad field. */
export const decodeTheme = Schema.decodeUnknownResult(Theme);

const themeTokens: {
  readonly [K in ThemeKey]-?: { readonly token: TokenName; readonly valid: (s: string) => boolean };
} = {
  primary: { token: "color-primary", valid: isColour },
  primaryContrast: { token: "color-primary-contrast", valid: isColour },
  surface: { token: "color-surface", valid: isColour },
  text: { token: "color-text", valid: isColour },
  accent: { token: "color-accent", valid: isColour },
  danger: { token: "color-danger", valid: isColour },
  success: { token: "color-success", valid: isColour },
  warning: { token: "color-warning", valid: isColour },
  fontFamily: { token: "font-family", valid: isFontFamily },
  logoUrl: { token: "logo-url", valid: isLogoUrl },
  radius: { token: "radius", valid: isLength },
};

export const themeKeys = Object.keys(themeTokens) as ReadonlyArray<ThemeKey>;

export interface RejectedValue {
  readonly key: string;
  readonly reason: string;
}

/**
 * Keeps the fields of `input` that are safe to write into CSS and reports the others. Unknown keys and non-string
 * values are reported too. Never throws.
 */
export const sanitizeTheme = (
  input: unknown,
): { readonly theme: Theme; readonly rejected: ReadonlyArray<RejectedValue> } => {
  const theme: { -readonly [K in ThemeKey]?: string } = {};
  const rejected: Array<RejectedValue> = [];
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { theme, rejected: input == null ? [] : [{ key: "(theme)", reason: "expected an object" }] };
  }
  for (const [key, value] of Object.entries(input)) {
    if (!(key in themeTokens)) {
      rejected.push({ key, reason: `unknown theme key; expected one of ${themeKeys.join(", ")}` });
      continue;
    }
    if (value === undefined) continue;
    const spec = themeTokens[key as ThemeKey];
    if (typeof value !== "string") {
      rejected.push({ key, reason: "expected a string" });
    } else if (!spec.valid(value.trim())) {
      rejected.push({ key, reason: `refused value ${JSON.stringify(value.slice(0, 80))}` });
    } else {
      theme[key as ThemeKey] = value.trim();
    }
  }
  return { theme, rejected };
};

/** Percent-encodes what could end a CSS string or an HTML `<style>` element. */
const cssUrl = (value: string): string =>
  `url("${value.replace(/["\\<>'()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)}")`;

/**
 * A `:root{…}` block setting the `--ipo-*` custom properties for the given theme. Values that are not valid for their
 * field are left out (see `sanitizeTheme`), so the result is always safe to inline in a `<style>` element.
 *
 * ```ts
 * themeToCss({ primary: "#00594f", fontFamily: '"Noto Sans Arabic", Tahoma, sans-serif' })
 * // ':root{--ipo-color-primary:#00594f;--ipo-font-family:"Noto Sans Arabic", Tahoma, sans-serif;}'
 * ```
 */
export const themeToCss = (theme: unknown, selector = ":root"): string => {
  const safeSelector =
    /^[a-z0-9 .#:_\-[\]="'>,()*]{1,200}$/i.test(selector) && !/[{}<]/.test(selector) ? selector : ":root";
  const { theme: clean } = sanitizeTheme(theme);
  const declarations = themeKeys
    .filter((key) => clean[key] !== undefined)
    .map((key) => {
      const value = clean[key] as string;
      return `--ipo-${themeTokens[key].token}:${key === "logoUrl" ? cssUrl(value) : value};`;
    });
  return `${safeSelector}{${declarations.join("")}}`;
};

/** The logo address when it is safe to use (e.g. in `<img src>`), else `undefined`. */
export const safeLogoUrl = (theme: unknown): string | undefined => sanitizeTheme(theme).theme.logoUrl;

// --- contrast -------------------------------------------------------------------------------------------------

const parseHex = (value: string): readonly [number, number, number] | undefined => {
  if (!hexColour.test(value)) return undefined;
  const hex = value.slice(1);
  const full = hex.length <= 4 ? [...hex].map((c) => c + c).join("") : hex;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as unknown as readonly [
    number,
    number,
    number,
  ];
};

const luminance = ([r, g, b]: readonly [number, number, number]): number => {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};

/** WCAG 2 contrast ratio of two hex colours (1 to 21), or `undefined` when either is not a hex colour. */
export const contrastRatio = (foreground: string, background: string): number | undefined => {
  const a = parseHex(foreground);
  const b = parseHex(background);
  if (a === undefined || b === undefined) return undefined;
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

export interface ContrastIssue {
  readonly foreground: ThemeKey;
  readonly background: ThemeKey;
  readonly ratio: number;
  readonly required: number;
}

const defaults: { readonly [K in ThemeKey]?: string } = {
  primary: "#0b5394",
  primaryContrast: "#ffffff",
  surface: "#ffffff",
  text: "#1b1f24",
  accent: "#6e3fa3",
  danger: "#b3261e",
  success: "#1e6b34",
  warning: "#8a5a00",
};

/**
 * Colour pairs of a theme (merged over the defaults) below WCAG AA for text (4.5:1): text on surface, primary-contrast
 * on primary, and the accent and status colours on the surface. Non-hex colours are not judged.
 */
export const contrastIssues = (theme: unknown): ReadonlyArray<ContrastIssue> => {
  const merged = { ...defaults, ...sanitizeTheme(theme).theme };
  const pairs: ReadonlyArray<readonly [ThemeKey, ThemeKey]> = [
    ["text", "surface"],
    ["primaryContrast", "primary"],
    ["primary", "surface"],
    ["accent", "surface"],
    ["danger", "surface"],
    ["success", "surface"],
    ["warning", "surface"],
  ];
  const issues: Array<ContrastIssue> = [];
  for (const [fg, bg] of pairs) {
    const ratio = contrastRatio(merged[fg] ?? "", merged[bg] ?? "");
    if (ratio !== undefined && ratio < 4.5) issues.push({ foreground: fg, background: bg, ratio, required: 4.5 });
  }
  return issues;
};
