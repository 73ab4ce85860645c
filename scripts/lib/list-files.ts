// The build's own integrations list files too, and src/ never imports from scripts/: the function lives there.
export { listFiles } from '../../src/lib/list-files.ts';
