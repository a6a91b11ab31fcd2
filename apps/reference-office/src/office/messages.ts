/** Strings of the back office: thin functions over the one catalog (`src/messages/Catalog.ts`, decision 0412). */
import { type MessageKey, text } from "../messages/Catalog.js";

export type OfficeKey = Extract<MessageKey, `office.${string}`>;

export const officeText = (lang: string, key: OfficeKey, params: Record<string, string | number> = {}): string =>
  text(lang, key, params);
