/**
 * Marks the table-of-contents entry of the section being read (`aria-current="true"`), so a
 * reader deep in a long derivation sees where they are.
 */
export function initTocHighlight(): void {
  // Collapsed on phones (it sits above the text there), always open in the wide layout's margin.
  const toc = document.querySelector<HTMLDetailsElement>('[data-toc]');
  const wide = matchMedia('(min-width: 1100px)');
  if (toc) {
    toc.open = wide.matches;
    wide.addEventListener('change', () => {
      toc.open = wide.matches;
    });
  }
  const links = new Map<string, HTMLAnchorElement>();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')) {
    links.set(decodeURIComponent(link.hash.slice(1)), link);
  }
  const headings = [...links.keys()]
    .map((id) => document.getElementById(id))
    .filter((heading): heading is HTMLElement => heading !== null);
  if (headings.length === 0) return;
  let active: HTMLAnchorElement | undefined;
  const update = () => {
    const top = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
    let current = headings[0];
    for (const heading of headings) {
      if (heading.getBoundingClientRect().top - top < 40) current = heading;
      else break;
    }
    const link = current ? links.get(current.id) : undefined;
    if (link === active) return;
    active?.removeAttribute('aria-current');
    link?.setAttribute('aria-current', 'true');
    active = link;
  };
  addEventListener('scroll', update, { passive: true });
  update();
}
