/* "Copy link": the shown passage's link (this page and its anchor) to the clipboard. */
import { urlOf } from './passages.ts';
import { toolButton } from './tool-button.ts';
import type { Tools } from './tools.ts';

export function copyLinkButton({ toolbar, copy }: Tools): HTMLButtonElement {
  const button = toolButton('Copy link');
  button.addEventListener('click', () => {
    if (toolbar.active) copy(urlOf(toolbar.active), 'Link copied');
  });
  return button;
}
