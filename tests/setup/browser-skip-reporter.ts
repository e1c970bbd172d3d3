import type { Reporter, TestModule } from 'vitest/node';
import { browserUnavailable } from '../helpers/browser';

/**
 * Prints, below Vitest's summary, a red banner when the browser tests were skipped because
 * Chromium is missing. Without it a local run reads "passed" in green while the search, previews,
 * themes and accessibility were never tried in a browser; the banner says how many tests did not
 * run and how to install Chromium. (Under CI a missing Chromium fails the run instead.)
 */
export class BrowserSkipNotice implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const missing = browserUnavailable();
    if (!missing) return;
    let skipped = 0;
    for (const module of testModules) {
      if (!/[\\/]tests[\\/]e2e[\\/]/.test(module.moduleId)) continue;
      for (const test of module.children.allTests()) if (test.result().state === 'skipped') skipped++;
    }
    if (skipped === 0) return;
    const line = ` BROWSER TESTS SKIPPED: ${skipped} tests did not run. ${missing} `;
    process.stdout.write(
      `\n\x1b[1;97;41m${line}\x1b[0m\n\x1b[1;31m This run is NOT green: the site was never opened in a browser.\x1b[0m\n\n`,
    );
  }
}
