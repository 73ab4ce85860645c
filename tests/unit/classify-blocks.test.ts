import { describe, expect, it } from 'vitest';
import { classifyBlocks } from '../../src/lib/classify/classify-blocks.ts';
import { splitBlocks } from '../../src/lib/witness/split-blocks.ts';
import { witnessText } from './support/kirov.ts';

/** What each removal covers, as text, with its kind. */
function removalsIn(text: string) {
  return classifyBlocks(text, splitBlocks(text)).map((r) => [r.kind, text.slice(r.start, r.end)]);
}

const PARAGRAPH = 'The harvest of that year was poor, and the cooperatives paid their members in kind.';

describe('classifyBlocks (generic heuristics, shown on a page about something else)', () => {
  it('removes a keyword line the page repeats, in any case', () => {
    const text = `Best tractor history 1930 facts\n\n${PARAGRAPH}\n\nbest tractor history 1930 facts\n\n${PARAGRAPH} Again.`;
    expect(removalsIn(text)).toEqual([
      ['keyword-spam', 'Best tractor history 1930 facts'],
      ['keyword-spam', 'best tractor history 1930 facts'],
    ]);
  });

  it('removes the titles of other pages, with or without a site name', () => {
    const text = `Tractors in the Soviet Union | Farm History\n\n${PARAGRAPH}\n\nCollective Farms\n\nMachine Tractor Stations - Wikipedia`;
    expect(removalsIn(text)).toEqual([
      ['web-title', 'Tractors in the Soviet Union | Farm History'],
      ['web-title', 'Collective Farms'],
      ['web-title', 'Machine Tractor Stations - Wikipedia'],
    ]);
  });

  it('removes navigation bullets as one block', () => {
    const text = `${PARAGRAPH}\n\n  • Previous article\n  • Next article\n`;
    expect(removalsIn(text)).toEqual([['navigation', '• Previous article\n  • Next article']]);
  });

  it('removes a paragraph stitched from search snippets, and keeps prose with ordinary punctuation', () => {
    const stitched =
      'Tractors were built in . the Kharkov plant opened in ; his last By the plan had become , the.';
    const prose =
      'Production rose: first in Stalingrad, then in Kharkov; by the end of the plan — so the report says — it doubled.';
    expect(removalsIn(`${stitched}\n\n${prose}`)).toEqual([['snippet-stitch', stitched]]);
  });

  it('removes a licence notice and the credit fragment before it, keeping the text that follows', () => {
    const text =
      'Foreign Languages Press. Some Archive You may freely copy, distribute and display this work. Please credit "Some Archive" as your source. The harvest was poor.';
    expect(removalsIn(text)).toEqual([
      [
        'licence',
        'Foreign Languages Press. Some Archive You may freely copy, distribute and display this work. Please credit "Some Archive" as your source.',
      ],
    ]);
  });

  it('keeps ordinary paragraphs, including a one-line paragraph that ends with a full stop', () => {
    expect(removalsIn(`${PARAGRAPH}\n\nThat is all.\n\n${PARAGRAPH} More.`)).toEqual([]);
  });

  it('removes a search widget’s prompt, its labels and its instructions, as interface text', () => {
    const widget = [
      'We are looking for answers to your question:',
      'Forums and discussions:',
      'Guides and handbooks:',
      'Hold on until every database has answered.',
      'When it is done, a link to what was found appears here.',
    ];
    const text = `${PARAGRAPH}\n\n${widget.join('\n\n')}\n\n${PARAGRAPH} Again.`;
    expect(removalsIn(text)).toEqual(widget.map((line) => ['interface-text', line]));
  });

  it('removes a form’s labels and a loading line, in one block or several', () => {
    const text = `${PARAGRAPH}\n\nYour name:\nYour e-mail:\nMessage:\n\nSending your message...\n\nPress the button once and stay on the page.\n\n${PARAGRAPH} More.`;
    expect(removalsIn(text)).toEqual([
      ['interface-text', 'Your name:\nYour e-mail:\nMessage:'],
      ['interface-text', 'Sending your message...'],
      ['interface-text', 'Press the button once and stay on the page.'],
    ]);
  });

  it('keeps a short lead-in that introduces a paragraph or a quotation, and a quoted line', () => {
    const quotation =
      '“The harvest will be gathered whatever the weather, and the plan will be met in full,” the chairman said.';
    const text = `${PARAGRAPH}\n\nThe report put it this way:\n\n${quotation}\n\nHe closed with these words:\n\n“We shall win.”\n\n${PARAGRAPH} More.`;
    expect(removalsIn(text)).toEqual([]);
  });

  it('finds no interface text in the Kirov witness, so its edition is unchanged by the rule', () => {
    const text = witnessText();
    expect(classifyBlocks(text, splitBlocks(text)).filter((r) => r.kind === 'interface-text')).toEqual([]);
  });
});
