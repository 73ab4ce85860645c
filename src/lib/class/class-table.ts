/*
 * The teacher's class view as data: the hand-ins of one packet, one row per student and one column
 * per question. A student who hands in again replaces their earlier answers; a file from another
 * packet or another edition is named and set aside, never merged. Pure: the page (class-view.ts)
 * reads the files and draws the table.
 */
import { answerTo, type HandIn, type HandInQuestion } from './hand-in.ts';

export interface ClassTable {
  /** The packet the table is of: the first hand-in taken decides it. */
  packet: { id: string; title: string; teacher: string } | null;
  questions: HandInQuestion[];
  /** By student, the name folded (case and spaces) so that "Ana  Diaz" and "ana diaz" are one. */
  students: Map<string, HandIn>;
  /** Files not taken, each with why. */
  setAside: { file: string; reason: string }[];
}

export function emptyTable(): ClassTable {
  return { packet: null, questions: [], students: new Map(), setAside: [] };
}

export type Outcome = 'added' | 'replaced' | 'kept-later' | 'set-aside';

const studentKey = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** Takes one hand-in into the table; says what became of it. */
export function addHandIn(table: ClassTable, handIn: HandIn, file: string, edition: string): Outcome {
  if (handIn.edition && handIn.edition !== edition) {
    table.setAside.push({ file, reason: `answers to another edition (“${handIn.edition}”)` });
    return 'set-aside';
  }
  if (table.packet && table.packet.id !== handIn.packet.id) {
    table.setAside.push({
      file,
      reason: `answers to another packet (“${handIn.packet.title}”, not “${table.packet.title}”)`,
    });
    return 'set-aside';
  }
  if (!table.packet) {
    table.packet = handIn.packet;
    table.questions = handIn.questions;
  } else {
    // A later copy of the packet may carry a question the first did not.
    for (const question of handIn.questions)
      if (!table.questions.some((q) => q.id === question.id)) table.questions.push(question);
  }
  const key = studentKey(handIn.student);
  const earlier = table.students.get(key);
  if (earlier && earlier.handedIn > handIn.handedIn) return 'kept-later';
  table.students.set(key, handIn);
  return earlier ? 'replaced' : 'added';
}

export interface ClassRow {
  student: string;
  handedIn: string;
  /** One cell per question, in the table's order: the answer's text and its words' link, or null. */
  answers: ({ text: string; source: string; exact: string } | null)[];
}

/** The rows, by student name. */
export function classRows(table: ClassTable): ClassRow[] {
  return [...table.students.values()]
    .toSorted((a, b) => a.student.localeCompare(b.student))
    .map((handIn) => ({
      student: handIn.student,
      handedIn: handIn.handedIn,
      answers: table.questions.map((question) => {
        const answer = answerTo(handIn, question.id);
        const text = answer?.body?.value.trim();
        return answer && text
          ? { text, source: answer.target.source, exact: answer.target.selector[0].exact }
          : null;
      }),
    }));
}

/** One CSV field (RFC 4180), with a formula's leading sign defused so a spreadsheet shows it as text. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The table as CSV for a gradebook: a row per student, a column per question, answered or blank. */
export function classCsv(table: ClassTable): string {
  const header = [
    'Student',
    'Handed in',
    'Answered',
    ...table.questions.map((q, i) => `Q${i + 1}: ${q.text}`),
  ];
  const rows = classRows(table).map((row) => [
    row.student,
    row.handedIn.slice(0, 16).replace('T', ' '),
    `${row.answers.filter(Boolean).length} of ${table.questions.length}`,
    ...row.answers.map((answer) => answer?.text ?? ''),
  ]);
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
