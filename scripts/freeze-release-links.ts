/**
 * Run when cutting a release: freezes every URL the release publishes for a passage into
 * tests/fixtures/release-links.json, which tests/unit/link-permanence.test.ts then holds every later
 * edition to. Reads the committed id lock, edition file and frozen handout numbers (not dist/), keeps every link frozen by an
 * earlier release, and refuses to freeze a lock that has already broken one of them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EDITION_FILE, HANDOUT_NUMBERS_FILE, ID_LOCK_FILE } from '../src/lib/content-paths.ts';
import { parseEditionFile } from '../src/lib/edition/parse-edition-file.ts';
import { parseIdLock } from '../src/lib/passages/parse-id-lock.ts';
import {
  checkReleaseLinks,
  formatLinkProblem,
  formatReleaseLinks,
  freezeReleaseLinks,
  handoutNumbersSchema,
  releaseLinksSchema,
} from '../src/lib/passages/release-links.ts';
import { RELEASE_LINKS_FILE } from './lib/release-links-file.ts';

const HELP = `Usage: node scripts/freeze-release-links.ts [--release VERSION]

Adds every passage URL of this release to ${RELEASE_LINKS_FILE}, keeping the links of earlier
releases. Run it after npm run ingest, when the lock and the passages are committed.

  --release VERSION  the release to record (default: "version" in package.json)
  --help             this text`;

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { release: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const release =
    values.release ?? (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  const lock = parseIdLock(readFileSync(ID_LOCK_FILE, 'utf8'), ID_LOCK_FILE);
  const documents = parseEditionFile(readFileSync(EDITION_FILE, 'utf8'), EDITION_FILE).data.documents;
  const numbers = handoutNumbersSchema.parse(JSON.parse(readFileSync(HANDOUT_NUMBERS_FILE, 'utf8')));
  const previous = existsSync(RELEASE_LINKS_FILE)
    ? releaseLinksSchema.parse(JSON.parse(readFileSync(RELEASE_LINKS_FILE, 'utf8')))
    : null;

  if (previous) {
    const { problems } = checkReleaseLinks(previous, lock, documents, RELEASE_LINKS_FILE, numbers);
    if (problems.length > 0) {
      console.error(problems.map((problem) => formatLinkProblem(problem, RELEASE_LINKS_FILE)).join('\n'));
      console.error(`${problems.length} published link(s) no longer resolve; nothing written.`);
      return 1;
    }
  }
  const frozen = freezeReleaseLinks(previous, release, lock, documents, numbers);
  const text = formatReleaseLinks(frozen);
  const added = frozen.links.length - (previous?.links.length ?? 0);
  if (previous && formatReleaseLinks(previous) === text) {
    console.log(`${RELEASE_LINKS_FILE}: unchanged, ${frozen.links.length} passages.`);
    return 0;
  }
  writeFileSync(RELEASE_LINKS_FILE, text);
  console.log(
    `${RELEASE_LINKS_FILE}: release ${release}, ${frozen.links.length} passages (${added} new since the last release).`,
  );
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
