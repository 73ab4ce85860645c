/*
 * "Handout (n)" and its tray: a dialog listing the handout's paragraphs, to reorder or remove them,
 * open the handout (?handout=…) and print it, or clear it. After a move or a removal the focus stays
 * with the paragraph moved, or goes to the list's next item.
 */
import { formatHandoutParam } from '../../lib/cite/handout.ts';
import { make } from '../make-element.ts';
import type { HandoutList } from './handout-list.ts';
import { numberOf } from './passages.ts';
import { toolButton } from './tool-button.ts';
import type { Tools } from './tools.ts';

export function handoutTray(
  { passages, announce }: Tools,
  handout: HandoutList,
): { button: HTMLButtonElement; open: () => void } {
  const button = toolButton('Handout (0)', { className: 'pt-tray', 'aria-haspopup': 'dialog' });
  const tray = make('dialog', { className: 'pt-tray-box', 'aria-labelledby': 'pt-tray-h' });
  const list = make('ol', { className: 'pt-tray-list' });
  const empty = make('p', {}, 'No paragraphs yet. Add them with “Add to handout” in a paragraph’s tools.');
  const openLink = make('a', { className: 'pt-b' }, 'Open handout');
  const clear = toolButton('Clear');
  const close = toolButton('Close');
  tray.append(
    make('h2', { id: 'pt-tray-h' }, 'Handout'),
    empty,
    list,
    make('p', { className: 'pt-tray-do' }, openLink, ' ', clear, ' ', close),
  );
  document.body.append(tray);
  const passageById = new Map(passages.map((passage) => [passage.id, passage]));

  /** One paragraph of the list: its number, its opening words, and Move up, Move down, Remove. */
  const item = (id: string, index: number): HTMLLIElement => {
    const passage = passageById.get(id);
    const n = passage ? numberOf(passage) : 0;
    const words = passage?.querySelector(':scope > p')?.textContent?.trim() ?? '';
    const opening = words.length > 60 ? `${words.slice(0, 60).replace(/\s+\S*$/u, '')}…` : words;
    const action = (name: string, text: string, disabled: boolean, run: () => void) => {
      const actionButton = toolButton(text, { disabled, 'aria-label': `${name} ¶ ${n}` });
      actionButton.dataset.action = name;
      actionButton.addEventListener('click', () => {
        run();
        handout.save();
        fill({ id, action: name });
      });
      return actionButton;
    };
    const move = (by: number) => () => {
      handout.items.splice(index, 1);
      handout.items.splice(index + by, 0, id);
    };
    const li = make(
      'li',
      {},
      make('b', {}, `¶ ${n}`),
      ' ',
      make('span', {}, opening),
      ' ',
      action('Move up', '↑', index === 0, move(-1)),
      action('Move down', '↓', index === handout.items.length - 1, move(1)),
      action('Remove', 'Remove', false, () => {
        handout.items.splice(index, 1);
      }),
    );
    li.dataset.id = id;
    return li;
  };

  function fill(focusAfter?: { id: string; action: string }): void {
    const { items } = handout;
    empty.hidden = items.length > 0;
    openLink.hidden = items.length === 0;
    clear.hidden = items.length === 0;
    openLink.href = `${location.pathname}?handout=${formatHandoutParam(items)}`;
    list.replaceChildren(...items.map(item));
    if (focusAfter) {
      // Focus stays with the paragraph just moved, or goes to the list's next item after a removal.
      const moved = [...list.children].find(
        (li): li is HTMLElement => li instanceof HTMLElement && li.dataset.id === focusAfter.id,
      );
      const target =
        moved?.querySelector<HTMLButtonElement>(
          `button[data-action="${focusAfter.action}"]:not(:disabled)`,
        ) ??
        moved?.querySelector<HTMLButtonElement>('button:not(:disabled)') ??
        list.querySelector<HTMLButtonElement>('button:not(:disabled)') ??
        close;
      target.focus();
    }
  }
  const open = (): void => {
    fill();
    tray.showModal();
  };

  handout.onChange(() => {
    button.textContent = `Handout (${handout.items.length})`;
    if (tray.open) fill();
  });
  button.addEventListener('click', open);
  close.addEventListener('click', () => tray.close());
  clear.addEventListener('click', () => {
    handout.items = [];
    handout.save();
    close.focus();
    announce('The handout is empty.');
  });
  return { button, open };
}
