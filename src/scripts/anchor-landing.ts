/** Frames the target must stay put for before the page counts as settled. */
const STILL_FRAMES = 3;
/** How long to keep watching, in frames (about four seconds): a smooth scroll ends well before. */
const MAX_FRAMES = 240;
/** Input that means the reader is scrolling on their own: the page stops steering at once. */
const READER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/**
 * Makes a jump to a place in a long article (a section from the table of contents, an equation
 * from a reference, a link from another page, a searched word) end with that place on screen.
 *
 * The article's sections are laid out only when the reader nears them (`content-visibility` in
 * prose.css), and until then each holds a guessed height. A jump lands where the target is under
 * those guesses; the sections around the landing are then laid out at their real heights and
 * push the target away, and the browser's scroll anchoring may hold on to the section above
 * rather than the target. So once the scroll has come to rest, this scrolls the target into
 * place again, until it stays put. It reads the target's position once per frame, only after a
 * jump, and stops at once if the reader scrolls.
 */
export function initAnchorLanding(): void {
  const targetOf = (hash: string) =>
    hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
  const initial = targetOf(location.hash);
  // Only on arrival by a link: on reload, back or forward the browser restores where the reader was.
  const arrival = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.type;
  if (initial && (arrival === undefined || arrival === 'navigate')) keepInPlace(initial);
  // A click on a link to this page, whether or not it changes the hash (the table of contents
  // entry of the section already in the address still jumps); back and forward change the hash.
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[href*="#"]') : null;
    if (!link || event.defaultPrevented || link.pathname !== location.pathname || link.search !== location.search)
      return;
    const target = targetOf(link.hash);
    // After the browser's own jump has begun.
    if (target) setTimeout(() => keepInPlace(target));
  });
  addEventListener('hashchange', () => {
    const target = targetOf(location.hash);
    if (target) keepInPlace(target);
  });
}

/** The watch in progress: a new jump replaces it. */
let current: AbortController | undefined;

/**
 * Waits until `target` stops moving (a smooth scroll has ended, the sections near it are laid
 * out), scrolls it to where a link puts it (`block`), and repeats until it stays there.
 */
export function keepInPlace(target: Element, block: ScrollLogicalPosition = 'start'): void {
  current?.abort();
  const watch = new AbortController();
  current = watch;
  for (const type of READER_INPUT) addEventListener(type, () => watch.abort(), { passive: true, signal: watch.signal });
  let last = Number.NaN;
  let still = 0;
  let frames = 0;
  let placedAt: number | undefined;
  const step = () => {
    if (watch.signal.aborted) return;
    const top = target.getBoundingClientRect().top;
    still = Math.abs(top - last) < 0.5 ? still + 1 : 0;
    last = top;
    if (still >= STILL_FRAMES) {
      // At rest where it was last put (or where the page cannot scroll further): done.
      if (placedAt !== undefined && Math.abs(top - placedAt) < 0.5) return watch.abort();
      target.scrollIntoView({ block, behavior: 'instant' });
      placedAt = target.getBoundingClientRect().top;
      last = placedAt;
      still = 0;
    }
    if (++frames < MAX_FRAMES) requestAnimationFrame(step);
    else watch.abort();
  };
  requestAnimationFrame(step);
}
