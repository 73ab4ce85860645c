import { escapeRegExp } from '../escape-regexp.ts';
import type { IndexKind } from '../schema/index-entry.ts';

/** The text of one passage, as a reader sees it. */
export interface PassageText {
  id: string;
  text: string;
}

/** What the search needs of an index entry. */
export interface MentionQuery {
  name: string;
  aliases: readonly string[];
  kind: IndexKind;
}

// A mention is a whole word or phrase: no letter or digit may touch it on either side. An
// apostrophe is not a letter, so a possessive ("Stalin's") counts and a longer word ("Stalinist")
// does not; a hyphen separates too, so "Stalin-Yagoda-Yaroslavsky" names all three.
const notWordBefore = '(?<![\\p{L}\\p{N}])';
const notWordAfter = '(?![\\p{L}\\p{N}])';

/** Proper names are matched as printed ("IS" is not "is"); terms in any case ("Centrism", "centrism"). */
export function isCaseSensitive(kind: IndexKind): boolean {
  return kind !== 'term';
}

/** One pattern for the name and all its aliases, longest first so that "Zinoviev group" wins over a shorter alias. */
export function mentionPattern(query: MentionQuery): RegExp {
  const spellings = [...new Set([query.name, ...query.aliases].map((s) => s.trim()).filter(Boolean))];
  const alternatives = spellings.toSorted((a, b) => b.length - a.length).map(spellingPattern);
  return new RegExp(
    `${notWordBefore}(?:${alternatives.join('|')})${notWordAfter}`,
    isCaseSensitive(query.kind) ? 'gu' : 'giu',
  );
}

// A line break or a double space in the text is still the same phrase; straight and curly
// apostrophes are the same apostrophe ("Peasants' International", "Peasants’ International").
function spellingPattern(spelling: string): string {
  return spelling
    .split(/\s+/)
    .map((word) => escapeRegExp(word).replace(/['’]/g, "['’]"))
    .join('\\s+');
}

/** The ids of the passages that mention the entry, in the order the passages are given (reading order). */
export function findMentions(query: MentionQuery, passages: readonly PassageText[]): string[] {
  const pattern = mentionPattern(query);
  const ids: string[] = [];
  for (const passage of passages) {
    pattern.lastIndex = 0;
    if (pattern.test(passage.text) && !ids.includes(passage.id)) ids.push(passage.id);
  }
  return ids;
}

/**
 * A word of the texts that begins like one of the entry's spellings but is not a mention of it
 * ("Stalinist" for "Stalin", "stalin" for a case-sensitive "Stalin"), to help fix an entry that
 * nothing mentions. Undefined when there is none.
 */
export function nearMiss(query: MentionQuery, passages: readonly PassageText[]): string | undefined {
  for (const spelling of [query.name, ...query.aliases]) {
    const loose = new RegExp(`${notWordBefore}${spellingPattern(spelling)}[\\p{L}\\p{N}]*`, 'iu');
    for (const passage of passages) {
      const found = loose.exec(passage.text);
      if (found) return found[0];
    }
  }
  return undefined;
}
