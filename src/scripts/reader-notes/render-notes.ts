/*
 * Drawing the notes on the page: each shown annotation found again in the text as it is now, its
 * words marked, and its note (a <reader-note>) beside them, laid out in the margin with the
 * edition's notes from 48rem.
 *
 * Made to stay quick with thousands of notes:
 * - an annotation is found again in the text once, and again only when it changes;
 * - a paragraph is drawn again only when what it shows has changed, and its words are marked again
 *   only where their notes changed (a new highlight remarks its own words, nothing else);
 * - the words are marked flat: one <mark> for each run of words under the same notes, naming them
 *   all, so that identical ranges are drawn once and overlapping ones never nest;
 * - the notes of the paragraphs in view are read and drawn first; those around the view are read
 *   once that is painted, the rest a few hundred at a time, and drawn while the browser is idle,
 *   those within a screen of the view first;
 * - beside a paragraph stand its first few notes and a button for the rest (NOTES_BESIDE), so
 *   that the margin holds a bounded number of notes however many there are.
 */
import { passageIdOf } from '../../lib/reader-notes/model.ts';
import { type Placement, reanchor } from '../../lib/reader-notes/reanchor.ts';
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import { passageTextOf, unwrap, wrapRange } from './dom-text.ts';
import type { LayerStrip } from './layer-strip.ts';
import { make } from './make.ts';
import { noteElement } from './note-element.ts';
import { type NotesState, sourceOf } from './state.ts';
import { OWN_LAYER, type StoredLayer } from './store.ts';

/** One annotation to draw in a paragraph, between two offsets of its text. */
interface Item {
  layer: StoredLayer;
  annotation: WebAnnotation;
  start: number;
  end: number;
}

/** What a paragraph shows: its items, and a key that changes whenever what they show changes. */
interface Wanted {
  items: Item[];
  key: string;
  /** What the key was made in (the width, the notes opened, the layers' names). */
  context?: string;
}

/** Whether two lists hold the same notes, from the same layers, at the same places; an answer never is (its question may have changed). */
function sameItems(a: readonly Item[], b: readonly Item[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Item;
    const y = b[i] as Item;
    if (
      x.annotation !== y.annotation ||
      x.layer !== y.layer ||
      x.start !== y.start ||
      x.end !== y.end ||
      y.annotation.inReplyTo
    )
      return false;
  }
  return true;
}

/** Ids given to the words of notes, which name them to the margin's layout. */
let marked = 0;

/**
 * The notes shown beside a paragraph before "more": a margin holds a few notes near their words,
 * and a paragraph with hundreds would push every note after it screens away.
 */
export const NOTES_BESIDE = 8;

export class NotesPainter {
  private readonly state: NotesState;
  private readonly strip: LayerStrip;
  /** Where each annotation's words are, by what it says (so an edit finds it again). */
  private readonly placements = new Map<string, Placement | null>();
  /** The same, by the annotation itself: found without a word of it read again. */
  private readonly placed = new WeakMap<WebAnnotation, Placement | null>();
  /** What each annotation says, as a drawn note's key holds it. */
  private readonly said = new WeakMap<WebAnnotation, string>();
  /** The page's paragraphs by id, and the retired ids that lead to one of them. */
  private readonly here: ReadonlySet<string>;
  /** Retired ids that lead to a paragraph of another page. */
  private readonly elsewhere: ReadonlySet<string>;
  /** What each paragraph should show, and what it shows now (its key; marks and notes, or marks only). */
  private readonly wanted = new Map<HTMLElement, Wanted>();
  private readonly drawn = new Map<HTMLElement, { key: string; notes: boolean }>();
  /** The items whose words each paragraph has marked. */
  private readonly marked = new Map<HTMLElement, readonly Item[]>();
  /** Paragraphs within a screen of the view, drawn first. */
  private readonly near = new Set<HTMLElement>();
  /** Paragraphs whose notes the reader asked to see all of, and notes acted on, shown whatever their place. */
  private readonly expanded = new Set<HTMLElement>();
  private readonly pinned = new Set<string>();
  private idle: number | undefined;
  private settled = false;
  /** How many notes the last rendering placed on this page (the strip's count). */
  private count = 0;

