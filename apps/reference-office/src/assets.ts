/**
 * The browser script of the pages: registers the Lit components (they render over their server-rendered HTML). Bundled once
 * with esbuild when first asked for, then served from memory with a content hash as its ETag.
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const entry = `
import "@ipoffice/ui-components/ipo-class-status-list.js";
import "@ipoffice/ui-components/ipo-status-badge.js";
import "@ipoffice/ui-components/ipo-nice-term-picker.js";
`;

export interface Asset {
  readonly body: string;
  readonly etag: string;
}

let bundled: Promise<Asset> | undefined;

export const componentsScript = (): Promise<Asset> => {
  bundled ??= build({
    stdin: { contents: entry, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "js" },
    bundle: true,
    format: "esm",
    minify: true,
    write: false,
    target: "es2022",
    conditions: ["@ipoffice/source", "browser"],
    legalComments: "none",
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, experimentalDecorators: false } },
  }).then((result) => {
    const body = result.outputFiles[0]?.text ?? "";
    return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"` };
  });
  return bundled;
};
