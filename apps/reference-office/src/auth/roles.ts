/** Role labels in a language: the pages' catalog for workflow roles, the auth catalog for the office roles. */
import { isPageKey, pageText } from "../pages/messages.js";
import { authText, isAuthKey } from "./messages.js";

export const roleLabel = (lang: string, role: string): string => {
  const key = `role.${role}`;
  if (isPageKey(key)) return pageText(lang, key);
  return isAuthKey(key) ? authText(lang, key) : role;
};