  constructor(state: NotesState, strip: LayerStrip) {
    this.state = state;
    this.strip = strip;
    const ids = new Set(state.passages.map((p) => p.id));
    const elsewhere = new Set<string>();
    for (const { id, successor } of state.edition.retired) {
      if (ids.has(id)) continue;
      if (state.passages.some((p) => p.id === successor)) ids.add(id);
      else elsewhere.add(id);
    }
    this.here = ids;
    this.elsewhere = elsewhere;
    const observer = new IntersectionObserver(
      (entries) => {
        const arrived: HTMLElement[] = [];
        for (const entry of entries) {
          const passage = entry.target as HTMLElement;
          if (entry.isIntersecting) {
            if (!this.near.has(passage)) arrived.push(passage);
            this.near.add(passage);
          } else this.near.delete(passage);
        }
        // Those in the view at once; those a screen away first among the work left for idle time.
        const height = window.innerHeight;
        const stale = arrived.filter((passage) => this.stale(passage, true));
        const now = stale.filter((passage) => {
          const box = passage.getBoundingClientRect();
          return box.bottom > 0 && box.top < height;
        });
        for (const passage of now) this.draw(passage, true);
        if (now.length > 0) this.place();
        if (now.length < stale.length) this.later();
      },
      { rootMargin: '100% 0px' },
    );
    for (const passage of state.passages) observer.observe(passage);
  }

  /**
   * Finds every shown annotation in the text, draws the paragraphs whose notes changed that are
   * near the view (and, always, the one holding `focus`, an annotation's id), and leaves the others
   * to idle time.
   */
  render(focus?: string): void {
    const { state } = this;
    const byPassage = new Map<HTMLElement, Item[]>();
    const passages = new Map(state.passages.map((p) => [p.id, p]));
    let count = 0;
    let focused: HTMLElement | undefined;
    for (const layer of state.layers) {
      if (!layer.shown) continue;
      for (const annotation of [...layer.annotations]) {
        try {
          const placement = this.placementOf(annotation);
          if (!placement?.placed) continue;
          const passage = passages.get(placement.passage);
          if (!passage) continue;
          const items = byPassage.get(passage) ?? [];
          byPassage.set(passage, items);
          items.push({ layer, annotation, start: placement.start, end: placement.end });
          if (annotation.id === focus) {
            focused = passage;
            this.pinned.add(focus);
          }
          count++;
        } catch (error) {
          // A record that cannot be drawn is set aside (My notes lists it), never stops the others.
          setAside(layer, annotation, error as Error);
        }
      }
    }
    const wide = state.wide.matches ? 'wide' : 'narrow';
    // The text of each annotation an answer names, gathered only when there is an answer.
    const questions = new Map<string, string>();
    if (state.layers.some((layer) => layer.shown && layer.annotations.some((a) => a.inReplyTo)))
      for (const layer of state.layers)
        for (const annotation of layer.annotations)
          questions.set(annotation.id, annotation.body?.value ?? '');
    const context = this.context();
    for (const passage of state.passages) {
      const items = byPassage.get(passage) ?? [];
      const before = this.wanted.get(passage);
      // The same notes as before, in the same places, keep their key (a paragraph of hundreds
      // need not be spelled out again for a note made in another).
      if (before?.context === context && sameItems(before.items, items)) {
        this.wanted.set(passage, { ...before, items });
        continue;
      }
      const key = items.map((item) => this.keyOf(item, questions)).join('\n');
      this.wanted.set(passage, { items, key: `${wide}\n${key}`, context });
    }
    // The paragraphs in view, measured all together before anything is written, are drawn now;
    // those around them next (the observer above), and the rest, while the browser is idle.
    const height = window.innerHeight;
    const inView = state.passages.filter((passage) => {
      const box = passage.getBoundingClientRect();
      return box.bottom > 0 && box.top < height;
    });
    if (this.near.size === 0) for (const passage of inView) this.near.add(passage);
    let changed = false;
    for (const passage of new Set([...inView, ...(focused ? [focused] : [])])) {
      // The paragraph of the note acted on is drawn afresh, whatever it shows: a note's editor
      // closed without a change goes back to the note.
      if (passage === focused || this.stale(passage, true)) {
        this.draw(passage, true);
        changed = true;
      }
    }
    // The count and the layers' switches once every note on the device is read.
    this.count = count;
    if (state.loaded) this.strip.show(count);
    if (changed) this.place();
    this.later();
  }

