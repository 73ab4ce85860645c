import { make } from '../make-element.ts';

type ButtonProperties = Partial<HTMLButtonElement> & { [attribute: `aria-${string}`]: string };

/** A button of the tools, drawn as a link (link-button.css); `className` adds to its class. */
export function toolButton(
  text: string,
  { className, ...properties }: ButtonProperties = {},
): HTMLButtonElement {
  return make(
    'button',
    { type: 'button', className: className ? `pt-b ${className}` : 'pt-b', ...properties },
    text,
  );
}
