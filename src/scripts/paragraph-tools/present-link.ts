/* "Present": a link to the shown passage in present mode (/p/<id>/, the paragraph and its notes large). */
import { make } from '../make-element.ts';
import type { Tools } from './tools.ts';

export function presentLink({ data, toolbar }: Tools): HTMLAnchorElement {
  const link = make('a', { className: 'pt-b' }, 'Present');
  toolbar.onShow((passage) => {
    link.href = `${data.present}${passage.id}/`;
  });
  return link;
}