  /**
   * Draws an annotation just added at the end of its layer (a new highlight): its paragraph alone
   * is drawn again, as render would draw it, and none of the thousands of other notes is looked at.
   * Whatever this cannot tell apart from a wider change (an answer, a layer hidden, a paragraph
   * not drawn yet, the width or the layers changed meanwhile) is drawn by render.
   */
  added(layer: StoredLayer, annotation: WebAnnotation): void {
    const { state } = this;
    const at = state.layers.indexOf(layer);
    let placement: Placement | null = null;
    try {
      placement = this.placementOf(annotation);
    } catch {
      // Set aside by render, below.
    }
    const found = placement?.placed ? placement : undefined;
    const passage = found && state.passages.find((p) => p.id === found.passage);
    const before = passage && this.wanted.get(passage);
    if (
      !found ||
      !passage ||
      !before ||
      at === -1 ||
      !layer.shown ||
      layer.annotations.at(-1) !== annotation ||
      annotation.inReplyTo ||
      before.context !== this.context() ||
      before.items.some((item) => item.annotation.inReplyTo || !state.layers.includes(item.layer))
    ) {
      this.render(annotation.id);
      return;
    }
    // Where render puts it: after the notes of its own layer and of the layers before it.
    const after = before.items.findIndex((item) => state.layers.indexOf(item.layer) > at);
    const items = before.items.toSpliced(after === -1 ? before.items.length : after, 0, {
      layer,
      annotation,
      start: found.start,
      end: found.end,
    });
    const wide = state.wide.matches ? 'wide' : 'narrow';
    const key = items.map((item) => this.keyOf(item, new Map())).join('\n');
    this.wanted.set(passage, { items, key: `${wide}\n${key}`, context: before.context });
    this.pinned.add(annotation.id);
    this.draw(passage, true);
    this.count++;
    if (state.loaded) this.strip.show(this.count);
    this.place();
    this.later();
  }

  /** What the notes' keys share: the width, the notes opened, the layers' names. */
  private context(): string {
    const { state } = this;
    return [
      state.wide.matches ? 'wide' : 'narrow',
      ...state.open,
      ...state.layers.map((layer) => `${layer.id}\u0000${layer.title}\u0000${layer.editable}`),
    ].join('\n');
  }

  /**
   * Finds annotations read from the device in the text ahead of their drawing (a few hundred at a
   * time, while the browser is idle): the drawing of all of them then only looks each one up.
   */
  prepare(annotations: readonly unknown[]): void {
    for (const annotation of annotations) {
      try {
        this.placementOf(annotation as WebAnnotation);
      } catch {
        // Drawn, or set aside, with the others (render).
      }
    }
  }

  /** Lays the margin out again, with the notes drawn (from 48rem). */
  place(): void {
    const { main, wide } = this.state;
    if (!wide.matches) {
      for (const note of main.querySelectorAll<HTMLElement>('reader-note[data-margin-for]')) {
        note.style.top = '';
        delete note.dataset.marginFor;
      }
      return;
    }
    // A note being written names its words itself (create-note.ts draws them).
    for (const note of main.querySelectorAll<HTMLElement>('reader-note:not([data-margin-for])')) {
      const mark = firstMarkOf(main, note.dataset.rn ?? '');
      if (!mark) continue;
      mark.id ||= `rn-words-${++marked}`;
      note.dataset.marginFor = mark.id;
    }
    document.dispatchEvent(new Event('margin:relayout'));
  }

  /** Whether a paragraph shows other than it should: other notes, or its notes not yet made. */
  private stale(passage: HTMLElement, notes: boolean): boolean {
    const drawn = this.drawn.get(passage);
    const wanted = this.wanted.get(passage);
    if (!wanted) return false;
    if (!drawn) return wanted.items.length > 0;
    return drawn.key !== wanted.key || (notes && !drawn.notes);
  }

