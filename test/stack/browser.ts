/** Headless Chromium for the end-to-end tests and benchmarks, through playwright-core. */
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/chromium.js';

/** Launches headless Chromium (CHROME_PATH or Debian's) with the repository's flags. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: install it or set CHROME_PATH.');
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}
