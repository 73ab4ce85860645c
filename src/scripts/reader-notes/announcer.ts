import { make } from './make.ts';

/**
 * The live region of the notes on a document page (appended by the caller) and its `announce`: a
 * message goes after a while, longer when it offers an action such as Undo, and never while the
 * focus is in it.
 */
export function createAnnouncer(): {
  live: HTMLElement;
  announce: (message: string, ...actions: HTMLElement[]) => void;
} {
  const live = make('div', { className: 'rn-live', role: 'status' });
  let timer: number | undefined;
  const announce = (message: string, ...actions: HTMLElement[]) => {
    window.clearTimeout(timer);
    live.replaceChildren(make('p', {}, message), ...actions);
    timer = window.setTimeout(
      () => {
        if (!live.contains(document.activeElement)) live.replaceChildren();
      },
      actions.length > 0 ? 15000 : 5000,
    );
  };
  return { live, announce };
}
