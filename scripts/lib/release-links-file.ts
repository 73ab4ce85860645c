/** Where every release's passage URLs are frozen (scripts/freeze-release-links.ts) and checked (the tests). */
export const RELEASE_LINKS_FILE = 'tests/fixtures/release-links.json';
