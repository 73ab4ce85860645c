import { describe, expect, it } from 'vitest';
import {
  chicagoBibliography,
  chicagoNote,
  editionCitation,
  htmlCitation,
  localIsoDate,
  mlaInText,
  mlaWorksCited,
  type PassageCitation,
  passageCitations,
  personalName,
  plainCitation,
} from '../../src/lib/cite/citation.ts';
import { retiredNotice } from '../../src/lib/cite/retired-notice.ts';

const essay: PassageCitation = {
  authors: [{ given: 'Leon', family: 'Trotsky' }],
  title: 'On the Kirov Assassination',
  date: '1934-12',
  translator: 'John G. Wright',
  edition: 'Kirov Reader',
  documentUrl: 'https://example.org/kirov-reader/',
  paragraph: 41,
  url: 'https://example.org/kirov-reader/#individual-terrorism-is-in-its-very',
  accessed: '2026-03-03',
};

/** The obituary as the edition file gives it: no English title, no named author, Pravda's issue. */
const obituary: PassageCitation = {
  authors: [],
  title: 'Obituary of Sergei Kirov (opening)',
  descriptiveTitle: 'Obituary of Sergei Kirov',
  date: '1934-12-01',
  periodical: 'Pravda',
  published: '1934-12-02',
  translator: null,
  edition: 'Kirov Reader',
  documentUrl: 'https://example.org/obituary/',
  paragraph: 2,
  url: 'https://example.org/obituary/#a-man-who-has-given-all',
  accessed: '2026-09-05',
};

const plain = (runs: Parameters<typeof plainCitation>[0]) => plainCitation(runs);

describe('Chicago', () => {
  it('notes the author, title with the date of writing, translator, edition, ¶, access date and URL', () => {
    expect(plain(chicagoNote(essay))).toBe(
      'Leon Trotsky, “On the Kirov Assassination” (December 1934), trans. John G. Wright, Kirov Reader, par. 41, accessed March 3, 2026, https://example.org/kirov-reader/#individual-terrorism-is-in-its-very.',
    );
  });

  it('lists the essay in the bibliography by the inverted author, without a ¶, at the page’s URL', () => {
    expect(plain(chicagoBibliography(essay))).toBe(
      'Trotsky, Leon. “On the Kirov Assassination.” December 1934. Translated by John G. Wright. Kirov Reader. Accessed March 3, 2026. https://example.org/kirov-reader/.',
    );
  });

  it('cites an untitled newspaper piece by its description, the newspaper in italics and the issue’s date', () => {
    const note = chicagoNote(obituary);
    expect(plain(note)).toBe(
      'Obituary of Sergei Kirov, Pravda, December 2, 1934, Kirov Reader, par. 2, accessed September 5, 2026, https://example.org/obituary/#a-man-who-has-given-all.',
    );
    expect(note).toContainEqual({ italic: 'Pravda' });
    expect(plain(chicagoBibliography(obituary))).toBe(
      'Pravda. Obituary of Sergei Kirov. December 2, 1934. Kirov Reader. Accessed September 5, 2026. https://example.org/obituary/.',
    );
  });

  it('lets a title’s own question mark stand for the comma and turns inner quotation marks single', () => {
    expect(plain(chicagoNote({ ...essay, title: 'Who Killed "Kirov"?', date: null, translator: null }))).toBe(
      'Leon Trotsky, “Who Killed ‘Kirov’?” Kirov Reader, par. 41, accessed March 3, 2026, https://example.org/kirov-reader/#individual-terrorism-is-in-its-very.',
    );
  });

  it('joins two and three authors with “and”, and shortens four to “et al.” in a note', () => {
    const a = { given: 'Ann', family: 'Ames' };
    const b = { given: 'Ben', family: 'Bell' };
    const c = { given: 'Cy', family: 'Cole' };
    const cite = (authors: PassageCitation['authors']) =>
      plain(chicagoNote({ ...essay, authors, translator: null })).split(', “')[0];
    expect(cite([a, b])).toBe('Ann Ames and Ben Bell');
    expect(cite([a, b, c])).toBe('Ann Ames, Ben Bell, and Cy Cole');
    expect(cite([a, b, c, a])).toBe('Ann Ames et al.');
    expect(plain(chicagoBibliography({ ...essay, authors: [a, b, c] })).split(' “')[0]).toBe(
      'Ames, Ann, Ben Bell, and Cy Cole.',
    );
  });
});

