import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { slug } from 'github-slugger';
import type { Link, PhrasingContent, Root, Text } from 'mdast';
import type { Node } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { articlePreviewUrl } from '../utils/previews';
import { articleUrl, url } from '../utils/url';
import { articleAnchors } from './article-anchors';
import { didYouMean, report } from './build-error';
import { recordDependency } from './render-dependencies';

/** Options of {@link remarkArticleLinks}. */
export interface ArticleLinksOptions {
  /** Absolute path of the folder that holds the articles. */
  contentDir: string;
  /** Absolute path of `public/`, where root-absolute assets (`/img/a.png`) live. */
  publicDir: string;
  /** The site's base path (`/` or `/REPO/`). */
  base: string;
}

/**
 * Lets authors link articles the way their editor does, `[Adam](./adam-adamw.md#偏差修正)`, or
 * the short way, `[[adam-adamw]]`, `[[adam-adamw#偏差修正|偏差修正]]` (the text defaults to the
 * article's title or the section's heading), and turns such links into the article's URL under the
 * base path. Root-absolute links and images (`/img/a.png`) get the base path too, since Astro
 * leaves Markdown URLs alone and they would break at `USER.github.io/REPO/`. A link to a missing
 * article, to a section, equation or figure the article does not have, a missing image next to the
 * article, or a missing file in `public/` fails the build with the file and line.
 */
export function remarkArticleLinks(options: ArticleLinksOptions) {
  return async (tree: Root, file: VFile): Promise<void> => {
    const fromDir = file.path ? dirname(file.path) : options.contentDir;
    await expandWikiLinks(tree, file, options.contentDir, fromDir);
    const fragmentChecks: Promise<void>[] = [];
    visit(tree, ['link', 'image', 'definition'], (node) => {
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
      const [path = '', fragment] = splitFragment(node.url);
      if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//') || path === '') return;

      if (/\.md$/i.test(path)) {
        const target = resolve(fromDir, decodeURI(path));
        recordDependency(file, `article:${target}`);
        if (!existsSync(target)) {
          const near = didYouMean(basename(target), siblingArticles(target));
          report(file, node, `链接指向不存在的文章：${node.url}${near}。请检查文件名（相对于当前文章所在目录）。`);
          return;
        }
        const id = fragment.startsWith('#') ? decodeFragment(fragment.slice(1)) : '';
        if (id !== '') fragmentChecks.push(checkFragment(file, node, target, id));
        const targetId = articleId(options.contentDir, target);
        node.url = articleUrl(targetId, options.base) + fragment;
        // Marks the link for rehype-link-context ("被引用" on the target) and for link previews.
        if (node.type !== 'image')
          node.data = {
            ...node.data,
            hProperties: { ...node.data?.hProperties, ...articleLinkProperties(targetId, options.base) },
          };
      } else if (node.type === 'image' && !path.startsWith('/')) {
        // Astro bundles relative images, but a missing one fails deep in Vite, at a line of
        // generated code; this names the author's line instead.
        const target = resolve(fromDir, decodeURI(path));
        recordDependency(file, `file:${target}`);
        if (!existsSync(target)) {
          report(file, node, `图片不存在：${node.url}。相对路径从当前文章所在目录算起。`);
        }
      } else if (path.startsWith('/')) {
        const inSite =
          path.startsWith(options.base) && options.base !== '/' ? path.slice(options.base.length - 1) : path;
        if (node.type === 'image') recordDependency(file, `file:${join(options.publicDir, decodeURI(inSite))}`);
        if (node.type === 'image' && !existsSync(join(options.publicDir, decodeURI(inSite)))) {
          report(file, node, `图片不存在：${node.url}。以 / 开头的图片应放在 public/ 下。`);
        }
        node.url = url(inSite, options.base) + fragment;
      }
    });
    await Promise.all(fragmentChecks);
    // A reference-style link, [text][name], takes its URL from the definition at render time.
    const definitions = new Map<string, string>();
    visit(tree, 'definition', (node) => {
      const target = node.data?.hProperties?.dataArticleLink;
      if (typeof target === 'string') definitions.set(node.identifier, target);
    });
    visit(tree, 'linkReference', (node) => {
      const target = definitions.get(node.identifier);
      if (target)
        node.data = {
          ...node.data,
          hProperties: { ...node.data?.hProperties, ...articleLinkProperties(target, options.base) },
        };
    });
  };
}

/** Reports a problem unless the article in `target` has a section, equation or figure with this id. */
async function checkFragment(file: VFile, node: Node, target: string, id: string): Promise<void> {
  const { ids } = await articleAnchors(target);
  if (ids.has(id)) return;
  const sections = [...ids].filter(([key]) => !/^(eq|fig)-/.test(key)).map(([key]) => key);
  report(
    file,
    node,
    `链接指向 ${relative(dirname(file.path || target), target)} 中不存在的位置：#${id}${didYouMean(id, ids.keys())}。` +
      `小节的 id 由标题文字生成（空格变为 -，去掉标点，英文小写），公式和图是 #eq-…、#fig-…。` +
      `这篇文章的小节有：${sections.slice(0, 40).join('、') || '（没有小节）'}`,
  );
}

