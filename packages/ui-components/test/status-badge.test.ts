/**
 * `<ipo-status-badge>` rendered on the server for every area: the label and tone of a right's status, a Madrid
 * designation's (Common Regulations under the Madrid Protocol) and an invoice's, a label and tone given by the page,
 * and bad attribute values falling back instead of breaking the badge.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { statusAreas, statusesOf, statusLabel } from "../src/I18n.js";
import { statusTone } from "../src/internal/statusTone.js";
import { renderStatusBadge } from "../src/ssr.js";

const text = (markup: string) =>
  markup
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, "")
    .trim();
const tone = (markup: string) => /class="badge tone-(\w+)"/.exec(markup)?.[1];

describe("<ipo-status-badge> on the server", () => {
  it("shows every status of every area with its label and tone, in en, ar and fr", () => {
    for (const area of statusAreas) {
      for (const status of statusesOf[area]) {
        for (const lang of ["en", "ar", "fr"]) {
          const markup = renderStatusBadge({ status, area, lang });
          expect(text(markup), `${area} ${status} ${lang}`).toBe(statusLabel(lang, status, area));
          expect(tone(markup)).toBe(statusTone(status, area));
        }
      }
    }
  });

  it("labels a designation as the Madrid desk does: provisionally refused (rule 17) warns, in Arabic feminine", () => {
    const markup = renderStatusBadge({ status: "provisionally-refused", area: "designation", lang: "ar" });
    expect(text(markup)).toBe("مرفوضة مؤقتًا");
    expect(tone(markup)).toBe("warning");
  });

  it("shows a workflow state's label and tone given by the page", () => {
    const markup = renderStatusBadge({
      status: "formality_examination",
      label: "الفحص الشكلي",
      tone: "info",
      lang: "ar",
    });
    expect(text(markup)).toBe("الفحص الشكلي");
    expect(tone(markup)).toBe("info");
  });

  it("keeps the label's direction apart from the page's (bdi)", () => {
    expect(renderStatusBadge({ status: "registered", lang: "en" })).toMatch(
      /<bdi>[^<]*Registered<\/bdi>|<bdi><!--[^>]*-->Registered/,
    );
  });

  it("gives names of Object.prototype's members no tone of their own (found by the property below)", () => {
    for (const status of ["valueOf", "constructor", "__proto__", "toString", "hasOwnProperty"])
      for (const area of ["right", "designation", "invoice", "valueOf"])
        expect(tone(renderStatusBadge({ status, area: area as never, lang: "en" })), `${status} ${area}`).toBe(
          "neutral",
        );
  });

  it("never breaks on attribute values it does not know: area, tone and status fall back", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (status, area, badTone) => {
        const markup = renderStatusBadge({
          status,
          area: area as never,
          tone: badTone as never,
          lang: "en",
        });
        const shown = tone(markup);
        expect(["success", "warning", "danger", "info", "neutral"]).toContain(shown);
      }),
    );
  });
});

describe("a search hit's status", () => {
  it("reads the portal's madrid:<status> as a designation's status (labelled and coloured as one)", async () => {
    const { officeStatusOf } = await import("../src/SearchResults.js");
    expect(officeStatusOf("madrid:provisionally-refused")).toEqual({
      status: "provisionally-refused",
      area: "designation",
    });
    expect(officeStatusOf("registered")).toEqual({ status: "registered", area: "right" });
    expect(statusTone("granted", officeStatusOf("madrid:granted").area)).toBe("success");
  });
});
