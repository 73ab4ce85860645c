import { z } from 'zod';

/** A point in the witness: 1-based line and column, and the 0-based UTF-16 offset into the decoded text. */
export const witnessPointSchema = z.object({
  /** 1-based line number in the witness file. */
  line: z.number().int().positive(),
  /** 1-based column (UTF-16 code units) on that line. */
  column: z.number().int().positive(),
  /** 0-based offset into the witness text (after a byte-order mark, if any, is set aside). */
  offset: z.number().int().nonnegative(),
});

/** Where a passage or a decision sits in the witness: start inclusive, end exclusive. */
export const witnessRangeSchema = z.object({
  start: witnessPointSchema,
  end: witnessPointSchema,
});

/** The heuristics that detect a gap; each names the trace that a dropped number or quotation left behind. */
export const gapKindSchema = z.enum([
  'doubled-word',
  'glued-preposition',
  'preposition-before-punctuation',
  'as-early-as',
  'orphan-magnitude',
  'colon-non-sequitur',
  'editorial',
]);

/** A gap marked in a passage with an editorial bracket. */
export const passageGapSchema = z.object({
  /** Stable name of the gap, unique in the edition (used by gap notes and the ledger). */
  id: z.string().min(1),
  /** Which trace revealed the gap. */
  kind: gapKindSchema,
  /** What is missing, in a few words ("a year", "a quotation"). */
  missing: z.string().min(1),
  /** The bracket printed in the text: "[…]" when unresolved, "[1911]" when restored. */
  marker: z.string().min(3),
  /** `restored` only when the edition file gives the value and its source. */
  status: z.enum(['unresolved', 'restored']),
  /** The restored value, when restored. */
  value: z.string().optional(),
  /** The source of the restored value, when restored. */
  source: z.string().optional(),
  /** 0-based offset of the marker in the passage's text as displayed. */
  at: z.number().int().nonnegative(),
});

/** Frontmatter of a generated passage file, `content/passages/<document>/<id>.md`. */
export const passageSchema = z.object({
  /** Stable id: the URL anchor. Never changes once assigned (see content/apparatus/ids.lock.json). */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  /** The visible paragraph number (¶), 1-based within its document. May change between editions. */
  n: z.number().int().positive(),
  /** The id of the document (from the edition file) this passage belongs to. */
  document: z.string().min(1),
  /** The section heading the passage falls under, or null before the first heading. */
  section: z.string().nullable(),
  /** Where the passage's text lies in the witness. */
  witness: witnessRangeSchema,
  /** Gaps marked in this passage, in text order. Default: none. */
  gaps: z.array(passageGapSchema).default([]),
});

export type WitnessPoint = z.infer<typeof witnessPointSchema>;
export type WitnessRange = z.infer<typeof witnessRangeSchema>;
export type GapKind = z.infer<typeof gapKindSchema>;
export type PassageGap = z.infer<typeof passageGapSchema>;
export type PassageFrontmatter = z.infer<typeof passageSchema>;
