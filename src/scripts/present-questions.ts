/*
 * Present mode's class questions. Where this device holds a class layer with questions on this
 * paragraph (a teacher's own layer, or one that came by a class link or packet), a button, and the A
 * key, show them one at a time above the text, in its large type, with “Question k of N”; ↑ and ↓ (and
 * two buttons) go to the previous and next question. The notes' database is opened only on a device
 * that holds notes, so a projector without any loads nothing more.
 */
import { HAS_NOTES_FLAG } from './reader-notes/flag.ts';

interface Question {
  id: string;
  text: string;
  words: string;
  layer: string;
}

/** The questions of every layer on this device on the passage `id`, each once, in the layers' order. */
async function questionsOn(id: string): Promise<Question[]> {
  const [{ loadLayers }, { passageIdOf }] = await Promise.all([
    import('./reader-notes/store.ts'),
    import('../lib/reader-notes/model.ts'),
  ]);
  const seen = new Set<string>();
  const found: Question[] = [];
  for (const layer of await loadLayers()) {
    for (const annotation of layer.annotations) {
      if (annotation.motivation !== 'questioning' || passageIdOf(annotation) !== id) continue;
      const text = annotation.body?.value ?? '';
      const words = annotation.target.selector[0].exact;
      // The same question, kept as the teacher's own layer and as a packet's copy, is shown once.
      const key = `${text}\u0000${words}`;
      if (text === '' || seen.has(annotation.id) || seen.has(key)) continue;
      seen.add(annotation.id).add(key);
      found.push({ id: annotation.id, text, words, layer: layer.title });
    }
  }
  return found;
}

export async function startPresentQuestions(column: HTMLElement, passageId: string): Promise<void> {
  try {
    if (localStorage.getItem(HAS_NOTES_FLAG) === null) return;
  } catch {
    return;
  }
  const questions = await questionsOn(passageId).catch(() => []);
  const toggle = document.querySelector<HTMLButtonElement>('[data-questions-toggle]');
  if (questions.length === 0 || !toggle) return;

  const count = document.createElement('p');
  count.className = 'present-question-count';
  const text = document.createElement('p');
  text.className = 'present-question-text';
  const words = document.createElement('p');
  words.className = 'present-question-words';
  const previous = document.createElement('button');
  previous.type = 'button';
  previous.textContent = 'Previous question';
  previous.setAttribute('aria-keyshortcuts', 'ArrowUp');
  const next = document.createElement('button');
  next.type = 'button';
  next.textContent = 'Next question';
  next.setAttribute('aria-keyshortcuts', 'ArrowDown');
  const buttons = document.createElement('p');
  buttons.className = 'present-question-moves';
  buttons.append(previous, ' ', next);
  const box = document.createElement('section');
  box.className = 'present-question';
  box.setAttribute('aria-live', 'polite');
  box.setAttribute('aria-label', 'Class question');
  box.hidden = true;
  box.append(count, text, words, buttons);
  column.prepend(box);

  let at = 0;
  let shown = false;
  const show = (index: number) => {
    at = Math.max(0, Math.min(questions.length - 1, index));
    const question = questions[at];
    if (!question) return;
    count.textContent = `Question ${at + 1} of ${questions.length} · ${question.layer}`;
    text.textContent = question.text;
    words.textContent = question.words ? `On the words “${question.words}”` : '';
    previous.disabled = at === 0;
    next.disabled = at === questions.length - 1;
    document.dispatchEvent(new Event('present:refit'));
  };
  const open = (showing: boolean) => {
    shown = showing;
    box.hidden = !shown;
    toggle.setAttribute('aria-pressed', String(shown));
    if (shown) show(at);
    else document.dispatchEvent(new Event('present:refit'));
  };
  toggle.textContent = `Questions (${questions.length}) `;
  const key = document.createElement('kbd');
  key.textContent = 'A';
  toggle.append(key);
  toggle.hidden = false;
  toggle.addEventListener('click', () => open(!shown));
  previous.addEventListener('click', () => show(at - 1));
  next.addEventListener('click', () => show(at + 1));
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    if (event.key === 'a' || event.key === 'A') {
      event.preventDefault();
      open(!shown);
    } else if (shown && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      show(at + (event.key === 'ArrowDown' ? 1 : -1));
    }
  });
}
