import {
  chicagoBibliography,
  chicagoNote,
  mlaInText,
  mlaWorksCited,
  type PassageCitation,
  plainCitation,
} from '../../../src/lib/cite/citation.ts';

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
