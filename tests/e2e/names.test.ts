import { describe, expect, it } from 'vitest';
import { base, readDocuments, readIndexEntries } from './site.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { passageTexts, squash } from './support/page-text.ts';
import { fitsWidth } from './support/paragraph-tools.ts';

/*
 * /names/, the index of people, organisations, places and terms, as a reader meets it: every entry of
 * content/index with its description, aliases and source, linked to each passage that mentions it and
 * to its marginal note.
 */

const documents = readDocuments();
const indexEntries = readIndexEntries();

const env = useSiteInBrowser();

describe('/names/', () => {
  it('lists every entry of content/index once, grouped by kind, alphabetically', async () => {
    const page = await env.shared('/names/');
    const shown = await page.$$eval('.name-entry', (items) =>
      items.map((item) => ({
        id: item.id,
        kind: item.getAttribute('data-kind'),
        name: item.querySelector('h3')?.textContent,
      })),
    );
    expect(shown.map((entry) => entry.id).toSorted()).toEqual(
      indexEntries.map((entry) => entry.id).toSorted(),
    );
    const kinds = ['person', 'organisation', 'place', 'term'];
    expect(shown.map((entry) => entry.kind)).toEqual(
      shown.map((entry) => entry.kind).toSorted((a, b) => kinds.indexOf(a ?? '') - kinds.indexOf(b ?? '')),
    );
    for (const kind of kinds) {
      const names = shown.filter((entry) => entry.kind === kind).map((entry) => entry.name ?? '');
      expect(names).toEqual(names.toSorted((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    }
    expect(await page.locator('h2').allTextContents()).toEqual([
      'People',
      'Organisations',
      'Places',
      'Terms',
    ]);
  });

  it('shows each entry’s description, its aliases and its source', async () => {
    const page = await env.shared('/names/');
    for (const entry of indexEntries) {
      const item = page.locator(`[id="${entry.id}"]`);
      expect(squash(await item.locator('.description').textContent())).toBe(entry.description);
      if (entry.aliases.length > 0) {
        expect(await item.locator('.aliases').textContent()).toBe(`also: ${entry.aliases.join(', ')}`);
      }
      expect(squash(await item.locator('.source').textContent())).toBe(
        `Source: ${squash(entry.source.title)}`,
      );
      if (entry.source.url)
        expect(await item.locator('.source a').getAttribute('href')).toBe(entry.source.url);
    }
  });

  it('links each entry only to passages whose text contains its name or an alias', async () => {
    const page = await env.shared('/names/');
    const links = await page.$$eval('.name-entry', (items) =>
      items.map((item) => ({
        id: item.id,
        hrefs: [...item.querySelectorAll('.mentions a:not(.note-link)')].map(
          (a) => a.getAttribute('href') ?? '',
        ),
      })),
    );
    const textsByPath = new Map<string, Record<string, string>>();
    for (const document of documents) {
      const documentPage = await env.shared(document.path);
      textsByPath.set(`${base}${document.path.slice(1)}`, await passageTexts(documentPage));
    }
    let checked = 0;
    for (const { id, hrefs } of links) {
      const entry = indexEntries.find((e) => e.id === id);
      if (!entry) throw new Error(`no content/index file for #${id}`);
      expect(hrefs.length, `${id} has no links`).toBeGreaterThan(0);
      for (const href of hrefs) {
        const [path = '', passageId = ''] = href.split('#');
        const text = textsByPath.get(path)?.[passageId];
        expect(text, `${href} (from ${id}) is not a passage`).toBeDefined();
        // Checked by the entry's own spellings, not by the matcher that made the links.
        const spellings = [entry.name, ...entry.aliases].map((spelling) => spelling.toLowerCase());
        expect(
          spellings.some((spelling) => (text ?? '').toLowerCase().includes(spelling)),
          `${href} does not mention ${entry.name}`,
        ).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(indexEntries.length);
  });

  it('links an entry to its marginal note where it has one', async () => {
    const page = await env.shared('/names/');
    const noteLinks = await page.$$eval('.name-entry .note-link', (anchors) =>
      anchors.map((a) => ({ entry: a.closest('.name-entry')?.id ?? '', href: a.getAttribute('href') ?? '' })),
    );
    const withNotes = indexEntries.filter((entry) => entry.note !== undefined);
    expect(noteLinks.map((link) => link.entry).toSorted()).toEqual(
      withNotes.map((entry) => entry.id).toSorted(),
    );
    const idsByPath = new Map<string, string[]>();
    for (const document of documents) {
      const documentPage = await env.shared(document.path);
      idsByPath.set(
        `${base}${document.path.slice(1)}`,
        await documentPage.$$eval('[id]', (all) => all.map((e) => e.id)),
      );
    }
    for (const link of noteLinks) {
      const note = withNotes.find((entry) => entry.id === link.entry)?.note;
      const [path = '', hash = ''] = link.href.split('#');
      expect(hash).toBe(`note-${note}`);
      expect(idsByPath.get(path), `${link.href} has no note`).toContain(hash);
    }
  });

  it('lands on the paragraph when a link is followed', async () => {
    const page = await env.open('/names/');
    await page.locator('[id="smolny"] .mentions a').first().click();
    await page.waitForURL(/#/);
    const target = await page.$eval(':target', (element) => ({
      className: element.className,
      text: element.querySelector(':scope > p')?.textContent ?? '',
    }));
    expect(target.className).toContain('passage');
    expect(target.text).toContain('Smolny');
    await page.close();
  });

  it('does not scroll sideways on a 320 px phone', async () => {
    expect(await fitsWidth(await env.open('/names/', { width: 320 }))).toBe(true);
  });
});
