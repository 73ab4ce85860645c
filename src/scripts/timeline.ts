/*
 * Follow-along for the timeline rail: while the reader scrolls, the events of the passages on screen
 * are marked current in the rail. Everything else works without this script: the rail and the date
 * marks are plain links. Which passage belongs to which event is read from the date marks themselves,
 * so the page carries that data once.
 */

const rail = document.querySelector<HTMLDetailsElement>('details.rail');
const sidebar = matchMedia('(min-width: 75rem)');

// From 75rem the stylesheet shows the rail's list even while the <details> is closed, which is all a
// reader without JavaScript needs; here the disclosure is also opened for real, so that its state as
// assistive technology reports it matches what is on screen. Back below 75rem it returns to the state
// the reader left it in.
if (rail) {
  let openedByReader = rail.open;
  const followWidth = (): void => {
    if (sidebar.matches) {
      openedByReader = rail.open;
      rail.open = true;
    } else {
      rail.open = openedByReader;
    }
  };
  followWidth();
  sidebar.addEventListener('change', followWidth);
}

if (rail && 'IntersectionObserver' in window) {
  const railLinks = new Map<string, HTMLAnchorElement>();
  for (const link of rail.querySelectorAll<HTMLAnchorElement>('a[data-e]')) {
    if (link.dataset.e) railLinks.set(link.dataset.e, link);
  }
  const eventsOf = new Map<Element, string[]>();
  for (const passage of document.querySelectorAll('.passage')) {
    const ids = [...passage.querySelectorAll<HTMLAnchorElement>('.pd a')].map((mark) =>
      decodeURIComponent(mark.hash.slice(1)),
    );
    if (ids.length > 0) eventsOf.set(passage, ids);
  }

  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  const onScreen = new Set<Element>();
  let current = new Set<string>();

  // The sidebar's list, which scrolls on its own below the heading (timeline.css).
  const list = rail.querySelector('.rail-list');

  // Brings the current events into the sidebar's view: all of them, centred, when they fit, else the
  // earliest at the top. It scrolls the sidebar's list, never the page (as scrollIntoView would), so
  // the text being read stays where it is.
  const reveal = (links: readonly HTMLElement[]): void => {
    const first = links[0]?.getBoundingClientRect();
    const last = links.at(-1)?.getBoundingClientRect();
    if (!first || !last || !list) return;
    const box = list.getBoundingClientRect();
    const viewTop = Math.max(box.top, 0);
    const viewBottom = Math.min(box.bottom, window.innerHeight);
    if (first.top >= viewTop && last.bottom <= viewBottom) return;
    const height = last.bottom - first.top;
    const room = viewBottom - viewTop;
    list.scrollTo({
      top: list.scrollTop + first.top - viewTop - (height <= room ? (room - height) / 2 : 16),
      behavior: reducedMotion.matches ? 'auto' : 'smooth',
    });
  };

  const update = (): void => {
    const next = new Set([...onScreen].flatMap((passage) => eventsOf.get(passage) ?? []));
    const highlighted: HTMLAnchorElement[] = [];
    for (const [id, link] of railLinks) {
      if (next.has(id)) {
        link.setAttribute('aria-current', 'true');
        highlighted.push(link);
      } else {
        link.removeAttribute('aria-current');
      }
    }
    const changed = next.size !== current.size || [...next].some((id) => !current.has(id));
    current = next;
    if (changed && sidebar.matches) reveal(highlighted);
  };

  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) onScreen.add(entry.target);
      else onScreen.delete(entry.target);
    }
    update();
  });
  for (const passage of eventsOf.keys()) observer.observe(passage);
}
