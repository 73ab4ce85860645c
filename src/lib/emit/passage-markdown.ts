import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { stringify as stringifyYaml } from 'yaml';
import { type PassageFrontmatter, passageSchema } from '../schema/passage.ts';

const processor = unified()
  .use(remarkStringify, { bullet: '-', emphasis: '_' })
  .use(remarkFrontmatter, ['yaml']);

/**
 * A passage file: YAML frontmatter and the paragraph, built as an mdast tree and serialised by
 * remark-stringify, which escapes whatever Markdown would otherwise read as syntax (`[`, `*`, `_` …).
 */
export function passageMarkdown(frontmatter: PassageFrontmatter, text: string): string {
  const checked = passageSchema.parse(frontmatter);
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'yaml', value: stringifyYaml(checked, { lineWidth: 0 }).trimEnd() },
      { type: 'paragraph', children: [{ type: 'text', value: text }] },
    ],
  };
  return processor.stringify(tree);
}
