import { describe, expect, it } from 'vitest';
import {
  buildNameIndex,
  type IndexablePassage,
  type SourcedIndexEntry,
} from '../../src/lib/name-index/build-name-index.ts';
import { findMentions, type MentionQuery } from '../../src/lib/name-index/find-mentions.ts';
import { indexEntrySchema } from '../../src/lib/schema/index-entry.ts';

const passage = (id: string, text: string, n = 1, document = 'essay'): IndexablePassage => ({
  id,
  n,
  document,
  href: `/#${id}`,
  text,
});

/** Passages of the essay by id, each its ¶ 1. */
const passagesOf = (texts: Record<string, string>) =>
  Object.entries(texts).map(([id, text]) => passage(id, text));

const person = (name: string, aliases: string[] = []): MentionQuery => ({ name, aliases, kind: 'person' });

describe('findMentions', () => {
  it('finds the name as a whole word, and a possessive, but not a longer word', () => {
    const passages = passagesOf({
      a: 'The Stalinist bureaucracy has created a vile leader-cult.',
      b: 'But this is the line of least resistance for Stalin.',
      c: "Stalin's answer came at once.",
      d: 'Stalin’s answer, with a curly apostrophe.',
      e: 'The conspirators Stalin-Yagoda-Yaroslavsky and Co.',
      f: 'Stalinism and so-called Trotskyism.',
    });
    expect(findMentions(person('Stalin'), passages)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('finds every alias, and returns passages in the order given, each once', () => {
    const passages = passagesOf({
      p1: 'To the terrorist act of Nikolaiev, Stalin replies.',
      p2: 'Nothing here.',
      p3: 'The Nikolaievs imagine that all that is necessary is a revolver; Nikolaiev again.',
      p4: 'Nicolaiev was presented to the reading public.',
    });
    expect(
      findMentions(
        person('Nikolaev, Leonid', ['Nikolaiev', 'Nikolaievs', 'Nicolaiev', 'Nikolaev']),
        passages,
      ),
    ).toEqual(['p1', 'p3', 'p4']);
  });

  it('matches proper names case-sensitively, so the abbreviation IS is not the verb “is”', () => {
    const passages = passagesOf({
      verb: 'It is possible that the situation is so bad.',
      abbr: 'the IS suggested in the postscript the following possibility',
    });
    expect(
      findMentions({ name: 'International Secretariat', aliases: ['IS'], kind: 'organisation' }, passages),
    ).toEqual(['abbr']);
  });

  it('matches terms in any case, and a phrase across a line break', () => {
    const passages = passagesOf({
      capital: 'Bureaucratic Centrism brought the Comintern to collapse.',
      broken: 'the bureaucratic\ncentrism of the apparatus',
      other: 'the centrists of the apparatus',
    });
    expect(findMentions({ name: 'centrism', aliases: [], kind: 'term' }, passages)).toEqual([
      'capital',
      'broken',
    ]);
    expect(findMentions({ name: 'bureaucratic centrism', aliases: [], kind: 'term' }, passages)).toEqual([
      'capital',
      'broken',
    ]);
  });

  it('treats straight and curly apostrophes inside a name as the same', () => {
    const passages = [passage('curly', 'What has become of the celebrated Peasants’ International?')];
    expect(
      findMentions({ name: "Peasants' International", aliases: [], kind: 'organisation' }, passages),
    ).toEqual(['curly']);
  });

  it('takes a name with punctuation literally, not as a pattern', () => {
    const passages = passagesOf({
      a: 'The explanations of Radek and Co. are well known.',
      b: 'Radek and Cox',
    });
    expect(findMentions(person('Radek and Co.'), passages)).toEqual(['a']);
  });
});

const entry = (
  fields: Partial<SourcedIndexEntry> & Pick<SourcedIndexEntry, 'id' | 'name'>,
): SourcedIndexEntry => ({
  kind: 'person',
  aliases: [],
  variants: [],
  notVariants: [],
  description: 'A description.',
  source: { title: 'A source' },
  file: `content/index/${fields.id}.yaml`,
  ...fields,
});

/**
 * What a stop of the index says, asserted by what survives rewording: the file it names first, its rule
 * id, whether it gives a fix; and its whole message, for the facts a test looks for in it.
 */
function stopOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      file: message.split(': ')[0],
      rule: /\[([a-z-]+)\]\n/u.exec(message)?.[1],
      fix: message.includes('\n  fix: '),
      message,
    };
  }
  throw new Error('expected the index to stop');
}

