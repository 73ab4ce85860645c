import { describe, expect, it } from 'vitest';
import { addHandIn, classCsv, classRows, emptyTable } from '../../src/lib/class/class-table.ts';
import { type HandIn, handInFile, handInText, rebaseSource } from '../../src/lib/class/hand-in.ts';
import {
  decodePacket,
  encodePacket,
  type Packet,
  packetLayer,
  packetQrLink,
  QR_MAX_CHARACTERS,
} from '../../src/lib/class/packet.ts';
import { parseHandIn } from '../../src/lib/class/read-hand-in.ts';

/* The class loop's data, from the packet a teacher makes to the table of a class's hand-ins. */

const ID = 'urn:uuid:11111111-2222-4333-8444-555555555555';
const packet: Packet = {
  id: ID,
  title: 'Week 3',
  teacher: 'Ms Rivera',
  due: '2026-12-11',
  paragraphs: ['the-goal-of-the-maneuver-is', 'zinoviev-and-kamenev-are-no-fools'],
  questions: [
    {
      id: `${ID}#q1`,
      passage: 'zinoviev-and-kamenev-are-no-fools',
      exact: 'no fools',
      page: '',
      text: 'Why no fools?',
    },
    {
      id: `${ID}#q2`,
      passage: 'the-goal-of-the-maneuver-is',
      exact: 'maneuver',
      suffix: ' is',
      page: '',
      text: 'Which maneuver?',
    },
  ],
  questionsLeftOut: 0,
};

function handIn(
  student: string,
  handedIn: string,
  answers: Record<string, string>,
  over: Partial<HandIn> = {},
): HandIn {
  return {
    student,
    handedIn,
    packet: { id: ID, title: 'Week 3', teacher: 'Ms Rivera' },
    edition: 'Kirov Reader',
    questions: packet.questions.map((q) => ({ id: q.id, text: q.text, exact: q.exact })),
    answers: Object.entries(answers).map(([q, text], i) => ({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`,
      type: 'Annotation',
      motivation: 'replying',
      created: handedIn,
      inReplyTo: `${ID}#${q}`,
      body: { type: 'TextualBody', value: text },
      target: {
        source: 'https://school.example/kirov/#zinoviev-and-kamenev-are-no-fools',
        selector: [{ type: 'TextQuoteSelector', exact: 'no fools' }],
      },
    })),
    ...over,
  };
}

describe('a class packet', () => {
  it('travels in a link and comes back whole, ids and order kept', async () => {
    expect(await decodePacket(await encodePacket(packet))).toEqual({
      ...packet,
      questions: packet.questions.map((q) => ({ prefix: undefined, suffix: undefined, ...q })),
    });
  });

  it('refuses a cut-short link with a reason, not a stack trace', async () => {
    const value = await encodePacket(packet);
    await expect(decodePacket(value.slice(0, 20))).rejects.toThrow('it is cut short or damaged');
    await expect(decodePacket('%%%')).rejects.toThrow('it holds characters a link code never has');
  });

  it('keeps its QR code short enough for a projector, leaving the questions out when they do not fit', async () => {
    const long = {
      ...packet,
      questions: Array.from({ length: 8 }, (_, i) => ({
        ...(packet.questions[0] as Packet['questions'][number]),
        id: `${ID}#x${i}`,
        text: `A long question number ${i} about the amalgam and the terror that followed`,
      })),
    };
    const qr = await packetQrLink('https://school.example/kirov/', long);
    expect(qr.withQuestions).toBe(false);
    expect(qr.link.length).toBeLessThanOrEqual(QR_MAX_CHARACTERS);
    const carried = await decodePacket(new URL(qr.link).hash.slice('#packet='.length));
    expect(carried.paragraphs).toEqual(packet.paragraphs);
    expect(carried.questionsLeftOut).toBe(8);
  });

  it('becomes a class layer of questions on the served site', () => {
    const layer = packetLayer(packet, 'https://school.example/kirov/');
    expect(layer.annotations.map((a) => [a.id, a.motivation, a.target.source, a.body?.value])).toEqual([
      [
        `${ID}#q1`,
        'questioning',
        'https://school.example/kirov/#zinoviev-and-kamenev-are-no-fools',
        'Why no fools?',
      ],
      [
        `${ID}#q2`,
        'questioning',
        'https://school.example/kirov/#the-goal-of-the-maneuver-is',
        'Which maneuver?',
      ],
    ]);
  });
});

