/**
 * Renders documents to PDF with pdfkit and the shipped Noto fonts, Arabic shaped and laid out right to left (see
 * `internal/typeset.ts`). The PDF is a stream written page by page; several documents can go into one PDF (a batch
 * of certificates), each starting on a new page.
 */
import type { Readable } from "node:stream";
import PDFDocument from "pdfkit";
import type { Align, Block, Document } from "./Document.js";
import { type FontSet, noto } from "./Fonts.js";
import { type Prepared, type Style, Typesetter } from "./internal/typeset.js";

export interface PdfOptions {
  /** Fonts to embed; default the shipped Noto Naskh Arabic and Noto Sans. */
  readonly fonts?: FontSet | undefined;
  /** Fixed creation date, for reproducible output. */
  readonly creationDate?: Date | undefined;
  /** Called once the document is complete, with the count of characters no font could print (shown as `?`). */
  readonly onDone?: ((report: { readonly pages: number; readonly missingGlyphs: number }) => void) | undefined;
}

const A4 = { width: 595.28, height: 841.89 };
const margin = 56;
const contentWidth = A4.width - 2 * margin;
const top = margin + 28; // below the running header
const bottom = A4.height - margin - 18; // above the running footer

const styles = {
  title: { size: 17, weight: "bold" },
  heading: { size: 12, weight: "bold" },
  body: { size: 10, weight: "regular" },
  strong: { size: 10, weight: "bold" },
  small: { size: 7.5, weight: "regular" },
  cell: { size: 8.5, weight: "regular" },
  cellStrong: { size: 8.5, weight: "bold" },
} satisfies Record<string, Style>;

/** Line height for a size: Naskh needs room above and below for its marks. */
const leading = (style: Style) => style.size * 1.55;

/** Renders one document, or a batch each starting on a new page, as a readable stream of PDF bytes. */
export const render = (documents: Document | ReadonlyArray<Document>, options: PdfOptions = {}): Readable => {
  const list: ReadonlyArray<Document> = Array.isArray(documents) ? documents : [documents as Document];
  const first = list[0];
  const pdf = new PDFDocument({
    size: "A4",
    margin,
    autoFirstPage: false,
    compress: true,
    lang: first?.language ?? "en",
    info: {
      Title: first?.title ?? "",
      ...(first?.header === undefined ? {} : { Author: first.header }),
      CreationDate: options.creationDate ?? new Date(0),
    },
  });
  const ts = new Typesetter(pdf as never, options.fonts ?? noto());
  let pages = 0;
  for (const document of list) new Layout(pdf, ts, document, () => ++pages).run();
  if (list.length === 0) {
    pdf.addPage();
    pages += 1;
  }
  pdf.end();
  options.onDone?.({ pages, missingGlyphs: ts.missing });
  return pdf as unknown as Readable;
};

