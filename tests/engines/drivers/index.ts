import { ENGINES, type Engine, type EngineName } from './engine.ts';

export * from './engine.ts';

/** The engine this run of the suite drives: KIROV_ENGINE, which each of vitest.config.ts's engine projects sets. */
export function engineName(): EngineName {
  const name = process.env.KIROV_ENGINE ?? 'chromium';
  if (!(ENGINES as readonly string[]).includes(name)) {
    throw new Error(`KIROV_ENGINE is "${name}"; it must be one of ${ENGINES.join(', ')}`);
  }
  return name as EngineName;
}

/** Starts the browser of `name`, or fails at once naming what is missing and how to install it. */
export async function launchEngine(name: EngineName): Promise<Engine> {
  switch (name) {
    case 'chromium':
      return (await import('./chromium.ts')).launch();
    case 'firefox':
      return (await import('./firefox.ts')).launch();
    case 'webkit':
      return (await import('./webkit.ts')).launch();
  }
}