describe('a hand-in', () => {
  it('names its student as creator and reads back from its own file', () => {
    const made = handIn('Ana Diaz', '2026-12-07T10:00:00.000Z', { q1: 'Because <they> know.' });
    const file = handInFile(made);
    expect(file).toContain('<title>Answers to “Week 3” by Ana Diaz</title>');
    expect(file).toContain('Because &lt;they&gt; know.');
    const back = parseHandIn(file, 'ana.html');
    expect(back.student).toBe('Ana Diaz');
    expect(back.answers[0]?.body?.value).toBe('Because <they> know.');
    expect(back.packet.id).toBe(ID);
  });

  it('reads as text, question by question, an unanswered one said so', () => {
    expect(handInText(handIn('Ana Diaz', '2026-12-07T10:00:00.000Z', { q2: 'The amalgam.' }))).toBe(
      [
        'Answers to “Week 3” (Ms Rivera)',
        'By Ana Diaz, handed in 2026-12-07',
        '',
        'Question 1 of 2: Why no fools?',
        'On the words: “no fools”',
        'Answer: (no answer)',
        '',
        'Question 2 of 2: Which maneuver?',
        'On the words: “maneuver”',
        'Answer: The amalgam.',
        '',
      ].join('\n'),
    );
  });

  it('names the served address, not the one the site was built for', () => {
    expect(
      rebaseSource(
        'http://localhost:4321/obituary/#a',
        'http://localhost:4321/',
        'https://school.example/kirov/',
      ),
    ).toBe('https://school.example/kirov/obituary/#a');
  });

  it('refuses a file that is not a hand-in, naming it and what to ask for', () => {
    expect(() => parseHandIn('<html>nothing</html>', 'notes.html')).toThrow(
      'notes.html: Unexpected file without answers in it, expected a hand-in file made by “Hand in”; ask the student to hand in again',
    );
    const noName = JSON.stringify({
      type: 'AnnotationCollection',
      packet: { id: ID },
      creator: { name: ' ' },
      items: [],
    });
    expect(() => parseHandIn(noName, 'x.json')).toThrow(
      'x.json: Unexpected hand-in without the student’s name',
    );
  });
});

describe('the class table', () => {
  it('has a row per student, replaces a second hand-in, and sets aside another packet or edition', () => {
    const table = emptyTable();
    expect(
      addHandIn(
        table,
        handIn('Ana Diaz', '2026-12-07T10:00:00Z', { q1: 'first' }),
        'a1.html',
        'Kirov Reader',
      ),
    ).toBe('added');
    expect(
      addHandIn(table, handIn('Ben Ode', '2026-12-07T10:05:00Z', { q2: 'b' }), 'b.html', 'Kirov Reader'),
    ).toBe('added');
    expect(
      addHandIn(
        table,
        handIn('ana  diaz', '2026-12-07T11:00:00Z', { q1: 'second', q2: 'two' }),
        'a2.html',
        'Kirov Reader',
      ),
    ).toBe('replaced');
    expect(
      addHandIn(
        table,
        handIn('Ana Diaz', '2026-12-07T09:00:00Z', { q1: 'older' }),
        'a0.html',
        'Kirov Reader',
      ),
    ).toBe('kept-later');
    const other = handIn(
      'Cy',
      '2026-12-07T10:00:00Z',
      {},
      { packet: { id: 'urn:uuid:other', title: 'Week 4', teacher: '' } },
    );
    expect(addHandIn(table, other, 'c.html', 'Kirov Reader')).toBe('set-aside');
    expect(
      addHandIn(
        table,
        handIn('Di', '2026-12-07T10:00:00Z', {}, { edition: 'Another Reader' }),
        'd.html',
        'Kirov Reader',
      ),
    ).toBe('set-aside');
    expect(classRows(table).map((row) => [row.student, ...row.answers.map((a) => a?.text ?? null)])).toEqual([
      ['ana  diaz', 'second', 'two'],
      ['Ben Ode', null, 'b'],
    ]);
    expect(table.setAside).toEqual([
      { file: 'c.html', reason: 'answers to another packet (“Week 4”, not “Week 3”)' },
      { file: 'd.html', reason: 'answers to another edition (“Another Reader”)' },
    ]);
  });

  it('exports CSV for a gradebook, quoting and defusing formulas', () => {
    const table = emptyTable();
    addHandIn(
      table,
      handIn('Ana, "A"', '2026-12-07T10:00:00Z', { q1: '=SUM(A1)' }),
      'a.html',
      'Kirov Reader',
    );
    expect(classCsv(table)).toBe(
      'Student,Handed in,Answered,Q1: Why no fools?,Q2: Which maneuver?\r\n"Ana, ""A""",2026-12-07 10:00,1 of 2,\'=SUM(A1),\r\n',
    );
  });
});
