/** How far below the place a link to a heading scrolls it to the heading may sit and still count. */
const READING_LINE = 8;

/**
 * Marks the table-of-contents entry of the section being read (`aria-current="true"`), so a
 * reader deep in a long derivation sees where they are.
 *
 * It reads layout only after a frame has been painted (never while the page loads, when a read
 * would force the whole article to be laid out at once) and then once per frame while scrolling.
 * It looks at the sections' own boxes first, which the browser keeps even for sections it
 * skips rendering (src/plugins/rehype-sections.ts), and then only at the headings inside the
 * section on screen, so it never makes the browser lay out a section far away.
 */
export function initTocHighlight(): void {
  syncTocOpen();
  const links = new Map<string, HTMLAnchorElement>();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')) {
    links.set(decodeURIComponent(link.hash.slice(1)), link);
  }
  const headings = [...links.keys()]
    .map((id) => document.getElementById(id))
    .filter((heading): heading is HTMLElement => heading !== null);
  if (headings.length === 0) return;
  // Each heading with the block the browser may skip (its section), or none when always rendered.
  const blocks = headings.map((heading) => ({ heading, block: heading.closest<HTMLElement>('.prose > section') }));
  const header = document.querySelector('.site-header');

  let active: HTMLAnchorElement | undefined;
  /** The frame an update is waiting for, or 0: scroll events come faster than frames. */
  let frame = 0;
  const update = () => {
    frame = 0;
    // Where a link to a heading puts it: the page's scroll padding (below the sticky header) plus
    // the heading's own scroll margin. A heading there or above is the one being read.
    const landing =
      Number.parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) +
      Number.parseFloat(getComputedStyle(headings[0] as HTMLElement).scrollMarginTop);
    const line = (Number.isNaN(landing) ? (header?.getBoundingClientRect().bottom ?? 0) : landing) + READING_LINE;
    let current = headings[0];
    const boxes = new Map<HTMLElement, DOMRect>();
    const box = (block: HTMLElement) => boxes.get(block) ?? boxes.set(block, block.getBoundingClientRect()).get(block);
    for (const { heading, block } of blocks) {
      const section = block ? box(block) : undefined;
      // A section below the line holds only headings below it; one above the line, only headings
      // above it: neither needs its headings laid out. Only the section the line crosses does.
      if (section && section.top >= line) break;
      if ((section && section.bottom <= line) || heading.getBoundingClientRect().top < line) current = heading;
      else break;
    }
    const link = current ? links.get(current.id) : undefined;
    if (link === active) return;
    active?.removeAttribute('aria-current');
    link?.setAttribute('aria-current', 'true');
    active = link;
  };
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(update);
  };
  addEventListener('scroll', schedule, { passive: true });
  addEventListener('resize', schedule, { passive: true });
  // After the first paint: the next frame's callback runs once this frame has been drawn.
  requestAnimationFrame(() => setTimeout(schedule));
}

/**
 * In the wide layout the table of contents is shown by the stylesheet before any script runs
 * (Toc.astro); this keeps the `<details>` element's own state in step with what is shown, so
 * assistive technology reads it as expanded there and collapsed on a phone.
 */
function syncTocOpen(): void {
  const toc = document.querySelector<HTMLDetailsElement>('[data-toc]');
  if (!toc) return;
  const wide = matchMedia('(min-width: 1100px)');
  toc.open = wide.matches;
  wide.addEventListener('change', () => {
    toc.open = wide.matches;
  });
}
