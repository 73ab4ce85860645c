/**
 * After a search result link (`?hl=terms#passage`), marks the searched words in the target passage and
 * brings the first one into view, so the reader lands on the words themselves. Loaded by
 * highlight-hits.ts only for such a link.
 */
import { escapeRegExp } from '../lib/escape-regexp.ts';
import enhancements from '../styles/enhancements.css?url';
import { loadStylesheet } from './stylesheet.ts';

const terms = (new URLSearchParams(location.search).get('hl') ?? '')
  .split(/\s+/u)
  .map((term) => term.replace(/[^\p{L}\p{N}'’-]/gu, ''))
  .filter((term) => term.length > 1);
const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;

if (terms.length > 0 && target) {
  // The marks' colours are in the enhancements' sheet.
  await loadStylesheet(enhancements);
  // A straight or a curly apostrophe in a term matches either in the text.
  const words = terms.map((term) => escapeRegExp(term).replace(/['’]/gu, "['’]"));
  const pattern = new RegExp(`(${words.join('|')})`, 'giu');
  const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Text && pattern.test(node.data)) nodes.push(node);
    pattern.lastIndex = 0;
  }
  for (const node of nodes) {
    const parts = node.data.split(pattern);
    node.replaceWith(
      ...parts.map((part, i) => {
        if (i % 2 === 0) return part;
        const mark = document.createElement('mark');
        mark.className = 'search-hit';
        mark.textContent = part;
        return mark;
      }),
    );
  }
  const first = target.querySelector('mark.search-hit');
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  first?.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
}
