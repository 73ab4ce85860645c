/*
 * The small interface the cross-engine suite drives every browser through, so that one test source
 * runs in Chromium (playwright-core), Firefox (puppeteer-core over WebDriver BiDi) and WebKit
 * (WebKitGTK's MiniBrowser through WebKitGTK's WebDriver). It offers only what a reader does, and what
 * the three protocols all do the same way: open an address in a window of a given size, click, type,
 * press a key, reload, and run a function in the page to read what it shows.
 */

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/** The keys a reader presses in the suite. */
export type Key = 'Tab' | 'Enter' | 'Escape' | ' ';

/** One window on a fresh profile (no storage, no service worker, no notes) with one page in it. */
export interface Tab {
  /** Brings the window to the front, goes to an address and resolves once its load event has fired. */
  goto(url: string): Promise<void>;
  /** Reloads the page and resolves once its load event has fired. */
  reload(): Promise<void>;
  /** The page's address now. */
  url(): Promise<string>;
  /**
   * Runs `fn` in the page with `arg` and resolves with what it returns (awaited): plain data only. `fn`
   * is sent as its source text, so it may use nothing from the test's scope but `arg`.
   */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Scrolls the first element matching `selector` into view and clicks its centre, as a pointer does. */
  click(selector: string): Promise<void>;
  /** Types `text` into the first element matching `selector`, key by key. */
  type(selector: string, text: string): Promise<void>;
  /** Presses and releases a key on whatever has the focus. */
  press(key: Key): Promise<void>;
  /** A PNG of the window's viewport. */
  screenshot(): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface Engine {
  readonly name: EngineName;
  /** A new window on a fresh profile whose viewport is `width` × `height` CSS px, showing `url`. */
  open(url: string, size: { width: number; height: number }): Promise<Tab>;
  /** Closes every window and the browser, and stops any driver process. */
  close(): Promise<void>;
}

/** What runs in the page: the function's source, called with its argument. */
export function pageScript(fn: (arg: never) => unknown): string {
  return `(${fn.toString()})`;
}
