/**
 * A search result links to its paragraph with the searched words (`?hl=terms#passage`); only such a
 * link loads the code that marks them (mark-search-hits.ts), so that other visits pay nothing for it.
 */
if (location.hash && new URLSearchParams(location.search).has('hl')) void import('./mark-search-hits.ts');
