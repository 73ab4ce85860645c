import { isNode, LineCounter, parseDocument } from 'yaml';
import { ContentError } from '../content-error.ts';
import { type TimelineEventData, timelineEventSchema } from '../schema/timeline.ts';

/**
 * One timeline event file, parsed and validated, each problem at the line and column of the value at
 * fault (Astro's own YAML loader reports a schema problem at line 0, column 0).
 */
export function parseEventFile(source: string, file: string): TimelineEventData {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fail = (offset: number, rule: string, message: string, fix: string): never => {
    const { line, col } = lineCounter.linePos(offset);
    throw new ContentError({ file, line, column: col, rule, message, fix });
  };
  const syntaxError = document.errors[0];
  if (syntaxError) {
    fail(
      syntaxError.pos[0],
      'yaml-syntax',
      `Unexpected YAML: ${syntaxError.message.split('\n')[0]}`,
      'check the indentation and quoting on this line; text containing a colon or a # must be in quotation marks',
    );
  }
  const result = timelineEventSchema.safeParse(document.toJS({ maxAliasCount: 100 }));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).filter((key): key is string | number => typeof key !== 'symbol');
  // The deepest node on the path that exists: a missing field is reported at its parent.
  let offset = 0;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      offset = node.range[0];
      break;
    }
  }
  const field = path.join('.') || '(top level)';
  return fail(
    offset,
    'timeline-schema',
    `Unexpected value at \`${field}\`: ${issue?.message ?? 'invalid'}`,
    'compare the file with the schema in src/lib/schema/timeline.ts, where every field is documented',
  );
}
