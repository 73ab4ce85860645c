import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Engine, Key, Tab } from './engine.ts';

/*
 * WebKitGTK's MiniBrowser through WebKitWebDriver (Debian's webkit2gtk-driver), in a virtual X display
 * (xvfb-run), spoken to in plain WebDriver over HTTP. Each window is a WebDriver session of its own, a
 * MiniBrowser with a fresh, ephemeral profile; a driver holds one session at a time, so there is a
 * driver for each window open at once, kept for the next window of its size once that one closes.
 */

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** The WebDriver code points of the keys the suite presses. */
const KEYS: Record<Key, string> = { Tab: '\uE004', Enter: '\uE007', Escape: '\uE00C', ' ': ' ' };

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The MiniBrowser that the WebKitGTK library package installs (MINIBROWSER_PATH overrides). */
function findMiniBrowser(): string | undefined {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  try {
    return execFileSync('dpkg', ['-L', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' })
      .split('\n')
      .find((line) => line.endsWith('/MiniBrowser'));
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Answer {
  value: unknown;
}

/** One WebKitWebDriver in an X display of its own, the size of the windows it opens. */
interface Driver {
  call(method: string, path: string, body?: unknown, timeout?: number): Promise<unknown>;
  stop(): void;
}

/**
 * Starts WebKitWebDriver in a virtual X display `width` × `height` px large. MiniBrowser opens its
 * windows full-screen there, so that the page's viewport is the whole display: a window of its own
 * would add MiniBrowser's bar, and could not be narrower than the bar's buttons (about 450 px).
 */
async function startDriver(width: number, height: number): Promise<Driver> {
  const port = await freePort();
  const driver: ChildProcess = spawn(
    'xvfb-run',
    ['-a', '-s', `-screen 0 ${width}x${height}x24`, 'WebKitWebDriver', `--port=${port}`],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let said = '';
  driver.stderr?.on('data', (chunk) => {
    said = `${said}${chunk}`.slice(-2000);
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (driver.exitCode === null && driver.pid) process.kill(-driver.pid, 'SIGTERM');
  };

  async function call(method: string, path: string, body?: unknown, timeout = 60_000): Promise<unknown> {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    });
    const answer = (await response.json()) as Answer;
    const value = answer.value as { error?: string; message?: string } | null;
    if (!response.ok || (value && typeof value === 'object' && 'error' in value && value.error)) {
      throw new Error(`WebKitWebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
    }
    return answer.value;
  }

  // The driver answers /status once it listens; it may take a moment to start the X display.
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (driver.exitCode !== null) {
      throw new Error(`WebKitWebDriver stopped at once (exit ${driver.exitCode}): ${said}`);
    }
    try {
      await call('GET', '/status', undefined, 1000);
      return { call, stop };
    } catch {
      if (Date.now() > deadline) {
        stop();
        throw new Error(`WebKitWebDriver did not answer on port ${port} within 20 s: ${said}`);
      }
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }
}

export async function launch(): Promise<Engine> {
  const missing = ['WebKitWebDriver', 'xvfb-run'].filter((command) => !onPath(command));
  const miniBrowser = findMiniBrowser();
  if (!miniBrowser || !existsSync(miniBrowser)) missing.push('MiniBrowser');
  if (missing.length > 0) {
    throw new Error(
      `WebKit cannot be driven: ${missing.join(', ')} not found; install them with \`apt-get install -y webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb\` (or set MINIBROWSER_PATH to WebKitGTK's MiniBrowser)`,
    );
  }
  /** The drivers started, with the size of their display; a driver is free when it holds no session. */
  const drivers: { size: string; driver: Promise<Driver> }[] = [];
  const sessions = new Map<string, Driver>();
  const busy = new Set<Promise<Driver>>();

  function tabOf(session: string, driver: Driver): Tab {
    const { call } = driver;
    const at = `/session/${session}`;
    const find = async (selector: string) => {
      const found = (await call('POST', `${at}/element`, {
        using: 'css selector',
        value: selector,
      })) as Record<string, string>;
      return found[ELEMENT];
    };
    const tab: Tab = {
      // Each window is alone in its display, always in front.
      goto: async (url) => {
        await call('POST', `${at}/url`, { url });
      },
      reload: async () => {
        await call('POST', `${at}/refresh`, {});
      },
      url: async () => (await call('GET', `${at}/url`)) as string,
      async evaluate(fn, arg) {
        // The function travels as the script's own text: the site's Content-Security-Policy refuses
        // eval, so it cannot be sent as a string for the page to compile.
        const script = `const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => (${fn.toString()})(arguments[0])).then(
            (value) => done({ value: value === undefined ? null : value }),
            (error) => done({ error: String((error && error.stack) || error) }),
          );`;
        const result = (await call('POST', `${at}/execute/async`, { script, args: [arg ?? null] })) as {
          value?: unknown;
          error?: string;
        };
        if (result.error) throw new Error(`in the page: ${result.error}`);
        return result.value as never;
      },
      async click(selector) {
        await call('POST', `${at}/element/${await find(selector)}/click`, {});
      },
      async type(selector, text) {
        await call('POST', `${at}/element/${await find(selector)}/value`, { text });
      },
      async press(key) {
        const value = KEYS[key];
        await call('POST', `${at}/actions`, {
          actions: [
            {
              type: 'key',
              id: 'keyboard',
              actions: [
                { type: 'keyDown', value },
                { type: 'keyUp', value },
              ],
            },
          ],
        });
      },
      screenshot: async () => Buffer.from((await call('GET', `${at}/screenshot`)) as string, 'base64'),
      async close() {
        if (!sessions.delete(session)) return;
        await call('DELETE', at);
        for (const started of drivers) if ((await started.driver) === driver) busy.delete(started.driver);
      },
    };
    return tab;
  }

  return {
    name: 'webkit',
    async open(url, { width, height }) {
      const size = `${width}x${height}`;
      let started = drivers.find((d) => d.size === size && !busy.has(d.driver))?.driver;
      if (!started) {
        started = startDriver(width, height);
        drivers.push({ size, driver: started });
      }
      busy.add(started);
      const driver = await started;
      const { sessionId } = (await driver.call('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation', '--full-screen'] },
          },
        },
      })) as { sessionId: string };
      sessions.set(sessionId, driver);
      const tab = tabOf(sessionId, driver);
      // The window goes full-screen a moment after it opens: wait for the viewport to fill the display.
      await driver.call('POST', `/session/${sessionId}/window/rect`, { width, height });
      let viewport: number[] = [];
      for (let tries = 0; tries < 50 && viewport.join('x') !== size; tries++) {
        if (tries > 0) await new Promise((wait) => setTimeout(wait, 100));
        viewport = await tab.evaluate(() => [window.innerWidth, window.innerHeight]);
      }
      if (viewport.join('x') !== size) {
        await tab.close();
        throw new Error(
          `MiniBrowser's viewport is ${viewport.join(' × ')} px, not the ${width} × ${height} asked for`,
        );
      }
      await tab.goto(url);
      return tab;
    },
    async close() {
      for (const [session, driver] of sessions)
        await driver.call('DELETE', `/session/${session}`).catch(() => {});
      sessions.clear();
      for (const { driver } of drivers) (await driver.catch(() => null))?.stop();
      drivers.length = 0;
      busy.clear();
    },
  };
}
