import { writeFile } from "node:fs/promises";
import { defineConfig } from "tsup";
import { rootCss } from "./src/internal/tokenDefaults.js";
import { pageStyles } from "./src/pageStyles.js";

export default defineConfig({
  // The main entry (no side effects), one entry per registration file, and the Node-only server renderer.
  entry: [
    "src/index.ts",
    "src/ipo-class-status-list.ts",
    "src/ipo-nice-term-picker.ts",
    "src/ipo-status-badge.ts",
    "src/ssr.ts",
  ],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // Plain CSS files for pages that link stylesheets instead of inlining the strings.
  onSuccess: async () => {
    const header =
      "/* @ipoffice/ui-components: generated from src/internal/tokenDefaults.ts and src/pageStyles.ts */\n";
    await writeFile("dist/tokens.css", `${header}${rootCss}\n`);
    await writeFile("dist/page.css", `${header}${pageStyles}`);
  },
});
