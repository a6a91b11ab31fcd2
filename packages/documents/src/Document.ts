/**
 * A document as data: its language and direction, the office's name on every page, and a list of blocks (titles,
 * paragraphs, label/value fields, tables, signature lines). The PDF renderer (`@ipoffice/documents/node`) lays it
 * out; templates (`Template`) produce it; invoices and receipts build it from their own data.
 */

export type Direction = "ltr" | "rtl";
export type Align = "start" | "end" | "center";

export interface Column {
  readonly label: string;
  /** Share of the line's width (the shares of a table are scaled to fill it). */
  readonly width: number;
  readonly align?: Align | undefined;
}

export type Block =
  /** The document's title, large and centred. */
  | { readonly kind: "title"; readonly text: string }
  | { readonly kind: "heading"; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string; readonly align?: Align | undefined }
  /** Label and value pairs, the label in the first column (on the right in a right-to-left document). */
  | { readonly kind: "fields"; readonly rows: ReadonlyArray<{ readonly label: string; readonly value: string }> }
  /**
   * Rows under column heads repeated on every page (no head row when no column has a label); `strong` rows (totals,
   * group heads) print in bold.
   */
  | {
      readonly kind: "table";
      readonly columns: ReadonlyArray<Column>;
      readonly rows: ReadonlyArray<{ readonly cells: ReadonlyArray<string>; readonly strong?: boolean | undefined }>;
    }
  /** Space left for a signature, then the lines under it (name, function). */
  | { readonly kind: "signature"; readonly lines: ReadonlyArray<string> }
  | { readonly kind: "pageBreak" };

export interface Document {
  /** BCP 47 language tag (`ar`, `en`, `fr`): marks the text for readers and extraction. */
  readonly language: string;
  readonly direction: Direction;
  readonly title: string;
  /** Printed at the top of every page (the office's name). */
  readonly header?: string | undefined;
  /** Printed at the foot of every page, before the page number. */
  readonly footer?: string | undefined;
  readonly blocks: ReadonlyArray<Block>;
}

/** Right to left for the scripts written that way (Arabic, Hebrew, Persian, Urdu, Syriac, Thaana, N'Ko). */
export const directionOf = (language: string): Direction =>
  /^(ar|arc|ckb|dv|fa|he|ku-Arab|nqo|ps|sd|syr|ug|ur|yi)(-|$)/i.test(language) ? "rtl" : "ltr";

const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * A value of unknown direction (a name, a number, a date, a code) as a unit of its own inside text of either
 * direction: wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (UAX #9, X5c), its own embedding and isolate
 * controls dropped so it cannot close what it did not open. "Seoul Bio Materials Co." keeps its final dot in Arabic.
 */
export const isolate = (value: string): string => `\u2068${value.replace(bidiControls, "")}\u2069`;
