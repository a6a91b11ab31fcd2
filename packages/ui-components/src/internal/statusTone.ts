import { normalizeStatus, type StatusArea } from "../I18n.js";

export type Tone = "neutral" | "info" | "success" | "warning" | "danger";

/** The colour families a badge may take. */
export const tones: ReadonlyArray<Tone> = ["neutral", "info", "success", "warning", "danger"];

const rightTones: Readonly<Record<string, Tone>> = {
  registered: "success",
  accepted: "success",
  renewed: "success",
  refused: "danger",
  cancelled: "danger",
  partiallyRefused: "warning",
  limited: "warning",
  opposed: "warning",
  pending: "info",
  filed: "info",
  examined: "info",
  published: "info",
  withdrawn: "neutral",
  expired: "neutral",
  surrendered: "neutral",
};

// Madrid Protocol: a provisional refusal (art. 5(1)) still leaves a way back, so it warns; protection by default
// (art. 5(5), no refusal within the time limit) protects like a grant.
const designationTones: Readonly<Record<string, Tone>> = {
  pending: "info",
  provisionallyRefused: "warning",
  partiallyGranted: "warning",
  granted: "success",
  protectedByDefault: "success",
  refused: "danger",
  cancelled: "danger",
  invalidated: "danger",
  renounced: "neutral",
  ceased: "neutral",
  expired: "neutral",
  transferred: "neutral",
};

// The same families the payment-tracking page gives invoice states.
const invoiceTones: Readonly<Record<string, Tone>> = {
  unpaid: "info",
  partiallyPaid: "warning",
  paid: "success",
  overpaid: "warning",
  refunded: "neutral",
  cancelled: "danger",
};

const byArea: { readonly [A in StatusArea]: Readonly<Record<string, Tone>> } = {
  right: rightTones,
  designation: designationTones,
  invoice: invoiceTones,
};

/** The colour family of a status badge in its area (a right's status by default); unknown statuses are neutral. */
export const statusTone = (status: string, area: StatusArea = "right"): Tone => {
  // Own keys only: a status such as "valueOf" or "constructor" must not find Object.prototype's members.
  const tones = Object.hasOwn(byArea, area) ? byArea[area] : rightTones;
  const key = normalizeStatus(status);
  return Object.hasOwn(tones, key) ? (tones[key] as Tone) : "neutral";
};

/** A tone from untrusted input, or `undefined` when it is not one of the five. */
export const toTone = (value: unknown): Tone | undefined =>
  typeof value === "string" && (tones as ReadonlyArray<string>).includes(value) ? (value as Tone) : undefined;
