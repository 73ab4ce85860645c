/** The margin note of one annotation: its own element, so its styles and placement are its own. */
class ReaderNoteElement extends HTMLElement {}
if (!customElements.get('reader-note')) customElements.define('reader-note', ReaderNoteElement);

/** An empty <reader-note> for an annotation, own or a class layer's (a draft is one until saved). */
export function readerNote(id: string, own: boolean): HTMLElement {
  const element = document.createElement('reader-note');
  element.className = own ? 'rn-note rn-own' : 'rn-note rn-class';
  element.dataset.rn = id;
  return element;
}
