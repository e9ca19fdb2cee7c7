/** Creates an element with attributes and children: the dashboard's only DOM helper. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined) element.append(child);
  return element;
}

/**
 * A figure as `<data value="…">`: people read the formatted text, tests and assistive tools can
 * read the exact value the API returned.
 */
export function figure(value: number | null | undefined, text: string): HTMLDataElement {
  return h('data', value === null || value === undefined ? {} : { value: String(value) }, text);
}

/** A table that scrolls on its own on a narrow screen, reachable and scrollable by keyboard. */
export function scrollable(table: HTMLTableElement, label: string): HTMLDivElement {
  return h('div', { class: 'scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}
