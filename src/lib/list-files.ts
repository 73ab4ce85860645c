import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/** Every regular file under dir, as sorted forward-slash paths relative to it. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split(sep).join('/'))
    .sort();
}
