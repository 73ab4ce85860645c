/*
 * The reader's own layer on a document page, loaded by src/scripts/reader-notes.ts on first use:
 * select words, then Highlight or Note (or, for a teacher, a question in a class layer); each
 * annotation is marked in the text and shown beside its words in a <reader-note> (under its
 * paragraph on a narrow screen), where it is edited, deleted (with undo) or answered. Class layers
 * arrive by link (#layer=…) and are shown or hidden from the strip above the text.
 */
import { describeQuote, describeQuoteBriefly } from '../../lib/reader-notes/describe-quote.ts';
import { mergeAnnotations } from '../../lib/reader-notes/merge.ts';
import { ANNOTATION_CONTEXT, type Motivation, passageIdOf } from '../../lib/reader-notes/model.ts';
import { type EditionText, reanchor } from '../../lib/reader-notes/reanchor.ts';
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import stylesheet from '../../styles/reader-notes.css?url';
import { loadStylesheet } from '../stylesheet.ts';
import { offsetsOf, passageTextOf, unwrap, wrapRange } from './dom-text.ts';
import { make, newLayerNoteId, newUrn } from './make.ts';
import { loadLayers, OWN_LAYER, type StoredLayer, saveLayer } from './store.ts';

/** The margin note of one annotation: its own element, so its styles and placement are its own. */
class ReaderNoteElement extends HTMLElement {}
if (!customElements.get('reader-note')) customElements.define('reader-note', ReaderNoteElement);

const LABEL: Record<Motivation, string> = {
  highlighting: 'highlight',
  commenting: 'note',
  questioning: 'question',
  replying: 'answer',
};

export async function startReaderNotes(main: HTMLElement, trigger: Event | null): Promise<void> {
  await loadStylesheet(stylesheet);
  const notes = new ReaderNotes(main);
  await notes.start();
  if (trigger?.type === 'selectionchange') notes.offerActions();
}

class ReaderNotes {
  private layers: StoredLayer[] = [];
  private readonly passages: HTMLElement[];
  private readonly edition: EditionText;
  private readonly live = make('div', { className: 'rn-live', role: 'status' });
  private readonly strip = make('div', { className: 'rn-strip', role: 'group', 'aria-label': 'Your notes' });
  private readonly bar = make('div', {
    className: 'rn-bar',
    role: 'group',
    'aria-label': 'Annotate the selected words',
  });
  private readonly wide = matchMedia('(min-width: 48rem)');
  private selected: { passage: HTMLElement; start: number; end: number } | null = null;
  /** Notes opened on a narrow screen, kept open across a new rendering. */
  private readonly open = new Set<string>();
  /** Ids given to the words of notes, which name them to the margin's layout. */
  private marks = 0;

  private readonly main: HTMLElement;

  constructor(main: HTMLElement) {
    this.main = main;
    this.passages = [...main.querySelectorAll<HTMLElement>('.passage')];
    const data = JSON.parse(document.getElementById('passage-tools-data')?.textContent ?? '{}') as {
      retired?: Record<string, { to: string }>;
    };
    this.edition = {
      passages: this.passages.map((passage) => ({ id: passage.id, text: passageTextOf(passage).text })),
      retired: Object.entries(data.retired ?? {}).map(([id, { to }]) => ({ id, successor: to })),
    };
  }

