import { accessSync, constants } from 'node:fs';

/** Set to a browser's path to use it instead of the usual places (a Chromium or Chrome build). */
export const CHROMIUM_PATH_ENV = 'CHROMIUM_PATH';

/** Debian's `chromium` package first (what CI installs), then the usual other names. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
] as const;

/** The Chromium the browser tests drive, or null when this machine has none. */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const chosen = env[CHROMIUM_PATH_ENV];
  const paths = chosen === undefined || chosen === '' ? CANDIDATES : [chosen];
  for (const path of paths) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not there or not executable: try the next.
    }
  }
  return null;
}

/** The one line printed when the browser tests are skipped. */
export const NO_CHROMIUM_LINE = `browser tests skipped: no Chromium found (apt-get install chromium, or set ${CHROMIUM_PATH_ENV})`;
