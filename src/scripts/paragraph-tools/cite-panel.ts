/*
 * "Cite": the shown passage's citations (Chicago note and bibliography, MLA works cited and
 * in-text) in a panel right after the toolbar, each with a button that copies it (with its italics
 * where the paste target takes HTML). Escape closes the panel and gives the focus back to the tools.
 */
import { htmlCitation, localIsoDate, passageCitations, plainCitation } from '../../lib/cite/citation.ts';
import { make } from '../make-element.ts';
import { numberOf, pageUrl, urlOf } from './passages.ts';
import { renderRuns } from './render-citation.ts';
import { toolButton } from './tool-button.ts';
import type { Tools } from './tools.ts';

export function citeButton({ data, toolbar, copy }: Tools): HTMLButtonElement {
  const button = toolButton('Cite', { 'aria-expanded': 'false', 'aria-controls': 'pt-cite' });
  const panel = make('div', { className: 'pt-cite', id: 'pt-cite' });
  toolbar.addPanel(panel);

  const close = () => {
    button.setAttribute('aria-expanded', 'false');
    panel.remove();
  };
  const open = (passage: HTMLElement) => {
    const citations = passageCitations({
      ...data,
      documentUrl: pageUrl(),
      paragraph: numberOf(passage),
      url: urlOf(passage),
      accessed: localIsoDate(new Date()),
    });
    panel.replaceChildren(
      ...citations.map(({ label: style, runs }) => {
        const text = plainCitation(runs);
        const copyButton = toolButton('Copy', { 'aria-label': `Copy the ${style} citation` });
        copyButton.addEventListener('click', () =>
          copy(text, `${style} citation copied`, htmlCitation(runs)),
        );
        return make(
          'p',
          {},
          make('b', {}, style),
          ' ',
          make('span', { className: 'pt-c' }, ...renderRuns(runs)),
          ' ',
          copyButton,
        );
      }),
    );
    toolbar.element.after(panel);
    button.setAttribute('aria-expanded', 'true');
    panel.scrollIntoView({ block: 'nearest' });
  };

  toolbar.onLeave(close);
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-expanded') === 'true') close();
    else if (toolbar.active) open(toolbar.active);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && panel.isConnected) {
      close();
      // Back to Cite, or to the Tools button whose menu holds it, folded.
      (button.checkVisibility() ? button : toolbar.menu.button).focus();
    }
  });
  return button;
}
