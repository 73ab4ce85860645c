import type { Root } from 'mdast';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { abbreviate, ContentError } from '../content-error.ts';
import { readFrontmatter } from '../markdown/frontmatter.ts';
import { parseMarkdown } from '../markdown/pipeline.ts';
import { type Annotation, annotationSchema } from '../schema/annotation.ts';
import { isPublishableHref } from '../schema/web-url.ts';

/** A 1-based line and column in a file. */
export interface Point {
  line: number;
  column: number;
}

/** One note file, validated: `content/annotations/<id>.md`. */
export interface AnnotationFile {
  /** The note's id: the file name without `.md`. Anchors are `#note-<id>` and `#ref-<id>`. */
  id: string;
  /** Path relative to the project root, as error messages print it. */
  file: string;
  data: Annotation;
  /** The note's text, Markdown. */
  body: string;
  /** Where `target.passage`, `target.quote` and `related` are written, for problems found later; unknown (1:1) when absent. */
  at?: { passage: Point; quote: Point; related: Point } | undefined;
}

const noteIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const schemaDoc = 'src/lib/schema/annotation.ts';

/** The note id a file gets: its name without the folder and `.md`. */
export function noteIdOf(path: string): string {
  return (path.split(/[\\/]/).at(-1) ?? path).replace(/\.md$/, '');
}

/**
 * Parses one note file. A missing frontmatter block, bad YAML, a field the schema refuses, an
 * unusable file name or an empty text each throw a ContentError at the line and column to fix.
 */
export function parseAnnotationFile(source: string, file: string): AnnotationFile {
  const id = noteIdOf(file);
  if (!noteIdPattern.test(id)) {
    throw new ContentError({
      file,
      line: 1,
      column: 1,
      rule: 'annotation-id',
      message: `Unexpected file name "${id}.md", expected lowercase words joined by hyphens (the name is the note's id and anchor)`,
      fix: `rename the file, e.g. to "${slugOf(id) || 'note'}.md"`,
    });
  }
  const frontmatter = readFrontmatter(source);
  if (!frontmatter) {
    throw new ContentError({
      file,
      line: 1,
      column: 1,
      rule: 'annotation-frontmatter',
      message: 'Unexpected file without frontmatter, expected `---` on the first line',
      fix: 'start the file with `---`, the fields kind, title, target and sources, and `---`; then write the note',
    });
  }
  const { yaml, body: text, linesBefore } = frontmatter;
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The YAML starts on line 2, after the opening `---`.
  const pointAt = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + 1, column: col };
  };
  const syntaxError = document.errors[0];
  if (syntaxError) {
    throw new ContentError({
      file,
      ...pointAt(syntaxError.pos[0]),
      rule: 'annotation-yaml',
      message: `Unexpected YAML: ${syntaxError.message.split('\n')[0]}`,
      fix: 'check the indentation and quoting on this line; a quote containing a colon, a # or a leading [ must be in quotation marks',
    });
  }
  const positionOf = (path: readonly (string | number)[]): Point => {
    const offset = offsetOf(document, path);
    return offset === undefined ? { line: 2, column: 1 } : pointAt(offset);
  };

  let raw: unknown;
  try {
    // Aliases are expanded at most 100 times: a YAML “billion laughs” would otherwise exhaust memory.
    raw = document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new ContentError({
      file,
      line: 2,
      column: 1,
      rule: 'annotation-yaml',
      message: `Unexpected YAML aliases (*name) expanding past 100 copies, expected plain values: ${error.message}`,
      fix: 'write each value out instead of repeating it through anchors (&name) and aliases (*name)',
    });
  }
  const result = annotationSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    throw new ContentError({ file, ...positionOf(path), ...describeIssue(issue, path, raw) });
  }
  const body = text.trim();
  checkBody(text, linesBefore, file);
  if (body === '') {
    throw new ContentError({
      file,
      // The closing `---`, which the text should follow.
      line: linesBefore,
      column: 1,
      rule: 'annotation-empty',
      message: 'Unexpected note without text, expected its Markdown text after the closing `---`',
      fix: 'write the note (one to four sentences) below the frontmatter',
    });
  }
  return {
    id,
    file,
    data: result.data,
    body,
    at: {
      passage: positionOf(['target', 'passage']),
      quote: positionOf(['target', 'quote']),
      related: positionOf(['related']),
    },
  };
}