describe('MLA', () => {
  it('lists the inverted author, title, date, translator, the edition in italics, URL and access date', () => {
    const entry = mlaWorksCited(essay);
    expect(plain(entry)).toBe(
      'Trotsky, Leon. “On the Kirov Assassination.” Dec. 1934. Translated by John G. Wright, Kirov Reader, https://example.org/kirov-reader/. Accessed 3 Mar. 2026.',
    );
    expect(entry).toContainEqual({ italic: 'Kirov Reader' });
    expect(plain(entry)).not.toContain('par.');
  });

  it('puts the ¶ in the in-text citation', () => {
    expect(mlaInText(essay)).toBe('(Trotsky, par. 41)');
    expect(mlaInText(obituary)).toBe('(Obituary of Sergei Kirov, par. 2)');
  });

  it('cites an untitled newspaper piece by its description, the newspaper and the issue’s date', () => {
    expect(plain(mlaWorksCited(obituary))).toBe(
      'Obituary of Sergei Kirov. Pravda, 2 Dec. 1934. Kirov Reader, https://example.org/obituary/. Accessed 5 Sept. 2026.',
    );
    expect(plain(mlaWorksCited({ ...essay, accessed: '2026-06-14' }))).toContain('Accessed 14 June 2026.');
  });

  it('names two authors in full and three or more with “et al.”', () => {
    const a = { given: 'Ann', family: 'Ames' };
    const b = { given: 'Ben', family: 'Bell' };
    const lead = (authors: PassageCitation['authors']) =>
      plain(mlaWorksCited({ ...essay, authors })).split(' “')[0];
    expect(lead([a, b])).toBe('Ames, Ann, and Ben Bell.');
    expect(lead([a, b, a])).toBe('Ames, Ann, et al.');
    expect(mlaInText({ ...essay, authors: [a, b] })).toBe('(Ames and Bell, par. 41)');
  });

  it('refuses an access date that is not an ISO date, saying what it expects', () => {
    expect(() => mlaWorksCited({ ...essay, accessed: '3/3/2026' })).toThrow(
      'Unexpected date "3/3/2026", expected an ISO date such as 2026-03-03',
    );
  });
});

describe('passageCitations and htmlCitation', () => {
  it('give the four forms in order, with italics as <i> and the text escaped', () => {
    expect(passageCitations(essay).map((c) => c.label)).toEqual([
      'Chicago note',
      'Chicago bibliography',
      'MLA works cited',
      'MLA in-text',
    ]);
    expect(htmlCitation(['A <b> & ', { italic: 'Kirov Reader' }, '.'])).toBe(
      'A &lt;b&gt; &amp; <i>Kirov Reader</i>.',
    );
  });
});

describe('personalName', () => {
  it('splits a personal name into given and family name', () => {
    expect(personalName('Leon Trotsky')).toEqual({ given: 'Leon', family: 'Trotsky' });
    expect(personalName('John G. Wright')).toEqual({ given: 'John G.', family: 'Wright' });
  });

  it('takes a description of unnamed signatories for no personal name', () => {
    expect(personalName('Soviet party leaders (the signatures are not in the scraped page)')).toBeNull();
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

describe('the citation of a whole document (/about/)', () => {
  const edition = { title: 'Kirov Reader', editors: 'the editors' };
  it('names authors, title, date, translator, then the edition and its editors', () => {
    const work = {
      authors: ['Leon Trotsky'],
      title: 'On the Kirov Assassination',
      date: '1934-12',
      translator: 'John G. Wright',
    };
    expect(editionCitation(work, edition)).toBe(
      'Leon Trotsky, “On the Kirov Assassination” (December 1934), translated by John G. Wright. In Kirov Reader, edited by the editors.',
    );
  });
  it('leaves out the translator when unknown and joins several authors', () => {
    const work = { authors: ['A. One', 'B. Two'], title: 'Obituary', date: '1934-12-02', translator: null };
    expect(editionCitation(work, edition)).toBe(
      'A. One, B. Two, “Obituary” (2 December 1934). In Kirov Reader, edited by the editors.',
    );
  });
});
