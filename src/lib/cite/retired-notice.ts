import type { RetiredId } from '../schema/ledger.ts';

/**
 * What a reader is told when an old link (a retired paragraph id) has brought them to its successor,
 * so that they know why the paragraph they land on may not read as the one that was cited. `ahead`
 * words it for a page that leads on to the successor (a retired id's present page) rather than one
 * that shows it, so that the reader page and that page never tell the reader two different stories.
 */
export function retiredNotice(
  reason: RetiredId['reason'],
  successorNumber: number,
  where: 'here' | 'ahead' = 'here',
): string {
  if (reason === 'merged') return `The paragraph you linked to was merged into ¶ ${successorNumber}.`;
  const nearest =
    where === 'here'
      ? `this is the nearest paragraph, ¶ ${successorNumber}`
      : `the nearest paragraph is ¶ ${successorNumber}`;
  return `The paragraph you linked to was removed from the edition; ${nearest}.`;
}
