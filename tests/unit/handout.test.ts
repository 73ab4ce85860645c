import { describe, expect, it } from 'vitest';
import { formatHandoutParam, formatParagraphList, parseHandout } from '../../src/lib/cite/handout.ts';

describe('parseHandout', () => {
  it('reads numbers and ranges into distinct ¶ numbers, in the order the teacher gave them', () => {
    expect(parseHandout('3,7-9', 60)).toEqual({ ok: true, paragraphs: [3, 7, 8, 9] });
    expect(parseHandout(' 9, 2 – 4 ,3 ', 60)).toEqual({ ok: true, paragraphs: [9, 2, 3, 4] });
    expect(parseHandout('41,1,36', 60)).toEqual({ ok: true, paragraphs: [41, 1, 36] });
    expect(parseHandout('5-5,5', 5)).toEqual({ ok: true, paragraphs: [5] });
  });

  it('says what is wrong with an empty list or an empty item', () => {
    expect(parseHandout('  ', 60)).toEqual({
      ok: false,
      message: 'Unexpected empty list, expected ¶ numbers such as 3,7-9',
    });
    expect(parseHandout('3,,7', 60)).toEqual({
      ok: false,
      message: 'Unexpected empty item 2 in "3,,7", expected a ¶ number such as 7 or a range such as 7-9',
    });
  });

  it('says what is wrong with a word, a reversed range or an open range', () => {
    expect(parseHandout('3,x', 60)).toEqual({
      ok: false,
      message: 'Unexpected "x" in "3,x", expected a ¶ number such as 7 or a range such as 7-9',
    });
    expect(parseHandout('9-7', 60)).toEqual({
      ok: false,
      message: 'Unexpected range "9-7" in "9-7", expected the smaller number first, as in 7-9',
    });
    expect(parseHandout('4-', 60)).toEqual({
      ok: false,
      message: 'Unexpected "4-" in "4-", expected a ¶ number such as 7 or a range such as 7-9',
    });
  });

  it('refuses ¶ numbers the page does not have', () => {
    expect(parseHandout('0,3', 60)).toEqual({
      ok: false,
      message: 'Unexpected ¶ 0 in "0,3", expected numbers from 1 to 60 (the last ¶ of this page)',
    });
    expect(parseHandout('58-61', 60)).toEqual({
      ok: false,
      message: 'Unexpected ¶ 61 in "58-61", expected numbers from 1 to 60 (the last ¶ of this page)',
    });
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
