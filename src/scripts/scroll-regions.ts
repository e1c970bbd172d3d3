/**
 * Makes every wide formula and table that scrolls sideways reachable from the keyboard: an
 * overflowing box gets `tabindex="0"`, so arrow keys scroll it.
 * Only boxes that actually overflow at the current width get a tab stop; a resize re-checks.
 */
export function initScrollRegions(root: ParentNode = document): void {
  const boxes = [...root.querySelectorAll<HTMLElement>('.prose .katex-display, .prose table')];
  const update = () => {
    for (const box of boxes) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
      } else if (box.hasAttribute('tabindex')) {
        box.removeAttribute('tabindex');
      }
    }
  };
  update();
  let pending = 0;
  addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  });
}
