import { statusTone } from "./statusTone.js";

/** The class names of a status badge in a server-rendered page: `"ipo-badge ipo-badge--success"`. */
export const badgeClass = (status: string): string => `ipo-badge ipo-badge--${statusTone(status)}`;