/** Renders into memory (small documents, tests, previews). */
export const renderBytes = async (
  documents: Document | ReadonlyArray<Document>,
  options: PdfOptions = {},
): Promise<Uint8Array> => {
  const chunks: Array<Buffer> = [];
  for await (const chunk of render(documents, options)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
};

class Layout {
  private y = 0;
  private page = 0;
  private readonly pdf: PDFKit.PDFDocument;
  private readonly ts: Typesetter;
  private readonly doc: Document;
  private readonly countPage: () => number;

  constructor(pdf: PDFKit.PDFDocument, ts: Typesetter, doc: Document, countPage: () => number) {
    this.pdf = pdf;
    this.ts = ts;
    this.doc = doc;
    this.countPage = countPage;
  }

  run() {
    this.newPage();
    for (const block of this.doc.blocks) this.block(block);
  }

  private newPage() {
    this.pdf.addPage();
    this.countPage();
    this.page += 1;
    this.pdf.fillColor("#555555");
    if (this.doc.header !== undefined) this.line(this.doc.header, margin + 10, styles.small, "start");
    const foot = [this.doc.footer, String(this.page)].filter((s) => s !== undefined && s !== "").join(" · ");
    this.line(foot, A4.height - margin + 4, styles.small, "center");
    this.pdf
      .moveTo(margin, margin + 16)
      .lineTo(A4.width - margin, margin + 16)
      .lineWidth(0.5)
      .strokeColor("#999999")
      .stroke();
    this.pdf.fillColor("black");
    this.y = top;
  }

  private ensure(space: number) {
    if (this.y + space > bottom) this.newPage();
  }

  private prepare(text: string): Prepared {
    return this.ts.prepare(text, this.doc.direction);
  }

  /** One line of text at a baseline, cut to the content width. */
  private line(text: string, baseline: number, style: Style, align: Align, x = margin, width = contentWidth) {
    const p = this.prepare(text);
    const first = this.ts.wrap(p, style, width)[0];
    if (first !== undefined) this.ts.draw(p, first, x, baseline, width, style, align, this.doc.language);
  }

  /** A wrapped paragraph from the current position, breaking pages between lines. */
  private paragraph(text: string, style: Style, align: Align, x = margin, width = contentWidth) {
    const p = this.prepare(text);
    const h = leading(style);
    for (const line of this.ts.wrap(p, style, width)) {
      this.ensure(h);
      this.ts.draw(p, line, x, this.y + style.size * 1.05, width, style, align, this.doc.language);
      this.y += h;
    }
  }

  /** The left x of a column given from the start edge (mirrored in a right-to-left document). */
  private columnX(start: number, width: number): number {
    return this.doc.direction === "ltr" ? margin + start : margin + contentWidth - start - width;
  }

  private block(block: Block) {
    switch (block.kind) {
      case "title":
        this.y += 6;
        this.paragraph(block.text, styles.title, "center");
        this.y += 10;
        return;
      case "heading":
        this.ensure(leading(styles.heading) * 2 + 6);
        this.y += 6;
        this.paragraph(block.text, styles.heading, "start");
        this.y += 2;
        return;
      case "paragraph":
        this.paragraph(block.text, styles.body, block.align ?? "start");
        this.y += 6;
        return;
      case "fields": {
        const labelWidth = contentWidth * 0.34;
        const gap = 12;
        const valueWidth = contentWidth - labelWidth - gap;
        for (const row of block.rows) {
          const label = this.prepare(row.label);
          const value = this.prepare(row.value);
          const labelLines = this.ts.wrap(label, styles.strong, labelWidth);
          const valueLines = this.ts.wrap(value, styles.body, valueWidth);
          const h = leading(styles.body);
          const rows = Math.max(labelLines.length, valueLines.length);
          this.ensure(Math.min(rows, 3) * h);
          const lx = this.columnX(0, labelWidth);
          const vx = this.columnX(labelWidth + gap, valueWidth);
          for (let i = 0; i < rows; i++) {
            this.ensure(h);
            const baseline = this.y + styles.body.size * 1.05;
            const l = labelLines[i];
            const v = valueLines[i];
            if (l !== undefined)
              this.ts.draw(label, l, lx, baseline, labelWidth, styles.strong, "start", this.doc.language);
            if (v !== undefined)
              this.ts.draw(value, v, vx, baseline, valueWidth, styles.body, "start", this.doc.language);
            this.y += h;
          }
          this.y += 2;
        }
        this.y += 6;
        return;
      }
      case "table":
        this.table(block);
        return;
      case "signature":
        this.ensure(70 + block.lines.length * leading(styles.body));
        this.y += 40;
        this.pdf
          .moveTo(this.columnX(contentWidth - 180, 180), this.y)
          .lineTo(this.columnX(contentWidth - 180, 180) + 180, this.y)
          .lineWidth(0.5)
          .strokeColor("#333333")
          .stroke();
        this.y += 4;
        for (const text of block.lines) this.paragraph(text, styles.body, "end");
        return;
      case "pageBreak":
        this.newPage();
        return;
    }
  }

  private table(block: Extract<Block, { kind: "table" }>) {
    const gap = 6;
    const shares = block.columns.reduce((sum, c) => sum + Math.max(0, c.width), 0) || 1;
    let start = 0;
    const columns = block.columns.map((c) => {
      const width = (Math.max(0, c.width) / shares) * contentWidth;
      const column = { x: this.columnX(start, width - gap), width: width - gap, align: c.align ?? "start" };
      start += width;
      return column;
    });
    const h = leading(styles.cell);
    const heads = () => {
      this.pdf.fillColor("#333333");
      const baseline = this.y + styles.cell.size * 1.05;
      block.columns.forEach((c, i) => {
        const col = columns[i];
        if (col === undefined) return;
        const p = this.prepare(c.label);
        const line = this.ts.wrap(p, styles.cellStrong, col.width)[0];
        if (line !== undefined)
          this.ts.draw(p, line, col.x, baseline, col.width, styles.cellStrong, col.align, this.doc.language);
      });
      this.pdf.fillColor("black");
      this.y += h;
      this.pdf
        .moveTo(margin, this.y - 3)
        .lineTo(margin + contentWidth, this.y - 3)
        .lineWidth(0.5)
        .strokeColor("#999999")
        .stroke();
    };
    // A table whose columns have no labels (totals under another table) has no head row.
    const headless = block.columns.every((c) => c.label === "");
    this.ensure(h * 3);
    if (!headless) heads();
    for (const row of block.rows) {
      const style = row.strong ? styles.cellStrong : styles.cell;
      const cells = columns.map((col, i) => {
        const p = this.prepare(row.cells[i] ?? "");
        return { p, lines: this.ts.wrap(p, style, col.width), col };
      });
      const count = Math.max(1, ...cells.map((c) => c.lines.length));
      if (this.y + count * h > bottom) {
        this.newPage();
        if (!headless) heads();
      }
      for (let i = 0; i < count; i++) {
        this.ensure(h);
        const baseline = this.y + style.size * 1.05;
        for (const cell of cells) {
          const line = cell.lines[i];
          if (line !== undefined)
            this.ts.draw(cell.p, line, cell.col.x, baseline, cell.col.width, style, cell.col.align, this.doc.language);
        }
        this.y += h;
      }
    }
    this.y += 8;
  }
}
