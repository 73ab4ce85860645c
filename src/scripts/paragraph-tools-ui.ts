/*
 * The paragraph tools themselves, loaded by paragraph-tools.ts when a reader first needs them. This
 * file only puts them together; each feature is a module of src/scripts/paragraph-tools/:
 *
 *   tools.ts          what the features share (one object, passed to each)
 *   toolbar.ts        the one toolbar, moved into the passage in use
 *   tools-menu.ts     its "Tools" menu button, which holds the tools below
 *   summon.ts         which passage it follows: pointer (from 52rem), focus, a tap, a link
 *   copy-link.ts      Copy link            present-link.ts   Present
 *   add-to-handout.ts Add to handout       handout-tray.ts   Handout (n) and its tray
 *   handout-list.ts   the handout kept on the device
 *   cite-panel.ts     Cite and its citations
 *   sentence-link.ts  Copy link to this sentence, for selected words
 *   retired-links.ts  a retired id followed to its successor, an unknown anchor named
 *   handout-page.ts   ?handout= pages, with their QR code
 *   live-region.ts    the messages, and copying with a fallback
 */
import { liveId } from '../lib/cite/handout.ts';
import toolsStylesheet from '../styles/tools.css?url';
import { addToHandoutButton } from './paragraph-tools/add-to-handout.ts';
import { citeButton } from './paragraph-tools/cite-panel.ts';
import { copyLinkButton } from './paragraph-tools/copy-link.ts';
import { HandoutList } from './paragraph-tools/handout-list.ts';
import { showHandout } from './paragraph-tools/handout-page.ts';
import { handoutTray } from './paragraph-tools/handout-tray.ts';
import { createLiveRegion } from './paragraph-tools/live-region.ts';
import { numberOf } from './paragraph-tools/passages.ts';
import { presentLink } from './paragraph-tools/present-link.ts';
import { followRetiredLinks } from './paragraph-tools/retired-links.ts';
import { offerSentenceLinks } from './paragraph-tools/sentence-link.ts';
import { summonTools } from './paragraph-tools/summon.ts';
import { Toolbar } from './paragraph-tools/toolbar.ts';
import type { Tools, ToolsData } from './paragraph-tools/tools.ts';
import { loadStylesheet } from './stylesheet.ts';

export type { ToolsData } from './paragraph-tools/tools.ts';

/**
 * Loads the tools' stylesheet (not part of the page's CSS, since only this script uses it) and then
 * builds the tools, so that none ever shows unstyled. `trigger` is the event that asked for them;
 * `tapped`, the ¶ number a reader tapped before they had loaded.
 */
export function startTools(
  data: ToolsData,
  main: HTMLElement,
  trigger: Event | null,
  tapped: () => Element | null = () => null,
): void {
  loadStylesheet(toolsStylesheet).then(() => start(data, main, trigger, tapped()));
}

function start(data: ToolsData, main: HTMLElement, trigger: Event | null, tapped: Element | null): void {
  const wide = window.matchMedia('(min-width: 52rem)');
  const tools: Tools = {
    data,
    main,
    passages: [...main.querySelectorAll<HTMLElement>('.passage')],
    wide,
    ...createLiveRegion(),
    toolbar: new Toolbar(wide),
  };
  const page = { ids: new Set(tools.passages.map((passage) => passage.id)), retired: data.retired };
  const byNumber = new Map(tools.passages.map((passage) => [numberOf(passage), passage.id]));
  const handout = new HandoutList((item) =>
    typeof item === 'number' ? (byNumber.get(item) ?? null) : liveId(item, page),
  );
  const tray = handoutTray(tools, handout);
  // The menu's items, in this order. Cite comes last; the citations it opens (right after the
  // toolbar) are the next stops of the Tab key after the Tools button.
  tools.toolbar.add(
    copyLinkButton(tools),
    presentLink(tools),
    addToHandoutButton(tools, handout, tray.open),
    tray.button,
    citeButton(tools),
  );
  handout.notify();
  followRetiredLinks(tools);
  summonTools(tools, trigger, tapped);
  if (new URLSearchParams(location.search).has('handout')) void showHandout(tools);
  offerSentenceLinks(tools, trigger);
}
