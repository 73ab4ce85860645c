/**
 * A copy of the project that can be built, served and edited without touching the real one (the scale
 * benchmark's corpora, the browser tests' fixture site and dev server): package.json, astro.config.ts,
 * tsconfig.json, src/, scripts/, content/ and a node_modules/ folder of symlinks to the project's
 * packages, so that the real content/, dist/ and caches are never touched and every build is cold.
 */
import { cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

const PROJECT_FILES = ['package.json', 'astro.config.ts', 'tsconfig.json', 'src', 'scripts', 'content'];

/** Copies the project in the current folder to `project`. */
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
