import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { handInFile } from '../../src/lib/class/hand-in.ts';
import { type Figure, median } from './figure.ts';

const STUDENTS = 30;
const QUESTIONS = 10;
const RUNS = 5;

/** A class's hand-ins: every student answers every question in a sentence or two. */
function classFiles(): { name: string; mimeType: string; buffer: Buffer }[] {
  const packet = 'urn:uuid:11111111-2222-4333-8444-555555555555';
  const questions = Array.from({ length: QUESTIONS }, (_, q) => ({
    id: `${packet}#q${q}`,
    text: `Question ${q + 1}: what does Trotsky argue in this passage, and on what evidence?`,
    exact: 'no fools',
  }));
  return Array.from({ length: STUDENTS }, (_, s) => {
    const student = `Student ${String(s + 1).padStart(2, '0')}`;
    const handedIn = `2026-12-07T10:${String(s).padStart(2, '0')}:00.000Z`;
    const file = handInFile({
      student,
      handedIn,
      packet: { id: packet, title: 'Week 3', teacher: 'Ms Rivera' },
      edition: 'Kirov Reader',
      questions,
      answers: questions.map((question, q) => ({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: `urn:uuid:00000000-0000-4000-8000-${String(s * 100 + q).padStart(12, '0')}`,
        type: 'Annotation',
        motivation: 'replying',
        created: handedIn,
        inReplyTo: question.id,
        body: {
          type: 'TextualBody',
          value: `${student} on question ${q + 1}: the charge against the opposition serves the bureaucracy, which needs an amalgam to justify the terror.`,
        },
        target: {
          source: 'http://localhost:4321/#zinoviev-and-kamenev-are-no-fools',
          selector: [{ type: 'TextQuoteSelector', exact: 'no fools' }],
        },
      })),
    });
    return { name: `student-${s + 1}.html`, mimeType: 'text/html', buffer: Buffer.from(file) };
  });
}

/**
 * The teacher's class view (/class/) in headless Chromium against a built site: the time from 30
 * students' hand-in files (10 questions each) given to its file picker at once to the table of
 * 30 rows × 10 answers drawn, median of 5 fresh pages (the page's own performance measure).
 */
export async function benchClassView(distDir: string): Promise<Figure[]> {
  if (!existsSync(join(distDir, 'class', 'index.html'))) {
    console.error(
      `bench: ${distDir}/class/ not found, the class view not measured (run \`npm run build\` first)`,
    );
    return [];
  }
  const { launchChromium, serveDist } = await import('../../tests/e2e/site.ts');
  const site = await serveDist(distDir);
  const browser = await launchChromium();
  const files = classFiles();
  const times: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(site.url('/class/'));
      await page.locator('.cv-pick input').setInputFiles(files);
      await page
        .locator('.cv-table tbody tr')
        .nth(STUDENTS - 1)
        .waitFor();
      const rows = await page.locator('.cv-table tbody tr').count();
      if (rows !== STUDENTS) throw new Error(`the class view drew ${rows} rows, expected ${STUDENTS}`);
      times.push(
        await page.evaluate(
          () => performance.getEntriesByName('class-view:render').at(-1)?.duration ?? Number.NaN,
        ),
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return [
    {
      name: `class view: ${STUDENTS} students × ${QUESTIONS} questions`,
      value: median(times),
      unit: 'ms',
      note: `median of ${RUNS}, files read to table drawn (budget 200 ms); max ${Math.max(...times).toFixed(1)} ms`,
    },
  ];
}