describe('buildNameIndex', () => {
  const passages = [
    passage('obit-1', 'On December 1st, Comrade Kirov fell victim.', 1, 'obituary'),
    passage('essay-1', 'Zinoviev and Kamenev are no fools. The Kolkhozes.', 1),
    passage('essay-2', 'The bloody deed of Smolny. Kamenev again.', 2),
  ];

  it('groups entries by kind in a fixed order, alphabetically, with their mentions in reading order', () => {
    const groups = buildNameIndex(
      [
        entry({ id: 'smolny', name: 'Smolny', kind: 'place' }),
        entry({ id: 'zinoviev', name: 'Zinoviev, Grigory', aliases: ['Zinoviev'] }),
        entry({ id: 'kolkhoz', name: 'kolkhoz', kind: 'term', aliases: ['Kolkhozes'] }),
        entry({ id: 'kamenev', name: 'Kamenev, Lev', aliases: ['Kamenev'] }),
        entry({ id: 'kirov', name: 'Kirov, Sergei', aliases: ['Kirov'] }),
      ],
      passages,
    );
    expect(
      groups.map((group) => [group.label, group.entries.map((e) => [e.id, e.mentions.map((m) => m.id)])]),
    ).toEqual([
      [
        'People',
        [
          ['kamenev', ['essay-1', 'essay-2']],
          ['kirov', ['obit-1']],
          ['zinoviev', ['essay-1']],
        ],
      ],
      ['Places', [['smolny', ['essay-2']]]],
      ['Terms', [['kolkhoz', ['essay-1']]]],
    ]);
  });

  it('stops with the file, the spellings and a fix when no passage mentions an entry', () => {
    const stop = stopOf(() =>
      buildNameIndex([entry({ id: 'gpu', name: 'GPU', kind: 'organisation', aliases: ['OGPU'] })], passages),
    );
    expect(stop).toMatchObject({ file: 'content/index/gpu.yaml', rule: 'index-unmentioned', fix: true });
    // It names every spelling it searched for.
    expect(stop.message).toContain('“GPU”, “OGPU”');
  });

  it('names the near miss when the texts have a longer word or another case', () => {
    const stop = stopOf(() => buildNameIndex([entry({ id: 'kolkhoz', name: 'Kolkhoz' })], passages));
    expect(stop).toMatchObject({ file: 'content/index/kolkhoz.yaml', rule: 'index-unmentioned', fix: true });
    // The fix names the longer word the texts have.
    expect(stop.message.split('\n  fix: ')[1]).toContain('“Kolkhozes”');
  });

  it('links an entry to its marginal note, on the page of the passage the note is anchored to', () => {
    const [people] = buildNameIndex(
      [entry({ id: 'kirov', name: 'Kirov', note: 'kirov' }), entry({ id: 'kamenev', name: 'Kamenev' })],
      [{ ...passages[0], href: '/obituary/#obit-1' } as IndexablePassage, ...passages.slice(1)],
      new Map([['kirov', { passage: 'obit-1' }]]),
    );
    expect(people?.entries.map((e) => [e.id, e.noteLink?.href, e.noteLink?.passage.n])).toEqual([
      ['kamenev', undefined, undefined],
      ['kirov', '/obituary/#note-kirov', 1],
    ]);
  });

  it('stops when an entry names a note that does not exist', () => {
    const stop = stopOf(() =>
      buildNameIndex(
        [entry({ id: 'kirov', name: 'Kirov', note: 'kirof' })],
        passages,
        new Map([['kirov', { passage: 'obit-1' }]]),
      ),
    );
    expect(stop).toMatchObject({ file: 'content/index/kirov.yaml', rule: 'index-note-missing', fix: true });
    expect(stop.message).toContain('“kirof”');
  });

  it('stops when two files give the same name', () => {
    const stop = stopOf(() =>
      buildNameIndex(
        [entry({ id: 'kirov', name: 'Kirov' }), entry({ id: 'kirov-2', name: 'kirov' })],
        passages,
      ),
    );
    expect(stop).toMatchObject({ file: 'content/index/kirov-2.yaml', rule: 'index-duplicate', fix: true });
    // It names the other file, where the name already is.
    expect(stop.message).toContain('content/index/kirov.yaml');
  });
});

describe('the index entry schema', () => {
  const valid = {
    id: 'smolny',
    name: 'Smolny',
    kind: 'place',
    aliases: ['Smolny Institute'],
    description: 'A building in Leningrad.',
    source: {
      title: 'Encyklopedia PWN, “Smolny”',
      url: 'https://encyklopedia.pwn.pl/haslo/Smolny;3976831.html',
    },
  };
  const issues = (data: unknown) =>
    indexEntrySchema
      .safeParse(data)
      .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

  it('accepts a complete entry and defaults the aliases to none', () => {
    const { aliases: _aliases, ...withoutAliases } = valid;
    expect(indexEntrySchema.parse(withoutAliases).aliases).toEqual([]);
    expect(issues(valid)).toBeUndefined();
  });

  it('says what is wrong with each field', () => {
    expect(issues({ ...valid, kind: 'event' })).toEqual([
      'kind: expected one of person, organisation, place, term',
    ]);
    expect(issues({ ...valid, id: 'Smolny Institute' })).toEqual([
      'id: expected a lowercase id of letters, digits and hyphens, such as "communist-international"',
    ]);
    expect(issues({ ...valid, description: 'One line.\nTwo lines.' })).toEqual([
      'description: expected one line; use `>-` in YAML to fold a long description',
    ]);
    expect(issues({ ...valid, aliases: [''] })).toEqual([
      'aliases.0: expected a spelling, not an empty string',
    ]);
    expect(issues({ ...valid, source: { title: 'PWN', url: 'encyklopedia.pwn.pl' } })).toEqual([
      'source.url: expected an absolute http(s) URL such as "https://en.wikipedia.org/wiki/Smolny" (other schemes, such as javascript: or data:, are refused)',
    ]);
    expect(issues({ ...valid, source: { title: 'PWN', url: 'javascript:alert(1)' } })).toEqual([
      'source.url: expected an absolute http(s) URL such as "https://en.wikipedia.org/wiki/Smolny" (other schemes, such as javascript: or data:, are refused)',
    ]);
    expect(issues({ ...valid, sorce: { title: 'PWN' } })).toEqual([': Unrecognized key: "sorce"']);
    expect(issues({ ...valid, source: { title: '' } })).toEqual([
      'source.title: expected the source’s title, e.g. "Wikipedia, Leonid Nikolaev"',
    ]);
  });
});
