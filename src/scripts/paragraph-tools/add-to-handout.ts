/*
 * "Add to handout": puts the shown paragraph into the handout, or takes it out (a menu item
 * checked while it is in), and says what the handout now holds, with a button to show it.
 */
import { formatParagraphList } from '../../lib/cite/handout.ts';
import type { HandoutList } from './handout-list.ts';
import { numberOf } from './passages.ts';
import { toolButton } from './tool-button.ts';
import type { Tools } from './tools.ts';

export function addToHandoutButton(
  { toolbar, announce, passages }: Tools,
  handout: HandoutList,
  openTray: () => void,
): HTMLButtonElement {
  const numberById = new Map(passages.map((passage) => [passage.id, numberOf(passage)]));
  const numbers = (ids: readonly string[]) => ids.map((id) => numberById.get(id) ?? 0);
  const button = toolButton('Add to handout', {
    className: 'pt-h',
    role: 'menuitemcheckbox',
    'aria-checked': 'false',
  });
  const showPressed = (passage: HTMLElement) =>
    button.setAttribute('aria-checked', String(handout.items.includes(passage.id)));
  toolbar.onShow(showPressed);
  handout.onChange(() => {
    if (toolbar.active) showPressed(toolbar.active);
  });
  button.addEventListener('click', () => {
    if (!toolbar.active) return;
    const { id } = toolbar.active;
    const n = numberOf(toolbar.active);
    const adding = !handout.items.includes(id);
    if (adding) handout.items.push(id);
    else handout.items = handout.items.filter((item) => item !== id);
    handout.save();
    if (handout.items.length === 0) {
      announce(`¶ ${n} removed; the handout is empty.`);
      return;
    }
    const show = toolButton('Show handout');
    show.addEventListener('click', openTray);
    announce(
      `¶ ${n} ${adding ? 'added' : 'removed'}. Handout: ¶ ${formatParagraphList(numbers(handout.items))}.`,
      {
        dismissible: true,
        actions: [show],
      },
    );
  });
  return button;
}
