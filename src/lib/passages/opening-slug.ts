import { slug } from 'github-slugger';

/** A readable anchor from the first words: `zinoviev-and-kamenev-are-no-fools`. */
export function openingSlug(text: string): string {
  // Editorial brackets are not the author's words, and anchors stay ASCII so they survive any medium.
  const plain = text
    .replace(/\[[^\]]*\]/gu, ' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
  const words = slug(plain)
    .split('-')
    .filter((word) => /^[a-z0-9]+$/u.test(word));
  let id = '';
  for (const word of words) {
    const next = id ? `${id}-${word}` : word;
    if (next.length > 40 && id) break;
    id = next;
    if (id.split('-').length >= 6) break;
  }
  return id || 'passage';
}
