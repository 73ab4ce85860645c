import { describe, expect, it } from 'vitest';
import { mlaWorksCited, plainCitation } from '../../src/lib/cite/citation.ts';
import { escapeRegExp } from '../../src/lib/escape-regexp.ts';
import { essayAndObituary, passageNumbered } from './site.ts';
import { formatViolations, runAxe } from './support/axe.ts';
import { useSiteInBrowser } from './support/built-site.ts';
import { citationTexts, essayCitation } from './support/citation-texts.ts';
import { activeText, openToolsMenu, toolsOpacity } from './support/paragraph-tools.ts';

/*
 * Citations a librarian accepts: the paragraph tools' Cite panel (Chicago note and bibliography, MLA
 * works cited and in-text) for the essay and for the unsigned obituary, the printed page's header and
 * /about/'s “How to cite”, all with the address the site is served from, and reached by keyboard.
 * (The Cite panel at each width, and copying, are in classtools.test.ts.)
 */

const env = useSiteInBrowser();

const { essay: essayDocument, obituary: obituaryDocument } = essayAndObituary();

/** Opens the Cite panel of a passage on a document's page, at 1280 px. */
async function openCite(path: string, id: string) {
  const page = await env.open(path);
  const menu = await openToolsMenu(page, id, 1280);
  await menu.getByRole('menuitem', { name: 'Cite' }).click();
  await page.locator('#pt-cite').waitFor();
  return page;
}

describe('the address the site is served from', () => {
  it('heads the printed page and the “How to cite” model on /about/', async () => {
    const page = await env.open('/');
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.locator('.print-url a').textContent()).toBe(env.site.url('/'));
    await page.goto(env.site.url('/about/'));
    const model = page.locator('#cite ~ .citation a');
    await expect.poll(() => model.textContent()).toBe(env.site.url('/'));
    expect(await page.locator('#cite').locator('..').locator('a[data-served-url]').last().textContent()).toBe(
      `${env.site.url('/')}#${passageNumbered(1).id}`,
    );
  });
});

describe('the Cite panel', () => {
  it('gives ¶ 41 of the essay in Chicago (note and bibliography) and MLA (works cited in italics, in-text)', async () => {
    const target = passageNumbered(41);
    const page = await openCite('/', target.id);
    const citation = essayCitation(essayDocument, env.site, target);
    const shown = await page.locator('#pt-cite .pt-c').allTextContents();
    expect(shown).toEqual(citationTexts(citation));
    expect(shown[0]).toMatch(
      /^Leon Trotsky, “On the Kirov Assassination” \(December 1934\), trans\. John G\. Wright, /u,
    );
    expect(shown[1]).toMatch(/^Trotsky, Leon\. “On the Kirov Assassination\.” December 1934\. /u);
    expect(shown[2]).not.toContain('par.');
    expect(shown[3]).toBe('(Trotsky, par. 41)');
    expect(await page.locator('#pt-cite .pt-c i').allTextContents()).toEqual(['Kirov Reader']);
    await page.getByRole('button', { name: 'Copy the MLA works cited citation' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(plainCitation(mlaWorksCited(citation)));
    const violations = await runAxe(page);
    expect(violations.length, formatViolations(violations)).toBe(0);
  });

  it('cites the obituary by a description, its newspaper and its date, not by the edition’s label', async () => {
    const { id } = passageNumbered(2, obituaryDocument.id);
    const page = await openCite('/obituary/', id);
    const shown = await page.locator('#pt-cite .pt-c').allTextContents();
    const url = `${env.site.url('/obituary/')}#${id}`;
    expect(shown[0]).toMatch(
      new RegExp(
        `^Obituary of Sergei Kirov, Pravda, December 2, 1934, Kirov Reader, par\\. 2, accessed .+, ${escapeRegExp(url)}\\.$`,
        'u',
      ),
    );
    expect(shown[2]).toMatch(/^Obituary of Sergei Kirov\. Pravda, 2 Dec\. 1934\. Kirov Reader, /u);
    expect(shown[3]).toBe('(Obituary of Sergei Kirov, par. 2)');
    expect(shown.join(' ')).not.toContain('(opening)');
    expect(await page.locator('#pt-cite .pt-c i').allTextContents()).toContain('Pravda');
  });

  it('makes the Copy buttons the next Tab stops after the Tools button, once Cite is chosen from it', async () => {
    const { id } = passageNumbered(5);
    const page = await env.open('/');
    await page.focus(`[id="${id}"] > .pn`);
    // The tools load with the first focus in the text.
    await expect.poll(() => toolsOpacity(page, id)).toBe('1');
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Tools');
    // The menu opens on its last item (ArrowUp), Cite; choosing it gives the focus back to the button.
    await page.keyboard.press('ArrowUp');
    expect(await activeText(page)).toBe('Cite');
    await page.keyboard.press('Enter');
    expect(await activeText(page)).toBe('Tools');
    const next: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      next.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null));
    }
    expect(next).toEqual([
      'Copy the Chicago note citation',
      'Copy the Chicago bibliography citation',
      'Copy the MLA works cited citation',
      'Copy the MLA in-text citation',
    ]);
  });
});
