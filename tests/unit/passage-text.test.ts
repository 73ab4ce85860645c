import { describe, expect, it } from 'vitest';
import { passageText } from '../../src/lib/passage-text.ts';

describe('passageText', () => {
  it('keeps an escaped editorial gap marker as a bracket', () => {
    expect(passageText('Were one to compute the income of \\[…] people, the Union would lag.')).toBe(
      'Were one to compute the income of […] people, the Union would lag.',
    );
  });

  it('keeps a restored value in brackets, escaped or not', () => {
    expect(passageText('As early as \\[1911] he wrote.')).toBe('As early as [1911] he wrote.');
    expect(passageText('As early as [1911] he wrote.')).toBe('As early as [1911] he wrote.');
  });

  it('drops emphasis, strong and link markup but keeps their words', () => {
    expect(passageText('The *urge* for **individual** [appropriation](https://example.org/a) remains.')).toBe(
      'The urge for individual appropriation remains.',
    );
  });

  it('resolves character references and backslash escapes', () => {
    expect(passageText('Party &amp; Soviets \\*not emphasis\\* &#8212; Pravda')).toBe(
      'Party & Soviets *not emphasis* — Pravda',
    );
  });

  it('shows a soft line break as a space, as a browser does', () => {
    expect(passageText('The enemy did not fire\nat Kirov personally.')).toBe(
      'The enemy did not fire at Kirov personally.',
    );
  });

  it('keeps a hard line break as a newline', () => {
    expect(passageText('—Pravda,  \n5 December')).toBe('—Pravda,\n5 December');
  });

  it('keeps a no-break space, which a browser does not collapse', () => {
    expect(passageText('5\u00a0December   1934')).toBe('5\u00a0December 1934');
  });

  it('ignores raw HTML tags but keeps the text between them', () => {
    expect(passageText('a <b>bold</b> claim')).toBe('a bold claim');
  });

  it('separates blocks with a blank line and trims the ends', () => {
    expect(passageText('\n\nFirst paragraph.\n\n\nSecond paragraph.\n')).toBe(
      'First paragraph.\n\nSecond paragraph.',
    );
  });

  it('returns an empty string for an empty body', () => {
    expect(passageText('')).toBe('');
  });
});
