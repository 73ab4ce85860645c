/*
 * The handout being put together from this page: paragraph ids in the teacher's order, kept on this
 * device (localStorage) so that a lesson prepared today is still there tomorrow. Another tab of
 * the page may change it too. Whoever shows it (the tray, its button) hears of each change.
 */
export class HandoutList {
  private readonly key = `kirov-handout:${location.pathname}`;
  private readonly listeners: (() => void)[] = [];
  /** The paragraph ids, in the handout's order. */
  items: string[];

  /**
   * `live` gives the id of a paragraph of this page a stored item names, or null: an id (retired ids
   * lead to their successors) or, as handouts were kept before they named ids, a ¶ number.
   */
  private readonly live: (item: string | number) => string | null;

  constructor(live: (item: string | number) => string | null) {
    this.live = live;
    this.items = this.read();
    window.addEventListener('storage', (event) => {
      if (event.key !== this.key) return;
      this.items = this.read();
      this.notify();
    });
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Keeps the list on the device and tells whoever shows it. */
  save(): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.items));
    } catch {
      // Without storage the handout lasts as long as the page.
    }
    this.notify();
  }

  /** Tells whoever shows the list what it holds now. */
  notify(): void {
    for (const listener of this.listeners) listener();
  }

  private read(): string[] {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) ?? '[]') as unknown;
      if (!Array.isArray(stored)) return [];
      const ids = stored
        .filter((item): item is string | number => typeof item === 'string' || Number.isInteger(item))
        .map((item) => this.live(item))
        .filter((id): id is string => id !== null);
      return [...new Set(ids)];
    } catch {
      return [];
    }
  }
}
