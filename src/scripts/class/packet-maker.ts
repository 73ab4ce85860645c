/*
 * "Make a packet" on My notes, for a class layer made on this device: the layer's questions with
 * the paragraphs the teacher put in the handout tray (then those the questions are on), a title, the
 * teacher's name and an optional due date, given as one link, one QR code and one file. The QR code
 * carries what a phone can read off a projector; the page says what it left out.
 */
import {
  packetFile,
  packetLink,
  packetOfLayer,
  packetQrLink,
  QR_MAX_CHARACTERS,
} from '../../lib/class/packet.ts';
import stylesheet from '../../styles/class.css?url';
import { make } from '../make-element.ts';
import type { StoredLayer } from '../reader-notes/store.ts';
import { loadStylesheet } from '../stylesheet.ts';
import { servedRoot } from './site-roots.ts';
import { markTeacherDevice } from './teacher-flag.ts';

export interface PacketPassage {
  id: string;
  n: number;
  url: string;
}

/** The paragraphs in the handout tray of a page (its ¶ numbers, or ids), as ids. */
function trayParagraphs(passages: readonly PacketPassage[]): string[] {
  const ids: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith('kirov-handout:')) continue;
    const path = key.slice('kirov-handout:'.length);
    let items: unknown;
    try {
      items = JSON.parse(localStorage.getItem(key) ?? '[]');
    } catch {
      continue;
    }
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const found = passages.find(
        (p) => (typeof item === 'number' ? p.n === item : p.id === item) && new URL(p.url).pathname === path,
      );
      if (found && !ids.includes(found.id)) ids.push(found.id);
    }
  }
  return ids;
}

let made = 0;

/** The button that opens the packet form for `layer`, and the form's place. */
export function packetMaker(layer: StoredLayer, passages: readonly PacketPassage[]): HTMLElement[] {
  const place = make('div', { className: 'mn-packet' });
  const open = make(
    'button',
    { type: 'button', className: 'rn-b', 'aria-expanded': 'false' },
    'Make a packet',
  );
  open.setAttribute('aria-label', `Make a packet of ${layer.title}`);
  open.addEventListener('click', async () => {
    await loadStylesheet(stylesheet);
    if (place.childElementCount > 0) {
      place.replaceChildren();
      open.setAttribute('aria-expanded', 'false');
      return;
    }
    open.setAttribute('aria-expanded', 'true');
    place.replaceChildren(packetForm(layer, passages));
    place.querySelector('input')?.focus();
  });
  return [open, place];
}

function packetForm(layer: StoredLayer, passages: readonly PacketPassage[]): HTMLFormElement {
  const n = ++made;
  const field = (label: string, input: HTMLInputElement) => {
    input.id = `pk-${n}-${label.replace(/\W+/g, '-').toLowerCase()}`;
    return make('p', {}, make('label', { htmlFor: input.id }, label), ' ', input);
  };
  const title = make('input', { value: layer.title, required: true });
  const teacher = make('input', { value: layer.author, autocomplete: 'name' });
  const due = make('input', { type: 'date' });
  const tray = trayParagraphs(passages);
  const questions = layer.annotations.filter((a) => a.motivation === 'questioning' && a.body?.value.trim());
  const numbers = (ids: readonly string[]) =>
    ids
      .map((id) => passages.find((p) => p.id === id)?.n)
      .filter((x) => x !== undefined)
      .join(', ');
  const out = make('div', { className: 'mn-packet-out' });
  const form = make(
    'form',
    { className: 'mn-packet-form' },
    field('Packet title', title),
    field('Your name', teacher),
    field('Due date (optional)', due),
    make(
      'p',
      {},
      tray.length > 0
        ? `Paragraphs: ¶ ${numbers(tray)} from your handout tray, in its order, then any other paragraph a question is on.`
        : 'Paragraphs: those your questions are on, in reading order (add paragraphs to the handout tray of a text to choose them and their order).',
      ` Questions: ${questions.length}.`,
    ),
    make('button', { type: 'submit', className: 'rn-b' }, 'Make the packet'),
    out,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!title.value.trim()) return;
    markTeacherDevice();
    const root = servedRoot();
    const packet = packetOfLayer(
      { ...layer, title: title.value.trim(), author: teacher.value.trim() },
      { paragraphs: tray, due: due.value || null, root, order: passages.map((p) => p.id) },
    );
    const link = await packetLink(root, packet);
    const qr = await packetQrLink(root, packet);
    const { qrCodeSvg } = await import('../../lib/cite/qr-code.ts');
    const linkField = make('input', { readOnly: true, value: link, id: `pk-${n}-link` });
    const copy = make('button', { type: 'button', className: 'rn-b' }, 'Copy link');
    const status = make('span', { role: 'status' });
    copy.addEventListener('click', async () => {
      linkField.select();
      try {
        await navigator.clipboard.writeText(link);
        status.textContent = ' Copied.';
      } catch {
        status.textContent = ' Copy the link from the box.';
      }
    });
    const file = make('button', { type: 'button', className: 'rn-b' }, 'Download the packet file');
    file.addEventListener('click', () => {
      const blob = new Blob([packetFile(packet, root)], { type: 'application/ld+json' });
      const a = make('a', {
        href: URL.createObjectURL(blob),
        download: `packet-${
          packet.title
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '') || 'class'
        }.json`,
      });
      document.body.append(a);
      a.click();
      a.remove();
    });
    const code = make('figure', { className: 'mn-packet-qr' });
    code.innerHTML = await qrCodeSvg(qr.link, 'packet-qr-code');
    code.append(
      make(
        'figcaption',
        {},
        qr.withQuestions
          ? `The QR code carries the whole packet: its ${packet.paragraphs.length} paragraphs and ${packet.questions.length} questions (${qr.link.length} characters).`
          : `The QR code carries the title and the ${packet.paragraphs.length} paragraphs only: a code that a phone can read off a projector holds about ${QR_MAX_CHARACTERS} characters, and the ${packet.questions.length} questions make the link ${link.length}. Give the class the link or the file for the questions.`,
      ),
    );
    out.replaceChildren(
      make(
        'p',
        {},
        make(
          'label',
          { htmlFor: linkField.id },
          `Packet link (${link.length} characters; it carries everything, and no server sees it)`,
        ),
        ' ',
        linkField,
        ' ',
        copy,
        status,
      ),
      code,
      make('p', {}, file, ' A student can open the file from My notes (Import).'),
    );
  });
  return form;
}
