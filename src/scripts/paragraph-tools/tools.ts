/*
 * What the paragraph tools share, as one object that paragraph-tools-ui.ts builds once and passes to
 * each feature: the page's data and passages, the width from which the tools sit in the ¶ gutter,
 * the toolbar, and the live region's ways to speak. Nothing else is shared between the features.
 */
import type { CitedWork } from '../../lib/cite/citation.ts';
import type { Announce, Copy } from './live-region.ts';
import type { Toolbar } from './toolbar.ts';

/** The data island PassageTools.astro writes: the cited work, less what the page's address gives. */
export interface ToolsData extends Omit<CitedWork, 'documentUrl'> {
  /** The present-mode path prefix, base included ("/p/"). */
  present: string;
  retired?: Record<string, { to: string; href: string; reason: 'merged' | 'removed' }>;
  /** The id of the document the page shows (the edition file's). */
  document: string;
}

export interface Tools {
  readonly data: ToolsData;
  readonly main: HTMLElement;
  /** The page's passages, in reading order. */
  readonly passages: readonly HTMLElement[];
  /** From 52rem the tools hang in the gutter under the ¶ number; below, a bar at the foot of the screen. */
  readonly wide: MediaQueryList;
  readonly toolbar: Toolbar;
  readonly announce: Announce;
  readonly copy: Copy;
}
