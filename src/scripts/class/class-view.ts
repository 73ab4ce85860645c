/*
 * The teacher's class view (src/pages/class/): many hand-in files at once (a file picker that takes
 * several, drag and drop, paste), one row per student and one column per question, each answer a
 * link to its words; a student's later hand-in replaces the earlier; a file from another packet or
 * edition is named and set aside. The table exports as CSV and prints. The files are read here,
 * in the browser: nothing is sent, nothing is stored.
 */

import { textFragmentUrl } from '../../lib/cite/text-fragment.ts';
import {
  addHandIn,
  type ClassTable,
  classCsv,
  classRows,
  emptyTable,
  type Outcome,
} from '../../lib/class/class-table.ts';
import { parseHandIn } from '../../lib/class/read-hand-in.ts';
import { make } from '../make-element.ts';
import { markTeacherDevice } from './teacher-flag.ts';

const app = document.getElementById('class-view-app');
const article = app?.closest<HTMLElement>('article');
if (app && article) start(app, article);

function start(app: HTMLElement, article: HTMLElement): void {
  markTeacherDevice();
  for (const item of document.querySelectorAll<HTMLElement>('[data-teacher-only]')) item.hidden = false;
  article.querySelector('.cv-nojs')?.remove();
  const edition = article.dataset.edition ?? '';
  const table = emptyTable();
  const live = make('p', { className: 'cv-live', role: 'status' });
  const input = make('input', {
    type: 'file',
    multiple: true,
    accept: '.html,.htm,.json,text/html,application/json,application/ld+json',
  });
  const pick = make('label', { className: 'cv-pick' }, 'Choose hand-in files…', input);
  const drop = make(
    'div',
    { className: 'cv-drop' },
    make('p', {}, pick),
    make('p', {}, 'or drop them here, or paste (Ctrl+V, ⌘V) files or a hand-in’s text.'),
  );
  const summary = make('div', { className: 'cv-summary' });
  const wrap = make('div', { className: 'cv-wrap' });
  const csv = make('button', { type: 'button' }, 'Export CSV');
  const print = make('button', { type: 'button' }, 'Print');
  const clear = make('button', { type: 'button' }, 'Start again');
  const actions = make('p', { className: 'cv-actions' }, csv, ' ', print, ' ', clear);
  const aside = make('div', { className: 'cv-aside' });
  actions.hidden = true;
  app.replaceChildren(drop, live, summary, actions, wrap, aside);

  const take = async (sources: { name: string; text: () => Promise<string> }[]) => {
    performance.mark('class-view:start');
    const outcomes: Record<Outcome, number> = { added: 0, replaced: 0, 'kept-later': 0, 'set-aside': 0 };
    const errors: string[] = [];
    for (const source of sources) {
      try {
        const handIn = parseHandIn(await source.text(), source.name);
        outcomes[addHandIn(table, handIn, source.name, edition)]++;
      } catch (error) {
        table.setAside.push({
          file: source.name,
          reason: (error as Error).message.replace(`${source.name}: `, ''),
        });
        errors.push(source.name);
        outcomes['set-aside']++;
      }
    }
    draw();
    // From the files given to the table drawn: what `npm run bench` reports for a class of 30.
    performance.measure('class-view:render', 'class-view:start');
    const said = [
      outcomes.added && `${outcomes.added} added`,
      outcomes.replaced && `${outcomes.replaced} replaced an earlier hand-in`,
      outcomes['kept-later'] && `${outcomes['kept-later']} older than the hand-in kept`,
      outcomes['set-aside'] && `${outcomes['set-aside']} set aside (listed below the table)`,
    ].filter(Boolean);
    live.textContent = `Read ${sources.length} ${sources.length === 1 ? 'file' : 'files'}: ${said.join(', ')}.`;
  };

  const draw = () => drawTable(table, summary, wrap, aside, actions);

  input.addEventListener('change', async () => {
    await take([...(input.files ?? [])].map((file) => ({ name: file.name, text: () => file.text() })));
    input.value = '';
  });
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('is-over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('is-over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('is-over');
    const files = [...(event.dataTransfer?.files ?? [])];
    take(files.map((file) => ({ name: file.name, text: () => file.text() })));
  });
  document.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files ?? [])];
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (files.length > 0) take(files.map((file) => ({ name: file.name, text: () => file.text() })));
    else if (text.trim()) take([{ name: 'pasted text', text: async () => text }]);
    else return;
    event.preventDefault();
  });
  csv.addEventListener('click', () => {
    const blob = new Blob([classCsv(table)], { type: 'text/csv' });
    const link = make('a', {
      href: URL.createObjectURL(blob),
      download: `${(table.packet?.title ?? 'class').replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}-answers.csv`,
    });
    document.body.append(link);
    link.click();
    link.remove();
  });
  print.addEventListener('click', () => window.print());
  clear.addEventListener('click', () => {
    Object.assign(table, emptyTable());
    live.textContent = 'The table is empty again.';
    draw();
  });
}

/** The link to an answer's words: its paragraph, with a text directive for the words themselves. */
function wordsLink(source: string, exact: string): string {
  return textFragmentUrl(source, { start: exact.replace(/\s+/g, ' ').trim() });
}

export function drawTable(
  table: ClassTable,
  summary: HTMLElement,
  wrap: HTMLElement,
  aside: HTMLElement,
  actions: HTMLElement,
): void {
  const rows = classRows(table);
  actions.hidden = rows.length === 0;
  summary.replaceChildren();
  wrap.replaceChildren();
  if (table.packet) {
    summary.append(
      make('h2', {}, table.packet.title),
      make(
        'p',
        {},
        `${rows.length} ${rows.length === 1 ? 'student' : 'students'}, ${table.questions.length} ${table.questions.length === 1 ? 'question' : 'questions'}${table.packet.teacher ? ` · ${table.packet.teacher}` : ''}`,
      ),
    );
  }
  if (rows.length > 0) {
    const head = make(
      'tr',
      {},
      make('th', { scope: 'col' }, 'Student'),
      ...table.questions.map((q, i) =>
        make(
          'th',
          { scope: 'col', title: q.text },
          make('span', {}, `Q${i + 1}`),
          make('br'),
          make('small', {}, q.text),
        ),
      ),
    );
    const body = rows.map((row) =>
      make(
        'tr',
        {},
        make(
          'th',
          { scope: 'row' },
          row.student,
          make('br'),
          make('small', {}, `${row.answers.filter(Boolean).length} of ${table.questions.length} answered`),
        ),
        ...row.answers.map((answer) =>
          answer
            ? make('td', {}, make('a', { href: wordsLink(answer.source, answer.exact) }, answer.text))
            : make(
                'td',
                { className: 'cv-none' },
                '—',
                make('span', { className: 'visually-hidden' }, 'not answered'),
              ),
        ),
      ),
    );
    wrap.append(
      make(
        'table',
        { className: 'cv-table' },
        make(
          'caption',
          { className: 'visually-hidden' },
          'Answers: a row per student, a column per question',
        ),
        make('thead', {}, head),
        make('tbody', {}, ...body),
      ),
    );
  }
  aside.replaceChildren();
  if (table.setAside.length > 0) {
    aside.append(
      make('h2', {}, 'Set aside'),
      make(
        'ul',
        { className: 'cv-set-aside' },
        ...table.setAside.map((item) => make('li', {}, make('b', {}, item.file), `: ${item.reason}`)),
      ),
    );
  }
}
