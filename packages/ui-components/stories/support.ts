/**
 * Helpers shared by the stories: the toolbar's language, and reaching into the components' shadow roots from the
 * interaction scripts (Testing Library queries stop at a shadow boundary).
 */
import { within } from "storybook/test";

/** The language chosen in the "Language" toolbar (English when none). */
export const langOf = (context: { readonly globals: Record<string, unknown> }): string =>
  String(context.globals["lang"] ?? "en");

/** The first element matching `selector` in the canvas, after its update (it must be a Lit element). */
export const elementIn = async <E extends HTMLElement>(canvasElement: HTMLElement, selector: string): Promise<E> => {
  const element = canvasElement.querySelector<E>(selector);
  if (element === null) throw new Error(`no ${selector} in the story`);
  await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return element;
};

/** Testing Library queries inside a component's shadow root. */
export const inShadow = (element: HTMLElement): ReturnType<typeof within> => {
  if (element.shadowRoot === null) throw new Error(`${element.localName} has no shadow root`);
  return within(element.shadowRoot as unknown as HTMLElement);
};

/**
 * A click handler for a story's wrapper that keeps the story in place when a link inside a component is followed:
 * the link's address goes to `log` (an action of the Actions panel) instead of the browser.
 */
export const followLinksInto =
  (log: (href: string) => void) =>
  (event: Event): void => {
    const link = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (link === undefined) return;
    event.preventDefault();
    log(link.getAttribute("href") ?? "");
  };
