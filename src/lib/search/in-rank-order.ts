/**
 * Hands each of `details` to `show` in the order given, each as soon as it and every one before it have
 * settled: the results list grows from the top as the results' details arrive, the first result drawn
 * without waiting for the tenth, and never one below a gap that a later arrival would fill. A detail
 * that fails is handed on as rejected, in its place. Resolves once every one has been handed on.
 */
export async function inRankOrder<T>(
  details: readonly Promise<T>[],
  show: (settled: PromiseSettledResult<T>, rank: number) => void,
): Promise<void> {
  const settled: (PromiseSettledResult<T> | undefined)[] = details.map(() => undefined);
  let next = 0;
  await Promise.all(
    details.map((detail, rank) =>
      detail
        .then(
          (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
          (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
        )
        .then((result) => {
          settled[rank] = result;
          for (let ready = settled[next]; ready; ready = settled[next]) show(ready, next++);
        }),
    ),
  );
}
