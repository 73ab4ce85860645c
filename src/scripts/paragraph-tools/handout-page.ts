/*
 * ?handout=3,7-9: only those paragraphs, in the order the link gives them, under a heading that names
 * them; the text's citation and the handout's own link (with a QR code, drawn when the page opens,
 * for print) above them. A link that cannot be read says why and leaves the whole text shown.
 */
import { chicagoBibliography, localIsoDate } from '../../lib/cite/citation.ts';
import { formatHandoutParam, formatParagraphList, parseHandout } from '../../lib/cite/handout.ts';
import { make } from '../make-element.ts';
import { numberOf, pageUrl } from './passages.ts';
import { renderRuns } from './render-citation.ts';
import { toolButton } from './tool-button.ts';
import type { Tools } from './tools.ts';

export function showHandout({ data, passages, main }: Tools): void {
  const param = new URLSearchParams(location.search).get('handout') ?? '';
  const header = main.querySelector('article > header');
  const last = Math.max(0, ...passages.map(numberOf));
  const selection = parseHandout(param, last);
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
  const chosen = new Set(selection.paragraphs);
  for (const passage of passages) passage.hidden = !chosen.has(numberOf(passage));
  hideEmptySections(main);
  document.documentElement.classList.add('is-handout');
  const print = toolButton('Print');
  print.addEventListener('click', () => window.print());
  // The handout's own link, in its canonical form, so that the printed page leads back to it.
  const documentUrl = pageUrl();
  const handoutUrl = `${documentUrl}?handout=${formatHandoutParam(selection.paragraphs)}`;
  const citation = chicagoBibliography({
    ...data,
    documentUrl,
    paragraph: 0,
    url: documentUrl,
    accessed: localIsoDate(new Date()),
  });
  const qr = make('div', { className: 'handout-qr' });
  box.append(
    make('h2', {}, `Handout: ¶ ${formatParagraphList(selection.paragraphs)}`),
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
  if (selection.paragraphs.some((n, i, all) => i > 0 && n < (all[i - 1] ?? 0))) {
    const ordered = make('div', { className: 'handout-passages' });
    for (const n of selection.paragraphs) {
      const passage = passages.find((p) => numberOf(p) === n);
      if (passage) ordered.append(passage);
    }
    box.after(ordered);
    hideEmptySections(main);
    // The margin notes are placed again for the paragraphs' new places.
    document.dispatchEvent(new Event('margin:relayout'));
  }
  // The QR code's encoder loads only for a handout.
  import('../../lib/cite/qr-code.ts').then(async ({ qrCodeSvg }) => {
    qr.innerHTML = await qrCodeSvg(handoutUrl, 'handout-qr-code');
  });
}

/** Hides the sections left with no paragraph shown. */
function hideEmptySections(main: HTMLElement): void {
  for (const section of main.querySelectorAll<HTMLElement>('article section')) {
    section.hidden = !section.querySelector('.passage:not([hidden])');
  }
}
