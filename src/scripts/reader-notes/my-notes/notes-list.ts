/*
 * The list of notes: filtered by words (in the quote or the note) and by layer, grouped by paragraph
 * in reading order, each a link to its words as the edition has them now; those that could not be
 * placed come last with the words they were written on, never dropped.
 *
 * A device may hold thousands of notes: the list shows the first PAGE of them, and a button after
 * them shows the next PAGE. The filters, the counts and the exports always take every note.
 */

import { noteLabel } from '../labels.ts';
import { make } from '../make.ts';
import { OWN_LAYER } from '../store.ts';
import {
  type Entry,
  inReadingOrder,
  labelled,
  layerName,
  type MyNotes,
  type PassageInfo,
} from './my-notes.ts';

export interface NotesList {
  /** The filters, above the list. */
  readonly filters: HTMLElement;
  readonly list: HTMLElement;
  /** Offers the layers as they are now in the layer filter, keeping the one chosen while it exists. */
  showLayers(): void;
  show(): void;
}

/** The notes the list shows at first, and each time the reader asks for more. */
export const PAGE = 100;

export function notesList(notes: MyNotes): NotesList {
  const filters = make('div', { className: 'mn-filter' });
  const list = make('div', { className: 'mn-list' });
  const query = make('input', { type: 'search', id: 'mn-query' });
  const layerFilter = make('select', { id: 'mn-layer' });
  filters.append(...labelled('Filter by words', query), ' ', ...labelled('Layer', layerFilter));

  const show = (): void => {
    const words = query.value.trim().toLowerCase();
    const layerId = layerFilter.value;
    const shown = notes.entries
      .filter((entry) => !layerId || entry.layer.id === layerId)
      .filter((entry) => {
        if (!words) return true;
        const text = `${entry.annotation.target.selector[0].exact} ${entry.annotation.body?.value ?? ''}`;
        return text.toLowerCase().includes(words);
      })
      .toSorted(inReadingOrder(notes.passages));
    const placed = shown.filter((entry) => entry.placement.placed);
    const unplaced = shown.filter((entry) => !entry.placement.placed);
    const blocks: HTMLElement[] = [
      make('h2', { id: 'mn-notes' }, `Notes (${placed.length.toLocaleString('en-GB')})`),
    ];
    if (notes.entries.length === 0) blocks.push(make('p', {}, 'No notes yet on this device.'));
    const byId = new Map(notes.passages.map((passage) => [passage.id, passage]));
    const groups = make('div', { className: 'mn-groups' });
    blocks.push(groups);
    let current = '';
    let group: HTMLElement | null = null;
    let next = 0;
    /** Adds the next PAGE notes to the list, each group of a paragraph after its heading; returns the first added. */
    const more = (): HTMLElement | null => {
      let first: HTMLElement | null = null;
      for (const until = next + PAGE; next < placed.length && next < until; next++) {
        const entry = placed[next] as Entry;
        const passage = entry.placement.placed ? byId.get(entry.placement.passage) : undefined;
        if (!passage) continue;
        if (passage.id !== current) {
          current = passage.id;
          group = make('ul', { className: 'mn-group' });
          groups.append(
            make('h3', {}, make('a', { href: passage.url }, `${passage.document}, ¶ ${passage.n}`)),
            group,
          );
        }
        const li = item(entry, passage.url, byId);
        first ??= li;
        group?.append(li);
      }
      return first;
    };
    more();
    if (next < placed.length) {
      const button = make('button', { type: 'button', className: 'rn-b mn-more' });
      const label = () => {
        const left = placed.length - next;
        button.textContent = `Show ${Math.min(PAGE, left).toLocaleString('en-GB')} more of ${left.toLocaleString('en-GB')} notes`;
      };
      label();
      button.addEventListener('click', () => {
        const first = more();
        // The reader goes on from the first note just shown.
        first?.querySelector('a')?.focus();
        if (next < placed.length) label();
        else button.remove();
        notes.announce(
          `Showing ${next.toLocaleString('en-GB')} of ${placed.length.toLocaleString('en-GB')} notes.`,
        );
      });
      blocks.push(make('p', {}, button));
    }
    if (unplaced.length > 0) {
      blocks.push(
        make('h2', { id: 'mn-unplaced' }, `Could not be placed (${unplaced.length})`),
        make(
          'p',
          {},
          'The edition has changed since these were written: their words are kept here, with where they were.',
        ),
        make('ul', { className: 'mn-group' }, ...unplaced.map((entry) => item(entry, null, byId))),
      );
    }
    blocks.push(...unreadableBlocks(notes));
    list.replaceChildren(...blocks);
  };

  const showLayers = (): void => {
    const chosen = layerFilter.value;
    layerFilter.replaceChildren(
      make('option', { value: '' }, 'All layers'),
      ...notes.layers.map((layer) => make('option', { value: layer.id }, layerName(layer))),
    );
    layerFilter.value = notes.layers.some((l) => l.id === chosen) ? chosen : '';
  };

  query.addEventListener('input', () => show());
  layerFilter.addEventListener('change', () => show());
  return { filters, list, showLayers, show };
}

