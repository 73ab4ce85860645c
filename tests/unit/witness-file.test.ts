import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WITNESS_FILE } from './support/kirov.ts';

describe('the witness', () => {
  it('is the verbatim scrape: its SHA-256 is pinned so that nobody edits it by accident', () => {
    const sha256 = createHash('sha256').update(readFileSync(WITNESS_FILE)).digest('hex');
    expect(sha256).toBe('7757adc1e51d50d1f545c85b10665e4187d804634d126fbb0537711594776f57');
  });
});
