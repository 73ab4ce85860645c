import { describe, expect, it } from 'vitest';
import { findTextQuote, type TextRange } from '../../src/lib/annotations/text-quote.ts';
import {
  readAnnotationFiles,
  readIndexEntries,
  readPassageFiles,
  readTimelineEvents,
} from '../support/edition-files.ts';

/*
 * The edition's scholarly apparatus read straight from content/, without a build: every note shows
 * its source, no two notes claim the same words, every event is dated and sourced, and every name the
 * texts use is explained by a note or listed in the index.
 */

const notes = readAnnotationFiles();

const passages = readPassageFiles().map(({ id, file, text }) => ({ id, file, text }));
const passageById = new Map(passages.map((passage) => [passage.id, passage]));

// Read and validated by the site's reader: a missing date, precision or source stops it at the file's line.
const indexEntries = readIndexEntries();
const events = readTimelineEvents();

/** Where each note's quote lies in its passage's displayed text, or why it cannot be placed. */
const anchors = notes.map((note) => {
  const passage = passageById.get(note.data.target.passage);
  if (!passage) return { note, problem: `passage "${note.data.target.passage}" does not exist` };
  const { matches } = findTextQuote(passage.text, {
    exact: note.data.target.quote,
    prefix: note.data.target.prefix,
    suffix: note.data.target.suffix,
  });
  if (matches.length !== 1) {
    return {
      note,
      problem: `quote "${note.data.target.quote}" matches ${matches.length} times, expected once`,
    };
  }
  return { note, range: matches[0] as TextRange };
});

describe('marginal notes', () => {
  it('number at least 42', () => {
    expect(notes.length, `only ${notes.length} notes in content/annotations/`).toBeGreaterThanOrEqual(42);
  });

  it('each show at least one source', () => {
    const unsourced = notes.filter((note) => note.data.sources.length === 0).map((note) => note.file);
    expect(unsourced, `notes without a source: ${unsourced.join(', ')}`).toEqual([]);
  });

  it('each anchor to words found exactly once in their passage', () => {
    const unplaced = anchors.flatMap((anchor) =>
      'problem' in anchor ? [`${anchor.note.file}: ${anchor.problem}`] : [],
    );
    expect(unplaced, `notes that cannot be placed:\n${unplaced.join('\n')}`).toEqual([]);
  });

  it('never anchor overlapping words of the same passage', () => {
    const placed = anchors.flatMap((anchor) => ('range' in anchor && anchor.range ? [anchor] : []));
    const clashes: string[] = [];
    placed.forEach((a, i) => {
      for (const b of placed.slice(i + 1)) {
        const samePassage = a.note.data.target.passage === b.note.data.target.passage;
        if (samePassage && a.range.start < b.range.end && b.range.start < a.range.end) {
          clashes.push(
            `${a.note.file} ("${a.note.data.target.quote}") and ${b.note.file} ("${b.note.data.target.quote}") in ${a.note.data.target.passage}`,
          );
        }
      }
    });
    expect(clashes, `notes anchored to the same words:\n${clashes.join('\n')}`).toEqual([]);
  });
});

describe('timeline events', () => {
  it('each have a date, a precision and a source, and link a passage unless they are context', () => {
    const problems = events.flatMap(({ file, data }) => {
      if (!data.context && data.passages.length === 0)
        return [`${file}: links no passage and is not context: true`];
      const unknown = data.passages.filter((id) => !passageById.has(id));
      return unknown.length > 0 ? [`${file}: unknown passages ${unknown.join(', ')}`] : [];
    });
    expect(problems, `timeline events with problems:\n${problems.join('\n')}`).toEqual([]);
  });
});

/*
 * Capitalised words that are not names, so a note or index entry would explain nothing. Kept short on
 * purpose: every other capitalised word of the texts must be covered.
 */
const notNames = new Set([
  'I', // the pronoun
  'December', // a month: the texts' dates ("December 1st", "December 25") need no entry
  'Comrade', // a form of address in the obituary ("Comrade Kirov"), not part of the name
  'German', // the language Trotsky's 1911 article was written in ("in German"); nothing to explain
  'Co', // "and Co.", the abbreviation of "Company" after "Stalin-Yagoda-Yaroslavsky"
  'It', // opens a sentence whose full stop the witness lost: "the workers in the USSR It is possible"
]);

/** Endings that make a name into a derived word the same note or entry explains (Stalin → Stalinists). */
const derivedEndings = ['s', 'es', 'ist', 'ists', 'ism', 'ite', 'ites'];

const normalise = (word: string) => word.replace(/['’]s$|['’]$/u, '');
const wordsOf = (text: string) => text.match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? [];

/** Every word of every note title and quote and of every index name and alias, lower-cased. */
const knownWords = new Set(
  [
    ...notes.flatMap((note) => [note.data.title, note.data.target.quote]),
    ...indexEntries.flatMap((entry) => [entry.name, ...entry.aliases]),
  ]
    .flatMap(wordsOf)
    .map((word) => normalise(word).toLowerCase()),
);

const isCovered = (word: string) => {
  const lower = normalise(word).toLowerCase();
  if (knownWords.has(lower)) return true;
  return derivedEndings.some(
    (ending) => lower.endsWith(ending) && knownWords.has(lower.slice(0, lower.length - ending.length)),
  );
};

/**
 * Proper-name candidates of a passage: capitalised words and acronyms that do not open a sentence
 * (after . ! ? : — or a bracketed gap, where any word is capitalised), and runs of such words
 * ("Communist League", "Soviet Union").
 */
function nameCandidates(text: string): string[] {
  const candidates: string[] = [];
  let run: string[] = [];
  const endRun = () => {
    if (run.length > 1) candidates.push(run.join(' '));
    run = [];
  };
  for (const match of text.matchAll(/\p{L}+(?:['’]\p{L}+)*['’]?|[^\p{L}\s]+/gu)) {
    const token = match[0];
    if (!/^\p{L}/u.test(token)) {
      if (token !== '-') endRun();
      continue;
    }
    const before = text.slice(0, match.index).trimEnd();
    const opensSentence = before === '' || /[.!?:—\]]$/.test(before);
    if (/^\p{Lu}/u.test(token) && !opensSentence && !notNames.has(normalise(token))) {
      candidates.push(normalise(token));
      run.push(normalise(token));
    } else {
      endRun();
    }
  }
  endRun();
  return candidates;
}

describe('names in the texts', () => {
  it('each have a marginal note or an index entry', () => {
    const missing = new Map<string, string>();
    for (const passage of passages) {
      for (const candidate of nameCandidates(passage.text)) {
        if (!candidate.split(' ').every(isCovered) && !missing.has(candidate)) {
          missing.set(candidate, passage.file);
        }
      }
    }
    const report = [...missing].map(([name, file]) => `"${name}" (first in ${file})`);
    expect(
      report,
      `names without a note (content/annotations/) or index entry (content/index/):\n${report.join('\n')}`,
    ).toEqual([]);
  });

  it('include the names the edition is about, so the check above cannot pass by reading nothing', () => {
    const all = new Set(passages.flatMap((passage) => nameCandidates(passage.text)));
    for (const name of ['Kamenev', 'Nikolaiev', 'USSR', 'CI', 'IS', 'Soviet Union', 'Minneapolis']) {
      expect(all.has(name), `expected "${name}" among the names found in the passages`).toBe(true);
    }
  });
});
