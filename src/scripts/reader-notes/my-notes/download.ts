import { make } from '../make.ts';

/** Saves `text` as a file named `name`, made in the browser: nothing is sent anywhere. */
export function download(name: string, type: string, text: string): void {
  const link = make('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** A file name made of a title: lower-case words joined by hyphens. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'class-layer'
  );
}
