import { describe, expect, it } from 'vitest';
import { EditionContentError } from '../../src/lib/content-error.ts';
import { checkPassageIds } from '../../src/lib/timeline/check-passage-ids.ts';
import { timelineEventId } from '../../src/lib/timeline/event-id.ts';
import { type EventPassageLink, primaryPassage } from '../../src/lib/timeline/event-links.ts';
import { thrownBy } from './support/problem-of.ts';

const live = new Set(['zinoviev-and-kamenev-are-no-fools', 'the-goal-of-the-maneuver-is']);
const retired = [
  { id: 'zinoviev-and-kamenev', successor: 'zinoviev-and-kamenev-are-no-fools', reason: 'merged' as const },
  { id: 'a-removed-paragraph', successor: 'the-goal-of-the-maneuver-is', reason: 'removed' as const },
];

const messageOf = (run: () => unknown) => thrownBy(run, EditionContentError).message;

describe('checkPassageIds', () => {
  it('accepts events whose passages are all live', () => {
    expect(() =>
      checkPassageIds(
        [
          { file: 'content/timeline/kirov-assassinated.yaml', passages: [...live] },
          { file: 'x.yaml', passages: [] },
        ],
        live,
        retired,
      ),
    ).not.toThrow();
  });

  it('names the event file, the field and the id that is not a passage', () => {
    expect(
      messageOf(() =>
        checkPassageIds(
          [
            {
              file: 'content/timeline/kirov-assassinated.yaml',
              passages: ['the-goal-of-the-maneuver-is', 'the-goal-of-the-manoeuvre-is'],
            },
          ],
          live,
          retired,
        ),
      ),
    ).toBe(
      'content/timeline/kirov-assassinated.yaml: Unexpected passage id "the-goal-of-the-manoeuvre-is" in passages[1], expected the id of a passage in content/passages/ (the part of a passage link after #); correct the id or remove it',
    );
  });

  it('names the successor of a retired id, merged or removed', () => {
    expect(
      messageOf(() =>
        checkPassageIds(
          [{ file: 'content/timeline/zinoviev-kamenev-arrested.yaml', passages: ['zinoviev-and-kamenev'] }],
          live,
          retired,
        ),
      ),
    ).toBe(
      'content/timeline/zinoviev-kamenev-arrested.yaml: Unexpected retired passage id "zinoviev-and-kamenev" in passages[0], expected a live passage id; it was merged into "zinoviev-and-kamenev-are-no-fools": replace it with "zinoviev-and-kamenev-are-no-fools"',
    );
    expect(
      messageOf(() =>
        checkPassageIds(
          [{ file: 'content/timeline/le-temps-dispatch.yaml', passages: ['a-removed-paragraph'] }],
          live,
          retired,
        ),
      ),
    ).toBe(
      'content/timeline/le-temps-dispatch.yaml: Unexpected retired passage id "a-removed-paragraph" in passages[0], expected a live passage id; it was removed and its successor is "the-goal-of-the-maneuver-is": replace it with "the-goal-of-the-maneuver-is" if that passage concerns the event, or remove it',
    );
  });

  it('reports every missing id at once, one line each, in file order', () => {
    const message = messageOf(() =>
      checkPassageIds(
        [
          { file: 'content/timeline/a.yaml', passages: ['gone-one'] },
          { file: 'content/timeline/b.yaml', passages: ['the-goal-of-the-maneuver-is', 'gone-two'] },
        ],
        live,
        retired,
      ),
    );
    expect(message.split('\n').map((line) => line.slice(0, line.indexOf(',')))).toEqual([
      'content/timeline/a.yaml: Unexpected passage id "gone-one" in passages[0]',
      'content/timeline/b.yaml: Unexpected passage id "gone-two" in passages[1]',
    ]);
  });
});

describe('timelineEventId', () => {
  it('is the file name without its extension', () => {
    expect(timelineEventId('kirov-assassinated.yaml')).toBe('kirov-assassinated');
    expect(timelineEventId('nkvd-1934.yml')).toBe('nkvd-1934');
  });

  it.each(['Kirov Assassinated.yaml', 'december/kirov.yaml', 'kirov_assassinated.yaml'])(
    'refuses %s, saying what a name must be',
    (entry) => {
      expect(() => timelineEventId(entry)).toThrow(
        `content/timeline/${entry}: Unexpected file name, expected a lowercase name of letters, digits and hyphens directly in content/timeline/, such as "kirov-assassinated.yaml" (the name is the event's anchor on /timeline/)`,
      );
    },
  );
});

describe('primaryPassage', () => {
  const link = (id: string, document: string): EventPassageLink => ({
    id,
    n: 1,
    document,
    documentTitle: document,
    href: `/${document}/#${id}`,
  });

  it('prefers the first passage on the page being read, else the first listed, else none', () => {
    const links = [link('essay-2', 'essay'), link('obituary-1', 'obituary'), link('obituary-2', 'obituary')];
    expect(primaryPassage(links, 'obituary')?.id).toBe('obituary-1');
    expect(primaryPassage(links, 'essay')?.id).toBe('essay-2');
    expect(primaryPassage(links, 'another')?.id).toBe('essay-2');
    expect(primaryPassage([], 'essay')).toBeNull();
  });
});
