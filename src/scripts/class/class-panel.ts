/*
 * A class packet or class link opened on a document page (#packet=… or #layer=…): the packet's
 * title, teacher and due date above the text, its paragraphs alone and in the teacher's order, and
 * its questions one at a time ("Question 1 of 3"), each readable without a tap, with the words it is
 * on, the student's answer beside it, Previous and Next (buttons, and the arrow keys within the
 * panel), the student's name asked once, and Hand in. A packet link that cannot be read says so in
 * one line, names what to ask the teacher for, and stores nothing. (A #layer= link is kept on the
 * device by the reader's notes, reader-notes/class-link.ts; it is only read here.)
 */
import { type HandIn, handInText, rebaseSource } from '../../lib/class/hand-in.ts';
import { decodePacket, formatDue, type Packet, packetLayer, packetParam } from '../../lib/class/packet.ts';
import type { ClassLayer } from '../../lib/reader-notes/class-layer.ts';
import type { WebAnnotation } from '../../lib/reader-notes/web-annotation.ts';
import stylesheet from '../../styles/class.css?url';
import { make } from '../make-element.ts';
import { replaceLayer } from '../reader-notes/store.ts';
import { loadStylesheet } from '../stylesheet.ts';
import { loadAnswers, NOTES_CHANGED, saveAnswer } from './answers.ts';
import { copyHandIn, deliverHandIn } from './hand-in-actions.ts';
import { builtRoot, servedRoot } from './site-roots.ts';
import { storedName, storeName } from './student-name.ts';

interface Opened {
  packet: Pick<Packet, 'id' | 'title' | 'teacher' | 'due' | 'paragraphs' | 'questionsLeftOut'>;
  questions: WebAnnotation[];
}

/** Opens what the fragment `hash` carries; resolves when the panel is shown (or the notice). */
export async function startClassPanel(main: HTMLElement, hash: string): Promise<void> {
  const article = main.querySelector('article');
  if (!article) return;
  await loadStylesheet(stylesheet);
  const opened = await openFragment(hash);
  main.querySelector('.class-panel, .class-unreadable')?.remove();
  if (typeof opened === 'string') {
    article
      .querySelector(':scope > header')
      ?.after(make('p', { className: 'class-unreadable', role: 'alert' }, opened));
    return;
  }
  if (opened === null) return;
  const panel = showPanel(opened);
  // First on the page, so that the packet and its first question are what a phone shows first.
  article.prepend(panel);
  showParagraphs(main, opened.packet.paragraphs, panel, article.querySelector(':scope > header') ?? panel);
}

/** The packet or layer in the fragment; a one-line message when it cannot be read; null when there is none. */
async function openFragment(hash: string): Promise<Opened | string | null> {
  const packetValue = packetParam(hash);
  if (packetValue !== null) {
    try {
      const packet = await decodePacket(packetValue);
      const layer = packetLayer(packet, servedRoot());
      await keepLayer(layer);
      return { packet, questions: layer.annotations };
    } catch (error) {
      return `This class packet link cannot be read (${(error as Error).message}): ask your teacher for the packet’s link again, or for its file.`;
    }
  }
  const layerValue = /^#?layer=([A-Za-z0-9_-]+)$/.exec(hash)?.[1];
  if (!layerValue) return null;
  try {
    const { decodeLayer } = await import('../../lib/reader-notes/class-layer.ts');
    const layer = await decodeLayer(layerValue);
    const packet = {
      id: layer.id,
      title: layer.title,
      teacher: layer.author,
      due: null,
      paragraphs: [],
      questionsLeftOut: 0,
    };
    return { packet, questions: layer.annotations.filter((a) => a.motivation === 'questioning') };
  } catch {
    // The reader's notes say that the link cannot be read, and what to ask for.
    return null;
  }
}

/**
 * Keeps the packet's questions on the device as a guest layer (packet:…), in place of an earlier copy
 * of the same packet: never written into a layer made on this device, even one with the same id.
 */
async function keepLayer(layer: ClassLayer): Promise<void> {
  await replaceLayer({
    id: `packet:${layer.id}`,
    title: layer.title,
    author: layer.author,
    annotations: layer.annotations,
    shown: true,
    editable: false,
    from: 'link',
    layerId: layer.id,
    added: new Date().toISOString(),
  });
  document.dispatchEvent(new Event(NOTES_CHANGED));
}

