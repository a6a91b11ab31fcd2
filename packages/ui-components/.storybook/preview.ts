import type { Decorator, Preview } from "@storybook/web-components-vite";
import { html } from "lit";
import { dir } from "../src/I18n.js";
import { pageStyles } from "../src/pageStyles.js";
import { themeToCss } from "../src/Theme.js";
import { storyThemeName, storyThemes } from "./themes.js";

// The page stylesheet an app inlines in its server-rendered pages (tokens included), so stories look like the app.
if (!document.getElementById("ipo-page-styles")) {
  const style = document.createElement("style");
  style.id = "ipo-page-styles";
  style.textContent = pageStyles;
  document.head.append(style);
}

/** The office theme of the "Theme" toolbar, written as `--ipo-*` custom properties after the page styles. */
const applyTheme = (name: unknown): void => {
  let style = document.getElementById("ipo-story-theme");
  if (style === null) {
    style = document.createElement("style");
    style.id = "ipo-story-theme";
    document.head.append(style);
  }
  style.textContent = themeToCss(storyThemes[storyThemeName(name)].theme);
};

/**
 * Sets `lang` and `dir` on the story's wrapper and on the document from the "Language" toolbar, and the office theme
 * from the "Theme" toolbar. Stories read the language from `context.globals.lang`; none fixes it, so both toolbars
 * work on every story.
 */
const withLanguageAndTheme: Decorator = (story, context) => {
  const lang = String(context.globals["lang"] ?? "en");
  const direction = dir(lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = direction;
  applyTheme(context.globals["theme"]);
  const style = context.parameters["page"] ? "" : "padding: 1rem; max-inline-size: 60rem;";
  return html`<div lang=${lang} dir=${direction} style=${style}>${story()}</div>`;
};

const preview: Preview = {
  decorators: [withLanguageAndTheme],
  globalTypes: {
    lang: {
      description: "Language of the components (Arabic lays out right to left)",
      toolbar: {
        title: "Language",
        icon: "globe",
        items: [
          { value: "en", title: "English", right: "ltr" },
          { value: "ar", title: "العربية (Arabic)", right: "rtl" },
          { value: "fr", title: "Français (French)", right: "ltr" },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: "An office's theme (colours, corner radius, font) from its configuration",
      toolbar: {
        title: "Theme",
        icon: "paintbrush",
        items: Object.entries(storyThemes).map(([value, { title }]) => ({ value, title })),
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: "en", theme: "default" },
  parameters: {
    layout: "fullscreen",
    // The accessibility panel runs axe on the open story and reports violations as errors.
    a11y: { test: "error" },
    docs: { toc: true },
  },
};

export default preview;