  /** Draws a paragraph's marks, and its notes when `notes`, in place of what it showed. */
  private draw(passage: HTMLElement, notes: boolean): void {
    const wanted = this.wanted.get(passage);
    if (!wanted) return;
    const span = changedSpan(this.marked.get(passage), wanted.items);
    if (span === 'all') {
      unwrap(passage.querySelectorAll<HTMLElement>('mark.rn-mark'));
      markFlat(passage, wanted.items);
    } else if (span) markSpan(passage, wanted.items, span);
    this.marked.set(passage, wanted.items);
    for (const note of passage.querySelectorAll(':scope > reader-note')) note.remove();
    if (notes) {
      const firstMarks = firstMarksIn(passage);
      const wide = this.state.wide.matches;
      const beside = (element: HTMLElement, id: string) => {
        const mark = firstMarks.get(id);
        if (wide && mark) {
          mark.id ||= `rn-words-${++marked}`;
          element.dataset.marginFor = mark.id;
        }
        passage.append(element);
      };
      const inOrder = wanted.items.toSorted((a, b) => a.start - b.start || a.end - b.end);
      const all = this.expanded.has(passage) || inOrder.length <= NOTES_BESIDE + 1;
      const shown = all
        ? inOrder
        : inOrder.filter((item, index) => index < NOTES_BESIDE || this.pinned.has(item.annotation.id));
      for (const item of shown)
        beside(noteElement(this.state, item.layer, item.annotation), item.annotation.id);
      const hidden = inOrder.filter((item) => !shown.includes(item));
      const next = hidden[0];
      if (next) beside(this.moreNotes(passage, hidden.length, next.annotation.id), next.annotation.id);
    }
    this.drawn.set(passage, { key: wanted.key, notes });
  }

  /** The button that shows the rest of a paragraph's notes, beside the words of the first of them. */
  private moreNotes(passage: HTMLElement, count: number, first: string): HTMLElement {
    const element = document.createElement('reader-note');
    element.className = 'rn-note rn-more-notes';
    element.dataset.rn = first;
    const button = make(
      'button',
      { type: 'button', className: 'rn-b' },
      `${count.toLocaleString('en-GB')} more ${count === 1 ? 'note' : 'notes'} on this paragraph`,
    );
    button.addEventListener('click', () => {
      this.expanded.add(passage);
      this.draw(passage, true);
      this.place();
      passage.querySelector<HTMLElement>(`reader-note[data-rn="${CSS.escape(first)}"] button`)?.focus();
    });
    element.append(make('p', { className: 'rn-actions' }, button));
    return element;
  }

  /** The paragraphs left, drawn a few at a time when the browser is idle. */
  private later(): void {
    if (this.idle !== undefined) return;
    const whenIdle =
      window.requestIdleCallback?.bind(window) ??
      ((run: (deadline: { timeRemaining(): number }) => void) =>
        window.setTimeout(() => run({ timeRemaining: () => 8 }), 16));
    const step = (deadline: { timeRemaining(): number }) => {
      this.idle = undefined;
      let drew = false;
      for (const passage of new Set([...this.near, ...this.state.passages])) {
        if (deadline.timeRemaining() < 4) break;
        if (this.stale(passage, true)) {
          this.draw(passage, true);
          drew = true;
        }
      }
      if (drew) this.place();
      if (this.state.passages.some((passage) => this.stale(passage, true))) {
        this.idle = whenIdle(step) as number;
      } else if (!this.settled && this.state.loaded) {
        this.settled = true;
        performance.mark('reader-notes:settled');
      }
    };
    this.idle = whenIdle(step) as number;
  }

  /** Where an annotation's words are on this page (null when its paragraph is on another page), found once. */
  private placementOf(annotation: WebAnnotation): Placement | null {
    const known = this.placed.get(annotation);
    if (known !== undefined) return known;
    const [quote, position] = annotation.target.selector;
    const key = `${annotation.target.source}\n${quote.exact}\n${quote.prefix ?? ''}\n${quote.suffix ?? ''}\n${position?.start ?? ''}`;
    let placement = this.placements.get(key);
    if (placement === undefined) {
      placement = this.belongsHere(annotation) ? reanchor(annotation, this.state.edition) : null;
      this.placements.set(key, placement);
    }
    this.placed.set(annotation, placement);
    return placement;
  }

