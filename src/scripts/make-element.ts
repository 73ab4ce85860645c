/** Creates an element with properties and children, for the scripts that build the tools' and notes' controls. */
export function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]> & { [attribute: `aria-${string}`]: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(properties)) {
    // ARIA attributes and the role are set as attributes: their reflected properties are not in every browser.
    if (key.startsWith('aria-') || key === 'role') element.setAttribute(key, String(value));
    else Object.assign(element, { [key]: value });
  }
  element.append(...children);
  return element;
}
