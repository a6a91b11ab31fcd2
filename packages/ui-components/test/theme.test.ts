import fc from "fast-check";
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { Theme, Tokens } from "../src/index.js";

const { contrastIssues, contrastRatio, decodeTheme, sanitizeTheme, themeToCss } = Theme;

describe("themeToCss", () => {
  it("writes the office's tokens into a :root block", () => {
    expect(
      themeToCss({
        primary: "#00594f",
        primaryContrast: "#fff",
        fontFamily: '"Noto Sans Arabic", Tahoma, sans-serif',
        radius: "0.5rem",
        logoUrl: "/assets/logo.svg",
      }),
    ).toBe(
      ':root{--ipo-color-primary:#00594f;--ipo-color-primary-contrast:#fff;--ipo-font-family:"Noto Sans Arabic", Tahoma, sans-serif;--ipo-logo-url:url("/assets/logo.svg");--ipo-radius:0.5rem;}',
    );
  });

  it("drops values that would break out of their declaration or the style element", () => {
    const hostile = {
      primary: "red;} body{display:none",
      text: "#000</style><script>alert(1)</script>",
      fontFamily: "x; background:url(//evil)",
      radius: "1px}",
      logoUrl: "javascript:alert(1)",
      surface: "expression(alert(1))",
      accent: "rgb(0 0 0) ; color: red",
    };
    expect(themeToCss(hostile)).toBe(":root{}");
    expect(
      sanitizeTheme(hostile)
        .rejected.map((r) => r.key)
        .sort(),
    ).toEqual(Object.keys(hostile).sort());
  });

  it("percent-encodes characters of a logo URL that could end the CSS string", () => {
    expect(themeToCss({ logoUrl: "https://office.example/logo(1).svg?a='b'" })).toBe(
      ':root{--ipo-logo-url:url("https://office.example/logo%281%29.svg?a=%27b%27");}',
    );
    expect(themeToCss({ logoUrl: "data:image/png;base64,iVBORw0KGgo=" })).toContain(
      "data:image/png;base64,iVBORw0KGgo=",
    );
    expect(themeToCss({ logoUrl: "data:text/html;base64,PHNjcmlwdD4=" })).toBe(":root{}");
  });

  it("ignores non-objects, unknown keys and non-string values without throwing", () => {
    expect(themeToCss(null)).toBe(":root{}");
    expect(themeToCss("primary: red")).toBe(":root{}");
    expect(themeToCss({ primary: 12, colour: "#fff" })).toBe(":root{}");
    expect(sanitizeTheme({ colour: "#fff" }).rejected[0]?.reason).toMatch(/unknown theme key/);
  });

  it("produces only well-formed declarations for any input (property)", () => {
    const keys = Theme.themeKeys;
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("#0b5394", "rgb(1 2 3)", '"Noto Sans", serif', "4px", "/logo.png", "</style>", "};"),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value), (theme) => {
        const css = themeToCss(theme);
        // Outside double-quoted strings no ; { } < > can appear; inside them no quote, backslash or angle bracket.
        expect(css).toMatch(/^:root\{(--ipo-[a-z-]+:(?:[^;{}<>"\\]|"[^"\\<>\n]*")+;)*\}$/);
        const count = css.match(/--ipo-/g)?.length ?? 0;
        expect(count).toBe(Object.keys(sanitizeTheme(theme).theme).length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("decodeTheme", () => {
  it("accepts a valid theme and names the bad field of an invalid one", () => {
    expect(Result.isSuccess(decodeTheme({ primary: "#123456", radius: "4px" }))).toBe(true);
    const bad = decodeTheme({ primary: "#12345" });
    expect(Result.isFailure(bad)).toBe(true);
    if (Result.isFailure(bad)) expect(String(bad.failure)).toMatch(/primary/);
  });
});

describe("contrast", () => {
  it("computes WCAG ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("red", "#fff")).toBeUndefined();
  });

  it("reports theme colours below AA", () => {
    expect(contrastIssues({})).toEqual([]);
    const issues = contrastIssues({ primary: "#ffd700" });
    expect(issues.map((i) => `${i.foreground}/${i.background}`)).toEqual([
      "primaryContrast/primary",
      "primary/surface",
    ]);
  });

  it("default token pairs meet AA: 4.5:1 for text, 3:1 for borders and focus rings", () => {
    const d = Tokens.tokenDefaults;
    const text: Array<[string, string]> = [
      [d["color-text"], d["color-surface"]],
      [d["color-text"], d["color-surface-alt"]],
      [d["color-text-muted"], d["color-surface"]],
      [d["color-text-muted"], d["color-surface-alt"]],
      [d["color-primary-contrast"], d["color-primary"]],
      [d["color-primary"], d["color-surface"]],
      [d["color-danger"], d["color-surface"]],
      [d["color-success"], d["color-surface"]],
      [d["color-warning"], d["color-surface"]],
      [d["color-accent"], d["color-surface"]],
    ];
    for (const tone of ["neutral", "info", "success", "warning", "danger"] as const) {
      text.push([d[`badge-${tone}-fg`], d[`badge-${tone}-bg`]]);
    }
    for (const [fg, bg] of text) expect(contrastRatio(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    for (const c of [d["color-border"], d["color-focus"]]) {
      expect(contrastRatio(c, d["color-surface"])).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(c, d["color-surface-alt"])).toBeGreaterThanOrEqual(3);
    }
  });
});
