/**
 * Templates an office edits without code (as IPAS offices edit their letter templates): per kind of document and per
 * language, a title and a list of blocks whose text holds `{{placeholders}}` (Mustache variables, nothing else: no
 * sections, partials or delimiter changes). Each kind declares the values it offers; a template naming anything else
 * is refused at load with the path of the text and the names it may use. Filling a template isolates every value
 * (Unicode FSI … PDI, UAX #9 rule X5c) so a Latin name, a number or a date keeps its own order inside Arabic text.
 */
import Mustache from "mustache";
import { Result, Schema, SchemaIssue } from "effect";
import { type Block, type Document, directionOf, isolate } from "./Document.js";
import { defaults, samples } from "./internal/defaults.js";

/** The documents an office issues from templates. */
export const kinds = [
  "certificate",
  "formality-objection",
  "provisional-refusal",
  "grant",
  "renewal-reminder",
] as const;
export type Kind = (typeof kinds)[number];
export const Kind = Schema.Literals(kinds);

const common = [
  "office",
  "number",
  "kind",
  "title",
  "applicant",
  "representative",
  "filingDate",
  "classes",
  "date",
  "reference",
] as const;

/** The values each kind offers to its templates. */
export const variables: Readonly<Record<Kind, ReadonlyArray<string>>> = {
  certificate: [...common, "registrationNumber", "registrationDate", "expiryDate", "goods"],
  "formality-objection": [...common, "grounds", "deadline"],
  "provisional-refusal": [...common, "grounds", "deadline", "legalBasis"],
  grant: [...common, "registrationNumber", "registrationDate", "expiryDate"],
  "renewal-reminder": [...common, "registrationNumber", "expiryDate", "deadline", "graceEnd"],
};

/** Longest text of one template field, and of one value filled in (a goods list of a few hundred terms fits). */
export const maxTemplateText = 20_000;
export const maxValueLength = 50_000;
/** Most blocks in one template, and rows in one fields block. */
export const maxBlocks = 200;

const Text = Schema.String.check(Schema.isMaxLength(maxTemplateText));

export const TemplateBlock = Schema.Union([
  Schema.Struct({ title: Text }),
  Schema.Struct({ heading: Text }),
  Schema.Struct({ paragraph: Text, align: Schema.optional(Schema.Literals(["start", "end", "center"])) }),
  Schema.Struct({
    fields: Schema.Array(Schema.Struct({ label: Text, value: Text })).check(Schema.isMaxLength(maxBlocks)),
  }),
  Schema.Struct({ signature: Schema.Array(Text).check(Schema.isMaxLength(10)) }),
  Schema.Struct({ pageBreak: Schema.Literal(true) }),
]);
export type TemplateBlock = typeof TemplateBlock.Type;

/** One document template in one language. */
export const Template = Schema.Struct({
  /** The PDF's title (document information) and the file name shown to staff. */
  title: Text,
  /** Printed at the foot of every page before the page number (e.g. the reference). */
  footer: Schema.optional(Text),
  blocks: Schema.Array(TemplateBlock).check(Schema.isMinLength(1), Schema.isMaxLength(maxBlocks)),
});
export type Template = typeof Template.Type;

const Language = Schema.String.check(Schema.isPattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/));

/** Templates by kind and language, as the office configuration's `documents.templates` holds them. */
const ByLanguage = Schema.Record(Language, Template);
export const Templates = Schema.Struct({
  certificate: Schema.optional(ByLanguage),
  "formality-objection": Schema.optional(ByLanguage),
  "provisional-refusal": Schema.optional(ByLanguage),
  grant: Schema.optional(ByLanguage),
  "renewal-reminder": Schema.optional(ByLanguage),
});
export type Templates = { readonly [K in Kind]?: { readonly [language: string]: Template } | undefined };

const blockKeys = ["title", "heading", "paragraph", "fields", "signature", "pageBreak"];