/** Only the packet's paragraphs, in its order, with a way back to the whole text. */
function showParagraphs(
  main: HTMLElement,
  ids: readonly string[],
  panel: HTMLElement,
  after: HTMLElement,
): void {
  const passages = ids
    .map((id) => document.getElementById(id))
    .filter((p): p is HTMLElement => p?.matches('.passage') === true);
  if (passages.length === 0) return;
  const all = [...main.querySelectorAll<HTMLElement>('.passage')];
  const chosen = new Set(passages);
  const ordered = make('div', { className: 'class-passages' });
  const places = passages.map((p) => ({ passage: p, parent: p.parentNode, next: p.nextSibling }));
  for (const passage of all) passage.hidden = !chosen.has(passage);
  ordered.append(...passages);
  const sections = [...main.querySelectorAll<HTMLElement>('article section:not(.class-panel)')];
  for (const section of sections) section.hidden = !section.querySelector('.passage:not([hidden])');
  after.after(ordered);
  const whole = make('button', { type: 'button', className: 'cp-whole' }, 'Show the whole text');
  whole.addEventListener('click', () => {
    for (const { passage, parent, next } of places.toReversed()) parent?.insertBefore(passage, next);
    ordered.remove();
    for (const passage of all) passage.hidden = false;
    for (const section of sections) section.hidden = false;
    whole.remove();
    document.dispatchEvent(new Event('margin:relayout'));
  });
  panel.querySelector('.cp-head')?.append(whole);
  document.dispatchEvent(new Event('margin:relayout'));
}

function editionTitle(): string {
  const data = JSON.parse(document.getElementById('passage-tools-data')?.textContent ?? '{}') as {
    edition?: string;
  };
  return data.edition ?? document.title;
}

function showPanel({ packet, questions }: Opened): HTMLElement {
  const panel = make('section', { className: 'class-panel', 'aria-labelledby': 'cp-title' });
  const head = make('div', { className: 'cp-head' }, make('h2', { id: 'cp-title' }, packet.title));
  const meta = [packet.teacher && `From ${packet.teacher}`, packet.due && `due ${formatDue(packet.due)}`]
    .filter(Boolean)
    .join(' · ');
  if (meta) head.append(make('p', { className: 'cp-meta' }, meta));
  panel.append(head);
  if (packet.questionsLeftOut > 0)
    panel.append(
      make(
        'p',
        { className: 'cp-left-out' },
        `This code carried the paragraphs only: ask your teacher for the packet’s link or file to see its ${packet.questionsLeftOut} ${packet.questionsLeftOut === 1 ? 'question' : 'questions'}.`,
      ),
    );
  if (questions.length === 0) return panel;

  let at = 0;
  const count = make('p', { className: 'cp-count', 'aria-live': 'polite' });
  const text = make('p', { className: 'cp-question' });
  const words = make('blockquote', { className: 'cp-words' });
  const goTo = make('a', { className: 'cp-goto' }, 'Find these words in the text');
  const answer = make('textarea', { id: 'cp-answer', rows: 4 });
  const saved = make('span', { className: 'cp-saved', role: 'status' });
  const previous = make('button', { type: 'button', className: 'cp-nav-b' }, '← Previous question');
  const next = make('button', { type: 'button', className: 'cp-nav-b' }, 'Next question →');
  let answers = new Map<string, WebAnnotation>();
  // Whether an answer was kept (and the kept ones read again) since the panel opened: the first read of
  // the device is then older than what the panel holds.
  let keptSinceStart = false;

  const keep = async () => {
    const question = questions[at];
    if (!question) return;
    if ((answers.get(question.id)?.body?.value ?? '') === answer.value) return;
    await saveAnswer(question, answer.value);
    answers = await loadAnswers();
    keptSinceStart = true;
    saved.textContent = answer.value.trim() ? 'Answer kept on this device.' : '';
  };
  const show = (index: number) => {
    at = Math.max(0, Math.min(questions.length - 1, index));
    const question = questions[at];
    if (!question) return;
    count.textContent = `Question ${at + 1} of ${questions.length}`;
    text.textContent = question.body?.value ?? '';
    words.textContent = `“${question.target.selector[0].exact}”`;
    goTo.href = `#${decodeURIComponent(new URL(question.target.source).hash.slice(1))}`;
    answer.value = answers.get(question.id)?.body?.value ?? '';
    saved.textContent = '';
    previous.disabled = at === 0;
    next.disabled = at === questions.length - 1;
  };
  const move = async (by: number) => {
    await keep();
    show(at + by);
  };
  let timer: number | undefined;
  answer.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(keep, 600);
  });
  answer.addEventListener('blur', () => keep());
  // The words in the text, without changing the address (which holds the packet).
  goTo.addEventListener('click', (event) => {
    const question = questions[at];
    if (!question) return;
    const words =
      document.querySelector<HTMLElement>(`mark[data-rn~="${CSS.escape(question.id)}"]`) ??
      document.getElementById(decodeURIComponent(new URL(question.target.source).hash.slice(1)));
    if (!words) return;
    event.preventDefault();
    words.scrollIntoView({ block: 'center' });
  });
  previous.addEventListener('click', () => move(-1));
  next.addEventListener('click', () => move(1));
  const card = make(
    'div',
    { className: 'cp-card', role: 'group', 'aria-label': 'Questions: arrow keys for the previous and next' },
    count,
    text,
    words,
    make('p', {}, goTo),
    make('label', { htmlFor: 'cp-answer' }, 'Your answer'),
    answer,
    saved,
    make('p', { className: 'cp-nav' }, previous, ' ', next),
  );
  // The arrow keys move between questions, except where they move the caret.
  card.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLTextAreaElement || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      move(event.key === 'ArrowRight' ? 1 : -1).then(() => {
        if (document.activeElement instanceof HTMLButtonElement && document.activeElement.disabled)
          (event.key === 'ArrowRight' ? previous : next).focus();
      });
    }
  });
  panel.append(card, handInForm(packet, questions, keep));
  document.addEventListener(NOTES_CHANGED, async () => {
    answers = await loadAnswers();
    if (document.activeElement !== answer)
      answer.value = answers.get(questions[at]?.id ?? '')?.body?.value ?? '';
  });
  // The answers kept from an earlier visit, read once the panel is shown. On a slow device a student
  // may have begun meanwhile: the read then leaves them at the question they are at, and fills in only
  // an answer box still empty, and only when nothing was kept since it began.
  loadAnswers().then((loaded) => {
    if (keptSinceStart) return;
    answers = loaded;
    if (answer.value === '') answer.value = answers.get(questions[at]?.id ?? '')?.body?.value ?? '';
  });
  show(0);
  return panel;
}

