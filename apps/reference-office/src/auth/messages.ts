/**
 * Strings of sign-in, the account page and the administration pages: thin functions over the one catalog
 * (`src/messages/Catalog.ts`, decision 0412).
 */
import { isMessageKey, type MessageKey, text } from "../messages/Catalog.js";

export type AuthKey = MessageKey;
export const isAuthKey = (key: string): key is MessageKey => isMessageKey(key);

export const authText = (lang: string, key: AuthKey, params: Record<string, string | number> = {}): string =>
  text(lang, key, params);