/** Blocks that are not one of the known shapes, named plainly (the schema's union would list every alternative). */
const blockShapes = (input: unknown, base: string): Issue[] => {
  const issues: Issue[] = [];
  if (typeof input !== "object" || input === null) return issues;
  for (const [kind, byLanguage] of Object.entries(input)) {
    if (typeof byLanguage !== "object" || byLanguage === null) continue;
    for (const [language, template] of Object.entries(byLanguage)) {
      const blocks = (template as { blocks?: unknown } | null)?.blocks;
      if (!Array.isArray(blocks)) continue;
      blocks.forEach((block: unknown, i) => {
        const keys = typeof block === "object" && block !== null ? Object.keys(block) : [];
        const known = keys.filter((k) => blockKeys.includes(k));
        if (
          known.length !== 1 ||
          keys.some((k) => !blockKeys.includes(k) && !(k === "align" && known[0] === "paragraph"))
        )
          issues.push({
            path: jsonPath(base, [kind, language, "blocks", i]),
            message: `a block has exactly one of ${blockKeys.join(", ")}; found ${keys.length === 0 ? "nothing" : keys.join(", ")}`,
          });
      });
    }
  }
  return issues;
};

export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** A template set that cannot be used, with every problem found (each naming its path). */
export class TemplatesInvalid extends Schema.TaggedError<TemplatesInvalid>()("TemplatesInvalid", {
  issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
}) {
  override get message(): string {
    return `Invalid document templates:\n${this.issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`;
  }
}

/** A template could not be filled: a value it uses is missing or too long. */
export class FillFailed extends Schema.TaggedError<FillFailed>()("FillFailed", {
  kind: Schema.String,
  language: Schema.String,
  issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
}) {
  override get message(): string {
    return `Cannot fill the ${this.kind} template (${this.language}):\n${this.issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`;
  }
}

const jsonPath = (base: string, path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${text}.${name}` : `${text}['${name.replace(/'/g, "\\'")}']`;
  }, base);

/** The placeholders of one text, or what is wrong with it. */
export const placeholders = (text: string): Result.Result<ReadonlyArray<string>, string> => {
  let tokens: ReadonlyArray<ReadonlyArray<unknown>>;
  try {
    tokens = Mustache.parse(text) as unknown as ReadonlyArray<ReadonlyArray<unknown>>;
  } catch (error) {
    return Result.fail(`template syntax: ${(error as Error).message}`);
  }
  const names: string[] = [];
  for (const token of tokens) {
    const [type, value] = token as [string, string];
    if (type === "text" || type === "!") continue;
    if (type === "name" || type === "&") names.push(value);
    else
      return Result.fail(
        `only {{value}} placeholders are allowed; found {{${type}${value}}} (sections, partials and delimiter changes are not)`,
      );
  }
  return Result.succeed(names);
};

const texts = (template: Template): Array<{ path: ReadonlyArray<PropertyKey>; text: string }> => {
  const out: Array<{ path: ReadonlyArray<PropertyKey>; text: string }> = [{ path: ["title"], text: template.title }];
  if (template.footer !== undefined) out.push({ path: ["footer"], text: template.footer });
  template.blocks.forEach((block, i) => {
    if ("title" in block) out.push({ path: ["blocks", i, "title"], text: block.title });
    else if ("heading" in block) out.push({ path: ["blocks", i, "heading"], text: block.heading });
    else if ("paragraph" in block) out.push({ path: ["blocks", i, "paragraph"], text: block.paragraph });
    else if ("fields" in block)
      block.fields.forEach((row, j) => {
        out.push({ path: ["blocks", i, "fields", j, "label"], text: row.label });
        out.push({ path: ["blocks", i, "fields", j, "value"], text: row.value });
      });
    else if ("signature" in block)
      block.signature.forEach((line, j) => {
        out.push({ path: ["blocks", i, "signature", j], text: line });
      });
  });
  return out;
};

/** What is wrong with one template of a kind (empty when it is fine); paths start at `base`. */
export const check = (kind: Kind, template: Template, base = "$"): Issue[] => {
  const known = new Set(variables[kind]);
  const issues: Issue[] = [];
  for (const { path, text } of texts(template)) {
    const found = placeholders(text);
    if (Result.isFailure(found)) issues.push({ path: jsonPath(base, path), message: found.failure });
    else
      for (const name of found.success)
        if (!known.has(name))
          issues.push({
            path: jsonPath(base, path),
            message: `unknown placeholder {{${name}}}; a ${kind} offers ${[...known].map((v) => `{{${v}}}`).join(", ")}`,
          });
  }
  return issues;
};

