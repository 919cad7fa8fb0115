import { existsSync } from 'node:fs';

/** The Chromium the tests drive: CHROME_PATH, Debian's chromium, or an installed Chrome. */
export function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path as string));
}

/** The flags every headless launch here needs (no sandbox as root, no background traffic). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
