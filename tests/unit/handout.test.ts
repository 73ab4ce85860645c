import { describe, expect, it } from 'vitest';
import {
  formatHandoutParam,
  formatParagraphList,
  parseHandout,
  readHandoutParam,
  resolveHandout,
} from '../../src/lib/cite/handout.ts';

describe('parseHandout', () => {
  it('reads numbers and ranges into distinct ¶ numbers, in the order the teacher gave them', () => {
    expect(parseHandout('3,7-9', 60)).toEqual({ ok: true, paragraphs: [3, 7, 8, 9] });
    expect(parseHandout(' 9, 2 – 4 ,3 ', 60)).toEqual({ ok: true, paragraphs: [9, 2, 3, 4] });
    expect(parseHandout('41,1,36', 60)).toEqual({ ok: true, paragraphs: [41, 1, 36] });
    expect(parseHandout('5-5,5', 5)).toEqual({ ok: true, paragraphs: [5] });
  });

  const EVERY_RANGE = 'expected a ¶ number such as 7 or a range such as 7-9';
  const ON_THIS_PAGE = 'expected numbers from 1 to 60 (the last ¶ of this page)';
  it.each([
    ['an empty list', '  ', 'Unexpected empty list, expected ¶ numbers such as 3,7-9'],
    ['an empty item', '3,,7', `Unexpected empty item 2 in "3,,7", ${EVERY_RANGE}`],
    ['a word', '3,x', `Unexpected "x" in "3,x", ${EVERY_RANGE}`],
    [
      'a reversed range',
      '9-7',
      'Unexpected range "9-7" in "9-7", expected the smaller number first, as in 7-9',
    ],
    ['an open range', '4-', `Unexpected "4-" in "4-", ${EVERY_RANGE}`],
    ['a ¶ before the first', '0,3', `Unexpected ¶ 0 in "0,3", ${ON_THIS_PAGE}`],
    ['a ¶ past the last', '58-61', `Unexpected ¶ 61 in "58-61", ${ON_THIS_PAGE}`],
  ])('says what is wrong with %s (%j)', (_, list, message) => {
    expect(parseHandout(list, 60)).toEqual({ ok: false, message });
  });
});

describe('formatParagraphList', () => {
  it('writes runs of consecutive numbers as ranges', () => {
    expect(formatParagraphList([2, 4, 5])).toBe('2, 4–5');
    expect(formatParagraphList([3, 7, 8, 9])).toBe('3, 7–9');
    expect(formatParagraphList([41, 1, 36])).toBe('41, 1, 36');
  });
});

describe('a handout link by paragraph id, and one made with ¶ numbers', () => {
  const page = {
    ids: new Set(['first', 'second', 'third', 'fourth']),
    retired: { merged: { to: 'gone-too' }, 'gone-too': { to: 'third' }, loop: { to: 'loop' } },
  };
  /** The page's ids by the ¶ numbers of the release whose handout links named numbers. */
  const numbered = ['first', 'merged', 'second', 'fourth'];
  const open = (param: string) => {
    const request = readHandoutParam(param);
    return request.ok ? resolveHandout(request, page, numbered) : request;
  };

  it('writes the ids in the teacher’s order, and reads them back', () => {
    expect(formatHandoutParam(['fourth', 'first'])).toBe('fourth,first');
    expect(open(formatHandoutParam(['fourth', 'first']))).toEqual({ ok: true, ids: ['fourth', 'first'] });
    expect(open(' third , first,third')).toEqual({ ok: true, ids: ['third', 'first'] });
  });

  it('opens a retired id’s successor, once', () => {
    expect(open('merged,first,third')).toEqual({ ok: true, ids: ['third', 'first'] });
  });

  it('reads ¶ numbers through the frozen numbering, whatever the page’s numbers are now', () => {
    expect(readHandoutParam('4,1-2')).toEqual({ ok: true, form: 'numbers', text: '4,1-2' });
    expect(open('4,1-2')).toEqual({ ok: true, ids: ['fourth', 'first', 'third'] });
    expect(open('3')).toEqual({ ok: true, ids: ['second'] });
  });

  it.each([
    ['an empty list', ' ', 'Unexpected empty list, expected the paragraphs of the handout'],
    ['an empty item', 'first,,third', 'Unexpected empty item 2 in "first,,third", expected a paragraph id'],
    [
      'an id not on the page',
      'first,fifth',
      'Unexpected paragraph "fifth", expected the id of a paragraph of this page, as “Open handout” writes it',
    ],
    [
      'a retired id whose successors go round',
      'loop',
      'Unexpected paragraph "loop", expected the id of a paragraph of this page, as “Open handout” writes it',
    ],
    [
      'a ¶ past the frozen numbering',
      '2,5',
      'Unexpected ¶ 5 in "2,5", expected numbers from 1 to 4 (the last ¶ of this page)',
    ],
  ])('says what is wrong with %s (%j)', (_, param, message) => {
    expect(open(param)).toEqual({ ok: false, message });
  });
});
