import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/** A browser build of `contents` (minified), as a picker's bundler would make it. */
const bundle = async (contents: string): Promise<string> => {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL("..", import.meta.url)), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    conditions: ["@ipoffice/source"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
};

describe("the main entry stays browser-safe and small", () => {
  it("a picker importing only TermIndex gets about 3.5 KB gzipped and no edition data", async () => {
    const code = await bundle(
      `import { TermIndex } from "./src/index.ts"; export const make = TermIndex.make, search = TermIndex.search;`,
    );
    expect(gzipSync(code).length).toBeLessThan(4 * 1024);
    expect(code.includes("kemitchell")).toBe(false);
  });

  it("the whole main entry bundles for the browser (a Node built-in would not resolve), without the shipped edition", async () => {
    const code = await bundle(`export * from "./src/index.ts";`);
    // The shipped file is read by the /node entry only.
    expect(code.includes("kemitchell") || code.includes("vulcanisation accelerators")).toBe(false);
    expect(code.includes("readFileSync")).toBe(false);
  });
});
