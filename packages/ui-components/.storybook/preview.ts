import type { Decorator, Preview } from "@storybook/web-components-vite";
import { html } from "lit";
import { dir } from "../src/I18n.js";
import { pageStyles } from "../src/pageStyles.js";

// The page stylesheet an app inlines in its server-rendered pages (tokens included), so stories look like the app.
if (!document.getElementById("ipo-page-styles")) {
  const style = document.createElement("style");
  style.id = "ipo-page-styles";
  style.textContent = pageStyles;
  document.head.append(style);
}

/** Sets `lang` and `dir` on the story's wrapper and on the document from the "Language" toolbar (or a story's `globals`). */
const withLanguage: Decorator = (story, context) => {
  const lang = String(context.globals["lang"] ?? "en");
  const direction = dir(lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = direction;
  const style = context.parameters["page"] ? "" : "padding: 1rem; max-inline-size: 48rem;";
  return html`<div lang=${lang} dir=${direction} style=${style}>${story()}</div>`;
};

const preview: Preview = {
  decorators: [withLanguage],
  globalTypes: {
    lang: {
      description: "Language of the components (Arabic lays out right to left)",
      toolbar: {
        title: "Language",
        icon: "globe",
        items: [
          { value: "en", title: "English" },
          { value: "ar", title: "العربية (right to left)" },
          { value: "fr", title: "Français" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: "en" },
  parameters: { layout: "fullscreen" },
};

export default preview;
