#!/usr/bin/env node
// pnpm check:consumer: the packages as a consumer gets them (decision 0006).
//
// 1. Builds every package under packages/ and packs it with `pnpm pack` (workspace:* ranges become versions).
// 2. Installs the tarballs with npm into a scratch project in the system's temporary folder, with no node_modules in
//    any folder above it, no NODE_PATH and no NODE_OPTIONS: only what the tarballs and the registry give is reachable.
//    The scratch project depends on the packages' peers (effect, lit) with the packages' own peer ranges, as an app
//    that already uses them would.
// 3. Runs each README's main example: the first ```ts block of the README as published. The block is written to a
//    .ts file (type-checked in step 4), its types are stripped by esbuild (transform only, nothing bundled) into an
//    .mjs file, and Node runs that. It must exit with 0.
// 4. Type-checks, under strict, module and moduleResolution nodenext, against the packed .d.ts: the README examples,
//    a file that reads every value every public entry exports at run time (namespace members included, e.g.
//    `IpRight.FilingRequest`) and a few typed uses.
// 5. Bundles each registration file of ui-components (`./ipo-*.js`) for the browser with esbuild: the bundle must not
//    be empty and must call customElements.define for its tag.
// 6. Measures a browser bundle (esbuild, minified, gzipped, effect bundled too) of `TermIndex` imported alone from
//    @ipoffice/nice-classification, from the packed dist and from the sources as bench/search.bench.ts measures it;
//    the dist figure must stay within 1.5 times the source figure.
// 7. Prints tarball and installed sizes: each package with the dependencies it brings (peers excluded), with its
//    peers, and effect and lit alone.
//
// Exits non-zero naming every check that failed. Options: --skip-build (use the dist/ folders as they are),
// --keep (leave the scratch folder and print its path).
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { delimiter, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const packageNames = [
  "documents",
  "domain",
  "exchange",
  "fees",
  "madrid",
  "nice-classification",
  "search",
  "ui-components",
];
const args = new Set(process.argv.slice(2));
const started = Date.now();
const failures = [];
const fail = (what, detail) => {
  failures.push(what);
  console.log(`  FAILED ${what}${detail ? `\n${indent(detail)}` : ""}`);
};
const ok = (what) => console.log(`  ok ${what}`);
const indent = (text) =>
  String(text)
    .trimEnd()
    .split("\n")
    .slice(0, 60)
    .map((line) => `      ${line}`)
    .join("\n");
const step = (title) => console.log(`\n== ${title} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const size = (bytes) => (bytes < 1024 * 1024 ? kb(bytes) : mb(bytes));

const run = (command, commandArgs, options = {}) => {
  const result = spawnSync(command, commandArgs, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ?? ""}` };
};

