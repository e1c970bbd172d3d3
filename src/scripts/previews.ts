import type { ArticlePreview, TermPreview } from '../utils/previews';
import { scriptString } from './script-strings';

/**
 * Previews for cross-references: hovering or focusing a link marked `data-preview` (式 (1), 图 2,
 * [3]) shows a copy of its target in a small popover, so readers check a formula or a reference
 * without losing their place. A link to another article (`data-preview-src`) shows a card with
 * its title, topic and description, or the linked section's first paragraph; that data is fetched
 * on first use, one small file per article, so a page carries no other article's text. On touch
 * screens the first tap previews and a second tap (or a tap on a link inside the preview)
 * navigates. The popover is a `role="tooltip"` that describes the link while it is shown. No
 * dependencies; the Markdown plugins emit the links.
 */

const POPOVER_ID = 'preview-popover';
const GAP = 8;

let popover: HTMLElement | undefined;
let current: HTMLAnchorElement | undefined;
let hideTimer: number | undefined;
/** How the reader last interacted: taps and keyboard focus must be told apart. */
let lastInput = 'mouse';
let initialised = false;
/** Preview files fetched (or being fetched) on this page, by URL: each is fetched once. */
const fetched = new Map<string, Promise<unknown>>();

function targetOf(link: HTMLAnchorElement): HTMLElement | null {
  const href = link.getAttribute('href') ?? '';
  if (!href.startsWith('#') || href.length < 2) return null;
  return document.getElementById(decodeFragment(href.slice(1)));
}

/** What to show: the formula, the drawing and its caption, or a reference's text. */
function previewContent(target: HTMLElement): Node[] {
  if (target.classList.contains('equation')) {
    const formula = target.querySelector('.katex-display');
    return formula ? [formula.cloneNode(true)] : [];
  }
  if (target.tagName === 'FIGURE') {
    const parts = [target.querySelector('.figure-body'), target.querySelector('figcaption')];
    return parts.filter((part) => part !== null).map((part) => part.cloneNode(true));
  }
  return [...target.childNodes].map((node) => node.cloneNode(true));
}

/** Copies must not repeat ids in the page, nor open previews of their own. */
function clean(nodes: Node[]): Node[] {
  for (const node of nodes) {
    if (!(node instanceof Element)) continue;
    for (const element of [node, ...node.querySelectorAll('[id], [data-preview]')]) {
      element.removeAttribute('id');
      element.removeAttribute('data-preview');
    }
  }
  return nodes;
}

function ensurePopover(): HTMLElement {
  if (popover) return popover;
  const element = document.createElement('div');
  element.id = POPOVER_ID;
  element.className = 'preview-popover';
  element.setAttribute('role', 'tooltip');
  element.hidden = true;
  element.addEventListener('pointerenter', () => window.clearTimeout(hideTimer));
  element.addEventListener('pointerleave', (event) => {
    if (event.pointerType === 'mouse') scheduleHide();
  });
  document.body.append(element);
  popover = element;
  return element;
}

/** Shows the preview of one link, as hovering or focusing it would (used when the code loads on first use). */
export function showPreview(link: HTMLAnchorElement): void {
  show(link);
}

function show(link: HTMLAnchorElement): void {
  window.clearTimeout(hideTimer);
  if (current === link && popover && !popover.hidden) return;
  const src = link.dataset.previewSrc;
  if (src) {
    display(link, [note(scriptString('previewLoading'))]);
    load(src).then(
      (data) =>
        current === link &&
        display(link, link.dataset.term ? termCard(data as TermPreview) : articleCard(data as ArticlePreview, link)),
      () => current === link && display(link, [note(scriptString('previewFailed'))]),
    );
    return;
  }
  const target = targetOf(link);
  const content = target ? clean(previewContent(target)) : [];
  if (content.length > 0) display(link, content);
}

/** Shows `content` for `link`, replacing what another link's preview showed. */
function display(link: HTMLAnchorElement, content: Node[]): void {
  if (current !== link) hide();
  const element = ensurePopover();
  element.replaceChildren(...content);
  element.hidden = false;
  current = link;
  link.setAttribute('aria-describedby', POPOVER_ID);
  place(element, link);
}

