/*
 * Handing in: the answers as one file (lib/class/hand-in.ts), given to the phone's share sheet
 * (Web Share with files) where the browser has one, else saved as a download; or copied as text.
 * Nothing is sent by the site itself: the student chooses where the file goes.
 */
import { type HandIn, handInFile, handInText } from '../../lib/class/hand-in.ts';

/** "answers-ana-diaz-week-3.html" */
export function handInFileName(handIn: HandIn): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40);
  return `answers-${slug(handIn.student) || 'student'}-${slug(handIn.packet.title) || 'packet'}.html`;
}

/** Shares the file, or downloads it; resolves to what happened, for the student to be told. */
export async function deliverHandIn(handIn: HandIn): Promise<'shared' | 'downloaded' | 'cancelled'> {
  const name = handInFileName(handIn);
  const file = new File([handInFile(handIn)], name, { type: 'text/html' });
  if (typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })) {
    try {
      await navigator.share({ files: [file], title: `Answers to “${handIn.packet.title}”` });
      return 'shared';
    } catch (error) {
      if ((error as Error).name === 'AbortError') return 'cancelled';
      // A share sheet that failed: fall back to the download.
    }
  }
  const link = Object.assign(document.createElement('a'), {
    href: URL.createObjectURL(file),
    download: name,
  });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  return 'downloaded';
}

/** Copies the answers as text; false when the browser refuses (the caller shows the text instead). */
export async function copyHandIn(handIn: HandIn): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(handInText(handIn));
    return true;
  } catch {
    return false;
  }
}
