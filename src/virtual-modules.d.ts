/** The edition model, read and assembled once by src/integrations/kirov-reader.ts. */
declare module 'virtual:kirov-reader/edition' {
  const model: import('./lib/edition-model/edition-model.ts').EditionModel;
  export default model;
  /** What each passage's rendered markup depends on beyond its own text (read-content.ts). */
  export const passageMarkupVersion: string;
  /** The timeline page's address, under the site's base: where a note's related events link to. */
  export const timelineHref: string;
}
