import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { layerLink } from '../../src/lib/reader-notes/class-layer.ts';
import {
  essayAndObituary,
  passageNumbered,
  passagesOf,
  readAnnotationFiles,
  type StaticSite,
  serveDist,
  siteAt,
} from '../e2e/site.ts';
import { marginFigures, marginInPage, NEAR_PX } from '../e2e/support/margin-notes.ts';
import { screenshotDir, screenshots } from '../e2e/support/screenshots.ts';
import { type Engine, engineName, launchEngine, type Tab } from './drivers/index.ts';
import { differingPixels } from './pixels.ts';

/*
 * The reader's core tasks in Chromium, Firefox and WebKit: one source, run once per engine by the
 * engine projects of vitest.config.ts (`npm run test:engines`), through the small driver interface of
 * drivers/engine.ts. Each test opens the built site as a reader would (a click is a pointer's click, a
 * key a key press) and reads what the page shows; the Chromium-only browser tests in tests/e2e go into
 * each feature's detail. A test that keeps something on the device (a highlight, a class layer) opens
 * a window on a fresh profile, whose storage holds nothing else; the tests that only read share one
 * window for each width, and go to their page in it, as a reader returning to the site does (a new
 * window is a new browser in WebKit, seconds on a loaded machine, and each first visit installs the
 * offline worker again). A failed test leaves a screenshot of its window in test-results/engines/.
 */

const name = engineName();

const { essay } = essayAndObituary();
const essayIds = new Set(passagesOf(essay.id).map((passage) => passage.id));
const essayNotes = readAnnotationFiles().filter((note) => essayIds.has(note.data.target.passage));

/** A paragraph with an edition note on its words, and the note. */
const NOTED = 'zinoviev-and-kamenev-are-no-fools';
const NOTE = 'note-zinoviev';

let engine: Engine;
let site: StaticSite;
/** The windows on a fresh profile that the running test opened, which close after it. */
const tabs: Tab[] = [];
/** The window of each width that the reading tests share, open until the end of the file. */
const sharedTabs = new Map<number, Promise<Tab>>();
/** The window the running test used last: the one a failure's screenshot shows. */
let lastUsed: Tab | undefined;

beforeAll(async () => {
  const shared = inject('builtSiteOrigin');
  site = shared ? siteAt(shared) : await serveDist();
  engine = await launchEngine(name);
}, 90_000);

afterEach(async ({ task }) => {
  const opened = tabs.splice(0);
  const shown = lastUsed;
  lastUsed = undefined;
  if (task.result?.state === 'fail' && shown) {
    const folder = join('test-results', 'engines');
    mkdirSync(folder, { recursive: true });
    const shot = await shown.screenshot().catch(() => undefined);
    if (shot) writeFileSync(join(folder, `${name}-${task.name.replace(/\W+/gu, '-')}.png`), shot);
  }
  for (const tab of opened) await tab.close();
});

afterAll(async () => {
  await engine?.close();
  await site?.close();
});

const addressOf = (path: string, server: StaticSite) => (path.startsWith('http') ? path : server.url(path));

/** Opens a site path (or a whole address) in a new window on a fresh profile, `width` × 900 px. */
async function openFresh(path: string, width: number): Promise<Tab> {
  const tab = await engine.open(addressOf(path, site), { width, height: 900 });
  tabs.push(tab);
  lastUsed = tab;
  return tab;
}

/**
 * Goes to a site path (or a whole address) in the shared window `width` × 900 px, opened on first
 * use. Going to the page loads it whole, wherever the window was before.
 */
async function open(path: string, width: number, server: StaticSite = site): Promise<Tab> {
  const address = addressOf(path, server);
  let shared = sharedTabs.get(width);
  if (!shared) {
    shared = engine.open(address, { width, height: 900 });
    sharedTabs.set(width, shared);
    // A window that failed to open is opened afresh by the next test that wants it.
    shared.catch(() => sharedTabs.delete(width));
    lastUsed = await shared;
  } else {
    lastUsed = await shared;
    await lastUsed.goto(address);
  }
  return lastUsed;
}

/** Polls what the page shows until it matches, as the e2e tests do (vitest.config.ts sets the timeout). */
function until<R, A>(tab: Tab, fn: (arg: A) => R | Promise<R>, arg?: A) {
  return expect.poll(() => tab.evaluate(fn, arg));
}

