/**
 * Server-rendered SVG charts for the Madrid dashboard, drawn with d3-scale and d3-shape as plain strings (no DOM, no
 * script): a bar chart for categories and a line chart for a monthly series. In a right-to-left page the category
 * and time axes run from the right (decision 0642); the SVG itself is laid out left to right, labels in their own direction. Every chart has a title and a description; the page shows the
 * same numbers in a table.
 */
import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";

export interface Datum {
  readonly label: string;
  readonly value: number;
}

export interface ChartOptions {
  readonly title: string;
  readonly rtl: boolean;
  readonly width?: number;
  readonly height?: number;
  /** Formats numbers in the page language. */
  readonly format?: (n: number) => string;
  /** Bar colour per datum (CSS colour or custom property). */
  readonly colour?: (d: Datum, i: number) => string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const frame = (o: ChartOptions, w: number, h: number, body: string, summary: string) =>
  `<svg class="ipo-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-label="${esc(
    o.title,
  )}" style="max-width:${w}px;height:auto;font:12px system-ui,sans-serif;direction:ltr"><title>${esc(o.title)}</title><desc>${esc(
    summary,
  )}</desc>${body}</svg>`;

const margin = { top: 16, right: 16, bottom: 40, left: 44 };

const yAxis = (
  y: ReturnType<typeof scaleLinear<number, number>>,
  x0: number,
  x1: number,
  rtl: boolean,
  fmt: (n: number) => string,
) =>
  y
    .ticks(4)
    .map(
      (t) =>
        `<g><line x1="${x0}" x2="${x1}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/><text x="${rtl ? x1 + 6 : x0 - 6}" y="${y(t)}" dy="0.32em" text-anchor="${rtl ? "start" : "end"}" fill="#555">${esc(fmt(t))}</text></g>`,
    )
    .join("");

/** A vertical bar chart of categories, value labels on the bars. */
export const barChart = (data: ReadonlyArray<Datum>, o: ChartOptions): string => {
  const w = o.width ?? 560;
  const h = o.height ?? 240;
  const fmt = o.format ?? String;
  const left = o.rtl ? margin.right : margin.left;
  const right = o.rtl ? margin.left : margin.right;
  const x = scaleBand<string>()
    .domain(data.map((d) => d.label))
    .range(o.rtl ? [w - right, left] : [left, w - right])
    .padding(0.2);
  const max = Math.max(1, ...data.map((d) => d.value));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([h - margin.bottom, margin.top]);
  const bars = data
    .map((d, i) => {
      const bx = x(d.label) ?? 0;
      const by = y(d.value);
      const colour = o.colour?.(d, i) ?? "var(--ipo-color-primary,#7a1f2b)";
      return `<g><rect x="${bx}" y="${by}" width="${x.bandwidth()}" height="${Math.max(0, y(0) - by)}" fill="${colour}"><title>${esc(
        `${d.label}: ${fmt(d.value)}`,
      )}</title></rect><text x="${bx + x.bandwidth() / 2}" y="${by - 4}" text-anchor="middle" fill="#222">${esc(fmt(d.value))}</text><text x="${
        bx + x.bandwidth() / 2
      }" y="${h - margin.bottom + 16}" text-anchor="middle" direction="${o.rtl ? "rtl" : "ltr"}" fill="#333">${esc(d.label)}</text></g>`;
    })
    .join("");
  const axis = yAxis(y, left, w - right, o.rtl, fmt);
  const summary = data.map((d) => `${d.label}: ${fmt(d.value)}`).join("; ");
  return frame(o, w, h, `${axis}${bars}`, summary);
};

/** A line chart of a series in order (e.g. months), the first point at the start of the reading direction. */
export const lineChart = (data: ReadonlyArray<Datum>, o: ChartOptions): string => {
  const w = o.width ?? 560;
  const h = o.height ?? 240;
  const fmt = o.format ?? String;
  const left = o.rtl ? margin.right : margin.left;
  const right = o.rtl ? margin.left : margin.right;
  const x = scaleBand<string>()
    .domain(data.map((d) => d.label))
    .range(o.rtl ? [w - right, left] : [left, w - right])
    .padding(0.1);
  const max = Math.max(1, ...data.map((d) => d.value));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([h - margin.bottom, margin.top]);
  const cx = (d: Datum) => (x(d.label) ?? 0) + x.bandwidth() / 2;
  const path =
    line<Datum>()
      .x(cx)
      .y((d) => y(d.value))(data as Datum[]) ?? "";
  const every = Math.max(1, Math.ceil(data.length / 8));
  const points = data
    .map(
      (d, i) =>
        `<circle cx="${cx(d)}" cy="${y(d.value)}" r="3" fill="var(--ipo-color-accent,#1f6f5c)"><title>${esc(`${d.label}: ${fmt(d.value)}`)}</title></circle>${
          i % every === 0
            ? `<text x="${cx(d)}" y="${h - margin.bottom + 16}" text-anchor="middle" direction="${o.rtl ? "rtl" : "ltr"}" fill="#333">${esc(d.label)}</text>`
            : ""
        }`,
    )
    .join("");
  const axis = yAxis(y, left, w - right, o.rtl, fmt);
  const summary = data.map((d) => `${d.label}: ${fmt(d.value)}`).join("; ");
  return frame(
    o,
    w,
    h,
    `${axis}<path d="${path}" fill="none" stroke="var(--ipo-color-accent,#1f6f5c)" stroke-width="2"/>${points}`,
    summary,
  );
};

/** The direction of a text: that of its first strong letter (Arabic or Hebrew: right to left). */
export const directionOf = (text: string): "ltr" | "rtl" => {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x0590 && code <= 0x08ff) || (code >= 0xfb1d && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff))
      return "rtl";
    if (/\p{L}/u.test(ch)) return "ltr";
  }
  return "ltr";
};

