import type { Page } from 'playwright-core';
import { median, p95 } from '../../../scripts/bench/figure.ts';

/*
 * How far each marginal note stands from its words, as a reader sees it: the browser test on the
 * margin and `npm run bench` both measure with this, so the figures they report are the same.
 */

/** One note in the margin: how far its top is from the top of its words' first line, in CSS px. */
export interface NoteOffset {
  id: string;
  /** The note's top minus the top of the first line box of its words; negative when it stands above. */
  offset: number;
}

export interface MarginLayout {
  /** Every note shown on the page, in page order. */
  notes: NoteOffset[];
  /** Pairs of notes whose boxes overlap. */
  overlaps: string[];
  /** Notes whose box enters the text column (the box around the paragraphs). */
  covering: string[];
  /**
   * Notes whose box lies over the words of a paragraph, as "note × text of passage": none may, in the
   * margin or, on a phone and without JavaScript, under their paragraph (in the column, between texts).
   */
  overText: string[];
  /** The page scrolls sideways. */
  scrollsSideways: boolean;
}

/** Waits until the notes are placed (or folded) and the fonts and layout have settled. */
export async function settleNotes(page: Page): Promise<void> {
  await page.locator('html.notes-placed, html.notes-folded').waitFor({ state: 'attached' });
  await page.evaluate(async () => {
    await document.fonts.ready;
    // Two frames: the ResizeObserver that follows a reflow answers within the next one.
    for (let frame = 0; frame < 2; frame++) await new Promise((done) => requestAnimationFrame(done));
  });
}

/**
 * Measures every visible note against its words, the other notes and the text column: run in the page,
 * so it uses nothing outside itself (the cross-engine suite sends it to Firefox and WebKit as text).
 */
export function marginInPage(): MarginLayout {
  const shown = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility === 'visible';
  };
  const notes = [...document.querySelectorAll<HTMLElement>('aside.note')].filter(shown).map((note) => {
    const ref = document.querySelector<HTMLAnchorElement>(`a.note-ref[href="#${note.id}"]`);
    const line = ref?.getClientRects()[0]?.top ?? Number.NaN;
    return {
      id: note.id,
      box: note.getBoundingClientRect(),
      offset: note.getBoundingClientRect().top - line,
    };
  });
  // The paragraphs shown: a handout hides the others.
  const texts = [...document.querySelectorAll('.passage > p')].filter(shown).map((p) => ({
    passage: p.closest('.passage')?.id ?? '',
    box: p.getBoundingClientRect(),
  }));
  const paragraphs = texts.map((text) => text.box);
  const column = {
    left: Math.min(...paragraphs.map((box) => box.left)),
    right: Math.max(...paragraphs.map((box) => box.right)),
    top: Math.min(...paragraphs.map((box) => box.top)),
    bottom: Math.max(...paragraphs.map((box) => box.bottom)),
  };
  type Box = { left: number; right: number; top: number; bottom: number };
  // Half a pixel of tolerance: boxes that only touch do not overlap.
  const meet = (a: Box, b: Box) =>
    a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const overlaps: string[] = [];
  notes.forEach((note, index) => {
    for (const other of notes.slice(index + 1))
      if (meet(note.box, other.box)) overlaps.push(`${note.id} × ${other.id}`);
  });
  return {
    notes: notes.map(({ id, offset }) => ({ id, offset })),
    overlaps,
    covering: notes.filter((note) => meet(note.box, column)).map((note) => note.id),
    overText: notes.flatMap((note) =>
      texts.filter((text) => meet(note.box, text.box)).map((text) => `${note.id} × text of ${text.passage}`),
    ),
    scrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
  };
}

/** Measures every visible note against its words, the other notes and the text column. */
export function measureMargin(page: Page): Promise<MarginLayout> {
  return page.evaluate(marginInPage);
}

/** What the margin's distances come to: the figures the test bounds and the bench prints. */
export interface MarginFigures {
  count: number;
  /** Median, 95th percentile (nearest rank) and maximum of |offset|, in px. */
  median: number;
  p95: number;
  max: number;
  /** The share of notes (0–1) that start within `near` px of their words' line. */
  nearShare: number;
}

/** The distance within which a note counts as beside its words. */
export const NEAR_PX = 32;

export function marginFigures(notes: readonly NoteOffset[]): MarginFigures {
  const distances = notes.map((note) => Math.abs(note.offset));
  return {
    count: distances.length,
    median: median(distances),
    p95: p95(distances),
    max: Math.max(0, ...distances),
    nearShare: distances.length === 0 ? 0 : distances.filter((d) => d <= NEAR_PX).length / distances.length,
  };
}
