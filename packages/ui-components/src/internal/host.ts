/** The language of an element: its own `lang`, else the nearest ancestor's, else the document's, else English. */
export const effectiveLang = (element: HTMLElement, own: string | undefined): string => {
  if (own) return own;
  const closest = typeof element.closest === "function" ? element.closest("[lang]") : null;
  const inherited = closest?.getAttribute("lang");
  if (inherited) return inherited;
  const documentLang = typeof document !== "undefined" ? document.documentElement?.getAttribute("lang") : null;
  return documentLang || "en";
};

/** The writing direction of an element: its own `dir` attribute when "ltr" or "rtl", else that of its language. */
export const explicitDir = (element: HTMLElement): "ltr" | "rtl" | undefined => {
  const value = typeof element.getAttribute === "function" ? element.getAttribute("dir") : null;
  return value === "ltr" || value === "rtl" ? value : undefined;
};
