/**
 * Helpers shared by the stories: the toolbar's language, and reaching into the components' shadow roots from the
 * interaction scripts.
 */
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

/**
 * The elements matching `selector` in a component's shadow root. (Testing Library's queries take an element or a
 * document as their container, not a shadow root, so the scripts query the shadow tree directly.)
 */
export const inShadow = <E extends Element = HTMLElement>(element: HTMLElement, selector: string): Array<E> => {
  if (element.shadowRoot === null) throw new Error(`${element.localName} has no shadow root`);
  return [...element.shadowRoot.querySelectorAll<E>(selector)];
};

/** The one element matching `selector` in a component's shadow root; fails the script when there is none. */
export const oneInShadow = <E extends Element = HTMLElement>(element: HTMLElement, selector: string): E => {
  const [found] = inShadow<E>(element, selector);
  if (found === undefined) throw new Error(`no ${selector} in ${element.localName}`);
  return found;
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