const runAsync = (command, commandArgs, options = {}) =>
  new Promise((done) => {
    const child = spawn(command, commandArgs, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", (error) => done({ ok: false, output: `${output}${error}` }));
    child.on("close", (code) => done({ ok: code === 0, output }));
  });

// pnpm: the one running this script when started by `pnpm check:consumer`, else the version the README names.
const pnpmCommand = (pnpmArgs) =>
  process.env.npm_execpath?.includes("pnpm")
    ? [process.execPath, [process.env.npm_execpath, ...pnpmArgs]]
    : ["npx", ["-y", "pnpm@10.34.8", ...pnpmArgs]];
const pnpm = (pnpmArgs, options) => run(...pnpmCommand(pnpmArgs), options);
const pnpmAsync = (pnpmArgs, options) => runAsync(...pnpmCommand(pnpmArgs), options);

// The environment of everything run in the scratch project: nothing pointing into the workspace.
const consumerEnv = () => {
  const env = {};
  const keep = /^npm_config_(registry|cache|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl|cafile|ca)$/i;
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(NODE_OPTIONS|NODE_PATH|INIT_CWD|PNPM_.*)$/i.test(key)) continue;
    if (/^npm_/i.test(key) && !keep.test(key) && !/^npm_config_@.*:registry$/i.test(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((entry) => entry !== "" && !resolve(entry).startsWith(root + sep))
    .join(delimiter);
  return env;
};

// ---------------------------------------------------------------------------------------------------------------------
step(`build and pack (${availableParallelism()} cores, Node ${process.version})`);

if (args.has("--skip-build")) console.log("  build skipped (--skip-build)");
else {
  const built = pnpm(["run", "build"], { cwd: root });
  if (!built.ok) {
    fail("build (pnpm run build)", built.output);
    process.exit(1);
  }
  ok("pnpm run build");
}

const scratchRoot = mkdtempSync(join(tmpdir(), "ipoffice-consumer-"));
const packs = join(scratchRoot, "packs");
const app = join(scratchRoot, "app");
mkdirSync(packs);
mkdirSync(app);
process.on("exit", () => {
  if (args.has("--keep")) console.log(`\nscratch project kept: ${app}`);
  else rmSync(scratchRoot, { recursive: true, force: true });
});

const packages = packageNames.map((dir) => {
  const pkgDir = join(root, "packages", dir);
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  return { dir, pkgDir, manifest, name: manifest.name, tarball: "" };
});
await Promise.all(
  packages.map(async (p) => {
    const destination = join(packs, p.dir);
    mkdirSync(destination);
    const packed = await pnpmAsync(["pack", "--pack-destination", destination], { cwd: p.pkgDir });
    const tarball = readdirSync(destination).find((file) => file.endsWith(".tgz"));
    if (!packed.ok || tarball === undefined) fail(`pack ${p.name}`, packed.output);
    else {
      p.tarball = join(destination, tarball);
      p.tarballBytes = lstatSync(p.tarball).size;
    }
  }),
);
if (failures.length > 0) process.exit(1);
ok(`packed ${packages.length} packages`);

// ---------------------------------------------------------------------------------------------------------------------
step("install the tarballs with npm into a scratch project outside the workspace");

for (let dir = dirname(app); ; dir = dirname(dir)) {
  if (existsSync(join(dir, "node_modules")) || existsSync(join(dir, "package.json"))) {
    fail(
      "scratch project isolation",
      `${join(dir, "node_modules")} or package.json exists above the scratch project; set TMPDIR to a clean folder`,
    );
    process.exit(1);
  }
  if (dirname(dir) === dir) break;
}
const peerRanges = {};
for (const p of packages)
  for (const [name, range] of Object.entries(p.manifest.peerDependencies ?? {}))
    if (!(name in peerRanges)) peerRanges[name] = range;
const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
writeFileSync(
  join(app, "package.json"),
  `${JSON.stringify(
    {
      name: "ipoffice-consumer",
      private: true,
      type: "module",
      dependencies: {
        ...Object.fromEntries(packages.map((p) => [p.name, `file:${relative(app, p.tarball)}`])),
        ...peerRanges,
        "@types/node": rootManifest.devDependencies["@types/node"],
      },
    },
    null,
    2,
  )}\n`,
);
const env = consumerEnv();
const installed = run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: app, env });
if (!installed.ok) {
  fail("npm install of the tarballs", installed.output);
  process.exit(1);
}
const modules = join(app, "node_modules");
const versionOf = (name) => JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;
ok(
  `npm install (${Object.keys(peerRanges)
    .map((name) => `${name} ${versionOf(name)}`)
    .join(", ")})`,
);
for (const p of packages) {
  const copies = findCopies(modules, p.name);
  if (copies.length !== 1)
    fail(`${p.name} installed once`, copies.map((c) => relative(app, c)).join("\n") || "not installed");
}
for (const name of Object.keys(peerRanges)) {
  const copies = findCopies(modules, name);
  if (copies.length !== 1) fail(`${name} installed once (a peer)`, copies.map((c) => relative(app, c)).join("\n"));
  else ok(`${name} installed once`);
}

// ---------------------------------------------------------------------------------------------------------------------
step("README examples (first ```ts block of each README as published), run as .mjs");

