import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGETS } from '../lib/budgets.ts';
import { type Bytes, pageWeight } from '../lib/page-weight.ts';
import type { Figure } from './figure.ts';

/** The reader pages' weight against their text (see scripts/lib/page-weight.ts for what counts). */
export function benchPageWeight(distDir: string): Figure[] {
  if (!existsSync(join(distDir, 'index.html'))) {
    console.error(`bench: ${distDir}/ not found, page weight not measured (run \`npm run build\` first)`);
    return [];
  }
  const reader = pageWeight(distDir, 'index.html');
  const kb = (name: string, bytes: Bytes, note?: string): Figure[] => [
    { name: `reader page: ${name}`, value: bytes.raw / 1024, unit: 'KB', ...(note ? { note } : {}) },
    { name: `reader page: ${name} (gzip)`, value: bytes.gzip / 1024, unit: 'KB' },
  ];
  const goal = BUDGETS.readerRatioGoal;
  const figures: Figure[] = [
    ...kb('HTML', reader.html),
    ...kb('render-blocking CSS', reader.css, 'files; the page inlines its own CSS'),
    ...kb('JS needed to read', reader.blockingJs, `budget ${BUDGETS.blockingJs} bytes`),
    ...kb('critical bytes', reader.critical, 'HTML + blocking CSS + blocking JS'),
    ...kb('visible text and notes', reader.text),
    {
      name: 'reader page: critical ÷ text (gzip)',
      value: reader.ratio,
      unit: '×',
      note:
        reader.ratio <= goal
          ? `within the goal of ${goal}`
          : `over the goal of ${goal} by ${((reader.critical.gzip - goal * reader.text.gzip) / 1024).toFixed(1)} KB gzip (CI ceiling ${BUDGETS.readerRatioCeiling})`,
    },
    ...kb('JS after enhancements load', reader.enhancementJs, 'deferred module scripts and their imports'),
    ...kb(
      'JS and CSS loaded on use',
      reader.onDemand,
      'paragraph tools, reader notes; search and theme styles',
    ),
  ];
  // The reader's own notes load on first use (selecting words, or notes already on the device).
  const notes = reader.onDemandByStart.find(({ start }) => /(^|\/)reader-notes-ui\.[^/]*\.js$/.test(start));
  if (notes) {
    figures.push(
      ...kb('reader notes JS and CSS, on first use', notes.bytes, 'not loaded until words are selected'),
    );
  } else {
    console.error(
      'bench: the reader notes chunk (reader-notes-ui.*.js) was not found among what the reader page loads on use',
    );
  }
  // The obituary is a short text under the same header, rail and scripts: the floor of the apparatus.
  const obituary = pageWeight(distDir, 'obituary/index.html');
  figures.push({
    name: 'obituary page: critical ÷ text (gzip)',
    value: obituary.ratio,
    unit: '×',
    note: `${(obituary.critical.gzip / 1024).toFixed(1)} KB for ${(obituary.text.gzip / 1024).toFixed(1)} KB of text`,
  });
  return figures;
}
