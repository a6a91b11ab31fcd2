import { normalizeStatus } from "../I18n.js";

export type Tone = "neutral" | "info" | "success" | "warning" | "danger";

const tones: Readonly<Record<string, Tone>> = {
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

/** The colour family of a status badge; unknown statuses are neutral. */
export const statusTone = (status: string): Tone => tones[normalizeStatus(status)] ?? "neutral";
