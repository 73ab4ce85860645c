import type { RetiredId } from '../schema/ledger.ts';

/**
 * What a reader is told when an old link (a retired paragraph id) has brought them to its successor,
 * so that they know why the paragraph they land on may not read as the one that was cited.
 */
export function retiredNotice(reason: RetiredId['reason'], successorNumber: number): string {
  return reason === 'merged'
    ? `The paragraph you linked to was merged into ¶ ${successorNumber}.`
    : `The paragraph you linked to was removed from the edition; this is the nearest paragraph, ¶ ${successorNumber}.`;
}
