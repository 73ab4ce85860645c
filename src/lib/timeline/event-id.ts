import { EditionContentError } from '../content-error.ts';
import { TIMELINE_DIR } from '../content-paths.ts';

/**
 * An event's id is its file name without `.yaml`: it is the event's anchor on /timeline/ and in
 * /timeline.json, so it must be a plain lowercase slug, and files sit directly in content/timeline/.
 */
export function timelineEventId(entry: string): string {
  const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.ya?ml$/.exec(entry);
  if (!match?.[1]) {
    throw new EditionContentError(
      `${TIMELINE_DIR}/${entry}: Unexpected file name, expected a lowercase name of letters, digits and hyphens directly in ${TIMELINE_DIR}/, such as "kirov-assassinated.yaml" (the name is the event's anchor on /timeline/)`,
    );
  }
  return match[1];
}
