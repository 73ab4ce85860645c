/*
 * The handout being put together from this page: ¶ numbers in the teacher's order, kept on this
 * device (localStorage) so that a lesson prepared today is still there tomorrow. Another tab of
 * the page may change it too. Whoever shows it (the tray, its button) hears of each change.
 */
export class HandoutList {
  private readonly key = `kirov-handout:${location.pathname}`;
  private readonly listeners: (() => void)[] = [];
  /** The ¶ numbers, in the handout's order. */
  items: number[] = this.read();

  constructor() {
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

  private read(): number[] {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) ?? '[]') as unknown;
      return Array.isArray(stored)
        ? [...new Set(stored.filter((n): n is number => Number.isInteger(n)))]
        : [];
    } catch {
      return [];
    }
  }
}
