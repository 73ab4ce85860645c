/*
 * A handout's link: `?handout=<id>,<id>` names the paragraphs by their permanent ids, in the teacher's
 * order. Links made before ids named them by ¶ number (`?handout=3,7-9`); those numbers are read
 * through the numbering frozen when they were made (content/apparatus/handout-numbers.json), so a
 * printed link opens the same paragraphs whatever the edition's numbers become. Errors are worded for
 * the teacher or student who sees them on the page.
 */

export type HandoutNumbers = { ok: true; paragraphs: number[] } | { ok: false; message: string };

const example = 'a ¶ number such as 7 or a range such as 7-9';

/**
 * Parses a link's comma-separated list of ¶ numbers and ranges ("3, 7-9"; an en dash works as well as a
 * hyphen) into the distinct numbers it names, in the order it names them (a teacher's handout may put
 * ¶ 41 before ¶ 1), each between 1 and `last` (the page's last ¶).
 */
export function parseHandout(input: string, last: number): HandoutNumbers {
  const text = input.trim();
  if (text === '') return fail(`Unexpected empty list, expected ¶ numbers such as 3,7-9`);
  const chosen = new Set<number>();
  const items = text.split(',');
  for (const [index, raw] of items.entries()) {
    const item = raw.trim();
    if (item === '') {
      return fail(`Unexpected empty item ${index + 1} in "${text}", expected ${example}`);
    }
    const match = /^(\d+)(?:\s*[-–]\s*(\d+))?$/u.exec(item);
    if (!match) return fail(`Unexpected "${item}" in "${text}", expected ${example}`);
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    for (const n of [from, to]) {
      if (n < 1 || n > last) {
        return fail(
          `Unexpected ¶ ${n} in "${text}", expected numbers from 1 to ${last} (the last ¶ of this page)`,
        );
      }
    }
    if (to < from) {
      return fail(
        `Unexpected range "${item}" in "${text}", expected the smaller number first, as in ${to}-${from}`,
      );
    }
    for (let n = from; n <= to; n++) chosen.add(n);
  }
  return { ok: true, paragraphs: [...chosen] };
}

/** Runs of consecutive numbers, as [first, last] pairs. */
function runs(paragraphs: readonly number[]): [number, number][] {
  const result: [number, number][] = [];
  for (const n of paragraphs) {
    const current = result.at(-1);
    if (current && n === current[1] + 1) current[1] = n;
    else result.push([n, n]);
  }
  return result;
}

/** For reading: [2, 4, 5, 6] → "2, 4–6" (an en dash, as typeset ranges are). */
export function formatParagraphList(paragraphs: readonly number[]): string {
  return runs(paragraphs)
    .map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`))
    .join(', ');
}

/** For a link: the ids in the handout's order, comma-separated (a comma needs no escaping in a query). */
export function formatHandoutParam(ids: readonly string[]): string {
  return ids.join(',');
}

/** What a ?handout= value names: paragraph ids, or ¶ numbers in a link made before ids. */
export type HandoutRequest =
  | { ok: true; form: 'ids'; ids: string[] }
  | { ok: true; form: 'numbers'; text: string }
  | { ok: false; message: string };

/** A link made before ids: numbers and ranges only, no letter anywhere (every id has one). */
const NUMBERED = /^[\s\d,\-–]+$/u;

/** Sorts a ?handout= value into ids or ¶ numbers; the numbers are parsed against their numbering later. */
export function readHandoutParam(input: string): HandoutRequest {
  const text = input.trim();
  if (text === '') return fail('Unexpected empty list, expected the paragraphs of the handout');
  if (NUMBERED.test(text)) return { ok: true, form: 'numbers', text };
  const ids: string[] = [];
  for (const [index, raw] of text.split(',').entries()) {
    const id = raw.trim();
    if (id === '') return fail(`Unexpected empty item ${index + 1} in "${text}", expected a paragraph id`);
    if (!ids.includes(id)) ids.push(id);
  }
  return { ok: true, form: 'ids', ids };
}

/** The paragraphs of the page a handout is opened on, and where its retired ids lead. */
export interface HandoutPage {
  ids: ReadonlySet<string>;
  retired?: Readonly<Record<string, { to: string }>> | undefined;
}

export type HandoutSelection = { ok: true; ids: string[] } | { ok: false; message: string };

/**
 * The ids of the paragraphs a handout shows, in its order, each once: a retired id gives way to its
 * successor, and ¶ numbers are read through `numbered` (the page's ids by the ¶ numbers the link was
 * made with: index 0 is ¶ 1).
 */
export function resolveHandout(
  request: Exclude<HandoutRequest, { ok: false }>,
  page: HandoutPage,
  numbered: readonly string[] = [],
): HandoutSelection {
  let ids: string[];
  if (request.form === 'numbers') {
    const parsed = parseHandout(request.text, numbered.length);
    if (!parsed.ok) return parsed;
    ids = parsed.paragraphs.map((n) => numbered[n - 1] ?? '');
  } else {
    ids = request.ids;
  }
  const shown: string[] = [];
  for (const id of ids) {
    const live = liveId(id, page);
    if (live === null) {
      return fail(
        `Unexpected paragraph "${id}", expected the id of a paragraph of this page, as “Open handout” writes it`,
      );
    }
    if (!shown.includes(live)) shown.push(live);
  }
  return { ok: true, ids: shown };
}

/** The live paragraph an id leads to: itself, or the end of its retired id's successors; else null. */
export function liveId(id: string, page: HandoutPage): string | null {
  const seen = new Set<string>();
  let current = id;
  while (!page.ids.has(current)) {
    const next = page.retired?.[current]?.to;
    if (next === undefined || seen.has(next)) return null;
    seen.add(current);
    current = next;
  }
  return current;
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