const examples = [];
const runs = [];
for (const p of packages) {
  const readme = readFileSync(join(modules, p.name, "README.md"), "utf8");
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(readme)?.[1];
  if (block === undefined) {
    fail(`${p.name} README has a \`\`\`ts example`);
    continue;
  }
  const base = `readme-${p.dir}`;
  writeFileSync(join(app, `${base}.ts`), block);
  examples.push(`${base}.ts`);
  try {
    const js = await transform(block, {
      loader: "ts",
      format: "esm",
      target: "node20",
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    });
    writeFileSync(join(app, `${base}.mjs`), js.code);
  } catch (error) {
    fail(`${p.name} README example compiles`, error.message);
    continue;
  }
  runs.push([p.name, runAsync(process.execPath, [`${base}.mjs`], { cwd: app, env, timeout: 120_000 })]);
}
for (const [name, running] of runs) {
  const ran = await running;
  if (!ran.ok) fail(`${name} README example runs`, ran.output);
  else ok(`${name} README example runs${ran.output.trim() ? `, printing\n${indent(ran.output)}` : ""}`);
}

// ---------------------------------------------------------------------------------------------------------------------
step("TypeScript consumer: strict, module nodenext, against the packed .d.ts");

// Every value of every public JavaScript entry, read at run time in the scratch project.
const entries = [];
for (const p of packages) {
  const manifest = JSON.parse(readFileSync(join(modules, p.name, "package.json"), "utf8"));
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (target === null || subpath.includes("*") || subpath === "./package.json") continue;
    if (typeof target === "string" && !target.endsWith(".js")) continue; // stylesheets
    entries.push(subpath === "." ? p.name : `${p.name}${subpath.slice(1)}`);
  }
}
writeFileSync(
  join(app, "list-exports.mjs"),
  `const isModule = (v) => Object.prototype.toString.call(v) === "[object Module]";
const out = {};
for (const entry of ${JSON.stringify(entries)}) {
  const m = await import(entry);
  out[entry] = Object.keys(m).filter((k) => k !== "default").map((k) => [k, isModule(m[k]) ? Object.keys(m[k]) : null]);
}
console.log(JSON.stringify(out));
`,
);
const listed = run(process.execPath, ["list-exports.mjs"], { cwd: app, env });
let valueCount = 0;
let namespaceMembers = 0;
if (!listed.ok) fail("every public entry imports in Node", listed.output);
else {
  const exportsByEntry = JSON.parse(listed.output);
  const lines = [
    "// Generated by check:consumer: every value each public entry exports at run time, read through its types.",
  ];
  const reads = [];
  entries.forEach((entry, i) => {
    lines.push(`import * as e${i} from "${entry}";`);
    for (const [name, members] of exportsByEntry[entry]) {
      reads.push(`e${i}.${name}`);
      valueCount++;
      for (const member of members ?? []) {
        reads.push(`e${i}.${name}.${member}`);
        valueCount++;
        namespaceMembers++;
      }
    }
  });
  // One statement per value: a value the .d.ts declares as a type only (or not at all) is an error here.
  lines.push(...reads.map((read) => `void ${read};`));
  writeFileSync(join(app, "all-values.ts"), `${lines.join("\n")}\n`);
  ok(`${entries.length} entries import in Node; ${valueCount} exported values (${namespaceMembers} in namespaces)`);
}
// A few uses a TypeScript app makes: namespaces as types and values, the tag map of a registration file.
writeFileSync(
  join(app, "typed-uses.ts"),
  `import { Schema } from "effect";
import { IpRight, Workflow } from "@ipoffice/domain";
import { FeeSchedule, Quote } from "@ipoffice/fees";
import { Designation } from "@ipoffice/madrid";
import { Edition, TermIndex } from "@ipoffice/nice-classification";
import { StatusBadge } from "@ipoffice/ui-components";
import "@ipoffice/ui-components/ipo-status-badge.js";
import { renderStatusBadge } from "@ipoffice/ui-components/ssr";

export const decodeFiling: (input: unknown) => IpRight.FilingRequest = Schema.decodeUnknownSync(IpRight.FilingRequest);
export const trademarkWorkflow: Workflow.Definition = Workflow.defaults.trademark;
export const quote = (schedule: FeeSchedule.Schedule, request: Quote.Request) => Quote.quote(schedule, request);
export const register = new Map<string, Designation.Designation>();
export const search = (edition: Edition.Edition): ReadonlyArray<TermIndex.SearchResult> =>
  TermIndex.search(TermIndex.make(edition), "shirts", { language: "en" });
export const badge = (): StatusBadge => document.createElement("ipo-status-badge");
export const badgeHtml: string = renderStatusBadge({ status: "registered", lang: "ar" });
`,
);
writeFileSync(
  join(app, "tsconfig.json"),
  `${JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        lib: ["es2023", "dom", "dom.iterable"],
        types: ["node"],
        noEmit: true,
        skipLibCheck: true,
      },
      include: ["*.ts"],
    },
    null,
    2,
  )}\n`,
);
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const checked = run(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], { cwd: app, env });
const typedFiles = ["all-values.ts", "typed-uses.ts", ...examples].filter((f) => existsSync(join(app, f)));
if (!checked.ok) fail("type check of the TypeScript consumer", checked.output);
else ok(`tsc --strict (module nodenext): ${typedFiles.join(", ")}`);

