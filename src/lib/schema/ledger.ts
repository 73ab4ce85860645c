import { z } from 'zod';
import { removalKindSchema } from './edition.ts';
import { gapKindSchema, witnessPointSchema, witnessRangeSchema } from './passage.ts';

/** Who made a decision: a generic heuristic of the ingest, or the editor in the edition file. */
export const originSchema = z.enum(['heuristic', 'edition']);

/** Something the edition removed from the witness. */
export const ledgerRemovalSchema = z.object({
  /** The removed text, exactly as in the witness. */
  text: z.string(),
  kind: removalKindSchema,
  reason: z.string(),
  origin: originSchema,
  /** True when the edition file confirms a heuristic decision (always true for the editor's own). */
  confirmed: z.boolean(),
  witness: witnessRangeSchema,
});

/** A section heading split out of the running text. */
export const ledgerHeadingSchema = z.object({
  text: z.string(),
  document: z.string(),
  reason: z.string(),
  origin: originSchema,
  confirmed: z.boolean(),
  witness: witnessRangeSchema,
});

/** A gap marked in the text, or a heuristic gap the editor rejected. */
export const ledgerGapSchema = z.object({
  id: z.string(),
  /** The passage that carries the marker (null for a rejected gap). */
  passage: z.string().nullable(),
  document: z.string().nullable(),
  kind: gapKindSchema,
  missing: z.string().nullable(),
  /** The bracket printed, or null for a rejected gap. */
  marker: z.string().nullable(),
  status: z.enum(['unresolved', 'restored', 'rejected']),
  value: z.string().nullable(),
  source: z.string().nullable(),
  reason: z.string(),
  origin: originSchema,
  confirmed: z.boolean(),
  /** The trace in the witness (the doubled word, the stray punctuation …). */
  evidence: z.string(),
  /** Where the missing words belong in the witness. */
  witness: witnessPointSchema,
});

/** A passage id that no longer exists, and where its links now lead. */
export const retiredIdSchema = z.object({
  id: z.string(),
  /** The surviving passage that a link to the retired id lands on. */
  successor: z.string(),
  /** merged: its text lives on in the successor; removed: the successor is its nearest neighbour. */
  reason: z.enum(['merged', 'removed']),
});

/** `content/apparatus/ledger.json`: what the edition did to the witness, and why. */
export const ledgerSchema = z.object({
  witness: z.object({
    file: z.string(),
    sha256: z.string(),
    lines: z.number().int(),
    characters: z.number().int(),
    byteOrderMark: z.boolean(),
    lineEnds: z.enum(['LF', 'CRLF', 'mixed', 'none']),
  }),
  documents: z.array(
    z.object({ id: z.string(), title: z.string(), passages: z.number().int(), witness: witnessRangeSchema }),
  ),
  removals: z.array(ledgerRemovalSchema),
  headings: z.array(ledgerHeadingSchema),
  gaps: z.array(ledgerGapSchema),
  retired: z.array(retiredIdSchema),
});

/**
 * A retired id in the id lock, with the paragraph's last text and document, so that the paragraph gets
 * its id back if an edit restores it (older locks have retired ids without them).
 */
export const lockedRetiredIdSchema = retiredIdSchema.extend({
  document: z.string().optional(),
  text: z.string().optional(),
});

/** `content/apparatus/ids.lock.json`: every id ever assigned, so links survive re-ingest. */
export const idLockSchema = z.object({
  version: z.literal(1),
  /** Live passages in edition order, with the text their id was last matched on. */
  passages: z.array(z.object({ id: z.string(), document: z.string(), text: z.string() })),
  /** Retired ids and their successors; shrinks only when a restored paragraph takes its id back. */
  retired: z.array(lockedRetiredIdSchema),
});

export type LedgerRemoval = z.infer<typeof ledgerRemovalSchema>;
export type LedgerHeading = z.infer<typeof ledgerHeadingSchema>;
export type LedgerGap = z.infer<typeof ledgerGapSchema>;
export type RetiredId = z.infer<typeof retiredIdSchema>;
export type LockedRetiredId = z.infer<typeof lockedRetiredIdSchema>;
export type Ledger = z.infer<typeof ledgerSchema>;
export type IdLock = z.infer<typeof idLockSchema>;
