/*
 * The paragraph tools as one menu button (the WAI-ARIA APG "menu button" pattern), so that a
 * paragraph costs one Tab stop, not five: Enter, Space or ArrowDown opens the menu on its first
 * item (ArrowUp on its last); ArrowUp/Down, Home and End move; Escape closes it and gives the focus
 * back to the button; Tab moves on from the button's place (focusout closes the menu). Choosing an item closes the menu, and the focus
 * returns to the button unless the item took it elsewhere (the handout tray's dialog).
 */
import { make } from '../make-element.ts';
import { toolButton } from './tool-button.ts';

export class ToolsMenu {
  readonly button = toolButton('Tools', {
    className: 'pt-m',
    id: 'pt-m',
    'aria-haspopup': 'menu',
    'aria-expanded': 'false',
    'aria-controls': 'pt-menu',
  });
  readonly menu = make('div', { className: 'pt-menu', id: 'pt-menu', role: 'menu', hidden: true });

  constructor() {
    this.menu.setAttribute('aria-labelledby', 'pt-m');
    this.button.addEventListener('click', () => {
      if (this.isOpen()) this.close(true);
      else this.open(0);
    });
    this.button.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.open(event.key === 'ArrowDown' ? 0 : -1);
      }
    });
    this.menu.addEventListener('keydown', (event) => this.onMenuKey(event));
    // A chosen item (its own listener has run): the menu closes, the focus goes back to the button
    // unless the item moved it (a dialog it opened).
    this.menu.addEventListener('click', (event) => {
      if (!(event.target instanceof Element) || !event.target.closest('[role^="menuitem"]')) return;
      const focusInMenu =
        this.menu.contains(document.activeElement) || document.activeElement === document.body;
      this.close(focusInMenu);
    });
    // The focus or a click going anywhere else closes it.
    this.menu.addEventListener('focusout', (event) => {
      const to = event.relatedTarget;
      if (to instanceof Node && (this.menu.contains(to) || to === this.button)) return;
      this.close(false);
    });
    document.addEventListener('pointerdown', (event) => {
      const at = event.target;
      if (this.isOpen() && at instanceof Node && !this.menu.contains(at) && !this.button.contains(at))
        this.close(false);
    });
  }

  /** Adds items, in the order they are added: each is a menu item, reached by the arrows, not by Tab. */
  add(...items: HTMLElement[]): void {
    for (const item of items) {
      if (!item.getAttribute('role')) item.setAttribute('role', 'menuitem');
      item.tabIndex = -1;
    }
    this.menu.append(...items);
  }

  isOpen(): boolean {
    return !this.menu.hidden;
  }

  /** Sets the name the button and the menu are known by ("Tools for ¶ 6"). */
  name(label: string): void {
    this.button.setAttribute('aria-label', label);
  }

  /** Opens the menu with the focus on its item at `index` (-1: the last). */
  open(index: number): void {
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.items().at(index)?.focus();
  }

  close(returnFocus: boolean): void {
    if (!this.isOpen()) return;
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.button.focus();
  }

  private items(): HTMLElement[] {
    return [...this.menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')].filter(
      (item) => !item.hidden && !(item as HTMLButtonElement).disabled,
    );
  }

  private onMenuKey(event: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(document.activeElement as HTMLElement);
    // Where each key moves the focus; Escape and Space are handled apart.
    const to: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: -1 };
    const index = to[event.key];
    if (index !== undefined) {
      event.preventDefault();
      items.at(index % items.length)?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    } else if (event.key === ' ' && document.activeElement instanceof HTMLAnchorElement) {
      // Space chooses a link item as Enter does (a button item does so by itself).
      event.preventDefault();
      document.activeElement.click();
    }
  }
}
