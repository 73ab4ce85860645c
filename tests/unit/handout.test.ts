import { describe, expect, it } from 'vitest';
import { formatHandoutParam, formatParagraphList, parseHandout } from '../../src/lib/cite/handout.ts';

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

describe('formatParagraphList and formatHandoutParam', () => {
  it('write runs of consecutive numbers as ranges, for reading and for a link', () => {
    expect(formatParagraphList([2, 4, 5])).toBe('2, 4–5');
    expect(formatParagraphList([3, 7, 8, 9])).toBe('3, 7–9');
    expect(formatHandoutParam([3, 7, 8, 9, 12])).toBe('3,7-9,12');
    expect(parseHandout(formatHandoutParam([1, 2, 3, 10]), 10)).toEqual({
      ok: true,
      paragraphs: [1, 2, 3, 10],
    });
  });
});
