import type { StatusArea } from "../I18n.js";
import { statusTone } from "./statusTone.js";

/** The class names of a status badge in a server-rendered page: `"ipo-badge ipo-badge--success"`. */
export const badgeClass = (status: string, area: StatusArea = "right"): string =>
  `ipo-badge ipo-badge--${statusTone(status, area)}`;