  /**
   * Whether an annotation is on this page: its paragraph (or the retired id it names) is here, or
   * its URL is this page's. A note on another document's paragraph is never placed on words that
   * happen to be the same here; My notes lists it under its own document.
   */
  private belongsHere(annotation: WebAnnotation): boolean {
    const id = passageIdOf(annotation);
    if (this.here.has(id)) return true;
    if (this.elsewhere.has(id)) return false;
    return new URL(annotation.target.source).pathname === new URL(sourceOf('')).pathname;
  }

  /** What a drawn note shows: a change to any of it draws its paragraph again. */
  private keyOf({ layer, annotation, start, end }: Item, questions: ReadonlyMap<string, string>): string {
    const open = this.state.open.has(annotation.id) ? 'open' : '';
    const question = annotation.inReplyTo ? (questions.get(annotation.inReplyTo) ?? '') : '';
    // What the annotation itself says, joined once: a change to it is a new object (note-actions.ts).
    let own = this.said.get(annotation);
    if (own === undefined) {
      own = [
        annotation.id,
        annotation.motivation,
        annotation.modified ?? '',
        annotation.body?.value ?? '',
      ].join('\u0000');
      this.said.set(annotation, own);
    }
    return `${layer.id}\u0000${layer.title}\u0000${layer.editable}\u0000${start}\u0000${end}\u0000${open}\u0000${question}\u0000${own}`;
  }
}

/** More changed items than this in a paragraph mark it afresh, whole. */
const MARKED_IN_PLACE = 16;

/** What marks an item's words: its layer, its annotation, where. */
function markKey({ layer, annotation, start, end }: Item): string {
  return `${layer.id}\u0000${annotation.id}\u0000${start}\u0000${end}`;
}

/**
 * The stretch of a paragraph's text whose marks change from `before` to `after`: null when none do,
 * 'all' when the paragraph is marked afresh (never marked, or many changes, as when a layer is
 * shown), otherwise the offsets that hold every item added or gone. A new highlight changes the
 * marks of its own words, and nothing else of its paragraph.
 */
function changedSpan(
  before: readonly Item[] | undefined,
  after: readonly Item[],
): { start: number; end: number } | null | 'all' {
  if (!before) return 'all';
  const was = new Map(before.map((item) => [markKey(item), item]));
  const changed: Item[] = [];
  for (const item of after) {
    if (!was.delete(markKey(item))) changed.push(item);
    if (changed.length > MARKED_IN_PLACE) return 'all';
  }
  changed.push(...was.values());
  if (changed.length > MARKED_IN_PLACE) return 'all';
  if (changed.length === 0) return null;
  return {
    start: Math.min(...changed.map((item) => item.start)),
    end: Math.max(...changed.map((item) => item.end)),
  };
}

/**
 * Marks a paragraph's words again between two offsets, and only there: the marks that meet the
 * stretch are taken out (the stretch grows to hold them whole), and the words between marked flat
 * again with every item over them; the marks outside stay as they are.
 */
function markSpan(passage: HTMLElement, items: readonly Item[], span: { start: number; end: number }): void {
  const { segments } = passageTextOf(passage);
  const at = new Map(segments.map(({ node, start }) => [node, start]));
  let { start, end } = span;
  const meeting: HTMLElement[] = [];
  for (const mark of passage.querySelectorAll<HTMLElement>('mark.rn-mark')) {
    const walker = document.createTreeWalker(mark, NodeFilter.SHOW_TEXT);
    const first = walker.nextNode() as Text | null;
    let last = first;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node as Text;
    const from = first ? at.get(first) : undefined;
    const to = last ? at.get(last) : undefined;
    if (from === undefined || to === undefined || !last) continue;
    if (from < end && to + last.length > start) {
      meeting.push(mark);
      start = Math.min(start, from);
      end = Math.max(end, to + last.length);
    }
  }
  unwrap(meeting);
  markFlat(
    passage,
    items
      .filter((item) => item.start < end && item.end > start)
      .map((item) => ({ ...item, start: Math.max(item.start, start), end: Math.min(item.end, end) })),
  );
}

