import fc from "fast-check";
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { Template } from "../src/index.js";

const messages = (input: unknown) => {
  const decoded = Template.decode(input, "$.documents.templates");
  return Result.isFailure(decoded) ? decoded.failure.issues.map((i) => `${i.path}: ${i.message}`) : [];
};

describe("templates an office edits, validated at load", () => {
  it("every shipped template uses only the values its kind offers, in English, Arabic and French", () => {
    expect(messages(Template.defaults)).toEqual([]);
    for (const kind of Template.kinds)
      for (const language of ["en", "ar", "fr"]) expect(Template.find({}, kind, language)).toBeDefined();
  });

  it("an unknown placeholder names its path and the values the kind offers", () => {
    const [issue] = messages({ grant: { ar: { title: "إشعار {{registrationNumbr}}", blocks: [{ paragraph: "x" }] } } });
    expect(issue).toContain("$.documents.templates.grant.ar.title: unknown placeholder {{registrationNumbr}}");
    expect(issue).toContain("{{registrationNumber}}");
  });

  it("sections, partials, delimiter changes and unclosed tags are refused with the path of the text", () => {
    const out = messages({
      certificate: {
        en: {
          title: "t",
          blocks: [
            { paragraph: "{{#classes}}x{{/classes}}" },
            { paragraph: "{{> footer}}" },
            { paragraph: "{{=<% %>=}}" },
            { fields: [{ label: "a", value: "{{number" }] },
          ],
        },
      },
    });
    expect(out).toEqual([
      expect.stringMatching(/^\$\.documents\.templates\.certificate\.en\.blocks\[0\]\.paragraph: only \{\{value\}\}/),
      expect.stringMatching(/^\$\.documents\.templates\.certificate\.en\.blocks\[1\]\.paragraph: only/),
      expect.stringMatching(/^\$\.documents\.templates\.certificate\.en\.blocks\[2\]\.paragraph: /),
      expect.stringMatching(
        /^\$\.documents\.templates\.certificate\.en\.blocks\[3\]\.fields\[0\]\.value: template syntax/,
      ),
    ]);
  });

  it("an unknown kind, block or field is named, not ignored", () => {
    expect(messages({ grants: {} })).toEqual(["$.documents.templates.grants: Expected no excess property"]);
    expect(messages({ grant: { en: { title: "t", blocks: [{ para: "x" }] } } })).toEqual([
      "$.documents.templates.grant.en.blocks[0]: a block has exactly one of title, heading, paragraph, fields, signature, pageBreak; found para",
    ]);
  });

  it("an office's template replaces the shipped one for its kind and language only", () => {
    const own: Template.Templates = { grant: { ar: { title: "منح", blocks: [{ paragraph: "نص" }] } } };
    expect(Template.find(own, "grant", "ar")?.title).toBe("منح");
    expect(Template.find(own, "grant", "en")).toBe(Template.defaults.grant?.en);
    expect(Template.find(own, "grant", "de")).toBeUndefined();
  });
});

describe("filling a template", () => {
  const template: Template.Template = {
    title: "Notice {{number}}",
    blocks: [{ paragraph: "Application {{number}} of {{applicant}}." }, { signature: ["{{office}}"] }],
  };

  it("isolates every value (UAX #9 FSI … PDI) and drops the value's own bidi controls", () => {
    const filled = Template.fill(
      "grant",
      template,
      { number: "OM/T/1", applicant: "Seoul Bio Materials Co.\u202e", office: "مكتب" },
      { language: "ar" },
    );
    expect(Result.isSuccess(filled)).toBe(true);
    if (Result.isFailure(filled)) return;
    expect(filled.success.direction).toBe("rtl");
    expect(filled.success.title).toBe("Notice OM/T/1");
    expect(filled.success.blocks[0]).toEqual({
      kind: "paragraph",
      text: "Application \u2068OM/T/1\u2069 of \u2068Seoul Bio Materials Co.\u2069.",
      align: undefined,
    });
  });

  it("a missing value and a value too long are named", () => {
    const filled = Template.fill(
      "grant",
      template,
      { number: "1", office: "x".repeat(Template.maxValueLength + 1) },
      { language: "en" },
    );
    expect(Result.isFailure(filled) && filled.failure.issues).toEqual([
      {
        path: "office",
        message: `value of ${Template.maxValueLength + 1} characters; at most ${Template.maxValueLength}`,
      },
      { path: "$.blocks[0].paragraph", message: "no value for {{applicant}}" },
    ]);
  });

  it("any values fill any shipped template without throwing; placeholders never survive into the document", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Template.kinds),
        fc.constantFrom("en", "ar", "fr"),
        fc.dictionary(
          fc.constantFrom(...Object.values(Template.variables).flat()),
          fc.string({ unit: "binary", maxLength: 200 }).filter((s) => !s.includes("{{")),
        ),
        (kind, language, values) => {
          const template = Template.find({}, kind, language);
          if (template === undefined) throw new Error("no template");
          const filled = Template.fill(kind, template, values, { language });
          if (Result.isSuccess(filled)) expect(JSON.stringify(filled.success)).not.toMatch(/\{\{/);
          else expect(filled.failure.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("any input to decode gives templates or issues with paths, never a throw", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const decoded = Template.decode({ certificate: { en: input } });
        if (Result.isFailure(decoded)) for (const issue of decoded.failure.issues) expect(issue.path).toMatch(/^\$/);
      }),
      { numRuns: 300 },
    );
  });
});
