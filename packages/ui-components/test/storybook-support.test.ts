/**
 * What the Storybook shows trainers must be true of the package: the sample offices' themes of the "Theme" toolbar pass
 * the package's own theme validation and contrast check, and the legends give a meaning for every status the
 * components label, in every area.
 */
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { storyThemes } from "../.storybook/themes.js";
import { statusAreas, statusesOf, statusLabel } from "../src/I18n.js";
import { statusTone } from "../src/internal/statusTone.js";
import { contrastIssues, decodeTheme, sanitizeTheme } from "../src/Theme.js";
import { statusMeanings } from "../stories/statusMeanings.js";

describe("the Theme toolbar's office themes", () => {
  for (const [name, { title, theme }] of Object.entries(storyThemes)) {
    it(`${title} (${name}) decodes, keeps every value and meets WCAG AA contrast (4.5:1)`, () => {
      expect(Result.isSuccess(decodeTheme(theme))).toBe(true);
      expect(sanitizeTheme(theme).rejected).toEqual([]);
      expect(contrastIssues(theme)).toEqual([]);
    });
  }
});

describe("the status legends", () => {
  for (const area of statusAreas) {
    it(`every ${area} status has a meaning, and no meaning is left over`, () => {
      expect(Object.keys(statusMeanings[area]).sort()).toEqual([...statusesOf[area]].sort());
    });
    it(`every ${area} status has its own label in en, ar and fr, and a tone`, () => {
      for (const status of statusesOf[area]) {
        for (const lang of ["en", "ar", "fr"]) {
          expect(statusLabel(lang, status, area), `${area} ${status} ${lang}`).not.toBe(status);
        }
        expect(["success", "warning", "danger", "info", "neutral"]).toContain(statusTone(status, area));
      }
    });
  }

  it("the spellings of the other packages are accepted: provisionally-refused (madrid), partially_paid (fees)", () => {
    expect(statusLabel("en", "provisionally-refused", "designation")).toBe("Provisionally refused");
    expect(statusLabel("ar", "partially_paid", "invoice")).toBe("مدفوعة جزئيًا");
    expect(statusTone("protected-by-default", "designation")).toBe("success");
    expect(statusTone("partially_paid", "invoice")).toBe("warning");
  });

  it("a word shared by two areas reads as each area needs (Arabic: a designation is feminine)", () => {
    expect(statusLabel("ar", "refused")).toBe("مرفوض");
    expect(statusLabel("ar", "refused", "designation")).toBe("مرفوضة");
    expect(statusLabel("ar", "cancelled", "invoice")).toBe("ملغاة");
  });
});
