/*
 * A paragraph costs at most four Tab stops: its ¶ number, its tools, its dates, its notes' words.
 * A paragraph's notes' words (the gap markers among them) are one group, and its date marks another
 * (roving-group.ts): Tab enters a group at the entry left last, the arrow keys reach the others,
 * Enter opens a note or follows a date as before. Without scripting each is a Tab stop, as a link is.
 */
import { rovingGroup } from './roving-group.ts';

for (const passage of document.querySelectorAll<HTMLElement>('.passage')) {
  rovingGroup({
    entries: [...passage.querySelectorAll<HTMLElement>('a.note-ref')],
    hint: 'Arrow keys: the paragraph’s other notes',
  });
  const dates = passage.querySelector(':scope > .pd');
  if (dates) {
    rovingGroup({
      // "+N" and the dates it opens are entries too, reached once shown.
      entries: [...dates.querySelectorAll<HTMLElement>('a, summary')],
      hint: 'Arrow keys: the paragraph’s other dates',
    });
  }
}
