/*
 * Links that show their own address (the print header of a page, the citation model on /about/) are
 * written at build time for the address the site was built for (KIROV_SITE). Served from another
 * address (a school's own server), each shows the address the browser actually resolved instead.
 * The links' hrefs are relative, so the browser's resolution is the served address.
 */
for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-served-url]')) {
  if (link.textContent !== link.href) link.textContent = link.href;
}

export {};
