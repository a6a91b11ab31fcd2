/**
 * Watching a search (decision 0692): every search URL has a feed of its newest filings, as Atom and as JSON Feed, so
 * a practitioner's feed reader (or a script) is told of each new application that matches, without an account. The
 * feed is the search sorted newest filing first; its id is the search itself, each entry's id the record's.
 * Written with the `feed` library (Atom 1.0, JSON Feed 1).
 */
import type { Engine, SearchDocument } from "@ipoffice/search";
import { Feed } from "feed";
import type { PageContext } from "../pages/layout.js";
import { recordHref, statusText, type Workflows } from "./search.js";

export type FeedFormat = "atom" | "json";

export const feedTypes: Readonly<Record<FeedFormat, string>> = {
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

/** How many of the newest matching filings a feed carries. */
export const feedSize = 50;

export const searchFeed = (
  p: PageContext,
  input: {
    readonly format: FeedFormat;
    readonly origin: string;
    /** The search's own query string (criteria only). */
    readonly search: string;
    readonly hits: ReadonlyArray<Engine.Hit>;
    readonly workflows: Workflows;
  },
): string => {
  const officeName = p.config.office.names[p.lang] ?? p.config.office.names[p.config.office.defaultLanguage] ?? "";
  const searchUrl = `${input.origin}/search?${input.search}`;
  const documents = input.hits.map((h) => h.document);
  const newest = documents
    .flatMap((d) => (d.dates.filing === undefined ? [] : [String(d.dates.filing)]))
    .sort()
    .at(-1);
  const feed = new Feed({
    id: searchUrl,
    title: `${p.t("search.title")} · ${officeName}`,
    description: decodeURIComponent(input.search.replace(/\+/g, " ")),
    link: searchUrl,
    language: p.lang,
    updated: newest ? new Date(`${newest}T00:00:00Z`) : new Date(0),
    generator: false,
    copyright: officeName,
    feedLinks: {
      atom: `${input.origin}/search/feed/atom?${input.search}`,
      json: `${input.origin}/search/feed/json?${input.search}`,
    },
  });
  for (const d of documents) feed.addItem(item(p, input.origin, searchUrl, d, input.workflows));
  return input.format === "atom" ? feed.atom1() : feed.json1();
};

const item = (
  p: PageContext,
  origin: string,
  searchUrl: string,
  d: SearchDocument.SearchDocument,
  workflows: Workflows,
) => {
  const number = d.numbers.application ?? `IR ${d.numbers.internationalRegistration ?? ""}`;
  const link = recordHref(p, d);
  const classes = d.classes.map((c) => c.class).join(", ");
  return {
    id: `${origin}/records/${encodeURIComponent(d.recordId)}`,
    title: d.title ? `${number} · ${d.title}` : number,
    link: link ? `${origin}${link}` : searchUrl,
    date: new Date(`${d.dates.filing ?? "1970-01-01"}T00:00:00Z`),
    description: [
      d.owners.join("; "),
      classes ? `${p.t("records.classes")}: ${classes}` : "",
      statusText(p, workflows, d),
    ]
      .filter((x) => x !== "")
      .join(" · "),
  };
};
