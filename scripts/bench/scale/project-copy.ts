/**
 * A temp copy of the project for one scale: package.json, astro.config.ts, tsconfig.json, src/, scripts/,
 * content/ and a node_modules/ folder of symlinks to the project's packages, so that the real content/,
 * dist/ and caches are never touched and every build is cold.
 */
import { cpSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listFiles } from '../../lib/list-files.ts';

const PROJECT_FILES = ['package.json', 'astro.config.ts', 'tsconfig.json', 'src', 'scripts', 'content'];

export function copyProject(project: string): void {
  mkdirSync(project, { recursive: true });
  for (const name of PROJECT_FILES) cpSync(name, join(project, name), { recursive: true });
  // A folder of symlinks rather than one symlink: tools that write under node_modules/ (Vite's
  // .vite cache) then write into the copy, not into the project's node_modules/.
  const modules = join(project, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync('node_modules')) {
    if (name.startsWith('.') && name !== '.bin') continue;
    symlinkSync(resolve('node_modules', name), join(modules, name));
  }
}

/** How many files a folder holds and their size in KB. */
export function sizeOf(dir: string): { files: number; kb: number } {
  const files = listFiles(dir);
  const bytes = files.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
  return { files: files.length, kb: bytes / 1024 };
}
