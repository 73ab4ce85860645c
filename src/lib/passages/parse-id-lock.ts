import { ContentError } from '../content-error.ts';
import { type IdLock, idLockSchema } from '../schema/ledger.ts';

/**
 * Reads the id lock's text. A lock that is not JSON (a merge left conflict markers in it, or it was cut
 * short) or does not fit the schema stops the ingest with the line and a fix, never with a stack: a lock
 * the ingest cannot read is one whose links it cannot keep.
 */
export function parseIdLock(text: string, file: string): IdLock {
  const conflict = /^(?:<{7}|={7}|>{7})(?: |$)/mu.exec(text);
  if (conflict) {
    throw new ContentError({
      file,
      line: text.slice(0, conflict.index).split('\n').length,
      column: 1,
      rule: 'lock-conflict',
      message: `Unexpected merge-conflict marker \`${conflict[0].trim()}\` in the id lock, expected the JSON the ingest wrote`,
      fix: `never merge the lock by hand: take one side (\`git checkout --ours ${file}\` or \`--theirs\`), then run \`npm run ingest\`, which re-matches every paragraph to its id by its text, and commit the result`,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/u.exec(error instanceof Error ? error.message : '')?.[1];
    const offset = at === undefined ? 0 : Number(at);
    const before = text.slice(0, offset).split('\n');
    throw new ContentError({
      file,
      line: before.length,
      column: (before.at(-1)?.length ?? 0) + 1,
      rule: 'lock-json',
      message: `Unexpected text that is not JSON in the id lock (${error instanceof Error ? error.message : String(error)}), expected the JSON the ingest wrote`,
      fix: `restore the file from git (\`git checkout -- ${file}\`) and run \`npm run ingest\`; never edit it by hand, or links break`,
    });
  }
  const parsed = idLockSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ContentError({
      file,
      line: 1,
      column: 1,
      rule: 'lock-schema',
      message: `Unexpected id lock: ${issue?.message ?? 'invalid'} at \`${issue?.path.join('.') ?? ''}\`, expected the lock the ingest wrote`,
      fix: `restore the file from git (\`git checkout -- ${file}\`) and run \`npm run ingest\`; never edit it by hand, or links break`,
    });
  }
  return parsed.data;
}
