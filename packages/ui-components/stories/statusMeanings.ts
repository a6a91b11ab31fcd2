/**
 * What each status means in the office's work, for the legends of the trainers' pages (English: the pages are written
 * for trainers; the badges themselves follow the "Language" toolbar). Every status the components label has a meaning
 * here: `test/storybook-support.test.ts` fails when one is missing.
 */
import type { StatusArea } from "../src/I18n.js";

export const statusMeanings: { readonly [A in StatusArea]: Readonly<Record<string, string>> } = {
  right: {
    pending: "Not decided yet: the class or right waits for examination or for a decision.",
    accepted: "The examiner accepted it; it goes on to publication.",
    refused: "Refused by the examiner or after an opposition: no protection for it.",
    partiallyRefused: "Some terms of the class were refused; the others stand.",
    limited: "The goods or services were narrowed (by the applicant or the decision); the rest is protected.",
    withdrawn: "Withdrawn by the applicant, or deemed withdrawn (a time limit missed).",
    registered: "Registered: protected from the registration date.",
    published: "Published: third parties may oppose until the opposition period ends.",
    opposed: "Under opposition: a third party's opposition waits for its decision.",
    cancelled: "Revoked or declared invalid after registration.",
    expired: "Not renewed: protection ended at the end of its term.",
    renewed: "Renewed for a further term.",
    examined: "Examination done; the decision is being recorded.",
    filed: "Received by the office; not examined yet.",
    surrendered: "The owner gave up the protection.",
  },
  designation: {
    pending:
      "Notified by WIPO and not decided: the time limit to refuse runs (12 or 18 months, Madrid Protocol art. 5(2)).",
    provisionallyRefused: "The office sent a provisional refusal (Common Regulations rule 17); the holder may answer.",
    partiallyGranted: "Protected for some goods and services only (rule 18ter(2)(ii)).",
    granted: "The office sent a statement of grant of protection (rule 18ter(1)).",
    refused: "Final: the office confirmed the total refusal (rule 18ter(3)).",
    protectedByDefault:
      "No refusal was sent within the time limit: protected as if registered here (Madrid Protocol art. 5(5)).",
    cancelled: "The international registration was cancelled for this country (at the holder's request or art. 6(4)).",
    renounced: "The holder renounced protection in this country (rule 25).",
    ceased: "Ceased to have effect (its basic mark fell within five years, art. 6(3)).",
    invalidated: "Declared invalid by this country's authority (art. 5(6), rule 19).",
    expired: "Not renewed at WIPO: protection ended.",
    transferred: "Moved to a new holder by a recorded change in ownership (rule 25).",
  },
  invoice: {
    unpaid: "Issued; nothing paid yet.",
    partiallyPaid: "Part of the amount is paid; the rest is still owed.",
    paid: "Paid in full.",
    overpaid: "More than the amount was paid: the difference is owed back to the payer.",
    refunded: "The payment was returned to the payer.",
    cancelled: "The invoice was cancelled: nothing is owed.",
  },
};

/** What the office calls each area, for the legend headings. */
export const areaTitles: { readonly [A in StatusArea]: string } = {
  right: "Rights and their classes (national applications and registrations)",
  designation: "Madrid designations (international registrations naming this office)",
  invoice: "Invoices (fees owed and paid)",
};
