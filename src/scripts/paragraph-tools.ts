/*
 * Starts the paragraph tools (PassageTools.astro) when a reader first needs them, so that a page
 * read from top to bottom loads only this: the tools' code and stylesheet come with the first
 * pointer over or focus in the text, the first selection, a link to a paragraph, or a handout.
 * It also gives each passage its absolute URL for print (print.css), and the print header the page's
 * address, which cannot wait.
 */
import type { ToolsData } from './paragraph-tools-ui.ts';
// The reader's own notes start from here too, so that they add no script element to the page,
import './reader-notes.ts';
// and so do a paragraph's Tab stops: its dates and its notes' words, one stop each.
import './paragraph-stops.ts';
// The print header names the address the page is served from.
import './served-address.ts';

const dataElement = document.getElementById('passage-tools-data');
const main = document.querySelector('main');

if (dataElement && main) {
  // A class packet or class link (#packet=…, #layer=…): its questions, one at a time, above the text.
  const openClass = () => {
    if (/^#(packet|layer)=/.test(location.hash))
      import('./class/class-panel.ts').then(({ startClassPanel }) => startClassPanel(main, location.hash));
  };
  window.addEventListener('hashchange', openClass);
  openClass();
  const data = JSON.parse(dataElement.textContent ?? '{}') as ToolsData;
  for (const passage of main.querySelectorAll<HTMLElement>('.passage')) {
    passage.dataset.url = `${location.origin}${location.pathname}#${passage.id}`;
  }

  let started = false;
  // A tap on a ¶ number opens the tools' bar on a phone; the first tap comes before they have loaded.
  let tapped: Element | null = null;
  const onTap = (event: Event) => {
    tapped = event.target instanceof Element ? event.target.closest('.pn') : null;
  };
  main.addEventListener('click', onTap);
  const load = (trigger: Event | null) => {
    if (started) return;
    started = true;
    for (const [target, type] of triggers) target.removeEventListener(type, load);
    // Asked for when the tools start (after their stylesheet), so that no tap in between is lost.
    import('./paragraph-tools-ui.ts').then(({ startTools }) => startTools(data, main, trigger, () => tapped));
  };
  const triggers: [EventTarget, string][] = [
    [main, 'pointerover'],
    [main, 'focusin'],
    [window, 'hashchange'],
  ];
  for (const [target, type] of triggers) target.addEventListener(type, load);
  document.addEventListener('selectionchange', function onSelection(event) {
    if (document.getSelection()?.isCollapsed !== false) return;
    document.removeEventListener('selectionchange', onSelection);
    load(event);
  });
  if (location.hash || new URLSearchParams(location.search).has('handout')) load(null);
  // A link to a paragraph lands on it: Chromium at times leaves a fresh page at its top when the
  // paragraph's place was not final yet at its own scroll to the fragment.
  addEventListener(
    'load',
    () => {
      const target = document.querySelector(':target');
      if (target && scrollY === 0 && target.getBoundingClientRect().top > innerHeight)
        target.scrollIntoView();
    },
    { once: true },
  );
}
