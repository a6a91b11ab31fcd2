/// <reference types="vite/client" />
import { afterEach, describe, expect, it } from "vitest";
import "../src/ipo-class-status-list.js";
import type { ClassStatusList } from "../src/ClassStatusList.js";
import { pageStyles } from "../src/pageStyles.js";
import { axeViolations } from "./axe.js";
import ssrArabic from "./fixtures/class-status-list.ar.ssr.txt?raw";
import { classes } from "./fixtures/classes.js";

const mounted: Array<Element> = [];
afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
});

const mount = async (lang: string, extra: Partial<ClassStatusList> = {}): Promise<ClassStatusList> => {
  const el = document.createElement("ipo-class-status-list");
  Object.assign(el, { classes, lang, ...extra });
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
};

const shadow = (el: Element): ShadowRoot => {
  if (!el.shadowRoot) throw new Error("no shadow root");
  return el.shadowRoot;
};

describe("<ipo-class-status-list>", () => {
  it("shows each class with its badge, decision and the terms whose status differs", async () => {
    const el = await mount("en");
    const root = shadow(el);
    expect(root.querySelector(".summary")?.textContent).toBe(
      "Registered in 1 class, limited in 1 class, and refused in 1 class",
    );
    const items = [...root.querySelectorAll<HTMLElement>('[part="class"]')];
    expect(items.map((li) => li.dataset["classNumber"])).toEqual(["25", "35", "41"]);
    const class35 = items[1] as HTMLElement;
    expect(class35.querySelector('[part="badge"]')?.textContent).toBe("Limited");
    expect(class35.querySelector(".decision")?.textContent).toContain("Decision of March 12, 2025");
    const termBadges = [...class35.querySelectorAll('[part="term-badge"]')].map((b) => b.textContent);
    expect(termBadges).toEqual(["Refused", "Refused", "Accepted"]);
    expect(items[0]?.querySelectorAll('[part="term-badge"]').length).toBe(0);
    // Badge colours come from the tokens: refused is the danger tone.
    const refused = class35.querySelector('[part="term-badge"]') as HTMLElement;
    expect(getComputedStyle(refused).backgroundColor).toBe("rgb(251, 233, 231)");
  });

  it("has no accessibility violations, in English and in Arabic", async () => {
    expect(await axeViolations(await mount("en"))).toEqual([]);
    expect(await axeViolations(await mount("ar"))).toEqual([]);
  });

  it("lays out right to left in Arabic: direction, badge at the inline end (left)", async () => {
    const el = await mount("ar");
    const base = shadow(el).querySelector('[part="base"]') as HTMLElement;
    expect(getComputedStyle(base).direction).toBe("rtl");
    const head = shadow(el).querySelector(".head") as HTMLElement;
    const title = head.querySelector(".title") as HTMLElement;
    const badge = head.querySelector(".badge") as HTMLElement;
    expect(title.getBoundingClientRect().left).toBeGreaterThan(badge.getBoundingClientRect().left);
    expect(title.textContent).toBe("الفئة 25");
  });

  it("collapses long term lists into a details element that opens by click", async () => {
    const terms = Array.from({ length: 12 }, (_, i) => ({ text: `Term ${i + 1}` }));
    const el = await mount("en", { classes: [{ classNumber: 9, status: "pending", terms }], collapseAfter: 4 });
    const details = shadow(el).querySelector("details") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    const hidden = details.querySelector(".terms") as HTMLElement;
    // A closed <details> skips its content (content-visibility): checkVisibility() reports it hidden.
    expect(hidden.checkVisibility()).toBe(false);
    (details.querySelector("summary") as HTMLElement).click();
    expect(details.open).toBe(true);
    expect(hidden.checkVisibility()).toBe(true);
    expect(await axeViolations(el)).toEqual([]);
  });

  it("reads the classes attribute (JSON) and ignores a malformed one", async () => {
    const host = document.createElement("div");
    host.innerHTML = `<ipo-class-status-list lang="fr" classes='${JSON.stringify(classes).replace(/'/g, "&#39;")}'></ipo-class-status-list><ipo-class-status-list classes="{not json"></ipo-class-status-list>`;
    document.body.append(host);
    mounted.push(host);
    const [good, bad] = [...host.querySelectorAll("ipo-class-status-list")] as [ClassStatusList, ClassStatusList];
    await good.updateComplete;
    await bad.updateComplete;
    expect(shadow(good).querySelectorAll('[part="class"]').length).toBe(3);
    expect(shadow(good).querySelector(".summary")?.textContent).toContain("Enregistré dans 1 classe");
    expect(shadow(bad).querySelector(".empty")?.textContent).toBe("No goods or services recorded.");
  });
});

describe("server-rendered <ipo-class-status-list>", () => {
  it("is readable and right to left without JavaScript (declarative shadow DOM, element never defined)", async () => {
    const frame = document.createElement("iframe");
    frame.style.width = "800px";
    frame.style.height = "600px";
    document.body.append(frame);
    mounted.push(frame);
    const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
    frame.srcdoc = `<!doctype html><html lang="ar" dir="rtl"><head><style>${pageStyles}</style></head><body>${ssrArabic}</body></html>`;
    await loaded;
    const doc = frame.contentDocument as Document;
    const el = doc.querySelector("ipo-class-status-list") as HTMLElement;
    expect(frame.contentWindow?.customElements.get("ipo-class-status-list")).toBeUndefined();
    const root = shadow(el);
    expect(root.querySelector(".summary")?.textContent).toBe(
      "مسجَّل في فئة واحدة ومقيَّد في فئة واحدة ومرفوض في فئة واحدة",
    );
    const base = root.querySelector('[part="base"]') as HTMLElement;
    expect(frame.contentWindow?.getComputedStyle(base).direction).toBe("rtl");
    expect(root.querySelectorAll('[part="class"]').length).toBe(3);
    expect((root.querySelector(".class") as HTMLElement).getBoundingClientRect().height).toBeGreaterThan(40);
  });

  it("is rendered again by the client over the server output, without duplicating it", async () => {
    const host = document.createElement("div");
    // setHTMLUnsafe parses declarative shadow roots; the element is defined, so it upgrades at once.
    host.setHTMLUnsafe(ssrArabic);
    document.body.append(host);
    mounted.push(host);
    const el = host.querySelector("ipo-class-status-list") as ClassStatusList;
    await el.updateComplete;
    const root = shadow(el);
    expect(root.querySelectorAll('[part="class"]').length).toBe(3);
    expect(root.querySelectorAll(".summary").length).toBe(1);
    expect(el.classes.length).toBe(3);
    // The client owns the content now: a property change re-renders it.
    el.lang = "en";
    await el.updateComplete;
    expect(root.querySelector(".summary")?.textContent).toBe(
      "Registered in 1 class, limited in 1 class, and refused in 1 class",
    );
    expect(await axeViolations(el)).toEqual([]);
  });
});
