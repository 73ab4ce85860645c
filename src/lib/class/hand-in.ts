/*
 * A student's hand-in: one file holding their answers to a packet's (or a class layer's) questions.
 * It is an HTML page that anyone can open and read (the questions, the words they are on, the
 * answers), carrying the same answers as a W3C AnnotationCollection in a JSON script element with the
 * student as `creator`, which the teacher's class view reads back (class-table.ts). HTML because a
 * phone's share sheet takes text/html files where it refuses JSON.
 */
import { ANNOTATION_CONTEXT } from '../reader-notes/model.ts';
import type { WebAnnotation } from '../reader-notes/web-annotation.ts';

export interface HandInQuestion {
  id: string;
  text: string;
  /** The words the question is on. */
  exact: string;
}

export interface HandIn {
  student: string;
  /** When it was handed in (ISO date-time): a later hand-in of the same student replaces an earlier one. */
  handedIn: string;
  packet: { id: string; title: string; teacher: string };
  /** The edition's title: answers to another edition are set aside. */
  edition: string;
  questions: HandInQuestion[];
  /** The answers (motivation `replying`, `inReplyTo` a question's id), each with the student as creator. */
  answers: WebAnnotation[];
}

/**
 * Every target.source rewritten from the address the site was built for to the one it was served
 * from, so that the teacher's links open the page the student used (a school's own server).
 */
export function rebaseSource(source: string, builtRoot: string, servedRoot: string): string {
  return source.startsWith(builtRoot) ? servedRoot + source.slice(builtRoot.length) : source;
}

/** The hand-in as the AnnotationCollection the file carries. */
export function handInCollection(handIn: HandIn): Record<string, unknown> {
  const creator = { type: 'Person', name: handIn.student };
  return {
    '@context': ANNOTATION_CONTEXT,
    type: 'AnnotationCollection',
    label: `Answers to “${handIn.packet.title}” by ${handIn.student}`,
    creator,
    generated: handIn.handedIn,
    packet: handIn.packet,
    edition: handIn.edition,
    questions: handIn.questions,
    total: handIn.answers.length,
    first: {
      type: 'AnnotationPage',
      startIndex: 0,
      items: handIn.answers.map((answer) => ({ ...answer, creator })),
    },
  };
}

/** The answers as plain text, question by question: what "Copy as text" gives and the file shows. */
export function handInText(handIn: HandIn): string {
  const lines = [
    `Answers to “${handIn.packet.title}”${handIn.packet.teacher ? ` (${handIn.packet.teacher})` : ''}`,
    `By ${handIn.student}, handed in ${handIn.handedIn.slice(0, 10)}`,
    '',
  ];
  handIn.questions.forEach((question, index) => {
    const answer = answerTo(handIn, question.id);
    lines.push(
      `Question ${index + 1} of ${handIn.questions.length}: ${question.text}`,
      `On the words: “${question.exact}”`,
      `Answer: ${answer?.body?.value.trim() || '(no answer)'}`,
      '',
    );
  });
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The student's latest answer to a question, if any. */
export function answerTo(handIn: Pick<HandIn, 'answers'>, questionId: string): WebAnnotation | undefined {
  const answers = handIn.answers.filter((a) => a.inReplyTo === questionId);
  return answers.toSorted((a, b) => stamp(b).localeCompare(stamp(a)))[0];
}

const stamp = (a: WebAnnotation) => a.modified ?? a.created ?? '';

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The hand-in file: a readable page, with the answers as Web Annotations in a JSON script element. */
export function handInFile(handIn: HandIn): string {
  // `<` escaped inside the script element, so that no answer can end it early.
  const json = JSON.stringify(handInCollection(handIn), null, 2).replaceAll('<', '\\u003c');
  const items = handIn.questions
    .map((question, index) => {
      const answer = answerTo(handIn, question.id)?.body?.value.trim();
      return `<section>
<h2>Question ${index + 1} of ${handIn.questions.length}</h2>
<p class="q">${escapeHtml(question.text)}</p>
<blockquote>${escapeHtml(question.exact)}</blockquote>
<p>${answer ? escapeHtml(answer).replaceAll('\n', '<br>') : '<i>No answer</i>'}</p>
</section>`;
    })
    .join('\n');
  const title = `Answers to “${handIn.packet.title}” by ${handIn.student}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:1.1rem/1.5 Georgia,serif;max-width:40rem;margin:2rem auto;padding:0 1rem}blockquote{color:#444;border-left:3px solid #999;margin-left:0;padding-left:1rem}.q{font-weight:bold}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(handIn.packet.teacher ? `For ${handIn.packet.teacher}. ` : '')}Handed in ${escapeHtml(handIn.handedIn.slice(0, 10))}. ${escapeHtml(handIn.edition)}.</p>
<p>Teacher: drop this file on the class view of the edition (My notes → Class view) to see it with the class’s other answers.</p>
${items}
<script type="application/ld+json" id="hand-in">
${json}
</script>
</body>
</html>
`;
}
