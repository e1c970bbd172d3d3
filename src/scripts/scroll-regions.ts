/**
 * Makes every wide formula and table that scrolls sideways reachable from the keyboard: a box
 * whose content overflows gets `tabindex="0"`, so arrow keys scroll it (Chromium and Firefox make
 * such a box focusable themselves; Safari does not). Only boxes that overflow get a tab stop.
 *
 * Nothing is measured while the page loads: a ResizeObserver reports each box once the browser
 * has laid it out (at once for what is on screen, later for a section far down that the browser
 * skips until the reader nears it) and again when its width changes, and the overflow is read
 * then, from a layout that is already done. Boxes in those sections come from the build with a
 * tab stop (src/plugins/rehype-sections.ts), taken away here from the ones that fit.
 */
export function initScrollRegions(root: ParentNode = document): void {
  const observer = new ResizeObserver((entries) => {
    // Read every box first, then write: a write between two reads would force a new layout.
    const overflowing = entries
      .filter((entry) => entry.contentRect.width > 0)
      .map((entry) => {
        const box = entry.target as HTMLElement;
        return [box, box.scrollWidth > box.clientWidth + 1] as const;
      });
    for (const [box, overflows] of overflowing) {
      if (overflows) box.tabIndex = 0;
      // A box reached by the keyboard before it was laid out keeps the stop it is focused on.
      else if (box !== document.activeElement) box.removeAttribute('tabindex');
    }
  });
  for (const box of root.querySelectorAll<HTMLElement>('.prose .katex-display, .prose table')) observer.observe(box);
}
