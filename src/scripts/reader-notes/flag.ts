/**
 * Set in localStorage while the device holds any note, so that a page can tell without opening the
 * database whether it must load the notes at once (to show them) or only when the reader selects words.
 */
export const HAS_NOTES_FLAG = 'kirov-reader-notes';
