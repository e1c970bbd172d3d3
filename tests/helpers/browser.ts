import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; `CHROMIUM_PATH` overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export function browserUnavailable(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  return `Chromium not found at ${chromiumPath}: install it with "apt-get install -y chromium" (Debian) or set CHROMIUM_PATH.`;
}

/**
 * Starts headless Chromium with the flags this sandboxed, offline setup needs (no sandbox as
 * root, no background network calls that would only fail).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Why the browser tests of a file must skip, or undefined when they can run. Locally a missing
 * Chromium only skips them, with a message saying how to install it; under CI (`CI` set) it is an
 * error, so a broken CI machine cannot pass by skipping.
 */
export function browserSkipReason(): string | undefined {
  const missing = browserUnavailable();
  if (missing && process.env.CI) throw new Error(`Browser tests cannot run under CI: ${missing}`);
  if (missing) console.warn(`Skipping browser tests. ${missing}`);
  return missing;
}
