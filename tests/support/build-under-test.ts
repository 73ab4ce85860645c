import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Which build the browser tests and the site checks look at: dist/ by default, or another build
 * folder (KIROV_DIST, as parallel work and the sub-path check use), built with the base path
 * KIROV_BASE. Reading the environment only, so that importing this costs nothing.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The build under test (KIROV_DIST, default dist/). */
export const distDir = resolve(root, process.env.KIROV_DIST ?? 'dist');
/** The base path the site was built with (KIROV_BASE), as "/" or "/sub/path/". */
export const base = `/${(process.env.KIROV_BASE ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
