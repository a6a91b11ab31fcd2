/**
 * The default values of the `--ipo-*` custom properties. Colour pairs meet WCAG AA (4.5:1 for text, 3:1 for borders
 * and focus rings); `test/theme.test.ts` checks every pair.
 */
export const fontStack =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Segoe UI Arabic", "Geeza Pro", Tahoma, Arial, sans-serif';

export const tokenDefaults = {
  "color-primary": "#0b5394",
  "color-primary-contrast": "#ffffff",
  "color-accent": "#6e3fa3",
  "color-surface": "#ffffff",
  "color-surface-alt": "#f4f6f8",
  "color-text": "#1b1f24",
  "color-text-muted": "#4a5563",
  "color-border": "#6b7585",
  "color-border-subtle": "#d5dae1",
  "color-focus": "#0b57d0",
  "color-danger": "#b3261e",
  "color-success": "#1e6b34",
  "color-warning": "#8a5a00",
  "badge-neutral-bg": "#eceff3",
  "badge-neutral-fg": "#374151",
  "badge-info-bg": "#e6eef8",
  "badge-info-fg": "#1f3a5f",
  "badge-success-bg": "#e3f3e8",
  "badge-success-fg": "#14532d",
  "badge-warning-bg": "#fdf1d8",
  "badge-warning-fg": "#6b4500",
  "badge-danger-bg": "#fbe9e7",
  "badge-danger-fg": "#8c1d18",
  "font-family": fontStack,
  "font-size-sm": "0.875rem",
  "font-size-md": "1rem",
  "font-size-lg": "1.25rem",
  "font-size-xl": "1.5rem",
  "line-height": "1.6",
  "space-1": "0.25rem",
  "space-2": "0.5rem",
  "space-3": "0.75rem",
  "space-4": "1rem",
  "space-5": "1.5rem",
  "space-6": "2rem",
  radius: "6px",
  "radius-pill": "999px",
  "focus-ring-width": "3px",
  "shadow-popup": "0 4px 16px rgb(0 0 0 / 0.18)",
  "logo-url": "none",
} as const;

export type TokenName = keyof typeof tokenDefaults;

export const tokenNames = Object.keys(tokenDefaults) as ReadonlyArray<TokenName>;

/** `var(--ipo-name, default)`: components read tokens with their default so they work on a page without the tokens. */
export const varOf = (name: TokenName): string => `var(--ipo-${name}, ${tokenDefaults[name]})`;

/** A `:root{…}` block declaring every token with its default value. */
export const rootCss: string = `:root{${tokenNames.map((n) => `--ipo-${n}:${tokenDefaults[n]};`).join("")}}`;
