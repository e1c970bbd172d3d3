import { readFileSync, statSync } from 'node:fs';
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import type { Root as HastRoot } from 'hast';
import type { Heading, PhrasingContent, Root, RootContent } from 'mdast';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import { katexOptions } from './katex-options';
import { rehypeToc } from './rehype-toc';
import { labelToId } from './remark-figures';

/** A place on an article's page that another article can link to. */
export interface Anchor {
  /** What a reader would call it: the heading's text (TeX for its math), or the label. */
  name: string;
  /** For a heading, its content as Markdown nodes, to reuse as a link's text. */
  content?: PhrasingContent[];
}

/** What another article can link to on an article's page, by fragment id. */
export interface ArticleAnchors {
  /** The article's title, from its frontmatter (the text of a bare `[[id]]` link). */
  title: string;
  /** Sections, numbered equations and figures, in the order they appear. */
  ids: Map<string, Anchor>;
}

const cache = new Map<string, { mtime: number; anchors: Promise<ArticleAnchors> }>();
let anchorProcessor: Promise<MarkdownRenderer> | undefined;

/**
 * The fragment ids of an article's page that a link from another article may point to: section
 * headings, numbered equations (`\label{eq:…}`) and figures. Heading ids come from rendering the
 * article's headings alone through KaTeX and rehype-toc, the same code that gives the page its
 * ids, so a heading with math or punctuation gets exactly the id the page has. Read from the
 * Markdown file (cached until it changes), so a link is checked while the linking article
 * renders, without waiting for the target's page.
 */
export function articleAnchors(file: string): Promise<ArticleAnchors> {
  const mtime = statSync(file).mtimeMs;
  const cached = cache.get(file);
  if (cached?.mtime === mtime) return cached.anchors;
  const anchors = readAnchors(readFileSync(file, 'utf8'));
  cache.set(file, { mtime, anchors });
  return anchors;
}

async function readAnchors(source: string): Promise<ArticleAnchors> {
  // Blank out the frontmatter, keeping its lines, as Astro does before rendering.
  const [yaml = ''] = /^---\r?\n[\s\S]*?\r?\n---(?=\r?\n|$)/.exec(source) ?? [];
  const data = (parseYaml(yaml.replace(/^---|---$/g, '')) ?? {}) as { title?: unknown };
  const { metadata } = await (await processor()).render(yaml.replace(/[^\n]/g, '') + source.slice(yaml.length));
  const { labels = [], headings = [] } = (metadata.frontmatter as { anchors?: Found }).anchors ?? {};
  const ids = new Map<string, Anchor>();
  for (const heading of headings) if (heading.id) ids.set(heading.id, { name: heading.name, content: heading.content });
  for (const label of labels) ids.set(labelToId(label), { name: label });
  return { title: typeof data.title === 'string' ? data.title : '', ids };
}

interface Found {
  labels: string[];
  headings: { name: string; content: PhrasingContent[]; id?: string }[];
}

/**
 * The site's heading pipeline on an article reduced to its headings: remark-math parses the whole
 * file (so `## ` inside a code block is no heading), `collectAnchors` notes equation and figure
 * labels and keeps only the headings, then KaTeX and rehype-toc give those headings their ids.
 */
function processor(): Promise<MarkdownRenderer> {
  anchorProcessor ??= createMarkdownProcessor({
    remarkPlugins: [remarkMath, collectAnchors],
    rehypePlugins: [[rehypeKatex, katexOptions()], rehypeToc, readHeadingIds],
  });
  return anchorProcessor;
}

function collectAnchors() {
  return (tree: Root, file: VFile): void => {
    const found: Found = { labels: [], headings: [] };
    const kept: RootContent[] = [];
    visit(tree, (node) => {
      if (node.type === 'math') {
        for (const [, label = ''] of node.value.matchAll(/\\label\{([^}]+)\}/g)) found.labels.push(label);
      } else if (node.type === 'code' && node.lang === 'figure') {
        const id = /^id:\s*(\S+)\s*$/m.exec(node.value)?.[1];
        if (id) found.labels.push(id);
      } else if (node.type === 'heading' && node.depth >= 2 && node.depth <= 4) {
        found.headings.push({ name: plainText(node.children).trim(), content: node.children });
        kept.push(node);
      }
    });
    tree.children = kept;
    frontmatterOf(file).anchors = found;
  };
}

/** After rehype-toc: the id each kept heading got, in document order. */
function readHeadingIds() {
  return (tree: HastRoot, file: VFile): void => {
    const found = frontmatterOf(file).anchors as Found;
    let index = 0;
    visit(tree, 'element', (node) => {
      if (!/^h[2-4]$/.test(node.tagName)) return;
      const heading = found.headings[index++];
      if (heading && typeof node.properties.id === 'string') heading.id = node.properties.id;
    });
  };
}

function frontmatterOf(file: VFile): Record<string, unknown> {
  file.data.astro ??= {};
  const astro = file.data.astro as { frontmatter?: Record<string, unknown> };
  astro.frontmatter ??= {};
  return astro.frontmatter;
}

/** A heading's text with its math as TeX and its code as written, for messages. */
function plainText(nodes: readonly (PhrasingContent | Heading)[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text' || node.type === 'inlineCode') return node.value;
      if (node.type === 'inlineMath') return `$${node.value}$`;
      return 'children' in node ? plainText(node.children as PhrasingContent[]) : '';
    })
    .join('');
}
