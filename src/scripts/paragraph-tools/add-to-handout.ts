/*
 * "Add to handout": puts the shown paragraph into the handout, or takes it out (the button is
 * pressed while it is in), and says what the handout now holds, with a button to show it.
 */
import { formatParagraphList } from '../../lib/cite/handout.ts';
import type { HandoutList } from './handout-list.ts';
import { numberOf } from './passages.ts';
import { toolButton } from './tool-button.ts';
import type { Tools } from './tools.ts';

export function addToHandoutButton(
  { toolbar, announce }: Tools,
  handout: HandoutList,
  openTray: () => void,
): HTMLButtonElement {
  const button = toolButton('Add to handout', { className: 'pt-h', 'aria-pressed': 'false' });
  const showPressed = (passage: HTMLElement) =>
    button.setAttribute('aria-pressed', String(handout.items.includes(numberOf(passage))));
  toolbar.onShow(showPressed);
  handout.onChange(() => {
    if (toolbar.active) showPressed(toolbar.active);
  });
  button.addEventListener('click', () => {
    if (!toolbar.active) return;
    const n = numberOf(toolbar.active);
    const adding = !handout.items.includes(n);
    if (adding) handout.items.push(n);
    else handout.items = handout.items.filter((m) => m !== n);
    handout.save();
    if (handout.items.length === 0) {
      announce(`¶ ${n} removed; the handout is empty.`);
      return;
    }
    const show = toolButton('Show handout');
    show.addEventListener('click', openTray);
    announce(`¶ ${n} ${adding ? 'added' : 'removed'}. Handout: ¶ ${formatParagraphList(handout.items)}.`, {
      dismissible: true,
      actions: [show],
    });
  });
  return button;
}