/**
 * The note's Markdown may hold only what the site renders: raw HTML would be dropped with its text
 * (the pipeline does not pass it through, so the strict Content-Security-Policy and the plain-text
 * exports never meet markup a note author wrote), and a link may lead only to the web or this site.
 * `lineOffset` is the number of lines before the body, so positions point into the file.
 */
function checkBody(body: string, lineOffset: number, file: string): void {
  const tree: Root = parseMarkdown(body);
  const problems: ContentError[] = [];
  const at = (node: { position?: { start: { line: number; column: number } } | undefined }) => ({
    line: (node.position?.start.line ?? 1) + lineOffset,
    column: node.position?.start.column ?? 1,
  });
  const walk = (node: Root | Root['children'][number]): void => {
    if (problems.length > 0) return;
    if (node.type === 'html') {
      problems.push(
        new ContentError({
          file,
          ...at(node),
          rule: 'annotation-html',
          message: `Unexpected raw HTML \`${abbreviate(node.value, 40)}\` in the note, expected Markdown (HTML is not rendered, so its text would be lost)`,
          fix: 'write it in Markdown: a paragraph is plain text, *emphasis* for <em>, **strong** for <strong>, [words](https://…) for a link',
        }),
      );
      return;
    }
    if (
      (node.type === 'link' || node.type === 'image' || node.type === 'definition') &&
      !isPublishableHref(node.url)
    ) {
      problems.push(
        new ContentError({
          file,
          ...at(node),
          rule: 'annotation-link',
          message: `Unexpected link target "${abbreviate(node.url, 60)}" in the note, expected an http(s) URL or a path of this site`,
          fix: 'link to a web page (https://…) or to a page of the edition (/timeline/#…); other schemes such as javascript: or data: are refused',
        }),
      );
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  if (problems[0]) throw problems[0];
}

function describeIssue(
  issue: z.core.$ZodIssue,
  path: readonly (string | number)[],
  raw: unknown,
): { rule: string; message: string; fix: string } {
  const where = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `\`${[...path, key].join('.')}\``).join(', ');
    return {
      rule: 'annotation-schema',
      message: `Unexpected field ${keys}, expected only the fields of ${schemaDoc}`,
      fix: 'remove it or correct its spelling',
    };
  }
  const missing = valueAt(raw, path) === undefined;
  return {
    rule: 'annotation-schema',
    message: missing
      ? `Unexpected missing \`${where || '(frontmatter)'}\`, ${issue.message}`
      : `Unexpected value at \`${where || '(frontmatter)'}\`, ${issue.message}`,
    fix: fixFor(path),
  };
}

function fixFor(path: readonly (string | number)[]): string {
  switch (path[0]) {
    case 'kind':
      return 'set `kind:` to what the note explains, e.g. `kind: person`';
    case 'title':
      return 'give the note a heading, e.g. `title: Grigory Zinoviev (1883–1936)`';
    case 'target':
      return 'write `target:` with `passage:` (the id in the passage file) and `quote:` (its exact words); add `prefix:` or `suffix:` only to pick one of several occurrences';
    case 'sources':
      return 'list the sources under `sources:`, each as `- title: …` with `url: https://…` when it is online';
    case 'related':
      return 'list timeline event ids under `related:`, or leave the field out';
    default:
      return `compare the frontmatter with ${schemaDoc}, where every field is documented`;
  }
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** The offset of the deepest node on the path that exists (a missing field points at its parent). */
function offsetOf(document: Document, path: readonly (string | number)[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}

function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
