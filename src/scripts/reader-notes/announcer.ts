import { make } from './make.ts';

/** How long an action marked to be kept (`data-keep`, such as Undo) stays offered. */
const KEEP_MS = 60_000;

/**
 * The live region of the notes on a document page (appended by the caller) and its `announce`: a
 * message goes after a while, longer when it offers an action such as Undo, and never while the
 * focus is in it. An action marked `data-keep` (Undo) survives the next messages, after them, until
 * it is used or a minute has passed.
 */
export function createAnnouncer(): {
  live: HTMLElement;
  announce: (message: string, ...actions: HTMLElement[]) => void;
} {
  const live = make('div', { className: 'rn-live', role: 'status' });
  let timer: number | undefined;
  const kept = new Map<HTMLElement, number>();
  const announce = (message: string, ...actions: HTMLElement[]) => {
    window.clearTimeout(timer);
    const now = Date.now();
    for (const action of actions) if (action.dataset.keep !== undefined) kept.set(action, now);
    for (const [action, since] of kept) {
      if (now - since > KEEP_MS || (action as HTMLButtonElement).disabled) kept.delete(action);
    }
    const carried = [...kept.keys()].filter(
      (action) => !actions.includes(action) && action.isConnected !== false,
    );
    live.replaceChildren(make('p', {}, message), ...actions, ...carried);
    const all = [...actions, ...carried];
    timer = window.setTimeout(
      function clear() {
        if (live.contains(document.activeElement)) return;
        const still = [...kept].filter(([, since]) => Date.now() - since <= KEEP_MS).map(([a]) => a);
        if (still.length > 0) {
          live.replaceChildren(...still);
          timer = window.setTimeout(clear, KEEP_MS);
        } else live.replaceChildren();
      },
      all.length > 0 ? 15000 : 5000,
    );
  };
  return { live, announce };
}