/** Once the margin notes are placed or folded, the fonts loaded and two frames drawn. */
async function notesSettled(tab: Tab): Promise<void> {
  await until(tab, () =>
    document.documentElement.matches('.notes-placed, .notes-folded') ? 'settled' : 'waiting',
  ).toBe('settled');
  await tab.evaluate(async () => {
    await document.fonts.ready;
    for (let frame = 0; frame < 2; frame++) await new Promise((done) => requestAnimationFrame(done));
  });
}

/**
 * Types a search in the header and waits for its answer, the whole page of results (the list is busy
 * while they are drawn, from the first, as their texts arrive); returns the status line.
 */
async function search(tab: Tab, term: string): Promise<string> {
  // The search box is the search script's: it comes once the script has run, and is shown (and can
  // take focus) once its styles are there.
  await until(tab, () => !!document.querySelector('.site-search:not([hidden]) input')).toBe(true);
  await tab.evaluate(() => document.querySelector<HTMLElement>('.site-search input')?.focus());
  await tab.type('.site-search input', term);
  await until(tab, () => document.querySelector('.search-status')?.textContent ?? '').toMatch(
    new RegExp(`“${term}”`, 'u'),
  );
  await until(tab, () => document.querySelector('.search-list')?.getAttribute('aria-busy') ?? 'whole').toBe(
    'whole',
  );
  return tab.evaluate(() => document.querySelector('.search-status')?.textContent ?? '');
}

/** Where the search panel and everything in it stand against the window's edges. */
function searchPanelInPage() {
  const panel = document.querySelector('.search-results');
  if (!panel) return null;
  // The window's width less its scroll bar (Firefox shows one that takes room).
  const width = document.documentElement.clientWidth;
  const parts = [panel, ...panel.querySelectorAll('select, .search-list a, .search-status')];
  const outside = parts
    .map((element) => ({ element, box: element.getBoundingClientRect() }))
    .filter(({ box }) => box.left < 0 || box.right > width + 0.5)
    .map(
      ({ element, box }) =>
        `${element.className || element.tagName.toLowerCase()} from ${Math.round(box.left)} to ${Math.round(box.right)} px`,
    );
  return {
    window: window.innerWidth,
    outside,
    scrollsSideways: document.documentElement.scrollWidth > width,
  };
}

/** Clicks, as a pointer does, the button in `scope` whose text is `text`. */
async function clickButton(tab: Tab, scope: string, text: string): Promise<void> {
  const found = await tab.evaluate(
    ({ scope, text }) => {
      for (const marked of document.querySelectorAll('[data-engine-click]'))
        marked.removeAttribute('data-engine-click');
      const button = [...document.querySelectorAll(`${scope} button`)].find((b) => b.textContent === text);
      button?.setAttribute('data-engine-click', '');
      return button !== undefined;
    },
    { scope, text },
  );
  expect(found, `a button “${text}” in ${scope}`).toBe(true);
  await tab.click('[data-engine-click]');
}

/**
 * For people to look at (KIROV_SCREENSHOTS=1): the window at the essay's most crowded margin, the notes
 * of its closing paragraphs, saved as test-results/screenshots/engines/<engine>-margin-1280.png.
 */
