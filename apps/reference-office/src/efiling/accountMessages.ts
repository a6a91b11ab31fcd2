/**
 * Strings of the e-filing portal's accounts (registration, sign-in, my filings, clients, drafts, correspondence, the
 * local outbox) and of the e-mails the office sends them: thin functions over the one catalog
 * (`src/messages/Catalog.ts`, decision 0412), where they sit under `filer.` (`filer.signIn.title`), apart from the staff
 * sign-in's keys.
 */
import { type MessageKey, text } from "../messages/Catalog.js";

export type AccountKey = MessageKey extends infer K ? (K extends `filer.${infer R}` ? R : never) : never;

export const accountText = (lang: string, key: AccountKey, params: Record<string, string | number> = {}): string =>
  text(lang, `filer.${key}`, params);