/** Each annotation's first mark in a paragraph, in the order of the text. */
function firstMarksIn(passage: HTMLElement): Map<string, HTMLElement> {
  const first = new Map<string, HTMLElement>();
  for (const mark of passage.querySelectorAll<HTMLElement>('mark.rn-mark'))
    for (const id of mark.dataset.rn?.split(' ') ?? []) if (!first.has(id)) first.set(id, mark);
  return first;
}

/** The first mark of an annotation's words, whichever notes share it. */
function firstMarkOf(main: HTMLElement, id: string): HTMLElement | null {
  for (const mark of main.querySelectorAll<HTMLElement>('mark.rn-mark')) {
    if (mark.dataset.rn?.split(' ').includes(id)) return mark;
  }
  return null;
}

/**
 * Marks the items' words in their paragraph flat: the text is cut where any item starts or ends,
 * and each piece under at least one item is one <mark> naming them all (`data-rn`, ids separated by
 * spaces), of the reader's own kind, a class layer's, or both.
 */
function markFlat(passage: HTMLElement, items: readonly Item[]): void {
  if (items.length === 0) return;
  const cuts = [...new Set(items.flatMap((item) => [item.start, item.end]))].sort((a, b) => a - b);
  // The items over each piece between two cuts.
  const over: Item[][] = cuts.map(() => []);
  for (const item of items) {
    for (let at = cuts.indexOf(item.start); (cuts[at] ?? Number.POSITIVE_INFINITY) < item.end; at++)
      over[at]?.push(item);
  }
  const { segments } = passageTextOf(passage);
  let piece = 0;
  for (const { node, start: nodeStart } of segments) {
    const nodeEnd = nodeStart + node.length;
    let rest = node;
    let restStart = nodeStart;
    while (piece < cuts.length - 1 && (cuts[piece + 1] ?? 0) <= nodeStart) piece++;
    for (let at = piece; at < cuts.length - 1 && (cuts[at] ?? 0) < nodeEnd; at++) {
      const under = over[at] ?? [];
      const from = Math.max(cuts[at] ?? 0, restStart);
      const to = Math.min(cuts[at + 1] ?? 0, nodeEnd);
      if (under.length === 0 || to <= from) continue;
      if (rest.data.slice(from - restStart, to - restStart).trim() === '') continue;
      if (from > restStart) {
        rest = rest.splitText(from - restStart);
        restStart = from;
      }
      const after = to < restStart + rest.length ? rest.splitText(to - restStart) : null;
      const own = under.some((item) => item.layer.id === OWN_LAYER);
      const other = under.some((item) => item.layer.id !== OWN_LAYER);
      const mark = make('mark', {
        className: `rn-mark${own ? ' rn-own' : ''}${other ? ' rn-class' : ''}`,
      });
      mark.dataset.rn = [...new Set(under.map((item) => item.annotation.id))].join(' ');
      rest.replaceWith(mark);
      mark.append(rest);
      if (!after) break;
      rest = after;
      restStart = to;
    }
  }
}

function setAside(layer: StoredLayer, annotation: WebAnnotation, error: Error): void {
  layer.annotations = layer.annotations.filter((a) => a !== annotation);
  let raw: string;
  try {
    raw = JSON.stringify(annotation, null, 2);
  } catch {
    raw = String(annotation);
  }
  layer.unreadable = layer.unreadable ?? [];
  layer.unreadable.push({
    key: String(annotation?.id),
    reason: `it could not be drawn (${error.message})`,
    raw,
  });
}

/** Marks the words of a note being written, own or a class layer's, between two offsets of its passage's text. */
export function markWords(passage: HTMLElement, start: number, end: number, id: string, own: boolean): void {
  const marks = wrapRange(passage, start, end, () =>
    make('mark', { className: own ? 'rn-mark rn-own' : 'rn-mark rn-class' }),
  );
  for (const mark of marks) mark.dataset.rn = id;
}