/** The Markdown files in the folder `target` would be in, to suggest the one a broken link meant. */
function siblingArticles(target: string): string[] {
  try {
    return readdirSync(dirname(target)).filter((name) => name.endsWith('.md'));
  } catch {
    return [];
  }
}

/** `[[id]]`, `[[id#fragment]]`, `[[id|text]]` or `[[id#fragment|text]]` in running text. */
const WIKI_LINK = /\[\[([^[\]|#\n]+)(#[^[\]|\n]*)?(?:\|([^[\]\n]+))?\]\]/g;

/**
 * Rewrites wiki links into ordinary links to `./id.md#fragment`, so everything above (missing
 * article or section, base path) applies to them. The id is the article's file name under the
 * content folder, as in its URL; a link without text shows the article's title, or the heading of
 * the section it points to. Code and math are separate nodes, so `[[…]]` inside them stays as written.
 */
async function expandWikiLinks(tree: Root, file: VFile, contentDir: string, fromDir: string): Promise<void> {
  const pending: { parent: { children: PhrasingContent[] }; node: Text }[] = [];
  visit(tree, 'text', (node, _index, parent) => {
    if (parent && node.value.includes('[[')) pending.push({ parent: parent as { children: PhrasingContent[] }, node });
    return SKIP;
  });
  for (const { parent, node } of pending) {
    const parts: PhrasingContent[] = [];
    let last = 0;
    for (const match of node.value.matchAll(WIKI_LINK)) {
      const [whole, rawId = '', fragment = '', label] = match;
      const id = rawId.trim();
      const target = resolve(contentDir, `${id}.md`);
      recordDependency(file, `article:${target}`);
      const at: Text = { type: 'text', value: whole, position: positionWithin(node, match.index, whole.length) };
      if (!existsSync(target)) {
        const near = didYouMean(`${id}.md`, siblingArticles(target)).replace('.md"', '"');
        report(file, at, `[[${id}]] 指向不存在的文章${near}。写文件名（不带 .md），例如 [[adam-adamw]]。`);
        continue; // The text stays as written.
      }
      const children: PhrasingContent[] = label
        ? [{ type: 'text', value: label.trim() }]
        : await defaultText(target, decodeFragment(fragment.slice(1)));
      if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
      const href = `${relative(fromDir, target).split(sep).join('/')}${fragment}`;
      parts.push({
        type: 'link',
        url: href.startsWith('.') ? href : `./${href}`,
        children,
        position: at.position,
      } satisfies Link);
      last = match.index + whole.length;
    }
    if (last === 0) continue;
    if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
    parent.children.splice(parent.children.indexOf(node), 1, ...parts);
  }
}

/** Where `length` characters from `index` in a text node stand in the file (a paragraph's text spans lines). */
function positionWithin(node: Text, index: number, length: number): Text['position'] {
  const start = node.position?.start;
  if (!start) return undefined;
  const point = (offset: number) => {
    const before = node.value.slice(0, offset).split('\n');
    const line = start.line + before.length - 1;
    const column = before.length === 1 ? start.column + offset : (before.at(-1) ?? '').length + 1;
    return { line, column, offset: start.offset === undefined ? undefined : start.offset + offset };
  };
  return { start: point(index), end: point(index + length) };
}

/** The article's title, or for a link to a section that exists, its heading (math and all). */
async function defaultText(target: string, id: string): Promise<PhrasingContent[]> {
  const { title, ids } = await articleAnchors(target);
  const anchor = id === '' ? undefined : ids.get(id);
  if (anchor?.content) return structuredClone(anchor.content);
  return [{ type: 'text', value: anchor?.name ?? title }];
}

/** A fragment as the page's id: authors write `#偏差修正` or `#%E5%81%8F…`; a stray `%` stays as is. */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

function splitFragment(href: string): [string, string] {
  const index = href.search(/[?#]/);
  return index === -1 ? [href, ''] : [href.slice(0, index), href.slice(index)];
}

/** The collection id Astro's glob loader gives a file: each path segment slugged. */
export function articleId(contentDir: string, file: string): string {
  return relative(contentDir, file)
    .replace(/\.md$/i, '')
    .split(sep)
    .map((segment) => slug(segment))
    .join('/')
    .replace(/\/index$/, '');
}

/**
 * What marks a link to another article: its id (for "被引用", see rehype-link-context) and where its
 * preview data is (for the preview card, see src/scripts/previews.ts), under the base path.
 */
function articleLinkProperties(id: string, base: string) {
  return { dataArticleLink: id, dataPreviewSrc: articlePreviewUrl(id, base) };
}
