import { EditionContentError } from '../content-error.ts';
import type { IndexEntry, IndexKind } from '../schema/index-entry.ts';
import { findMentions, isCaseSensitive, nearMiss } from './find-mentions.ts';

/** A passage the index can link to. */
export interface IndexablePassage {
  id: string;
  /** Its ¶ number within its document. */
  n: number;
  /** The id of its document. */
  document: string;
  /** The link to it, base path and document path included. */
  href: string;
  /** Its text as displayed. */
  text: string;
}

/** An index entry with the file it was read from, as error messages name it. */
export interface SourcedIndexEntry extends IndexEntry {
  file: string;
}

export interface NameIndexEntry extends SourcedIndexEntry {
  /** Every passage that mentions it, in reading order. */
  mentions: IndexablePassage[];
  /** Its marginal note, when it names one and the notes are known: the link and the passage it sits at. */
  noteLink?: { href: string; passage: IndexablePassage };
}

/** The marginal notes, by id, with the passage each is anchored to. */
export type MarginalNotes = ReadonlyMap<string, { passage: string }>;

export interface NameIndexGroup {
  kind: IndexKind;
  /** The group's heading: "People", "Organisations" … */
  label: string;
  /** Alphabetical by name. */
  entries: NameIndexEntry[];
}

const groupLabels: Record<IndexKind, string> = {
  person: 'People',
  organisation: 'Organisations',
  place: 'Places',
  term: 'Terms',
};

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Groups the entries by kind and links each to every passage that mentions it, and to its marginal
 * note when `notes` is given. Passages must be in reading order. Throws a EditionContentError naming the
 * file of an entry that no passage mentions (a typo, or a spelling missing from its aliases), of two
 * entries with one name, and of a `note` that is not among the notes.
 */
export function buildNameIndex(
  entries: readonly SourcedIndexEntry[],
  passages: readonly IndexablePassage[],
  notes?: MarginalNotes,
): NameIndexGroup[] {
  const byName = new Map<string, SourcedIndexEntry>();
  for (const entry of entries) {
    const key = entry.name.toLocaleLowerCase('en');
    const other = byName.get(key);
    if (other) {
      throw new EditionContentError(
        `${entry.file}: Unexpected entry “${entry.name}”, already in ${other.file}; expected each name once [index-duplicate]\n  fix: merge the two files, keeping the other spellings as aliases`,
      );
    }
    byName.set(key, entry);
  }

  const byId = new Map(passages.map((passage) => [passage.id, passage]));
  const indexed = entries.map((entry): NameIndexEntry => {
    const ids = findMentions(entry, passages);
    if (ids.length === 0) throw unmentioned(entry, passages);
    const indexed: NameIndexEntry = { ...entry, mentions: ids.flatMap((id) => byId.get(id) ?? []) };
    if (entry.note === undefined || notes === undefined) return indexed;
    const note = notes.get(entry.note);
    const passage = note && byId.get(note.passage);
    if (!passage) {
      throw new EditionContentError(
        `${entry.file}: Unexpected note “${entry.note}”, expected the id of a marginal note (a file name in content/annotations/ without .md) [index-note-missing]\n  fix: correct the id, or remove \`note\``,
      );
    }
    return { ...indexed, noteLink: { href: `${passage.href.split('#')[0]}#note-${entry.note}`, passage } };
  });

  return (Object.keys(groupLabels) as IndexKind[]).flatMap((kind) => {
    const inGroup = indexed
      .filter((entry) => entry.kind === kind)
      .sort((a, b) => collator.compare(a.name, b.name));
    return inGroup.length === 0 ? [] : [{ kind, label: groupLabels[kind], entries: inGroup }];
  });
}

function unmentioned(entry: SourcedIndexEntry, passages: readonly IndexablePassage[]): EditionContentError {
  const spellings = [entry.name, ...entry.aliases].map((s) => `“${s}”`).join(', ');
  const near = nearMiss(entry, passages);
  const hint =
    near === undefined
      ? 'correct the spelling, add the spelling the texts use to `aliases`, or remove the entry'
      : `the texts have “${near}”, which is not a mention of ${spellings} (${isCaseSensitive(entry.kind) ? 'names match whole words and case' : 'terms match whole words'}); if it names the same thing, add “${near}” to \`aliases\``;
  return new EditionContentError(
    `${entry.file}: Unexpected entry “${entry.name}” that no passage mentions (searched for ${spellings}), expected at least one passage to contain the name or an alias [index-unmentioned]\n  fix: ${hint}`,
  );
}