function handInForm(
  packet: Opened['packet'],
  questions: WebAnnotation[],
  keep: () => Promise<void>,
): HTMLElement {
  const name = make('input', { id: 'cp-name', autocomplete: 'name', value: storedName() });
  const status = make('p', { className: 'cp-status', role: 'status' });
  const handIn = make('button', { type: 'button', className: 'cp-hand-in' }, 'Hand in');
  const copy = make('button', { type: 'button' }, 'Copy as text');
  name.addEventListener('change', () => storeName(name.value));
  const make_ = async (): Promise<HandIn | null> => {
    await keep();
    const student = name.value.trim();
    if (!student) {
      status.textContent = 'Write your name first: your teacher sees it on your answers.';
      name.focus();
      return null;
    }
    storeName(student);
    const answers = await loadAnswers();
    const from = builtRoot();
    const to = servedRoot();
    return {
      student,
      handedIn: new Date().toISOString(),
      packet: { id: packet.id, title: packet.title, teacher: packet.teacher },
      edition: editionTitle(),
      questions: questions.map((q) => ({
        id: q.id,
        text: q.body?.value ?? '',
        exact: q.target.selector[0].exact,
      })),
      answers: questions.flatMap((q) => {
        const a = answers.get(q.id);
        return a ? [{ ...a, target: { ...a.target, source: rebaseSource(a.target.source, from, to) } }] : [];
      }),
    };
  };
  handIn.addEventListener('click', async () => {
    const made = await make_();
    if (!made) return;
    const how = await deliverHandIn(made);
    const answered = `${made.answers.length} of ${questions.length} questions answered`;
    status.textContent =
      how === 'shared'
        ? `Handed in (${answered}). To change an answer, change it here and hand in again: your teacher keeps the latest.`
        : how === 'downloaded'
          ? `Saved the file of your answers (${answered}): send it to your teacher. To change an answer, hand in again.`
          : 'Not handed in.';
  });
  copy.addEventListener('click', async () => {
    const made = await make_();
    if (!made) return;
    if (await copyHandIn(made))
      status.textContent = 'Your answers are copied as text: paste them where your teacher asked.';
    else
      status.replaceChildren(
        'Copying is not allowed here; select and copy: ',
        make('pre', {}, handInText(made)),
      );
  });
  return make(
    'div',
    { className: 'cp-hand-in-form' },
    make('label', { htmlFor: 'cp-name' }, 'Your name (kept on this device for next time)'),
    name,
    make('p', {}, handIn, ' ', copy),
    status,
  );
}