function load(src: string): Promise<unknown> {
  let data = fetched.get(src);
  if (!data) {
    data = fetch(src).then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${src}`);
      return response.json();
    });
    // A failure (offline, say) is not remembered: the next hover tries again.
    data.catch(() => fetched.delete(src));
    fetched.set(src, data);
  }
  return data;
}

/**
 * The card for a link to another article: topic and title, then the linked section's heading and
 * first paragraph, or the article's description when the link is to the whole article. Headings
 * and paragraphs are the site's own rendered HTML (math typeset at build time).
 */
function articleCard(preview: ArticlePreview, link: HTMLAnchorElement): Node[] {
  const card = document.createElement('div');
  card.className = 'preview-card';
  const kicker = element('p', 'preview-kicker', `${preview.icon} ${preview.topic}`);
  const title = element('p', 'preview-title', preview.title);
  card.append(kicker, title);
  const section = preview.sections[decodeFragment(link.hash.slice(1))];
  if (section) {
    const heading = element('p', 'preview-section');
    heading.innerHTML = section.title;
    card.append(heading);
    if (section.html) {
      const summary = element('p', 'preview-summary');
      summary.innerHTML = section.html;
      card.append(summary);
    }
  } else {
    card.append(element('p', 'preview-summary', preview.description));
  }
  return [card];
}

/**
 * The card for a glossary term: both languages and the abbreviation, the definition (math typeset
 * at build time) and a link to the article and section that explain it.
 */
function termCard(term: TermPreview): Node[] {
  const card = document.createElement('div');
  card.className = 'preview-card';
  const names = [term.zh, ...(term.en === term.zh ? [] : [term.en]), ...(term.abbr ? [term.abbr] : [])];
  const definition = element('p', 'preview-summary');
  definition.innerHTML = term.definition;
  const source = element('p', 'preview-kicker', `${scriptString('explainedIn')} `);
  const link = document.createElement('a');
  link.href = term.source.url;
  link.innerHTML = term.source.section
    ? `${escapeHtml(term.source.title)} › ${term.source.section}`
    : escapeHtml(term.source.title);
  source.append(link);
  card.append(
    element('p', 'preview-kicker', scriptString('term')),
    element('p', 'preview-title', names.join(' · ')),
    definition,
    source,
  );
  return [card];
}

function escapeHtml(text: string): string {
  const span = document.createElement('span');
  span.textContent = text;
  return span.innerHTML;
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function note(text: string): HTMLElement {
  return element('p', 'preview-note', text);
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Below the link, or above it when there is no room below; always inside the viewport's width. */
function place(element: HTMLElement, link: HTMLAnchorElement): void {
  element.style.left = '0px';
  element.style.top = '0px';
  const anchor = link.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const left = Math.max(GAP, Math.min(anchor.left, width - box.width - GAP));
  const below = anchor.bottom + GAP + box.height <= window.innerHeight || anchor.top < box.height + GAP;
  const top = below ? anchor.bottom + GAP : anchor.top - box.height - GAP;
  element.style.left = `${left + window.scrollX}px`;
  element.style.top = `${top + window.scrollY}px`;
}

function hide(): void {
  window.clearTimeout(hideTimer);
  if (popover) popover.hidden = true;
  current?.removeAttribute('aria-describedby');
  current = undefined;
}

/** A moment's grace lets the pointer travel from the link into the popover (to click a DOI, say). */
function scheduleHide(): void {
  window.clearTimeout(hideTimer);
  hideTimer = window.setTimeout(hide, 200);
}

function previewLinkOf(target: EventTarget | null): HTMLAnchorElement | null {
  if (!(target instanceof Element) || popover?.contains(target)) return null;
  return target.closest<HTMLAnchorElement>('a[data-preview], a[data-preview-src]');
}

/**
 * Sets up the previews once for the whole page (events are delegated, so it is safe to call
 * again). `input` is how the reader last interacted, when the code loads after they already have.
 */
export function initPreviews(input = lastInput): void {
  if (initialised) return;
  initialised = true;
  lastInput = input;

  document.addEventListener('pointerdown', (event) => {
    lastInput = event.pointerType;
  });
  document.addEventListener('pointerover', (event) => {
    const link = event.pointerType === 'mouse' ? previewLinkOf(event.target) : null;
    if (link) show(link);
  });
  document.addEventListener('pointerout', (event) => {
    const link = event.pointerType === 'mouse' ? previewLinkOf(event.target) : null;
    const to = event.relatedTarget instanceof Node ? event.relatedTarget : null;
    if (link && link === current && !link.contains(to)) scheduleHide();
  });
  document.addEventListener('focusin', (event) => {
    // A tap may focus the link before its click; the click decides what a tap does.
    const link = lastInput === 'touch' ? null : previewLinkOf(event.target);
    if (link) show(link);
  });
  document.addEventListener('focusout', (event) => {
    if (previewLinkOf(event.target) === current) hide();
  });
  document.addEventListener('keydown', (event) => {
    lastInput = 'keyboard';
    if (event.key === 'Escape' && current) hide();
  });
  document.addEventListener('click', (event) => {
    if (lastInput !== 'touch') return;
    const link = previewLinkOf(event.target);
    const inPopover = event.target instanceof Node && popover?.contains(event.target);
    // A second tap on the same link navigates; a tap inside the preview follows its own links.
    if (link && link !== current) {
      event.preventDefault();
      show(link);
    } else if (!inPopover) {
      hide();
    }
  });
  window.addEventListener('resize', hide);
}
