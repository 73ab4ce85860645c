import { describe, expect, it } from 'vitest';
import {
  chicagoCitation,
  localIsoDate,
  mlaCitation,
  type PassageCitation,
  personalName,
} from '../../src/lib/cite/citation.ts';
import { retiredNotice } from '../../src/lib/cite/retired-notice.ts';

const essay: PassageCitation = {
  authors: [{ given: 'Leon', family: 'Trotsky' }],
  title: 'On the Kirov Assassination',
  translator: 'John G. Wright',
  edition: 'Kirov Reader',
  paragraph: 12,
  url: 'https://example.org/kirov-reader/#zinoviev-and-kamenev-are-no-fools',
  accessed: '2026-03-03',
};

describe('chicagoCitation', () => {
  it('cites the author, title, translator, edition, ¶, access date and URL as a note', () => {
    expect(chicagoCitation(essay)).toBe(
      'Leon Trotsky, “On the Kirov Assassination,” trans. John G. Wright, Kirov Reader, par. 12, accessed March 3, 2026, https://example.org/kirov-reader/#zinoviev-and-kamenev-are-no-fools.',
    );
  });

  it('starts with the title when no author is named, and leaves out an unknown translator', () => {
    expect(
      chicagoCitation({
        ...essay,
        authors: [],
        title: 'Obituary of Sergei Kirov (opening)',
        translator: null,
        paragraph: 2,
        url: 'https://example.org/obituary/#a-man-who-has-given-all',
        accessed: '2026-09-30',
      }),
    ).toBe(
      '“Obituary of Sergei Kirov (opening),” Kirov Reader, par. 2, accessed September 30, 2026, https://example.org/obituary/#a-man-who-has-given-all.',
    );
  });

  it('lets a title’s own question mark stand for the comma and turns inner quotation marks single', () => {
    expect(chicagoCitation({ ...essay, title: 'Who Killed "Kirov"?', translator: null })).toBe(
      'Leon Trotsky, “Who Killed ‘Kirov’?” Kirov Reader, par. 12, accessed March 3, 2026, https://example.org/kirov-reader/#zinoviev-and-kamenev-are-no-fools.',
    );
  });

  it('joins two and three authors with “and”, and shortens four to “et al.”', () => {
    const a = { given: 'Ann', family: 'Ames' };
    const b = { given: 'Ben', family: 'Bell' };
    const c = { given: 'Cy', family: 'Cole' };
    const cite = (authors: PassageCitation['authors']) =>
      chicagoCitation({ ...essay, authors, translator: null }).split(', “')[0];
    expect(cite([a, b])).toBe('Ann Ames and Ben Bell');
    expect(cite([a, b, c])).toBe('Ann Ames, Ben Bell, and Cy Cole');
    expect(cite([a, b, c, a])).toBe('Ann Ames et al.');
  });
});

describe('mlaCitation', () => {
  it('cites the inverted author, title, translator, edition, ¶, URL and access date', () => {
    expect(mlaCitation(essay)).toBe(
      'Trotsky, Leon. “On the Kirov Assassination.” Translated by John G. Wright. Kirov Reader, par. 12, https://example.org/kirov-reader/#zinoviev-and-kamenev-are-no-fools. Accessed 3 Mar. 2026.',
    );
  });

  it('starts with the title when no author is named, and abbreviates the month as MLA does', () => {
    expect(
      mlaCitation({
        ...essay,
        authors: [],
        title: 'Obituary of Sergei Kirov (opening)',
        translator: null,
        paragraph: 2,
        url: 'https://example.org/obituary/#a-man-who-has-given-all',
        accessed: '2026-09-05',
      }),
    ).toBe(
      '“Obituary of Sergei Kirov (opening).” Kirov Reader, par. 2, https://example.org/obituary/#a-man-who-has-given-all. Accessed 5 Sept. 2026.',
    );
    expect(mlaCitation({ ...essay, accessed: '2026-06-14' })).toContain('Accessed 14 June 2026.');
  });

  it('names two authors in full and three or more with “et al.”', () => {
    const a = { given: 'Ann', family: 'Ames' };
    const b = { given: 'Ben', family: 'Bell' };
    const lead = (authors: PassageCitation['authors']) => mlaCitation({ ...essay, authors }).split(' “')[0];
    expect(lead([a, b])).toBe('Ames, Ann, and Ben Bell.');
    expect(lead([a, b, a])).toBe('Ames, Ann, et al.');
  });

  it('refuses an access date that is not an ISO date, saying what it expects', () => {
    expect(() => mlaCitation({ ...essay, accessed: '3/3/2026' })).toThrow(
      'Unexpected access date "3/3/2026", expected an ISO date such as 2026-03-03',
    );
  });
});

describe('personalName', () => {
  it('splits a personal name into given and family name', () => {
    expect(personalName('Leon Trotsky')).toEqual({ given: 'Leon', family: 'Trotsky' });
    expect(personalName('John G. Wright')).toEqual({ given: 'John G.', family: 'Wright' });
  });

  it('takes a description of unnamed signatories for no personal name', () => {
    expect(personalName('Soviet party leaders (the signatures are not in the witness)')).toBeNull();
    expect(personalName('Trotsky')).toBeNull();
  });
});

describe('localIsoDate', () => {
  it('writes the local calendar date with zero-padded month and day', () => {
    expect(localIsoDate(new Date(2026, 2, 3, 23, 59))).toBe('2026-03-03');
  });
});

describe('retiredNotice', () => {
  it('says where a merged or removed paragraph’s link now leads', () => {
    expect(retiredNotice('merged', 12)).toBe('The paragraph you linked to was merged into ¶ 12.');
    expect(retiredNotice('removed', 4)).toBe(
      'The paragraph you linked to was removed from the edition; this is the nearest paragraph, ¶ 4.',
    );
  });

  it('says the same on a retired id’s present page, which leads on to the paragraph instead of showing it', () => {
    expect(retiredNotice('merged', 12, 'ahead')).toBe('The paragraph you linked to was merged into ¶ 12.');
    expect(retiredNotice('removed', 4, 'ahead')).toBe(
      'The paragraph you linked to was removed from the edition; the nearest paragraph is ¶ 4.',
    );
  });
});
