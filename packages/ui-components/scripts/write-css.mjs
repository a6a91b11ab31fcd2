#!/usr/bin/env node
// Writes dist/tokens.css and dist/page.css (the `./tokens.css` and `./page.css` exports) from the built modules, for
// pages that link stylesheets instead of inlining the strings. Run after `tsc -p tsconfig.build.json`.
import { writeFile } from "node:fs/promises";

const dist = new URL("../dist/", import.meta.url);
const { rootCss } = await import(new URL("internal/tokenDefaults.js", dist).href);
const { pageStyles } = await import(new URL("pageStyles.js", dist).href);
const header = "/* @ipoffice/ui-components: generated from src/internal/tokenDefaults.ts and src/pageStyles.ts */\n";
await writeFile(new URL("tokens.css", dist), `${header}${rootCss}\n`);
await writeFile(new URL("page.css", dist), `${header}${pageStyles}`);