/** A label cut to fit beside its bar (the table beside the chart has it whole). */
const shorten = (label: string, max = 40): string => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

/** A horizontal bar chart, for categories with long labels; bars grow from the start of the reading direction. */
export const horizontalBarChart = (data: ReadonlyArray<Datum>, o: ChartOptions): string => {
  const w = o.width ?? 560;
  const fmt = o.format ?? String;
  const row = 26;
  const h = Math.max(60, data.length * row + 24);
  const labelWidth = Math.min(260, Math.max(80, ...data.map((d) => shorten(d.label).length * 6.5)));
  const y = scaleBand<string>()
    .domain(data.map((d) => d.label))
    .range([8, h - 16])
    .padding(0.2);
  const max = Math.max(1, ...data.map((d) => d.value));
  const x = scaleLinear()
    .domain([0, max])
    .nice()
    .range(o.rtl ? [w - labelWidth - 8, 48] : [labelWidth + 8, w - 48]);
  const x0 = x(0);
  const bars = data
    .map((d, i) => {
      const by = y(d.label) ?? 0;
      const end = x(d.value);
      const colour = o.colour?.(d, i) ?? "var(--ipo-color-primary,#7a1f2b)";
      const mid = by + y.bandwidth() / 2;
      // Each label in its own direction (a Latin name on an Arabic page keeps its final dot at its end), anchored at
      // the start edge of the page.
      const own = directionOf(d.label);
      const anchor = (own === "rtl") === o.rtl ? "start" : "end";
      return `<g><text x="${o.rtl ? w - 4 : 4}" y="${mid}" dy="0.32em" text-anchor="${anchor}" direction="${own}" fill="#333">${esc(shorten(d.label))}</text><rect x="${Math.min(x0, end)}" y="${by}" width="${Math.abs(end - x0)}" height="${y.bandwidth()}" fill="${colour}"><title>${esc(`${d.label}: ${fmt(d.value)}`)}</title></rect><text x="${o.rtl ? end - 4 : end + 4}" y="${mid}" dy="0.32em" text-anchor="${o.rtl ? "end" : "start"}" fill="#222">${esc(fmt(d.value))}</text></g>`;
    })
    .join("");
  const summary = data.map((d) => `${d.label}: ${fmt(d.value)}`).join("; ");
  return frame(o, w, h, bars, summary);
};
