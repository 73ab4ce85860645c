/*
 * The site's root as the page was served (the address a student's browser used, a school's own
 * server) and as it was built (KIROV_SITE, in the canonical link): exported annotations name the
 * first, so that the teacher's links open the page the student read.
 */

/** The served root: this origin and the base path, with a final slash. */
export function servedRoot(): string {
  return new URL(document.documentElement.dataset.base ?? '/', location.href).href;
}

/** The built root: the canonical link's origin and the base path; the served root when the page has none. */
export function builtRoot(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  return canonical ? new URL(document.documentElement.dataset.base ?? '/', canonical).href : servedRoot();
}
