import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';

/*
 * axe-core in a page without the network: the script is read from node_modules and evaluated by the
 * test driver (DevTools protocol), which the pages' Content-Security-Policy does not govern, so the
 * policy stays on while axe checks, no request leaves the test's origin and the pages stay unchanged.
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: the rule sets the edition promises to pass. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

export interface AxeViolation {
  rule: string;
  impact: ImpactValue | undefined;
  help: string;
  helpUrl: string;
  /** One CSS selector path per offending element, with axe's summary of what is wrong with it. */
  targets: { selector: string; summary: string }[];
}

/**
 * The WCAG rules whose outcome depends on colours. The dark scheme changes colours only (every colour
 * is written for both schemes with light-dark(), a site check holds it to that), so a page checked
 * whole in the light scheme is checked again in the dark with these alone: a third of the time.
 */
export const colourRules = ['color-contrast', 'link-in-text-block'] as const;

/** Which rules to run: every WCAG A/AA rule, or only those that read colours. */
export type AxeScope = 'all' | 'colours';

/** The scope a page needs in a colour scheme: everything in light, the colours again in dark. */
export const scopeFor = (scheme: 'light' | 'dark'): AxeScope => (scheme === 'dark' ? 'colours' : 'all');

/** Runs axe on the page as it is now and returns the violations, simplified for reading. */
export async function runAxe(page: Page, scope: AxeScope = 'all'): Promise<AxeViolation[]> {
  // Once per document: a second run on the same page (in the other colour scheme) reuses it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const runOnly =
    scope === 'all' ? { type: 'tag', values: [...wcagTags] } : { type: 'rule', values: [...colourRules] };
  const results = await page.evaluate(
    (only) =>
      (
        window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }
      ).axe.run(document, { runOnly: only, resultTypes: ['violations'] }),
    runOnly,
  );
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    targets: violation.nodes.map((node) => ({
      selector: node.target.map(String).join(' >>> '),
      summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    })),
  }));
}

/** The violations as a failure message a person can act on: rule, impact, help, then each element. */
export function formatViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.rule} (${violation.impact ?? 'no impact given'}): ${violation.help}\n  ${violation.helpUrl}\n${violation.targets
          .map((target) => `  - ${target.selector}\n      ${target.summary}`)
          .join('\n')}`,
    )
    .join('\n\n');
}
