import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildNameIndex, type IndexablePassage } from '../../src/lib/name-index/build-name-index.ts';
import { passageText } from '../../src/lib/passage-text.ts';
import { indexEntrySchema } from '../../src/lib/schema/index-entry.ts';
import { passageSchema } from '../../src/lib/schema/passage.ts';

/* The edition's own index entries against its own passages, without a build. */

const root = fileURLToPath(new URL('../../', import.meta.url));
const indexDir = join(root, 'content/index');

const entries = readdirSync(indexDir)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => {
    const data = indexEntrySchema.parse(parseYaml(readFileSync(join(indexDir, name), 'utf8')));
    return { ...data, file: `content/index/${name}`, fileId: name.replace(/\.yaml$/, '') };
  });

// Reading order as the site has it: obituary (first in the witness), then the essay, each by ¶.
const documentOrder = ['obituary', 'essay'];
const passages: IndexablePassage[] = documentOrder.flatMap((document) =>
  readdirSync(join(root, 'content/passages', document))
    .map((name) => {
      const [, frontmatter = '', body = ''] =
        /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(
          readFileSync(join(root, 'content/passages', document, name), 'utf8'),
        ) ?? [];
      const data = passageSchema.parse(parseYaml(frontmatter));
      return { id: data.id, n: data.n, document, href: `/#${data.id}`, text: passageText(body) };
    })
    .sort((a, b) => a.n - b.n),
);

describe('content/index', () => {
  it('has at least 30 entries, each with the file name as its id', () => {
    expect(entries.length).toBeGreaterThanOrEqual(30);
    expect(entries.filter((entry) => entry.id !== entry.fileId).map((entry) => entry.file)).toEqual([]);
  });

  it('covers every kind', () => {
    expect(new Set(entries.map((entry) => entry.kind))).toEqual(
      new Set(['person', 'organisation', 'place', 'term']),
    );
  });

  it('carries the spellings the texts use', () => {
    const spellings = (id: string) => {
      const entry = entries.find((e) => e.id === id);
      return entry ? [entry.name, ...entry.aliases] : [];
    };
    expect(spellings('nikolaev')).toEqual(expect.arrayContaining(['Nikolaiev', 'Nicolaiev', 'Nikolaev']));
    expect(spellings('communist-international')).toEqual(
      expect.arrayContaining(['CI', 'Communist International', 'Comintern', 'Third International']),
    );
    expect(spellings('zinoviev-group')).toEqual(
      expect.arrayContaining(['Zinoviev group', 'Zinovievist group']),
    );
    expect(spellings('soviet-union')).toEqual(expect.arrayContaining(['USSR', 'Soviet Union']));
    expect(spellings('kolkhoz')).toEqual(expect.arrayContaining(['kolkhoz', 'Kolkhozes']));
    expect(spellings('bonapartism')).toContain('Bonapartist');
    expect(spellings('amalgam')).toContain('amalgam');
    expect(spellings('centrism')).toContain('centrism');
    expect(spellings('smolny')).toContain('Smolny');
    expect(spellings('leningrad')).toContain('Leningrad');
  });

  it('finds every entry in at least one passage', () => {
    const groups = buildNameIndex(entries, passages);
    const mentioned = Object.fromEntries(
      groups.flatMap((group) =>
        group.entries.map((entry) => [entry.id, entry.mentions.map((m) => `${m.document} ¶ ${m.n}`)]),
      ),
    );
    expect(Object.keys(mentioned)).toHaveLength(entries.length);
    expect(mentioned.kirov).toEqual(['obituary ¶ 1', 'obituary ¶ 3']);
    expect(mentioned.smolny).toEqual(['essay ¶ 33', 'essay ¶ 35']);
    expect(mentioned['zinoviev-group']).toEqual([
      'essay ¶ 1',
      'essay ¶ 26',
      'essay ¶ 30',
      'essay ¶ 33',
      'essay ¶ 40',
      'essay ¶ 43',
      'essay ¶ 53',
      'essay ¶ 59',
    ]);
  });
});
