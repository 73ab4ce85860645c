import { statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../lib/list-files.ts';

/** How many files a folder holds and their size in KB. */
export function sizeOf(dir: string): { files: number; kb: number } {
  const files = listFiles(dir);
  const bytes = files.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
  return { files: files.length, kb: bytes / 1024 };
}
