/**
 * The themes of the Storybook's "Theme" toolbar: the package defaults and three sample offices. The values are copied
 * from the sample office configurations of the reference office (`theme:` of its `config/offices/om.yaml`, `jo.yaml`
 * and `bg.yaml`), so a trainer sees the components as each office's staff see them; the Storybook does not read the
 * app. `test/storybook-support.test.ts` checks that they pass the package's own theme validation and contrast check.
 */
import type { Theme } from "../src/Theme.js";

export interface StoryTheme {
  readonly title: string;
  readonly theme: Theme;
}

export const storyThemes = {
  default: { title: "Package defaults", theme: {} },
  om: {
    title: "Oman (OM)",
    theme: {
      primary: "#7a1f2b",
      primaryContrast: "#ffffff",
      accent: "#1f6f5c",
      surface: "#ffffff",
      text: "#1c1c1c",
      radius: "6px",
    },
  },
  jo: {
    title: "Jordan (JO)",
    theme: {
      primary: "#006a4e",
      primaryContrast: "#ffffff",
      accent: "#b3282d",
      surface: "#fbfaf7",
      text: "#1a1a1a",
      radius: "2px",
    },
  },
  bg: {
    title: "Bulgaria (BG)",
    theme: {
      primary: "#00704f",
      primaryContrast: "#ffffff",
      accent: "#d62612",
      surface: "#ffffff",
      text: "#202124",
      radius: "4px",
      fontFamily: '"Noto Sans", Arial, sans-serif',
    },
  },
} as const satisfies Record<string, StoryTheme>;

export type StoryThemeName = keyof typeof storyThemes;

export const storyThemeName = (value: unknown): StoryThemeName =>
  typeof value === "string" && value in storyThemes ? (value as StoryThemeName) : "default";
