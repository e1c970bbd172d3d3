import type { Element, ElementContent, Root, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** A link from this article to another, with the sentence it stands in. */
export interface OutLink {
  /** The linked article's collection id. */
  target: string;
  /** The sentence around the link as HTML, math typeset, other links reduced to their text. */
  html: string;
}

/** The attribute remark-article-links puts on every link to another article: its collection id. */
export const ARTICLE_LINK_ATTRIBUTE = 'dataArticleLink';

/** Blocks a sentence is looked for in; a link elsewhere (a heading, say) gets its whole block. */
const BLOCKS = new Set(['p', 'li', 'td', 'th', 'figcaption', 'dd', 'dt', 'h2', 'h3', 'h4', 'summary']);
/** Where a Chinese or English sentence ends. */
export const SENTENCE_END = /[。！？!?]/;

/**
 * Collects each link to another article with the sentence around it, into
 * `remarkPluginFrontmatter.outLinks`, so the linked article can list "被引用" with context: which
 * article refers to it and what it says. Runs after KaTeX, so math in the sentence is already
 * typeset and shows as math. Inside the sentence, citation marks and footnote marks are dropped
 * (their numbers belong to this page) and links become plain text, so the excerpt reads on its own
 * and holds no link that would lead nowhere from another page.
 */
export function rehypeLinkContext() {
  return (tree: Root, file: VFile): void => {
    const outLinks: OutLink[] = [];
    const seen = new Set<string>();
    visit(tree, 'element', (block) => {
      if (!BLOCKS.has(block.tagName)) return;
      visit(block, 'element', (link) => {
        const target = link.properties[ARTICLE_LINK_ATTRIBUTE];
        if (link.tagName !== 'a' || typeof target !== 'string') return;
        const html = toHtml(standalone(sentenceAround(block, link), link)).trim();
        // Two links to the same article in one sentence make one entry, marked at the first.
        const key = `${target}\n${html.replace(/<\/?mark>/g, '')}`;
        if (!seen.has(key)) outLinks.push({ target, html });
        seen.add(key);
      });
      return SKIP;
    });
    const astro = (file.data.astro ?? {}) as { frontmatter?: Record<string, unknown> };
    astro.frontmatter = { ...astro.frontmatter, outLinks };
    file.data.astro = astro;
  };
}

/**
 * The block's children from the end of the sentence before the link to the end of the sentence
 * that holds it. Only text is split; an element (a formula, a code span) is kept whole.
 */
function sentenceAround(block: Element, link: Element): ElementContent[] {
  const children = block.children;
  const at = children.findIndex((child) => child === link || contains(child, link));
  const before: ElementContent[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const child = children[i] as ElementContent;
    if (child.type === 'text' && SENTENCE_END.test(child.value)) {
      const tail = child.value.slice(lastEnd(child.value) + 1);
      if (tail) before.unshift({ type: 'text', value: tail.replace(/^\s+/, '') });
      break;
    }
    before.unshift(child);
  }
  const after: ElementContent[] = [];
  for (let i = at + 1; i < children.length; i++) {
    const child = children[i] as ElementContent;
    const end = child.type === 'text' ? child.value.search(SENTENCE_END) : -1;
    if (child.type === 'text' && end !== -1) {
      after.push({ type: 'text', value: child.value.slice(0, end + 1) });
      break;
    }
    after.push(child);
  }
  return [...before, children[at] as ElementContent, ...after];
}

function lastEnd(value: string): number {
  for (let i = value.length - 1; i >= 0; i--) if (SENTENCE_END.test(value.charAt(i))) return i;
  return -1;
}

function contains(node: ElementContent, target: Element): boolean {
  if (node === target) return true;
  return node.type === 'element' && node.children.some((child) => contains(child, target));
}

/**
 * A copy of an excerpt that reads on its own, on another page or in a preview: links become their
 * content (the link `marked`, if given, is wrapped in `<mark>` so a reader sees where the reference
 * is), citation and footnote marks and sidenote copies go (their numbers belong to the source
 * page), and ids go (they would repeat the source page's anchors).
 */
export function standalone(nodes: readonly ElementContent[], marked?: Element): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type !== 'element') return [structuredClone(node) as Text];
    if (isMark(node)) return [];
    if (node.tagName === 'a') {
      const content = standalone(node.children, marked);
      return node === marked ? [{ type: 'element', tagName: 'mark', properties: {}, children: content }] : content;
    }
    const { id: _id, ...properties } = node.properties;
    return [{ ...node, properties, children: standalone(node.children, marked) }];
  });
}

/** A citation `[1]`, a footnote mark or a sidenote: they only mean something on their own page. */
function isMark(node: Element): boolean {
  const classes = node.properties.className;
  if (Array.isArray(classes) && (classes.includes('cite') || classes.includes('sidenote'))) return true;
  return node.tagName === 'sup' && node.children.some((c) => c.type === 'element' && 'dataFootnoteRef' in c.properties);
}