  async start(): Promise<void> {
    this.layers = await loadLayers();
    document.body.append(this.live);
    // After the text, so that showing it moves nothing the reader is reading.
    this.main.querySelector('article')?.append(this.strip);
    await this.openLayerLink();
    this.render();
    let timer: number | undefined;
    document.addEventListener('selectionchange', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => this.offerActions(), 150);
    });
    window.addEventListener('hashchange', () => this.openLayerLink().then(() => this.render()));
    // A keyboard selection (caret browsing) reaches the actions with Tab.
    document.addEventListener('keydown', (event) => {
      if (
        event.key === 'Tab' &&
        !event.shiftKey &&
        this.bar.isConnected &&
        !this.bar.contains(document.activeElement)
      ) {
        const first = this.bar.querySelector('button');
        if (first && this.selected) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === 'Escape' && this.bar.contains(document.activeElement)) {
        this.bar.remove();
      }
    });
    this.wide.addEventListener('change', () => this.render());
    window.addEventListener('resize', () => this.place());
    // Fonts and the edition's notes settle after load, moving the lines.
    window.addEventListener('load', () => this.place());
  }

  /** A class layer opened from a link: kept on the device, shown, and the link's fragment cleared. */
  private async openLayerLink(): Promise<void> {
    if (!location.hash.startsWith('#layer=')) return;
    // The layer's reader and validator load only when a class link is opened.
    const { decodeLayer, layerParam } = await import('../../lib/reader-notes/class-layer.ts');
    const value = layerParam(location.hash);
    history.replaceState(null, '', location.pathname + location.search);
    try {
      if (!value)
        throw new Error('This class link cannot be read: it carries no layer; ask for the link again');
      const layer = await decodeLayer(value);
      const existing = this.layers.find((l) => l.id === layer.id);
      const annotations = existing
        ? mergeAnnotations(existing.annotations, layer.annotations).annotations
        : layer.annotations;
      const stored: StoredLayer = {
        id: layer.id,
        title: layer.title,
        author: layer.author,
        annotations,
        shown: true,
        editable: existing?.editable ?? false,
      };
      await saveLayer(stored);
      this.layers = await loadLayers();
      const by = layer.author ? ` by ${layer.author}` : '';
      this.announce(
        `Class layer “${layer.title}”${by} added: ${layer.annotations.length} notes, kept on this device only.`,
      );
    } catch (error) {
      this.announce((error as Error).message);
    }
  }

  /** Marks every shown annotation in the text and puts its note beside it. */
  render(): void {
    unwrap(this.main.querySelectorAll<HTMLElement>('mark.rn-mark'));
    for (const note of this.main.querySelectorAll('reader-note')) note.remove();
    let count = 0;
    for (const layer of this.layers) {
      if (!layer.shown) continue;
      for (const annotation of layer.annotations) {
        if (!this.belongsHere(annotation)) continue;
        const placement = reanchor(annotation, this.edition);
        if (!placement.placed) continue;
        const passage = this.passages.find((p) => p.id === placement.passage);
        if (!passage) continue;
        count++;
        const own = layer.id === OWN_LAYER;
        const marks = wrapRange(passage, placement.start, placement.end, () =>
          make('mark', { className: own ? 'rn-mark rn-own' : 'rn-mark rn-class' }),
        );
        for (const mark of marks) mark.dataset.rn = annotation.id;
        passage.append(this.noteElement(layer, annotation));
      }
    }
    this.renderStrip(count);
    this.place();
  }

  private renderStrip(count: number): void {
    const base = document.documentElement.dataset.base ?? '/';
    const toggles = this.layers
      .filter((layer) => layer.id !== OWN_LAYER || layer.annotations.length > 0)
      .map((layer) => {
        const box = make('input', { type: 'checkbox', checked: layer.shown });
        box.addEventListener('change', async () => {
          layer.shown = box.checked;
          await saveLayer(layer);
          this.render();
          this.strip.querySelector<HTMLInputElement>(`input[data-layer="${CSS.escape(layer.id)}"]`)?.focus();
        });
        box.dataset.layer = layer.id;
        const name = layer.id === OWN_LAYER ? 'My notes' : `Class: ${layer.title}`;
        return make('label', { className: 'rn-toggle' }, box, ` ${name} (${layer.annotations.length})`);
      });
    this.strip.replaceChildren(
      make('span', { className: 'rn-count' }, `${count} ${count === 1 ? 'note' : 'notes'} on this page`),
      ...toggles,
      make('a', { href: `${base}my-notes/` }, 'My notes: export, import, class layers'),
    );
  }

  private noteElement(layer: StoredLayer, annotation: WebAnnotation): HTMLElement {
    const own = layer.id === OWN_LAYER;
    const kind = LABEL[annotation.motivation];
    const label = own ? `Your ${kind}` : `${layer.title}: ${kind}`;
    const element = document.createElement('reader-note');
    element.className = own ? 'rn-note rn-own' : 'rn-note rn-class';
    element.dataset.rn = annotation.id;
    element.setAttribute('role', 'note');
    const quote = annotation.target.selector[0].exact.replace(/\s+/g, ' ').trim();
    element.setAttribute(
      'aria-label',
      `${label} on “${quote.length > 60 ? `${quote.slice(0, 57)}…` : quote}”`,
    );
    const question =
      annotation.motivation === 'replying'
        ? this.layers.flatMap((l) => l.annotations).find((a) => a.id === annotation.inReplyTo)
        : undefined;
    // On a narrow screen a note folds under its paragraph, as the edition's do: its label opens it.
    const more = make('div', { className: 'rn-more' });
    if (this.wide.matches) {
      element.append(make('p', { className: 'rn-label' }, label));
    } else {
      more.id = `rn-more-${Math.random().toString(36).slice(2, 10)}`;
      const open = this.open.has(annotation.id);
      const fold = make(
        'button',
        {
          type: 'button',
          className: 'rn-b rn-fold',
          'aria-expanded': String(open),
          'aria-controls': more.id,
        },
        label,
      );
      more.hidden = !open;
      fold.addEventListener('click', () => {
        const opening = more.hidden;
        more.hidden = !opening;
        fold.setAttribute('aria-expanded', String(opening));
        if (opening) this.open.add(annotation.id);
        else this.open.delete(annotation.id);
      });
      element.append(make('p', { className: 'rn-label' }, fold));
    }
    element.append(more);
    if (question?.body)
      more.append(make('p', { className: 'rn-question' }, `Question: ${question.body.value}`));
    if (annotation.body?.value) more.append(make('p', { className: 'rn-body' }, annotation.body.value));
    const actions = make('p', { className: 'rn-actions' });
    if (layer.editable) {
      if (annotation.motivation !== 'highlighting') {
        const edit = make(
          'button',
          { type: 'button', className: 'rn-b', 'aria-label': `Edit ${label.toLowerCase()}` },
          'Edit',
        );
        edit.addEventListener('click', () => this.edit(element, layer, annotation));
        actions.append(edit);
      }
      const remove = make(
        'button',
        { type: 'button', className: 'rn-b', 'aria-label': `Delete ${label.toLowerCase()}` },
        'Delete',
      );
      remove.addEventListener('click', () => this.remove(layer, annotation));
      actions.append(remove);
    }
    if (annotation.motivation === 'questioning' && !own) {
      const answer = make('button', { type: 'button', className: 'rn-b' }, 'Answer');
      answer.addEventListener('click', () => this.answer(annotation));
      actions.append(answer);
    }
    if (actions.childNodes.length > 0) more.append(actions);
    return element;
  }

  /**
   * Each note beside its words (from 48rem), laid out with the edition's notes by src/scripts/notes.ts:
   * a note names its words (the first mark of its annotation) in `data-margin-for`, and the
   * `margin:relayout` event places every item of the margin at once, so that none covers another.
   */
  place(): void {
    const notes = [...this.main.querySelectorAll<HTMLElement>('reader-note')];
    if (!this.wide.matches) {
      for (const note of notes) {
        note.style.top = '';
        delete note.dataset.marginFor;
      }
      return;
    }
    for (const note of notes) {
      const mark = this.main.querySelector<HTMLElement>(
        `mark[data-rn="${CSS.escape(note.dataset.rn ?? '')}"]`,
      );
      if (!mark) continue;
      mark.id ||= `rn-words-${++this.marks}`;
      note.dataset.marginFor = mark.id;
    }
    document.dispatchEvent(new Event('margin:relayout'));
  }

  /** Shows the actions beside a selection of words in a passage. */
  offerActions(): void {
    const selection = document.getSelection();
    const range =
      selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    const passage = range?.startContainer.parentElement?.closest<HTMLElement>('.passage') ?? null;
    const offsets = range && passage ? offsetsOf(range, passageTextOf(passage)) : null;
    if (
      !range ||
      !passage ||
      !offsets ||
      passageTextOf(passage).text.slice(offsets.start, offsets.end).trim() === ''
    ) {
      this.selected = null;
      if (!this.bar.contains(document.activeElement)) this.bar.remove();
      return;
    }
    this.selected = { passage, ...offsets };
    const buttons: HTMLButtonElement[] = [];
    const add = (text: string, action: () => void) => {
      const button = make('button', { type: 'button', className: 'rn-b' }, text);
      // A pointer press must not clear the selection before the click.
      button.addEventListener('pointerdown', (event) => event.preventDefault());
      button.addEventListener('click', action);
      buttons.push(button);
    };
    add('Highlight', () => this.create('highlighting'));
    add('Note', () => this.create('commenting'));
    for (const layer of this.layers) {
      if (layer.id !== OWN_LAYER && layer.editable)
        add(`Question for “${layer.title}”`, () => this.create('questioning', layer));
    }
    this.bar.replaceChildren(...buttons);
    const first = range.getClientRects()[0] ?? range.getBoundingClientRect();
    const box = passage.getBoundingClientRect();
    passage.append(this.bar);
    this.bar.style.top = `${Math.max(0, first.top - box.top - this.bar.offsetHeight - 4)}px`;
    this.bar.style.left = `${Math.max(0, Math.min(first.left - box.left, box.width - this.bar.offsetWidth))}px`;
  }

  private async create(motivation: Motivation, layer = this.ownLayer()): Promise<void> {
    const selected = this.selected;
    if (!selected) return;
    const { text } = passageTextOf(selected.passage);
    const own = layer.id === OWN_LAYER;
    const now = new Date().toISOString();
    const annotation: WebAnnotation = {
      '@context': ANNOTATION_CONTEXT,
      id: own ? newUrn() : newLayerNoteId(layer.id),
      type: 'Annotation',
      motivation,
      ...(own && { created: now }),
      target: {
        source: this.sourceOf(selected.passage.id),
        selector: own
          ? describeQuote(text, selected.start, selected.end)
          : describeQuoteBriefly(text, selected.start, selected.end),
      },
    };
    document.getSelection()?.removeAllRanges();
    this.bar.remove();
    this.selected = null;
    if (motivation === 'highlighting') {
      layer.annotations.push(annotation);
      await saveLayer(layer);
      this.render();
      this.announce('Highlighted. Kept on this device only.');
      this.main
        .querySelector<HTMLElement>(`reader-note[data-rn="${CSS.escape(annotation.id)}"] button`)
        ?.focus();
      return;
    }
    // A note is written first, and kept only when saved.
    const draft = document.createElement('reader-note');
    draft.className = `rn-note ${own ? 'rn-own' : 'rn-class'}`;
    draft.dataset.rn = annotation.id;
    const marks = wrapRange(selected.passage, selected.start, selected.end, () =>
      make('mark', { className: `rn-mark ${own ? 'rn-own' : 'rn-class'}` }),
    );
    for (const mark of marks) mark.dataset.rn = annotation.id;
    selected.passage.append(draft);
    this.place();
    this.editor(
      draft,
      own ? `Your ${LABEL[motivation]}` : `${layer.title}: ${LABEL[motivation]}`,
      '',
      async (value) => {
        if (value === null) {
          this.render();
          return;
        }
        layer.annotations.push({ ...annotation, body: { type: 'TextualBody', value } });
        await saveLayer(layer);
        this.render();
        this.announce('Note saved on this device.');
        this.focusNote(annotation.id);
      },
    );
  }

  /** A text box in place of the note's text, with Save and Cancel; `done` gets the text, or null. */
  private editor(
    element: HTMLElement,
    label: string,
    value: string,
    done: (value: string | null) => void,
  ): void {
    const id = `rn-edit-${Math.random().toString(36).slice(2, 8)}`;
    const area = make('textarea', { id, className: 'rn-text', rows: 3, value });
    const save = make('button', { type: 'button', className: 'rn-b' }, 'Save');
    const cancel = make('button', { type: 'button', className: 'rn-b' }, 'Cancel');
    save.addEventListener('click', () => done(area.value.trim()));
    cancel.addEventListener('click', () => done(null));
    area.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) done(area.value.trim());
      if (event.key === 'Escape') done(null);
    });
    element.replaceChildren(
      make('label', { className: 'rn-label', htmlFor: id }, label),
      area,
      make('p', { className: 'rn-actions' }, save, cancel),
    );
    this.place();
    area.focus();
  }

  private edit(element: HTMLElement, layer: StoredLayer, annotation: WebAnnotation): void {
    this.editor(
      element,
      `Edit your ${LABEL[annotation.motivation]}`,
      annotation.body?.value ?? '',
      async (value) => {
        if (value !== null) {
          const index = layer.annotations.findIndex((a) => a.id === annotation.id);
          layer.annotations[index] = {
            ...annotation,
            body: { type: 'TextualBody', value },
            modified: new Date().toISOString(),
          };
          await saveLayer(layer);
          this.announce('Note saved on this device.');
        }
        this.render();
        this.focusNote(annotation.id);
      },
    );
  }

  private async remove(layer: StoredLayer, annotation: WebAnnotation): Promise<void> {
    const index = layer.annotations.findIndex((a) => a.id === annotation.id);
    if (index === -1) return;
    layer.annotations.splice(index, 1);
    await saveLayer(layer);
    this.render();
    const undo = make('button', { type: 'button', className: 'rn-b' }, 'Undo');
    undo.addEventListener('click', async () => {
      layer.annotations.splice(index, 0, annotation);
      await saveLayer(layer);
      this.render();
      this.announce('Restored.');
      this.focusNote(annotation.id);
    });
    this.announce(`Deleted your ${LABEL[annotation.motivation]}.`, undo);
    undo.focus();
  }

  /** A personal answer to a class layer's question, on the question's words. */
  private answer(question: WebAnnotation): void {
    const own = this.ownLayer();
    const annotation: WebAnnotation = {
      '@context': ANNOTATION_CONTEXT,
      id: newUrn(),
      type: 'Annotation',
      motivation: 'replying',
      created: new Date().toISOString(),
      inReplyTo: question.id,
      target: question.target,
    };
    const element = this.main.querySelector<HTMLElement>(`reader-note[data-rn="${CSS.escape(question.id)}"]`);
    if (!element) return;
    const draft = document.createElement('reader-note');
    draft.className = 'rn-note rn-own';
    draft.dataset.rn = question.id;
    element.after(draft);
    this.editor(draft, `Your answer to: ${question.body?.value ?? ''}`, '', async (value) => {
      if (value !== null) {
        own.annotations.push({ ...annotation, body: { type: 'TextualBody', value } });
        await saveLayer(own);
        this.announce('Answer saved on this device. Export it from My notes to hand it in.');
      }
      this.render();
      this.focusNote(value === null ? question.id : annotation.id);
    });
  }

  private focusNote(id: string): void {
    if (!this.wide.matches) {
      this.open.add(id);
      this.render();
    }
    this.main.querySelector<HTMLElement>(`reader-note[data-rn="${CSS.escape(id)}"] button`)?.focus();
  }

  /**
   * Whether an annotation is on this page: its paragraph (or the retired id it names) is here, or its
   * URL is this page's. A note on another document's paragraph is never placed on words that
   * happen to be the same here; My notes lists it under its own document.
   */
  private belongsHere(annotation: WebAnnotation): boolean {
    const id = passageIdOf(annotation);
    if (this.passages.some((p) => p.id === id)) return true;
    const successor = this.edition.retired.find((entry) => entry.id === id)?.successor;
    if (successor !== undefined) return this.passages.some((p) => p.id === successor);
    return new URL(annotation.target.source).pathname === new URL(this.sourceOf('')).pathname;
  }

  private ownLayer(): StoredLayer {
    const own = this.layers.find((layer) => layer.id === OWN_LAYER);
    if (!own) throw new Error('the reader’s own layer is missing');
    return own;
  }

  /** The paragraph's permanent URL: the page's canonical address (the published site) and its anchor. */
  private sourceOf(id: string): string {
    const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
    return `${canonical ?? location.origin + location.pathname}#${id}`;
  }

  private liveTimer: number | undefined;

  /** A message in the live region; it goes after a while (longer when it offers an action, such as Undo). */
  private announce(message: string, ...actions: HTMLElement[]): void {
    window.clearTimeout(this.liveTimer);
    this.live.replaceChildren(make('p', {}, message), ...actions);
    this.liveTimer = window.setTimeout(
      () => {
        if (!this.live.contains(document.activeElement)) this.live.replaceChildren();
      },
      actions.length > 0 ? 15000 : 5000,
    );
  }
}
