#!/usr/bin/env node
// Rebuilds the standard code lists that ship with @ipoffice/domain (committed, decision 0152) from the reference data:
//   src/internal/st3.generated.ts      ← standards/st3-country-codes.csv
//   src/internal/st27.generated.ts     ← standards/st27-patent-legal-status-codes.json
//   src/internal/st96Mark.generated.ts ← standards/st96-trademark-and-madrid-code-lists.json
// The reference data folder is IPO_REFERENCE_DATA (relative paths resolve from the repository root), default
// ../shared/data. A file is only rewritten when its content changes, so running this twice changes nothing.
// Where a source file is absent the shipped list is kept as it is (exit 0, naming what is missing); a malformed source
// stops the script (exit 1) naming the file, the line or item, and the field, and writes nothing.
// Usage: node scripts/generate.mjs [--out <folder>]   (default folder: src/internal of this package)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(packageDir, "../..");
const dataDir = resolve(repoRoot, process.env.IPO_REFERENCE_DATA || "../shared/data");
const outFlag = process.argv.indexOf("--out");
const outDir =
  outFlag >= 0 && process.argv[outFlag + 1] ? resolve(process.argv[outFlag + 1]) : join(packageDir, "src/internal");

/** How the reference data folder is named in messages. */
const folder = process.env.IPO_REFERENCE_DATA ? `IPO_REFERENCE_DATA (${dataDir})` : `../shared/data (${dataDir})`;

const say = (message) => process.stdout.write(`@ipoffice/domain generate: ${message}\n`);

function fail(message) {
  process.stderr.write(`@ipoffice/domain generate: ${message}\n`);
  process.exit(1);
}

/** Minimal RFC 4180 CSV reader: quoted fields with "" escapes, CRLF or LF line ends; each row keeps its first line. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    row.push(field);
    if (row.some((f) => f !== "")) rows.push({ line: rowLine, fields: row });
    row = [];
    field = "";
    rowLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      line++;
      endRow();
    } else field += c;
  }
  if (quoted) return { rows, unclosedQuoteFrom: rowLine };
  endRow();
  return { rows };
}

/** Reads a JSON source, failing with the line of a syntax error. */
function parseJson(relative, text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(String(error.message));
    const line = at ? text.slice(0, Number(at[1])).split("\n").length : undefined;
    fail(`${relative}${line ? ` line ${line}` : ""}: not valid JSON (${error.message})`);
  }
}

/** The original each source was extracted from, and its status, as data/README.md of the reference data states. */
const provenance = {
  "standards/st3-country-codes.csv": {
    original: "the WIPO ST.96 V6_0 schema Common_V6_0.xsd",
    status: "WIPO standard ST.3; code list as published in the ST.96 V6_0 schemas",
  },
  "standards/st27-patent-legal-status-codes.json": {
    original: "the WIPO ST.96 V6_0 schema PatentLegalStatusData_V6_0.xsd",
    status: "WIPO standard ST.27; code lists as published in the ST.96 V6_0 schemas",
  },
  "standards/st96-trademark-and-madrid-code-lists.json": {
    original: "the WIPO ST.96 V6_0 schema Trademark_V6_0.xsd",
    status: "WIPO standard ST.96; code lists as published in the ST.96 V6_0 schemas",
  },
};

/** The header of a shipped list: what it holds, its source and status, and how to reproduce it. No machine paths. */
const header = (relative, what) =>
  [
    `// ${what}.`,
    `// Source: ${relative} of the reference data,`,
    `// extracted from ${provenance[relative].original}.`,
    `// Status: ${provenance[relative].status}.`,
    "// Shipped with the project (decision 0152). Do not edit: to reproduce it, run `pnpm --filter @ipoffice/domain generate`",
    "// with the reference data in IPO_REFERENCE_DATA or ../shared/data (packages/domain/scripts/generate.mjs).",
    "",
  ].join("\n");

/** Formats one `[code, text]` entry the way Biome does (on one line when it fits in 120 columns), so the file lints. */
const entry = ([code, text]) => {
  const oneLine = `  [${JSON.stringify(code)}, ${JSON.stringify(text)}],`;
  return oneLine.length <= 120 ? oneLine : `  [\n    ${JSON.stringify(code)},\n    ${JSON.stringify(text)},\n  ],`;
};

const list = (name, entries) => `export const ${name} = [\n${entries.map(entry).join("\n")}\n] as const;\n`;

