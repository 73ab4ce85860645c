/**
 * After a search result link (`?hl=terms#passage`), marks the searched words in the target passage and
 * brings the first one into view, so the reader lands on the words themselves. Loaded by
 * highlight-hits.ts only for such a link.
 */
import { hitPattern, hitTerms } from '../lib/search/hit-words.ts';
import enhancements from '../styles/enhancements.css?url';
import { loadStylesheet } from './stylesheet.ts';

const pattern = hitPattern(hitTerms(new URLSearchParams(location.search).get('hl') ?? ''));
const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;

if (pattern && target) {
  // The marks' colours are in the enhancements' sheet.
  await loadStylesheet(enhancements);
  const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Text && pattern.test(node.data)) nodes.push(node);
    pattern.lastIndex = 0;
  }
  for (const node of nodes) {
    const parts: (string | HTMLElement)[] = [];
    let at = 0;
    for (const found of node.data.matchAll(pattern)) {
      parts.push(node.data.slice(at, found.index));
      const mark = document.createElement('mark');
      mark.className = 'search-hit';
      mark.textContent = found[0];
      parts.push(mark);
      at = found.index + found[0].length;
    }
    parts.push(node.data.slice(at));
    node.replaceWith(...parts.filter((part) => part !== ''));
  }
  const first = target.querySelector('mark.search-hit');
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  first?.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
}
