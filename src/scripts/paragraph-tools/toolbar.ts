/*
 * The one toolbar of the paragraph tools, moved into the passage in use (after its ¶ number): a
 * "Tools" menu button (tools-menu.ts), and on a phone a Close button and the ¶ number. Each tool
 * adds its control to the menu with `add`, hears of a newly shown passage with `onShow`, and closes
 * what it opened with `onLeave`; a panel hanging after the toolbar (the citations) is registered
 * with `addPanel`, so that the tools hold still while it is open. On a phone, Close and Tools are
 * one Tab stop (the APG toolbar pattern): Tab comes to Tools, ←/→ to Close.
 */
import { make } from '../make-element.ts';
import { type RovingGroup, rovingGroup } from '../roving-group.ts';
import { numberOf } from './passages.ts';
import { toolButton } from './tool-button.ts';
import { ToolsMenu } from './tools-menu.ts';

export class Toolbar {
  readonly element = make('div', { className: 'pt', role: 'toolbar' });
  readonly menu = new ToolsMenu();
  /** The passage the tools are shown for, or null while they are closed. */
  active: HTMLElement | null = null;
  private readonly label = make('span', { className: 'pt-n', 'aria-hidden': 'true' });
  private readonly stops: RovingGroup;
  private readonly wide: MediaQueryList;
  private readonly panels: HTMLElement[] = [];
  private readonly shown: ((passage: HTMLElement) => void)[] = [];
  private readonly left: (() => void)[] = [];
  /** Set while Close gives the focus back to the ¶ number, which must not summon the tools again. */
  private closing = false;
  /** The passage lengthened to hold the tools, if any. */
  private roomy: HTMLElement | null = null;

  constructor(wide: MediaQueryList) {
    this.wide = wide;
    // Close comes first, at the start of the phone's bar.
    const close = toolButton('×', { className: 'pt-x', 'aria-label': 'Close the paragraph tools' });
    close.addEventListener('click', () => this.close());
    this.element.append(close, this.label, this.menu.button, this.menu.menu);
    // ↑/↓ are the menu button's, which open its menu.
    this.stops = rovingGroup({ entries: [close, this.menu.button], arrows: 'horizontal' });
    this.stops.reset(this.menu.button);
    // From 52rem Close is not shown: Tools must be the stop.
    wide.addEventListener('change', () => this.stops.reset(this.menu.button));
  }

  /** Adds controls to the menu, in the order they are added. */
  add(...controls: HTMLElement[]): void {
    this.menu.add(...controls);
  }

  addPanel(panel: HTMLElement): void {
    this.panels.push(panel);
  }

  onShow(update: (passage: HTMLElement) => void): void {
    this.shown.push(update);
  }

  onLeave(close: () => void): void {
    this.left.push(close);
  }

  /** Whether a node is in the tools: the toolbar or a panel of theirs. */
  holds(node: Node): boolean {
    return this.element.contains(node) || this.panels.some((panel) => panel.contains(node));
  }

  /** Whether the menu or a panel of the tools is open. */
  panelOpen(): boolean {
    return this.menu.isOpen() || this.panels.some((panel) => panel.isConnected);
  }

  /** Shows the tools for `passage` (nothing while they are closing, or for no passage). */
  activate(passage: HTMLElement | null | undefined): void {
    if (!passage || this.closing || passage === this.active) return;
    for (const leave of this.left) leave();
    this.menu.close(false);
    this.active = passage;
    const n = numberOf(passage);
    this.label.textContent = `¶ ${n}`;
    this.element.setAttribute('aria-label', `Tools for ¶ ${n}`);
    this.menu.name(`Tools for ¶ ${n}`);
    for (const show of this.shown) show(passage);
    this.element.classList.remove('is-open');
    this.stops.reset(this.menu.button);
    passage.querySelector(':scope > .pn')?.after(this.element);
    this.makeRoom(passage);
  }

  /**
   * Closed, the tools leave the page until they are summoned again (pointer, focus, a link); focus
   * goes back to the ¶ number without summoning them at once.
   */
  close(): void {
    for (const leave of this.left) leave();
    this.menu.close(false);
    this.closing = true;
    this.active?.querySelector<HTMLElement>(':scope > .pn')?.focus();
    this.closing = false;
    this.element.remove();
    this.makeRoom(null);
    this.active = null;
  }

  /**
   * From 52rem the tools hang in the gutter under the ¶ number; a paragraph shorter than they are
   * is lengthened while they are shown, so that they never cover the next paragraph's ¶ number.
   */
  private makeRoom(passage: HTMLElement | null): void {
    const was = this.roomy;
    if (this.roomy) this.roomy.style.minHeight = '';
    this.roomy = null;
    if (passage && this.wide.matches) {
      const needed = this.element.offsetTop + this.element.offsetHeight;
      if (needed > passage.offsetHeight) {
        passage.style.minHeight = `${needed}px`;
        this.roomy = passage;
      }
    }
    // The words below a lengthened (or restored) paragraph move: their notes follow them.
    if (was || this.roomy) document.dispatchEvent(new Event('margin:relayout'));
  }
}
