/**
 * The byte budgets of the built site. Bytes are deterministic, so the site checks assert them
 * (tests/site/budgets.test.ts) and the benchmark prints them beside the measured figures.
 *
 * The reader page's ratio has a goal and a ceiling. The goal, 1.5, is what we promise: a page close
 * to the size of its own words. The ceiling is what CI enforces today; it sits just above the
 * current figure so that nothing can make the page heavier unnoticed, and it is lowered, never
 * raised, as the page is trimmed (see the README's "Budgets" for what the gap is made of).
 */
export const BUDGETS = {
  /** Critical bytes (gzip) of the reader page divided by the gzip of its visible text: the goal. */
  readerRatioGoal: 1.5,
  /** The same ratio as CI enforces it today. */
  readerRatioCeiling: 1.65,
  /**
   * Critical bytes of the reader page, gzip: HTML, render-blocking CSS, parser-blocking JS. It grows with
   * the notes (their words are the page's text too); the ratio above is what keeps the page lean. The
   * reading page's own controls added some 300 bytes: the caveats folded into one line, "+N" after
   * three date marks, the rail's sticky heading and whole top item, the places of the search box and
   * the dark-mode switch kept before their script shows them, the ¶ number a 24 px target (37.56 KB at
   * the root; under a sub-path every address is longer, some 50 bytes more).
   */
  readerCriticalGzip: 37_650,
  /** JavaScript needed to read any page: parser-blocking scripts, inline or fetched. */
  blockingJs: 0,
  /**
   * Scripts every page loads after it is readable (module scripts and their static imports), gzip: the
   * search box as a combobox, the class packet's header link and the selection hint came with 8.1 KB;
   * the margin's measure of a closed note that holds in Firefox too, 8.35 KB; a paragraph's dates and
   * its notes' words as one Tab stop each, crossed by the arrow keys (roving-group.ts), 9,189 bytes;
   * search results drawn as each arrives, 9,232. Under a sub-path every address in them is longer: some
   * 25–40 bytes more.
   */
  enhancementJsGzip: 9_300,
  /**
   * The whole dist/ folder, raw bytes: what a mirror must hold (the service worker keeps at most its
   * own budget of it). 2.13 MB at the root, about 50 KB more under a sub-path (every address longer);
   * Pagefind's own search interfaces (~420 KB), which no page loads, are not published.
   */
  distBytes: 2_250_000,
} as const;