// ---------------------------------------------------------------------------------------------------------------------
step("browser bundles (esbuild, minified, gzipped)");

const bundle = async (contents, resolveDir, conditions = []) => {
  const result = await build({
    stdin: { contents, resolveDir, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    conditions,
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { text: new TextDecoder().decode(code), gzip: gzipSync(code).length };
};

const ui = packages.find((p) => p.dir === "ui-components");
const uiManifest = JSON.parse(readFileSync(join(modules, ui.name, "package.json"), "utf8"));
const registrations = Object.keys(uiManifest.exports).filter((s) => /^\.\/ipo-[a-z-]+\.js$/.test(s));
const registrationFigures = [];
if (registrations.length === 0) fail("ui-components exports registration files (./ipo-*.js)");
for (const subpath of registrations) {
  const tag = subpath.slice(2, -3);
  try {
    const { text, gzip } = await bundle(`import "${ui.name}${subpath.slice(1)}";`, app);
    const defines = new RegExp(`customElements\\.define\\(\\s*["'\`]${tag}["'\`]`).test(text);
    registrationFigures.push([tag, text.length, gzip]);
    if (text.trim().length === 0 || !defines)
      fail(`bundle of ${ui.name}${subpath.slice(1)} defines <${tag}>`, `${text.length} bytes, no define call`);
    else ok(`${ui.name}${subpath.slice(1)}: ${kb(gzip)} min+gzip, calls customElements.define("${tag}", …)`);
  } catch (error) {
    fail(`bundle of ${ui.name}${subpath.slice(1)}`, error.message);
  }
}

// The same bundle as bench/search.bench.ts ("picker importing TermIndex"), from the sources and from the packed dist.
const nice = packages.find((p) => p.dir === "nice-classification");
const termIndexOnly = (from) =>
  `import { TermIndex } from "${from}"; export const make = TermIndex.make, search = TermIndex.search;`;
let termIndexFigures;
try {
  const source = await bundle(termIndexOnly("./src/index.ts"), nice.pkgDir, ["@ipoffice/source"]);
  const dist = await bundle(termIndexOnly(nice.name), app);
  const wholeSource = await bundle(`export * from "./src/index.ts";`, nice.pkgDir, ["@ipoffice/source"]);
  const wholeDist = await bundle(`export * from "${nice.name}";`, app);
  termIndexFigures = { source: source.gzip, dist: dist.gzip, wholeSource: wholeSource.gzip, wholeDist: wholeDist.gzip };
  const ratio = dist.gzip / source.gzip;
  if (ratio > 1.5)
    fail(
      "TermIndex-only bundle from the packed dist within 1.5x the source figure",
      `${kb(dist.gzip)} against ${kb(source.gzip)} (${ratio.toFixed(2)}x)`,
    );
  else
    ok(`TermIndex only: packed dist ${kb(dist.gzip)}, sources ${kb(source.gzip)} (${ratio.toFixed(2)}x, goal ≤ 1.5x)`);
} catch (error) {
  fail("TermIndex-only bundle", error.message);
}

// ---------------------------------------------------------------------------------------------------------------------
step("sizes");

function findCopies(dir, name, found = []) {
  if (!existsSync(dir)) return found;
  if (existsSync(join(dir, name, "package.json"))) found.push(join(dir, name));
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(".")) continue;
    const scoped = entry.startsWith("@") ? readdirSync(join(dir, entry)).map((e) => join(entry, e)) : [entry];
    for (const pkg of scoped) findCopies(join(dir, pkg, "node_modules"), name, found);
  }
  return found;
}
// Node's lookup: the nearest node_modules/<name> from the requiring package's folder up to the scratch project.
const resolvePackage = (from, name) => {
  for (let dir = from; dir.startsWith(app); dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
  }
  return undefined;
};
// Bytes of a package's own files (its nested node_modules are counted as the packages they are).
const ownBytes = (dir, top = true) => {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (top && entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? ownBytes(path, false) : lstatSync(path).size;
  }
  return total;
};
// The package and every package its dependencies bring. Without peers, the package's peers (effect, lit) are left
// out wherever they are reached, as in an app that has them already.
const closure = (start, withPeers) => {
  const top = JSON.parse(readFileSync(join(start, "package.json"), "utf8"));
  const excluded = new Set(withPeers ? [] : Object.keys(top.peerDependencies ?? {}));
  const seen = new Set();
  const visit = (dir) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const optional = manifest.peerDependenciesMeta ?? {};
    const names = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
      ...(withPeers ? Object.keys(manifest.peerDependencies ?? {}).filter((name) => !optional[name]?.optional) : []),
    ];
    for (const name of names) {
      const found = excluded.has(name) ? undefined : resolvePackage(dir, name);
      if (found !== undefined) visit(found);
    }
  };
  visit(start);
  return { packages: seen.size, bytes: [...seen].reduce((sum, dir) => sum + ownBytes(dir), 0) };
};
const figure = ({ bytes, packages: count }) => `${mb(bytes)} (${count} package${count === 1 ? "" : "s"})`;
const rows = packages.map((p) => {
  const dir = join(modules, p.name);
  return [p.name, kb(p.tarballBytes), size(ownBytes(dir)), figure(closure(dir, false)), figure(closure(dir, true))];
});
for (const name of Object.keys(peerRanges)) {
  const dir = join(modules, name);
  rows.push([`${name} ${versionOf(name)} alone`, "", size(ownBytes(dir)), figure(closure(dir, false)), ""]);
}
const table = (header, body) => {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
};
console.log(table(["package", "tarball", "unpacked", "installed, peers excluded", "installed with its peers"], rows));
console.log(
  "  sizes are bytes of files as installed by npm; 'installed' counts the package and every package its dependencies bring",
);
if (termIndexFigures)
  console.log(
    `\n${table(
      ["browser bundle (min+gzip, effect bundled)", "packed dist", "sources", "ratio"],
      [
        [
          "import { TermIndex } only",
          kb(termIndexFigures.dist),
          kb(termIndexFigures.source),
          `${(termIndexFigures.dist / termIndexFigures.source).toFixed(2)}x (goal ≤ 1.5x)`,
        ],
        [
          "whole main entry",
          kb(termIndexFigures.wholeDist),
          kb(termIndexFigures.wholeSource),
          `${(termIndexFigures.wholeDist / termIndexFigures.wholeSource).toFixed(2)}x`,
        ],
        ...registrationFigures.map(([tag, , gzip]) => [`<${tag}> registration`, kb(gzip), "", ""]),
      ],
    )}`,
  );

console.log(
  `\n${failures.length === 0 ? "consumer check passed" : `consumer check FAILED: ${failures.join("; ")}`} (${((Date.now() - started) / 1000).toFixed(0)} s, ${new Date().toISOString().slice(0, 10)})`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
