/*
 * ?handout=<id>,<id>: only those paragraphs, in the order the link gives them, under a heading that
 * names them; the text's citation and the handout's own link (with a QR code, drawn when the page
 * opens, for print) above them. A link made before handouts named ids (?handout=3,7-9) opens the
 * paragraphs those numbers were when it was made, and the handout's own link names their ids. A link
 * that cannot be read says why and leaves the whole text shown.
 */
import { chicagoBibliography, localIsoDate } from '../../lib/cite/citation.ts';
import {
  formatHandoutParam,
  formatParagraphList,
  type HandoutPage,
  type HandoutSelection,
  readHandoutParam,
  resolveHandout,
} from '../../lib/cite/handout.ts';
import { make } from '../make-element.ts';
import { numberOf, pageUrl } from './passages.ts';
import { renderRuns } from './render-citation.ts';
import { toolButton } from './tool-button.ts';
import type { Tools } from './tools.ts';

export async function showHandout({ data, passages, main }: Tools): Promise<void> {
  const param = new URLSearchParams(location.search).get('handout') ?? '';
  const header = main.querySelector('article > header');
  const selection = await select(
    param,
    { ids: new Set(passages.map((p) => p.id)), retired: data.retired },
    data.document,
  );
  const box = make('div', { className: 'handout' });
  const whole = make('a', { href: location.pathname }, 'Show the whole text');
  if (!selection.ok) {
    box.append(
      make('h2', {}, 'Handout'),
      make(
        'p',
        { role: 'alert' },
        `This handout link cannot be read: ${selection.message}. The whole text is shown below.`,
      ),
    );
    header?.after(box);
    return;
  }
  const byId = new Map(passages.map((passage) => [passage.id, passage]));
  const chosenPassages = selection.ids.flatMap((id) => byId.get(id) ?? []);
  const numbers = chosenPassages.map(numberOf);
  const chosen = new Set(chosenPassages);
  for (const passage of passages) passage.hidden = !chosen.has(passage);
  hideEmptySections(main);
  document.documentElement.classList.add('is-handout');
  const print = toolButton('Print');
  print.addEventListener('click', () => window.print());
  // The handout's own link, in its canonical form, so that the printed page leads back to it.
  const documentUrl = pageUrl();
  const handoutUrl = `${documentUrl}?handout=${formatHandoutParam(selection.ids)}`;
  const citation = chicagoBibliography({
    ...data,
    documentUrl,
    paragraph: 0,
    url: documentUrl,
    accessed: localIsoDate(new Date()),
  });
  const qr = make('div', { className: 'handout-qr' });
  // Printed only: a line for the student's name.
  const name = make('p', { className: 'handout-name', hidden: true }, 'Name:');
  box.append(
    name,
    make('h2', {}, `Handout: ¶ ${formatParagraphList(numbers)}`),
    make('p', { className: 'handout-cite' }, make('b', {}, 'Cite as: '), ...renderRuns(citation)),
    make(
      'p',
      { className: 'handout-link' },
      'This handout online: ',
      make('a', { href: handoutUrl }, handoutUrl),
    ),
    qr,
    make('p', { className: 'handout-do' }, print, ' ', whole),
  );
  header?.after(box);
  // The paragraphs in the order the teacher chose, after the box; their sections' headings stay
  // with the sections, hidden, since a reordered handout no longer follows them.
  if (numbers.some((n, i) => i > 0 && n < (numbers[i - 1] ?? 0))) {
    const ordered = make('div', { className: 'handout-passages' });
    ordered.append(...chosenPassages);
    box.after(ordered);
    hideEmptySections(main);
  }
  // The margin notes are placed again beside the paragraphs shown, in their new places.
  document.dispatchEvent(new Event('margin:relayout'));
  // The QR code's encoder loads only for a handout.
  import('../../lib/cite/qr-code.ts').then(async ({ qrCodeSvg }) => {
    qr.innerHTML = await qrCodeSvg(handoutUrl, 'handout-qr-code');
  });
}

/**
 * The paragraphs a ?handout= value names on this page. ¶ numbers are read through the numbering
 * frozen when handout links named numbers, whose file loads only for such a link.
 */
async function select(param: string, page: HandoutPage, document: string): Promise<HandoutSelection> {
  const request = readHandoutParam(param);
  if (!request.ok) return request;
  if (request.form === 'ids') return resolveHandout(request, page);
  const { default: frozen } = await import('../../../content/apparatus/handout-numbers.json');
  const numbered: Record<string, string[] | undefined> = frozen.documents;
  return resolveHandout(request, page, numbered[document] ?? []);
}

/** Hides the sections left with no paragraph shown. */
function hideEmptySections(main: HTMLElement): void {
  for (const section of main.querySelectorAll<HTMLElement>('article section')) {
    section.hidden = !section.querySelector('.passage:not([hidden])');
  }
}
