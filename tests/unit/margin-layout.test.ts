import { describe, expect, it } from 'vitest';
import { layoutMargin, placeColumn } from '../../src/lib/margin/margin-layout.ts';

const options = { gap: 10, top: 0, columns: 1 as const, tolerance: 16 };
const note = (want: number, height = 60, briefHeight = 20) => ({ want, height, briefHeight });
const tops = (slots: { top: number }[]) => slots.map((slot) => slot.top);

describe('placeColumn', () => {
  it('puts each note at its words when they leave room', () => {
    expect(placeColumn([100, 300, 500], [60, 60, 60], 10, 0)).toEqual([100, 300, 500]);
  });

  it('centres a cluster on its words instead of pushing it down, keeping the gap', () => {
    // Two notes on one line: one above it, one below, not both below.
    expect(placeColumn([400, 400], [60, 60], 10, 0)).toEqual([365, 435]);
    // Three: the middle one at its line.
    expect(placeColumn([400, 400, 400], [60, 60, 60], 10, 0)).toEqual([330, 400, 470]);
  });

  it('never places a note above the top', () => {
    expect(placeColumn([0, 0], [60, 60], 10, 0)).toEqual([0, 70]);
  });

  it('keeps an open note where it stands; its neighbours make room above and below', () => {
    expect(placeColumn([300, 340, 360], [60, 200, 60], 10, 0, { at: 1, top: 340 })).toEqual([270, 340, 550]);
  });
});

describe('layoutMargin', () => {
  it('lets a note keep its short form where there is room', () => {
    const slots = layoutMargin([note(100), note(300)], options);
    expect(slots).toEqual([
      { top: 100, column: 0, brief: false },
      { top: 300, column: 0, brief: false },
    ]);
  });

  it('makes a crowded paragraph’s notes brief, so that each stands within reach of its words', () => {
    const slots = layoutMargin([note(400), note(400), note(420)], options);
    // The last keeps its short form: below it nothing needs the room.
    expect(slots.map((slot) => slot.brief)).toEqual([true, true, false]);
    expect(tops(slots).map(Math.round)).toEqual([377, 407, 437]);
    // In their short forms they would stand 60 px away or more.
    const short = placeColumn([400, 400, 420], [60, 60, 60], 10, 0);
    expect(short.map(Math.round)).toEqual([337, 407, 477]);
  });

  it('gives a brief note its short form back when that moves no note too far', () => {
    const slots = layoutMargin([note(400), note(400), note(430), note(700)], options);
    expect(slots.map((slot) => slot.brief)).toEqual([true, true, false, false]);
    expect(tops(slots).map(Math.round)).toEqual([380, 410, 440, 700]);
  });

  it('with two columns, sends a note across when the main one is taken at its line', () => {
    const slots = layoutMargin([note(400), note(400), note(600)], { ...options, columns: 2 });
    expect(slots).toEqual([
      { top: 400, column: 0, brief: false },
      { top: 400, column: 1, brief: false },
      { top: 600, column: 0, brief: false },
    ]);
  });

  it('puts everything back where it was when the open note closes', () => {
    const closed = [note(100), note(160), note(400)];
    const before = layoutMargin(closed, options);
    const opened = layoutMargin(
      closed.map((item, index) => (index === 0 ? { ...item, openHeight: 300 } : item)),
      { ...options, pinned: { index: 0, top: before[0]?.top ?? 0 } },
    );
    expect(opened[0]?.top).toBe(before[0]?.top);
    expect(opened[1]?.top).toBeGreaterThanOrEqual((before[0]?.top ?? 0) + 300 + 10);
    expect(layoutMargin(closed, options)).toEqual(before);
  });
});
