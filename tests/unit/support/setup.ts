// Run before every unit test file (vitest.config.ts): the files share one module cache, so what a
// file made is cleaned up by a hook registered for that file, not once by the first file to import it.
import { afterAll } from 'vitest';
import { removeScratchDirs } from './scratch-dir.ts';

afterAll(removeScratchDirs);
