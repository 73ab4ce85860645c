import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ContentError } from '../content-error.ts';
import { type EditionFile, editionFileSchema } from '../schema/edition.ts';

/** The parsed edition file, with a way back from any value to its line and column. */
export interface ParsedEdition {
  file: string;
  data: EditionFile;
  /** 1-based line and column of the value at a path such as ['removals', 3, 'quote']. */
  positionOf: (path: readonly (string | number)[]) => { line: number; column: number };
  /** A ContentError at the value at `path`, to throw. */
  problemAt: (path: readonly (string | number)[], rule: string, message: string, fix: string) => ContentError;
}

/**
 * Parses and validates the edition file. YAML syntax errors and schema errors both become a
 * ContentError at the offending line and column, with the field and a fix.
 */
export function parseEditionFile(source: string, file: string): ParsedEdition {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const position = lineCounter.linePos(syntaxError.pos[0]);
    throw new ContentError({
      file,
      line: position.line,
      column: position.col,
      rule: 'yaml-syntax',
      message: `Unexpected YAML: ${syntaxError.message.split('\n')[0]}`,
      fix: 'check the indentation and quoting on this line; quotes containing a colon or a # must be in quotation marks',
    });
  }

  const positionOf = (path: readonly (string | number)[]) => locate(document, lineCounter, path);
  const result = editionFileSchema.safeParse(document.toJS());
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    const { line, column } = positionOf(path);
    throw new ContentError({
      file,
      line,
      column,
      rule: 'edition-schema',
      message: `Unexpected value at \`${path.join('.') || '(top level)'}\`: ${issue.message}`,
      fix: fixFor(path),
    });
  }
  const problemAt = (path: readonly (string | number)[], rule: string, message: string, fix: string) =>
    new ContentError({ file, ...positionOf(path), rule, message, fix });
  return { file, data: result.data, positionOf, problemAt };
}

/** The position of the deepest node on the path that exists (a missing field points at its parent). */
function locate(document: Document, lineCounter: LineCounter, path: readonly (string | number)[]) {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const position = lineCounter.linePos(node.range[0]);
      return { line: position.line, column: position.col };
    }
  }
  return { line: 1, column: 1 };
}

function fixFor(path: readonly (string | number)[]): string {
  const [list] = path;
  switch (list) {
    case 'documents':
      return 'each document needs id, title, authors, date, translator, description, path, source, begins and ends (see src/lib/schema/edition.ts)';
    case 'removals':
      return 'each removal needs quote, kind (keyword-spam, web-title, navigation, snippet-stitch, licence, outside-document) and reason';
    case 'gaps':
      return 'each gap needs after, status (unresolved, restored, rejected), missing and reason; a restored gap also value and source';
    case 'headings':
      return 'each heading needs quote and reason';
    default:
      return 'compare the file with the schema in src/lib/schema/edition.ts, where every field is documented';
  }
}
