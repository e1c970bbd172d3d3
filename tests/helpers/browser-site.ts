import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { type StaticServer, serveStatic } from './serve';

/** A built site served on loopback and a Chromium to open it, for one test file. */
export interface BrowserSite {
  browser: Browser;
  server: StaticServer;
}

/**
 * Starts the static server and Chromium before a file's tests and stops both after them. Call it
 * inside the `describe` whose tests use it; read the fields inside tests, once they have started.
 */
export function useBrowserSite(root: string, base: string): BrowserSite {
  const site = {} as BrowserSite;
  beforeAll(async () => {
    site.server = await serveStatic(root, base);
    site.browser = await launchChromium();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