function st3(relative, text) {
  const { rows, unclosedQuoteFrom } = parseCsv(text);
  if (unclosedQuoteFrom !== undefined) fail(`${relative} line ${unclosedQuoteFrom}: a quoted field is never closed`);
  const [head, ...body] = rows;
  if (head?.fields[0] !== "code" || head.fields[1] !== "name" || head.fields.length !== 2) {
    fail(`${relative} line ${head?.line ?? 1}, header: expected "code,name", found "${head?.fields.join(",") ?? ""}"`);
  }
  const entries = body.map(({ line, fields }) => {
    if (fields.length !== 2) fail(`${relative} line ${line}: expected 2 fields (code,name), found ${fields.length}`);
    const [code, name] = fields;
    if (!/^[A-Z]{2}$/.test(code)) fail(`${relative} line ${line}, field code: "${code}" is not two capital letters`);
    if (name.trim() === "") fail(`${relative} line ${line}, field name: empty`);
    return [code, name];
  });
  const seen = new Set();
  for (const [i, [code]] of entries.entries()) {
    if (seen.has(code)) fail(`${relative} line ${body[i].line}, field code: "${code}" appears twice`);
    seen.add(code);
  }
  return (
    header(relative, `WIPO ST.3: ${entries.length} two-letter codes with English names`) +
    "\n" +
    list("countries", entries)
  );
}

/** A list of `{ [key]: string, documentation: string }` items of a JSON source, as `[code, text]` pairs. */
function pick(relative, json, listName, key) {
  const items = json?.[listName];
  if (!Array.isArray(items)) fail(`${relative}, list ${listName}: missing or not an array`);
  return items.map((item, i) => {
    for (const field of [key, "documentation"]) {
      if (typeof item?.[field] !== "string" || item[field].trim() === "") {
        fail(`${relative}, list ${listName} item ${i + 1}, field ${field}: missing or empty`);
      }
    }
    return [item[key], item.documentation.replace(/\s+/g, " ").trim()];
  });
}

function st27(relative, text) {
  const json = parseJson(relative, text);
  const keyEvents = pick(relative, json, "KeyEventCodeType", "code");
  const detailed = pick(relative, json, "DetailedEventCodeType", "code");
  const indicators = pick(relative, json, "EventIndicatorCodeType", "code");
  return (
    header(
      relative,
      `WIPO ST.27: ${keyEvents.length} key events, ${detailed.length} detailed events, ${indicators.length} event indicators`,
    ) +
    "\n" +
    list("keyEvents", keyEvents) +
    "\n" +
    list("detailedEvents", detailed) +
    "\n" +
    list("eventIndicators", indicators)
  );
}

function st96Mark(relative, text) {
  const json = parseJson(relative, text);
  const events = pick(relative, json, "MarkEventCategoryType", "value");
  const statuses = pick(relative, json, "MarkCurrentStatusCategoryType", "value");
  return (
    header(
      relative,
      `WIPO ST.96: MarkEventCategoryType (${events.length}) and MarkCurrentStatusCategoryType (${statuses.length})`,
    ) +
    "\n" +
    list("markEventCategories", events) +
    "\n" +
    list("markCurrentStatusCategories", statuses)
  );
}

const targets = [
  { name: "st3.generated.ts", source: "standards/st3-country-codes.csv", build: st3 },
  { name: "st27.generated.ts", source: "standards/st27-patent-legal-status-codes.json", build: st27 },
  { name: "st96Mark.generated.ts", source: "standards/st96-trademark-and-madrid-code-lists.json", build: st96Mark },
];

// Build everything first: a malformed source stops the script before any file is written.
const outputs = [];
const kept = [];
for (const { name, source, build } of targets) {
  const file = join(dataDir, source);
  if (existsSync(file)) outputs.push({ name, content: build(source, readFileSync(file, "utf8")) });
  else if (existsSync(join(outDir, name))) kept.push({ name, source });
  else fail(`${source} is absent from ${folder} and there is no shipped ${name} to keep; restore the committed file`);
}
for (const { name, source } of kept) say(`keeps the shipped ${name}: ${source} is absent from ${folder}`);
if (outputs.length > 0) mkdirSync(outDir, { recursive: true });
let written = 0;
for (const { name, content } of outputs) {
  const file = join(outDir, name);
  if (existsSync(file) && readFileSync(file, "utf8") === content) continue;
  writeFileSync(file, content);
  written++;
}
say(
  `${written} of ${outputs.length} files written` +
    (kept.length > 0 ? `, ${kept.length} shipped ${kept.length === 1 ? "file" : "files"} kept` : ""),
);
