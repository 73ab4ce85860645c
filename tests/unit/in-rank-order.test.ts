import { describe, expect, it } from 'vitest';
import { inRankOrder } from '../../src/lib/search/in-rank-order.ts';

/** A promise settled from outside, in the order a test chooses. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('inRankOrder', () => {
  it('shows the first as soon as it arrives, and a later one only once every one before it has', async () => {
    const details = [deferred<string>(), deferred<string>(), deferred<string>()];
    const shown: string[] = [];
    const done = inRankOrder(
      details.map((d) => d.promise),
      (settled, rank) => shown.push(`${rank}:${settled.status === 'fulfilled' ? settled.value : 'failed'}`),
    );
    details[0]?.resolve('first');
    await tick();
    expect(shown).toEqual(['0:first']);
    details[2]?.resolve('third');
    await tick();
    expect(shown, 'the third waits for the second').toEqual(['0:first']);
    details[1]?.resolve('second');
    await done;
    expect(shown).toEqual(['0:first', '1:second', '2:third']);
  });

  it('hands on a detail that failed in its place, and goes on', async () => {
    const details = [deferred<string>(), deferred<string>()];
    const shown: string[] = [];
    const done = inRankOrder(
      details.map((d) => d.promise),
      (settled, rank) => shown.push(`${rank}:${settled.status}`),
    );
    details[1]?.resolve('kept');
    details[0]?.reject(new Error('not kept on this device'));
    await done;
    expect(shown).toEqual(['0:rejected', '1:fulfilled']);
  });

  it('resolves at once for no details', async () => {
    const shown: number[] = [];
    await inRankOrder([], (_, rank) => shown.push(rank));
    expect(shown).toEqual([]);
  });
});