async function screenshotMargin(tab: Tab): Promise<void> {
  await tab.evaluate(() => {
    const words = document.querySelector('a.note-ref[href="#note-bureaucratic-centrism"]');
    window.scrollTo(0, window.scrollY + (words?.getBoundingClientRect().top ?? 0) - 300);
  });
  const folder = join(screenshotDir, 'engines');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}-margin-1280.png`), await tab.screenshot());
  await tab.evaluate(() => window.scrollTo(0, 0));
}

/**
 * The timeline rail beside the text as it stands in the window: how far its heading is from the top of
 * the rail's visible box, the entries shown above the heading (in the box that clips the list), where
 * the heading's words are, and how far the list is scrolled.
 */
function railInView() {
  const rail = document.querySelector('details.rail');
  const heading = rail?.querySelector('h2');
  const list = rail?.querySelector('ol');
  if (!rail || !heading || !list) return null;
  let clip: Element | null = list.parentElement;
  while (clip && clip !== rail && getComputedStyle(clip).overflowY === 'visible') clip = clip.parentElement;
  const clipBox = (clip ?? rail).getBoundingClientRect();
  const headingBox = heading.getBoundingClientRect();
  const entriesAbove = [...list.querySelectorAll('li')]
    .filter((entry) => {
      const box = entry.getBoundingClientRect();
      const top = Math.max(box.top, clipBox.top, 0);
      const bottom = Math.min(box.bottom, clipBox.bottom, window.innerHeight);
      return bottom > top && top < headingBox.top - 1;
    })
    .map((entry) => entry.querySelector('time')?.textContent ?? '');
  const words = document.createRange();
  words.selectNodeContents(heading);
  const wordsBox = words.getBoundingClientRect();
  return {
    headingFromTop: headingBox.top - Math.max(rail.getBoundingClientRect().top, 0),
    headingShown: headingBox.height > 0 && getComputedStyle(heading).visibility === 'visible',
    entriesAbove,
    words: {
      left: wordsBox.left - 2,
      top: wordsBox.top - 2,
      right: wordsBox.right + 2,
      bottom: wordsBox.bottom + 2,
    },
    scale: window.devicePixelRatio,
    scrolled: (clip ?? rail).scrollTop,
  };
}

/** Once the rail's list has stopped scrolling (the follow-along scrolls it smoothly). */
async function railSettled(tab: Tab): Promise<void> {
  await expect
    .poll(async () => {
      const before = (await tab.evaluate(railInView))?.scrolled;
      await new Promise((done) => setTimeout(done, 400));
      return (await tab.evaluate(railInView))?.scrolled === before ? 'still' : 'scrolling';
    })
    .toBe('still');
}

/** The focused element's id (or its text when it has none). */
const focused = () => document.activeElement?.id || document.activeElement?.textContent || '';

describe(`the reader in ${name}`, () => {
  it('shows every note of the essay beside its words at 1280 px, over no text', async () => {
    const tab = await open('/', 1280);
    await notesSettled(tab);
    if (screenshots) await screenshotMargin(tab);
    const layout = await tab.evaluate(marginInPage);
    const figures = marginFigures(layout.notes);
    expect(figures.count).toBe(essayNotes.length);
    // The reading page's bar in every engine. Firefox once fell to 66 %: it counted the lines of each
    // closed note's title as if its first words were part of them, and gave the notes room they never used.
    const bar = 0.95;
    expect(figures.nearShare, `notes more than ${NEAR_PX} px from their words`).toBeGreaterThanOrEqual(bar);
    expect(layout.overlaps).toEqual([]);
    expect(layout.covering).toEqual([]);
    expect(layout.overText).toEqual([]);
    expect(layout.scrollsSideways).toBe(false);
  });

  it('folds the notes at 390 px and opens one under its paragraph from the keyboard', async () => {
    const tab = await open('/', 390);
    await notesSettled(tab);
    const folded = await tab.evaluate(marginInPage);
    expect(folded.notes).toEqual([]);
    expect(folded.scrollsSideways).toBe(false);
    for (let presses = 0; presses < 60 && (await tab.evaluate(focused)) !== 'ref-zinoviev'; presses++) {
      await tab.press('Tab');
    }
    expect(await tab.evaluate(focused)).toBe('ref-zinoviev');
    await tab.press('Enter');
    const state = () => {
      const note = document.getElementById('note-zinoviev');
      const text = document.querySelector('#zinoviev-and-kamenev-are-no-fools > p');
      const box = note?.getBoundingClientRect();
      return {
        expanded: document.getElementById('ref-zinoviev')?.getAttribute('aria-expanded'),
        shown: !!box && box.height > 0 && getComputedStyle(note as Element).visibility === 'visible',
        underItsParagraph: !!box && !!text && box.top >= text.getBoundingClientRect().bottom - 0.5,
        hash: location.hash,
      };
    };
    await until(tab, state).toEqual({ expanded: 'true', shown: true, underItsParagraph: true, hash: '' });
    const opened = await tab.evaluate(marginInPage);
    expect(opened.notes.map((note) => note.id)).toEqual([NOTE]);
    expect([...opened.overlaps, ...opened.overText]).toEqual([]);
    expect(opened.scrollsSideways).toBe(false);
    await tab.press('Escape');
    await until(tab, state).toMatchObject({ expanded: 'false', shown: false });
    expect(await tab.evaluate(focused)).toBe('ref-zinoviev');
  });

  for (const width of [1280, 390]) {
    it(`keeps the search results inside the window at ${width} px, and lands on a result’s words`, async () => {
      const tab = await open('/', width);
      expect(await search(tab, 'Yaroslavsky')).toMatch(/^\d+ results? for “Yaroslavsky”/u);
      expect(await tab.evaluate(searchPanelInPage)).toEqual({
        window: width,
        outside: [],
        scrollsSideways: false,
      });
      const href = await tab.evaluate(
        () =>
          [...document.querySelectorAll('.search-list a')]
            .find((link) => /^¶ \d+/u.test(link.textContent ?? ''))
            ?.getAttribute('href') ?? '',
      );
      const id = href.split('#')[1] ?? '';
      expect(essayIds.has(id), `${href} is a paragraph of the essay`).toBe(true);
      await tab.click(`.search-list a[href="${href}"]`);
      await until(tab, () => location.hash).toBe(`#${id}`);
      await until(
        tab,
        (passage) => {
          const mark = document.getElementById(passage)?.querySelector('mark.search-hit');
          const box = mark?.getBoundingClientRect();
          return {
            words: mark?.textContent,
            inView: !!box && box.top >= 0 && box.bottom <= window.innerHeight,
          };
        },
        id,
      ).toEqual({ words: 'Yaroslavsky', inView: true });
    });
  }

  it('keeps the timeline rail’s heading over its entries while the rail follows the text at 1280 px', async () => {
    const tab = await open('/', 1280);
    await notesSettled(tab);
    const passages = passagesOf(essay.id);
    const early = passages[Math.floor(passages.length / 10)]?.id ?? '';
    const middle = passages[Math.floor(passages.length / 2)]?.id ?? '';
    /** Scrolls the window at once to a paragraph, as following a link to it does. */
    const jumpTo = (id: string) =>
      tab.evaluate((id) => {
        const top = document.getElementById(id)?.getBoundingClientRect().top ?? 0;
        window.scrollTo({ top: window.scrollY + top, behavior: 'instant' });
      }, id);
    await jumpTo(early);
    await railSettled(tab);
    const before = await tab.evaluate(railInView);
    const still = await tab.screenshot();
    // The reader goes from the essay's opening to its middle and back, as its links and the Back button
    // take them; the rail's list follows each jump, smoothly, from 1934's events to the 1920s' and
    // back. WebKit drew the sticky heading with the moving list (pushed down among the entries, or out
    // of the rail) until the list came to rest: the screen shows what the boxes do not.
    const moving: Uint8Array[] = [];
    for (const id of [middle, early, middle, early, middle]) {
      await jumpTo(id);
      moving.push(await tab.screenshot());
    }
    await railSettled(tab);
    const settled = await tab.evaluate(railInView);
    expect(before && settled, 'the rail beside the text').toBeTruthy();
    if (!before || !settled) return;
    // Without a move of the list, this test would show nothing.
    expect(settled.scrolled, 'px the rail’s list is scrolled, at the middle and at the opening').not.toBe(
      before.scrolled,
    );
    expect(settled.headingShown).toBe(true);
    expect(
      Math.abs(settled.headingFromTop),
      'px from the heading to the top of the rail',
    ).toBeLessThanOrEqual(1);
    expect(settled.entriesAbove, 'entries shown above the heading').toEqual([]);
    // The heading stands still at the top of the rail: where its words are, the screen shows the same
    // while the list moves and at rest (their strokes may be drawn a shade bolder while WebKit moves a
    // layer; entries drawn there change some 300 of the words' 1,300 pixels from paper to ink).
    expect(settled.words).toEqual(before.words);
    moving.push(await tab.screenshot());
    for (const [index, shot] of moving.entries()) {
      const { differing, of } = differingPixels(shot, still, before.words, before.scale);
      expect(of, 'pixels of the heading’s words').toBeGreaterThan(200);
      expect(
        differing,
        `pixels of the heading’s words drawn otherwise in screenshot ${index + 1} of ${moving.length}`,
      ).toBeLessThanOrEqual(Math.ceil(of * 0.01));
    }
  });

  it('copies a paragraph’s link from the tools its ¶ number brings up', async () => {
    const target = passageNumbered(2);
    const tab = await open('/', 1280);
    // What the page hands the clipboard, kept as it is handed over (the real clipboard still gets it:
    // reading it back needs a permission that each engine grants its own way).
    await tab.evaluate(() => {
      const clipboard = navigator.clipboard;
      const writeText = clipboard.writeText.bind(clipboard);
      const copied: string[] = [];
      Object.assign(window, { copied });
      clipboard.writeText = (text: string) => {
        copied.push(text);
        return writeText(text);
      };
    });
    // The ¶ number links to its paragraph, whose tools then come up (once their script has loaded).
    await tab.click(`[id="${target.id}"] > .pn`);
    await until(
      tab,
      (id) => {
        const tools = document.querySelector(`[id="${id}"] > .pt`);
        return tools ? getComputedStyle(tools).opacity : 'not there yet';
      },
      target.id,
    ).toBe('1');
    // One "Tools" button per paragraph, whose menu holds Copy link.
    await clickButton(tab, `[id="${target.id}"] > .pt`, 'Tools');
    await clickButton(tab, `[id="${target.id}"] > .pt [role="menu"]`, 'Copy link');
    await until(tab, () => document.querySelector('.pt-live')?.textContent).toBe('Link copied');
    expect(await tab.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual([
      `${site.url('/')}#${target.id}`,
    ]);
  });

  it('keeps a highlight across a reload and lists it in My notes', async () => {
    const tab = await openFresh('/', 1280);
    const words = 'no fools';
    await tab.evaluate(
      ({ id, words }) => {
        const paragraph = document.getElementById(id)?.querySelector(':scope > p');
        const walker = document.createTreeWalker(paragraph as Node, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = (node as Text).data.indexOf(words);
          if (at === -1) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + words.length);
          document.getSelection()?.removeAllRanges();
          document.getSelection()?.addRange(range);
          return;
        }
        throw new Error(`"${words}" is not in one text node of ${id}`);
      },
      { id: NOTED, words },
    );
    await until(tab, () => !!document.querySelector('.rn-bar button')).toBe(true);
    await clickButton(tab, '.rn-bar', 'Highlight');
    const marks = (id: string) =>
      [...document.querySelectorAll(`[id="${id}"] mark.rn-own`)].map((mark) => mark.textContent);
    await until(tab, marks, NOTED).toEqual([words]);
    await tab.reload();
    await until(tab, marks, NOTED).toEqual([words]);
    await tab.goto(site.url('/my-notes/'));
    await until(tab, () => [...document.querySelectorAll('.mn-item a')].map((a) => a.textContent)).toEqual([
      `“${words}”`,
    ]);
  });

  it('reads and searches offline after one visit', async () => {
    // A server of its own, which the test stops: the site's origin then answers nothing at all. Its
    // origin is new to the shared window's profile, so this is the first visit there.
    const own = await serveDist();
    let stopped = false;
    try {
      const tab = await open('/', 1280, own);
      // The worker keeps some 300 files before it takes control: up to half a minute on a loaded machine.
      await expect
        .poll(
          () =>
            tab.evaluate(async () => {
              await navigator.serviceWorker.ready;
              return navigator.serviceWorker.controller !== null;
            }),
          { timeout: 30_000 },
        )
        .toBe(true);
      await own.close();
      stopped = true;
      await tab.reload();
      expect(await tab.evaluate(() => document.querySelector('h1')?.textContent)).toBe(essay.title);
      expect(await search(tab, 'Kamenev')).toMatch(/^\d+ results? for “Kamenev”/u);
      await tab.goto(own.url('/about/'));
      await until(tab, () => document.querySelector('h1')?.textContent).toBe('About this edition');
    } finally {
      if (!stopped) await own.close();
    }
  }, 90_000);

  it('opens a class link: the teacher’s question beside its words, the link’s layer kept', async () => {
    const layerId = 'urn:uuid:6f1c2b9e-3d41-4c5a-9e2f-1a7b8c9d0e1f';
    const link = await layerLink(site.url('/'), {
      id: layerId,
      title: 'Week 3',
      author: 'Ms Ortega',
      annotations: [
        {
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          id: `${layerId}#1`,
          type: 'Annotation',
          motivation: 'questioning',
          body: { type: 'TextualBody', value: 'Why would they not be fools?' },
          target: {
            source: `${site.url('/')}#${NOTED}`,
            selector: [{ type: 'TextQuoteSelector', exact: 'no fools' }],
          },
        },
      ],
    });
    const tab = await openFresh(link, 1280);
    const question = () => {
      const note = document.querySelector('reader-note.rn-class');
      return {
        notes: document.querySelectorAll('reader-note.rn-class').length,
        paragraph: note?.closest('.passage')?.id,
        text: note?.querySelector('.rn-body')?.textContent,
        hash: location.hash,
      };
    };
    await until(tab, question).toEqual({
      notes: 1,
      paragraph: NOTED,
      text: 'Why would they not be fools?',
      hash: '',
    });
    await tab.reload();
    await until(tab, question).toMatchObject({ notes: 1, paragraph: NOTED });
  });
});
