import { describe, expect, it } from 'vitest';
import { assignStableIds } from '../../src/lib/passages/assign-stable-ids.ts';

const essay = (...texts: string[]) => texts.map((text) => ({ document: 'essay', text }));

const FIRST = 'Zinoviev and Kamenev are no fools. They cannot but understand what restoration would mean.';
const SECOND =
  'The goal of the maneuver is quite evident: Stalin replies by redoubling the terror against the party.';
const THIRD = 'Why is there to be observed a process of a directly opposite character in the Soviet state?';
const FOURTH =
  'Such a conclusion would be, however, one-sided and, consequently, incorrect in every respect.';

describe('assignStableIds', () => {
  const first = assignStableIds(essay(FIRST, SECOND, THIRD, FOURTH), null);

  it('gives new passages a readable slug of their opening words', () => {
    expect(first.ids).toEqual([
      'zinoviev-and-kamenev-are-no-fools',
      'the-goal-of-the-maneuver-is',
      'why-is-there-to-be-observed',
      'such-a-conclusion-would-be-however',
    ]);
    expect(first.lock.retired).toEqual([]);
  });

  it('keeps an id when a sentence of its passage is edited (a typo fixed, a year restored)', () => {
    const edited = SECOND.replace('quite evident', 'perfectly evident').replace(
      'the party',
      'the party [in 1934]',
    );
    const again = assignStableIds(essay(FIRST, edited, THIRD, FOURTH), first.lock);
    expect(again.ids).toEqual(first.ids);
  });

  it('keeps every other id when a paragraph is inserted, even one that opens with the same words', () => {
    const inserted = 'The goal of the maneuver is not the same as its pretext, and the workers know it.';
    const again = assignStableIds(essay(FIRST, inserted, SECOND, THIRD, FOURTH), first.lock);
    expect(again.ids).toEqual([
      'zinoviev-and-kamenev-are-no-fools',
      'the-goal-of-the-maneuver-is-2',
      'the-goal-of-the-maneuver-is',
      'why-is-there-to-be-observed',
      'such-a-conclusion-would-be-however',
    ]);
  });

  /** Where each retired id leads, without the text the lock keeps to revive it. */
  const links = (retired: readonly { id: string; successor: string; reason: string }[]) =>
    retired.map(({ id, successor, reason }) => ({ id, successor, reason }));

  it('retires the id of a deleted paragraph and sends it to the next passage', () => {
    const again = assignStableIds(essay(FIRST, SECOND, FOURTH), first.lock);
    expect(again.ids).toEqual([
      'zinoviev-and-kamenev-are-no-fools',
      'the-goal-of-the-maneuver-is',
      'such-a-conclusion-would-be-however',
    ]);
    expect(again.lock.retired).toEqual([
      {
        id: 'why-is-there-to-be-observed',
        successor: 'such-a-conclusion-would-be-however',
        reason: 'removed',
        document: 'essay',
        text: THIRD,
      },
    ]);
  });

  it('retires the id of a paragraph merged into its neighbour and sends it there', () => {
    const again = assignStableIds(essay(FIRST, `${SECOND} ${THIRD}`, FOURTH), first.lock);
    expect(again.ids).toEqual([
      'zinoviev-and-kamenev-are-no-fools',
      'the-goal-of-the-maneuver-is',
      'such-a-conclusion-would-be-however',
    ]);
    expect(links(again.lock.retired)).toEqual([
      { id: 'why-is-there-to-be-observed', successor: 'the-goal-of-the-maneuver-is', reason: 'merged' },
    ]);
  });

  it('gives a paragraph restored after its deletion its old id back, as it was or corrected', () => {
    const deleted = assignStableIds(essay(FIRST, SECOND, FOURTH), first.lock);
    const restored = assignStableIds(essay(FIRST, SECOND, THIRD, FOURTH), deleted.lock);
    expect(restored).toEqual(first);
    const corrected = assignStableIds(
      essay(FIRST, SECOND, THIRD.replace('Soviet state', 'workers’ state'), FOURTH),
      deleted.lock,
    );
    expect(corrected.ids[2]).toBe('why-is-there-to-be-observed');
    expect(corrected.lock.retired).toEqual([]);
  });

  it('never reuses a retired id for another paragraph, and re-points an old redirect when its successor retires too', () => {
    const deleted = assignStableIds(essay(FIRST, SECOND, FOURTH), first.lock);
    const other = assignStableIds(
      essay(
        FIRST,
        SECOND,
        'Why is there to be observed no progress at all, after three years of effort by every cooperative farm?',
        FOURTH,
      ),
      deleted.lock,
    );
    expect(other.ids[2]).toBe('why-is-there-to-be-observed-2');
    const both = assignStableIds(essay(FIRST, SECOND), deleted.lock);
    expect(links(both.lock.retired)).toEqual([
      { id: 'why-is-there-to-be-observed', successor: 'the-goal-of-the-maneuver-is', reason: 'removed' },
      {
        id: 'such-a-conclusion-would-be-however',
        successor: 'the-goal-of-the-maneuver-is',
        reason: 'removed',
      },
    ]);
  });

  it('is stable: the same passages and lock give the same ids and lock', () => {
    const again = assignStableIds(essay(FIRST, SECOND, THIRD, FOURTH), first.lock);
    expect(again).toEqual(first);
  });
});
