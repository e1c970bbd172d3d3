/** The links that preview their target: cross-references, citations, article links, glossary terms. */
const PREVIEW_LINKS = 'a[data-preview], a[data-preview-src]';
const TRIGGERS = ['pointerdown', 'pointerover', 'focusin', 'click'] as const;

/**
 * Loads the preview code (src/scripts/previews.ts) the first time a reader points at, focuses or
 * taps a link that previews, and shows that link's preview, so a page carries none of it until
 * then. Behaves as the previews do: a mouse previews on hover, the keyboard on focus, and a first
 * tap previews (the link is not followed) while the second tap follows it.
 */
export function initPreviewsOnDemand(): void {
  let pointer = 'mouse';
  const handle = (event: Event) => {
    if (event instanceof PointerEvent) pointer = event.pointerType;
    if (event.type === 'pointerdown') return;
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>(PREVIEW_LINKS) : null;
    if (!link) return;
    if (event.type === 'pointerover' && pointer !== 'mouse') return;
    // On a touch screen the tap's click decides, not the focus that comes with it.
    if (event.type === 'focusin' && pointer === 'touch') return;
    if (event.type === 'click') {
      if (pointer !== 'touch') return;
      event.preventDefault();
    }
    for (const type of TRIGGERS) document.removeEventListener(type, handle);
    void import('./previews').then((previews) => {
      previews.initPreviews(pointer);
      // A pointer that has already left the link while the code loaded wants no preview.
      if (event.type !== 'pointerover' || link.matches(':hover')) previews.showPreview(link);
    });
  };
  for (const type of TRIGGERS) document.addEventListener(type, handle);
}
