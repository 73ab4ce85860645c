/*
 * One live region for every message of the tools: "Link copied", the retired-id notice, a failed
 * copy. A message goes after four seconds, unless it can be dismissed (then it stays until it is).
 * Copying to the clipboard speaks through it, so it is made here too.
 */
import { make } from '../make-element.ts';
import { toolButton } from './tool-button.ts';

export type Announce = (
  message: string,
  options?: { dismissible?: boolean; actions?: HTMLElement[] },
) => void;
/** Copies `text` (with `html` where the paste target takes it) and says `done`, or shows the text to copy by hand. */
export type Copy = (text: string, done: string, html?: string) => Promise<void>;

export function createLiveRegion(): { announce: Announce; copy: Copy } {
  const live = make('div', { className: 'pt-live', role: 'status' });
  document.body.append(live);
  let liveTimer: number | undefined;
  const announce: Announce = (message, options = {}) => {
    window.clearTimeout(liveTimer);
    live.replaceChildren(make('p', {}, message), ...(options.actions ?? []));
    if (options.dismissible) {
      const dismiss = toolButton('Dismiss');
      dismiss.addEventListener('click', () => live.replaceChildren());
      live.append(dismiss);
    } else {
      liveTimer = window.setTimeout(() => live.replaceChildren(), 4000);
    }
  };

  const copy: Copy = async (text, done, html) => {
    try {
      // A citation goes with its italics where the paste target takes HTML (a word processor).
      if (html && typeof ClipboardItem !== 'undefined') {
        await navigator.clipboard.write([
          new ClipboardItem({
            'text/plain': new Blob([text], { type: 'text/plain' }),
            'text/html': new Blob([html], { type: 'text/html' }),
          }),
        ]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      announce(done);
    } catch {
      // No clipboard access (an insecure origin, or refused): show the text to copy by hand.
      announce(`Copying is not allowed here; select and copy: ${text}`, { dismissible: true });
    }
  };
  return { announce, copy };
}
