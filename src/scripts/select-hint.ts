/*
 * A one-time hint on a document page of a touch screen, for a reader who has not yet made a note:
 * selecting words lets them highlight or write a note. With a mouse the paragraph tools show
 * themselves on hover; on a phone nothing would say so. Dismissed once, it does not come back.
 */
import enhancements from '../styles/enhancements.css?url';
import { make } from './make-element.ts';
import { loadStylesheet } from './stylesheet.ts';

export const HINT_SEEN = 'kirov-select-hint-seen';

export async function showSelectHint(article: HTMLElement): Promise<void> {
  await loadStylesheet(enhancements);
  const dismiss = make('button', { type: 'button', className: 'select-hint-close' }, 'Got it');
  const hint = make(
    'aside',
    { className: 'select-hint', 'aria-label': 'Tip' },
    make(
      'p',
      {},
      make('b', {}, 'Tip: '),
      'press and hold on a word, drag to select the words you want, then choose Highlight or Note below them.',
      ' Your notes stay on this device; find them under My notes.',
    ),
    dismiss,
  );
  dismiss.addEventListener('click', () => {
    try {
      localStorage.setItem(HINT_SEEN, '1');
    } catch {
      // Without storage the hint shows again next time.
    }
    hint.remove();
  });
  // After the first paragraph, not above it: the text's first words stay on the first screen.
  (article.querySelector('.passage') ?? article.querySelector(':scope > header'))?.after(hint);
}
