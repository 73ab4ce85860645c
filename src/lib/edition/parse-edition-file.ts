import { type Document, isMap, isNode, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { z } from 'zod';
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
 * The largest edition file the ingest accepts: 1 MiB. Parsing YAML takes up to some 90 bytes of memory
 * per byte (a 2 MiB file of short decisions peaked at 265 MB), so this keeps the parse under 200 MB; the
 * edition's own file is 15 KB, and two thousand decisions with a long reason each fit. The CLI refuses a
 * larger file before reading past the limit.
 */
export const MAX_EDITION_BYTES = 1024 * 1024;

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
  const result = editionFileSchema.safeParse(toPlainData(document, file, lineCounter));
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      const known = knownKeys(path);
      const guess = closest(key, known);
      throw new ContentError({
        file,
        ...keyPosition(document, lineCounter, path, key),
        rule: 'edition-unknown-field',
        message: `Unexpected field \`${[...path, key].join('.')}\`${guess ? ` (did you mean \`${guess}\`?)` : ''}, expected only ${known.map((name) => `\`${name}\``).join(', ')}`,
        fix: guess
          ? `rename it to \`${guess}\`; a field the ingest does not know would be ignored, so it is refused`
          : 'remove it, or move it where it belongs (the fields are documented in src/lib/schema/edition.ts); a field the ingest does not know would be ignored, so it is refused',
      });
    }
    const { line, column } = positionOf(path);
    throw new ContentError({
      file,
      line,
      column,
      rule: 'edition-schema',
      message: `Unexpected value at \`${path.join('.') || '(top level)'}\`${issue.code === 'too_big' && issue.origin === 'string' ? ` of ${lengthAt(document, path)} characters` : ''}: ${issue.message}`,
      fix:
        issue.code === 'too_big' && issue.origin === 'string'
          ? 'shorten it: keep the words that matter here, and put a longer argument in a marginal note or the README'
          : fixFor(path),
    });
  }
  const problemAt = (path: readonly (string | number)[], rule: string, message: string, fix: string) =>
    new ContentError({ file, ...positionOf(path), rule, message, fix });
  return { file, data: result.data, positionOf, problemAt };
}

/** The length of the string at `path`, as written in the file. */
function lengthAt(document: Document, path: readonly (string | number)[]): number {
  const value = document.getIn(path);
  return typeof value === 'string' ? value.trim().length : 0;
}

/** Aliases are expanded at most this often: a YAML “billion laughs” would otherwise exhaust memory. */
const MAX_ALIASES = 100;

function toPlainData(document: Document, file: string, lineCounter: LineCounter): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const alias = firstAliasOffset(document);
    const { line, col } = lineCounter.linePos(alias);
    throw new ContentError({
      file,
      line,
      column: col,
      rule: 'yaml-aliases',
      message: `Unexpected YAML aliases (*name) expanding past ${MAX_ALIASES} copies, expected plain values: ${error.message}`,
      fix: 'write each value out instead of repeating it through anchors (&name) and aliases (*name)',
    });
  }
}

/** The offset of the first alias in the document (the place to look at when aliases explode). */
function firstAliasOffset(document: Document): number {
  let offset = 0;
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** Where a key (not its value) is written in the mapping at `path`. */
function keyPosition(
  document: Document,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
  key: string,
) {
  const map = path.length === 0 ? document.contents : document.getIn(path, true);
  if (isMap(map)) {
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) {
      const position = lineCounter.linePos(pair.key.range[0]);
      return { line: position.line, column: position.col };
    }
  }
  return locate(document, lineCounter, [...path, key]);
}

/** The field names the schema allows in the object at `path` (list indices skipped). */
function knownKeys(path: readonly (string | number)[]): string[] {
  let schema: z.ZodType = editionFileSchema;
  for (const key of [...path, null]) {
    for (;;) {
      if (
        schema instanceof z.ZodDefault ||
        schema instanceof z.ZodOptional ||
        schema instanceof z.ZodNullable
      )
        schema = schema.unwrap() as z.ZodType;
      else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
      else break;
    }
    if (key === null || typeof key === 'number') continue;
    if (!(schema instanceof z.ZodObject)) return [];
    const next = (schema.shape as Record<string, z.ZodType>)[key];
    if (!next) return [];
    schema = next;
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** The known name a misspelt one was probably meant to be: at most two edits away, or a plural. */
function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.min(2, Math.floor(name.length / 3));
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance - 1;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
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
  const field = path.at(-1);
  if (field === 'url')
    return 'write the archive page’s web address (https://…), or `url: null` when it is not known';
  if (field === 'quote' || field === 'after' || field === 'begins' || field === 'ends')
    return 'copy at least three characters of the witness’s words into the quote (a whole phrase is safest)';
  switch (list) {
    case 'documents':
      return 'each document needs id, title, authors, date, translator, description, path, source, begins and ends (see src/lib/schema/edition.ts)';
    case 'removals':
      return 'each removal needs quote, kind (keyword-spam, web-title, navigation, snippet-stitch, licence, outside-document, interface-text) and reason';
    case 'gaps':
      return 'each gap needs after, status (unresolved, restored, rejected), missing and reason; a restored gap also value and source (the work the value comes from, never blank)';
    case 'headings':
      return 'each heading needs quote and reason';
    default:
      return 'compare the file with the schema in src/lib/schema/edition.ts, where every field is documented';
  }
}