const decodeTemplates = Schema.decodeUnknownResult(Templates, { errors: "all", onExcessProperty: "error" });
const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

/**
 * Validates templates as read from the office configuration (`base` is the path of the section, e.g.
 * `$.documents.templates`): the shape, then every text's placeholders against its kind.
 */
export const decode = (input: unknown, base = "$"): Result.Result<Templates, TemplatesInvalid> => {
  const shapes = blockShapes(input, base);
  if (shapes.length > 0) return Result.fail(new TemplatesInvalid({ issues: shapes }));
  const decoded = decodeTemplates(input);
  if (Result.isFailure(decoded)) {
    const issues = formatter(decoded.failure.issue).issues.map((issue) => ({
      path: jsonPath(
        base,
        (issue.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment)) as PropertyKey[],
      ),
      message: issue.message,
    }));
    return Result.fail(new TemplatesInvalid({ issues }));
  }
  const issues: Issue[] = [];
  for (const [kind, byLanguage] of Object.entries(decoded.success) as Array<[Kind, Record<string, Template>]>)
    for (const [language, template] of Object.entries(byLanguage ?? {}))
      issues.push(...check(kind, template, jsonPath(base, [kind, language])));
  return issues.length > 0
    ? Result.fail(new TemplatesInvalid({ issues }))
    : Result.succeed(decoded.success as Templates);
};

/** The template of a kind in a language: the office's own, else the shipped default, else undefined. */
export const find = (office: Templates, kind: Kind, language: string): Template | undefined =>
  office[kind]?.[language] ?? defaults[kind]?.[language];

export type Values = Readonly<Record<string, string | undefined>>;

const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g;

export interface FillOptions {
  readonly language: string;
  /** Printed at the top of every page (the office's name in the document's language). */
  readonly header?: string | undefined;
}

/**
 * Fills a template with values. Every placeholder the template uses must have a value (an empty string is a value);
 * values longer than `maxValueLength` are refused. Line breaks inside a value are kept as spaces.
 */
export const fill = (
  kind: Kind,
  template: Template,
  values: Values,
  options: FillOptions,
): Result.Result<Document, FillFailed> => {
  const issues: Issue[] = [];
  for (const [name, value] of Object.entries(values))
    if (value !== undefined && value.length > maxValueLength)
      issues.push({ path: name, message: `value of ${value.length} characters; at most ${maxValueLength}` });
  const view: Record<string, string> = {};
  for (const { path, text } of texts(template)) {
    const found = placeholders(text);
    if (Result.isFailure(found)) {
      issues.push({ path: jsonPath("$", path), message: found.failure });
      continue;
    }
    for (const name of found.success) {
      const value = values[name];
      if (value === undefined) issues.push({ path: jsonPath("$", path), message: `no value for {{${name}}}` });
      else view[name] = isolate(value);
    }
  }
  if (issues.length > 0)
    return Result.fail(new FillFailed({ kind, language: options.language, issues: dedupe(issues) }));
  const render = (text: string) => Mustache.render(text, view, {}, { escape: (s: string) => s });
  const blocks: Block[] = template.blocks.map((block): Block => {
    if ("title" in block) return { kind: "title", text: render(block.title) };
    if ("heading" in block) return { kind: "heading", text: render(block.heading) };
    if ("paragraph" in block) return { kind: "paragraph", text: render(block.paragraph), align: block.align };
    if ("fields" in block)
      return { kind: "fields", rows: block.fields.map((r) => ({ label: render(r.label), value: render(r.value) })) };
    if ("signature" in block) return { kind: "signature", lines: block.signature.map(render) };
    return { kind: "pageBreak" };
  });
  return Result.succeed({
    language: options.language,
    direction: directionOf(options.language),
    title: render(template.title).replace(bidiControls, ""),
    header: options.header,
    footer: template.footer === undefined ? undefined : render(template.footer),
    blocks,
  });
};

const dedupe = (issues: ReadonlyArray<Issue>): Issue[] => {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path} ${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** The shipped templates (English, Arabic, French) and sample values per language for the staff's preview. */
export { defaults, samples };
