/*
 * Old and broken links. A retired id leads to its successor, with a word about why (or to the
 * other document's page that holds it); an anchor on no element of the page, mistyped or cut short,
 * is said to be so rather than landing at the top without a word.
 */
import { retiredNotice } from '../../lib/cite/retired-notice.ts';
import { numberOf } from './passages.ts';
import type { Tools } from './tools.ts';

/** Follows the address's anchor now and whenever it changes. */
export function followRetiredLinks(tools: Tools): void {
  const check = () => {
    followRetired(tools);
    noticeUnknownAnchor(tools);
  };
  window.addEventListener('hashchange', check);
  check();
}

/**
 * The anchor of the address: without a text directive (`#id:~:text=…`, which a browser that knows it
 * hides from location.hash and one that does not leaves there), and empty for the fragments that
 * carry data rather than name an element (a class layer, a class packet).
 */
const anchor = () => {
  const fragment = decodeURIComponent(location.hash.slice(1)).split(':~:')[0] ?? '';
  return /^(layer|packet)=/.test(fragment) ? '' : fragment;
};

function followRetired({ data, announce }: Tools): void {
  const id = anchor();
  const retired = data.retired?.[id];
  if (!retired) return;
  const successor = document.getElementById(retired.to);
  if (successor?.matches('.passage')) {
    location.replace(`#${retired.to}`);
    announce(retiredNotice(retired.reason, numberOf(successor)), { dismissible: true });
  } else {
    // The successor is on another document's page, which carries the retired anchor too.
    const elsewhere = new URL(retired.href, location.href);
    if (elsewhere.pathname !== location.pathname) location.replace(`${elsewhere.pathname}#${id}`);
  }
}

function noticeUnknownAnchor({ data, announce }: Tools): void {
  const id = anchor();
  if (id === '' || document.getElementById(id) || data.retired?.[id]) return;
  announce(
    `No paragraph on this page has the link “#${id}”: it may be mistyped or cut short. Search (press /) finds a paragraph by its words.`,
    { dismissible: true },
  );
}
