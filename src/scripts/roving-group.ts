/*
 * A group of controls that costs one Tab stop (the WAI-ARIA APG "roving tabindex" of its composite
 * widgets): the entry focused last keeps tabindex 0 and the others -1, so that Tab comes back to
 * where the reader left the group; the arrow keys move between the entries, Home and End go to the
 * first and the last, and each entry keeps its own keys (Enter follows a link, opens a note).
 * Without scripting every entry stays a Tab stop of its own.
 */

export interface RovingGroupOptions {
  /**
   * Every entry the group may hold, in order. Those not rendered now (the dates behind a closed
   * "+N") are left out of the arrows' way until they are.
   */
  entries: readonly HTMLElement[];
  /** 'both' (the default): ←/→ and ↑/↓ move; 'horizontal': ←/→ only, as ↑/↓ open a menu button's menu. */
  arrows?: 'both' | 'horizontal';
  /**
   * A hint for screen readers on how to reach the others ("Arrow keys: the paragraph's other
   * notes"), given to each entry as its description while the group has more than one.
   */
  hint?: string;
}

export interface RovingGroup {
  /** Makes `entry` (by default the first) the group's Tab stop, as when a reader comes to it afresh. */
  reset(entry?: HTMLElement): void;
}

/** Where each key moves: a step forward or back, or to the first or the last entry. */
const MOVES: Record<string, number | 'first' | 'last'> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
  Home: 'first',
  End: 'last',
};

/** The element holding each hint's text, one per text for the page, hidden from reading. */
const hints = new Map<string, string>();
function hintId(text: string): string {
  const known = hints.get(text);
  if (known) return known;
  const id = `roving-hint-${hints.size + 1}`;
  const element = document.createElement('span');
  element.id = id;
  element.hidden = true;
  element.textContent = text;
  document.body.append(element);
  hints.set(text, id);
  return id;
}

/**
 * Whether an entry is shown: the contents of a closed details element may keep their boxes (Chromium
 * hides them with content-visibility), which checkVisibility sees and getClientRects does not.
 */
const rendered = (element: HTMLElement) => element.checkVisibility?.() ?? element.getClientRects().length > 0;

/** Makes `entries` one Tab stop; a group of one entry is left as it is. */
export function rovingGroup({ entries, arrows = 'both', hint }: RovingGroupOptions): RovingGroup {
  if (entries.length < 2) return { reset: () => undefined };
  const described = hint ? hintId(hint) : undefined;
  const stopAt = (stop: HTMLElement) => {
    for (const entry of entries) entry.tabIndex = entry === stop ? 0 : -1;
  };
  for (const entry of entries) {
    if (described) entry.setAttribute('aria-describedby', described);
    // Focus that came another way (a click, Escape from a note) moves the group's stop with it.
    entry.addEventListener('focus', () => stopAt(entry));
    entry.addEventListener('keydown', (event) => {
      const move = MOVES[event.key];
      if (move === undefined || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (arrows === 'horizontal' && /Down|Up/.test(event.key)) return;
      // The keys are the group's now, not the page's scrolling.
      event.preventDefault();
      const shown = entries.filter(rendered);
      // Past the last entry the arrows come round to the first, and the other way.
      const to =
        move === 'first'
          ? shown[0]
          : move === 'last'
            ? shown.at(-1)
            : shown[(shown.indexOf(entry) + move + shown.length) % shown.length];
      if (to && to !== entry) to.focus();
    });
  }
  const [first] = entries;
  if (first) stopAt(first);
  return { reset: (entry = first) => entry && stopAt(entry) };
}
