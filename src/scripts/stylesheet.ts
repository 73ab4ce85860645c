/*
 * Stylesheets of the JavaScript-only controls (search box, dark-mode switch, paragraph tools) are not
 * part of the page's CSS: a reader without JavaScript never sees those controls, and the reading page
 * carries only the styles needed to read. Each script loads its sheet before it shows its control,
 * so that none ever shows unstyled.
 */

const loading = new Map<string, Promise<void>>();

/** Adds the stylesheet once; resolves when it has loaded, or failed (the control then shows plain). */
export function loadStylesheet(href: string): Promise<void> {
  let done = loading.get(href);
  if (!done) {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
    done = new Promise<void>((resolve) => {
      link.addEventListener('load', () => resolve(), { once: true });
      link.addEventListener('error', () => resolve(), { once: true });
    });
    document.head.append(link);
    loading.set(href, done);
  }
  return done;
}
