import {
  chicagoBibliography,
  chicagoNote,
  localIsoDate,
  mlaInText,
  mlaWorksCited,
  type PassageCitation,
  plainCitation,
} from '../../../src/lib/cite/citation.ts';
import type { readDocuments, StaticSite } from '../site.ts';

/**
 * The four citations the paragraph tools' Cite panel shows for a passage, as plain text in the order
 * shown: Chicago note, Chicago bibliography, MLA works cited, MLA in-text.
 */
export function citationTexts(citation: PassageCitation): string[] {
  return [
    plainCitation(chicagoNote(citation)),
    plainCitation(chicagoBibliography(citation)),
    plainCitation(mlaWorksCited(citation)),
    mlaInText(citation),
  ];
}

/**
 * What the tools cite for a paragraph of the essay as served at the test's address, read today: its
 * author as a librarian writes him, and its title, date and translator from the edition file.
 */
export function essayCitation(
  essay: ReturnType<typeof readDocuments>[number],
  site: StaticSite,
  passage: { n: number; id: string } | null,
): PassageCitation {
  return {
    authors: [{ given: 'Leon', family: 'Trotsky' }],
    title: essay.title,
    date: essay.date,
    translator: essay.translator,
    edition: 'Kirov Reader',
    documentUrl: site.url('/'),
    paragraph: passage?.n ?? 0,
    url: passage ? `${site.url('/')}#${passage.id}` : site.url('/'),
    accessed: localIsoDate(new Date()),
  };
}