/** One note: its label, its words (a link to them when placed), its text, and why it could not be placed. */
function item(entry: Entry, url: string | null, passages: ReadonlyMap<string, PassageInfo>): HTMLElement {
  const own = entry.layer.id === OWN_LAYER;
  // The words as the edition has them now, which a new release may have changed a little.
  const { placement } = entry;
  const now = placement.placed
    ? passages.get(placement.passage)?.text.slice(placement.start, placement.end)
    : undefined;
  const exact = (now ?? entry.annotation.target.selector[0].exact).replace(/\s+/g, ' ').trim();
  const quote = url ? make('a', { href: url }, `“${exact}”`) : make('q', {}, exact);
  const li = make('li', { className: own ? 'mn-item rn-own' : 'mn-item rn-class' });
  li.dataset.rn = entry.annotation.id;
  li.append(
    make('span', { className: 'rn-label' }, noteLabel(entry.layer, entry.annotation.motivation)),
    ' ',
    quote,
  );
  if (entry.annotation.body?.value)
    li.append(make('p', { className: 'rn-body' }, entry.annotation.body.value));
  if (!entry.placement.placed) {
    li.append(
      make(
        'p',
        { className: 'rn-question' },
        `Could not be placed: ${entry.placement.reason}. It was on ${entry.annotation.target.source}.`,
      ),
    );
  }
  return li;
}

/**
 * What is kept but could not be read (from a link, a file, or a record the page could not draw):
 * each with its layer, why, and its text in a box to copy, so that nothing is lost unseen.
 */
function unreadableBlocks(notes: MyNotes): HTMLElement[] {
  const items = notes.layers.flatMap((layer) => (layer.unreadable ?? []).map((entry) => ({ layer, entry })));
  if (items.length === 0) return [];
  return [
    make('h2', { id: 'mn-unreadable' }, `Could not be read (${items.length})`),
    make(
      'p',
      {},
      'These came in with a link or a file, or were kept here, but cannot be read: they are not shown in the texts. Their text is kept as it came; copy it to keep it elsewhere.',
    ),
    make(
      'ul',
      { className: 'mn-group' },
      ...items.map(({ layer, entry }, index) => {
        const id = `mn-raw-${index}`;
        const raw = make('textarea', { id, readOnly: true, rows: 4, className: 'mn-raw', value: entry.raw });
        return make(
          'li',
          { className: 'mn-item mn-unread' },
          make('span', { className: 'rn-label' }, layerName(layer)),
          make('p', { className: 'rn-question' }, `Could not be read: ${entry.reason}.`),
          make('label', { htmlFor: id }, 'Its text '),
          raw,
        );
      }),
    ),
  ];
}
