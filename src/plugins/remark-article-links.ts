import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { slug } from 'github-slugger';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { articleUrl, url } from '../utils/url';
import { fail } from './build-error';

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
 * Lets authors link articles the way their editor does, `[Adam](./adam-adamw.md#偏差修正)`, and
 * turns such links into the article's URL under the base path. Root-absolute links and images
 * (`/img/a.png`) get the base path too, since Astro leaves Markdown URLs alone and they would
 * break at `USER.github.io/REPO/`. A link to a missing article, a missing image next to the
 * article, or a missing file in `public/` fails the build with the file and line.
 */
export function remarkArticleLinks(options: ArticleLinksOptions) {
  return (tree: Root, file: VFile): void => {
    visit(tree, ['link', 'image', 'definition'], (node) => {
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
      const [path = '', fragment] = splitFragment(node.url);
      if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//') || path === '') return;

      if (/\.md$/i.test(path)) {
        const target = resolve(file.path ? dirname(file.path) : options.contentDir, decodeURI(path));
        if (!existsSync(target)) {
          fail(file, node, `链接指向不存在的文章：${node.url}。请检查文件名（相对于当前文章所在目录）。`);
        }
        node.url = articleUrl(articleId(options.contentDir, target), options.base) + fragment;
      } else if (node.type === 'image' && !path.startsWith('/')) {
        // Astro bundles relative images, but a missing one fails deep in Vite, at a line of
        // generated code; this names the author's line instead.
        const target = resolve(file.path ? dirname(file.path) : options.contentDir, decodeURI(path));
        if (!existsSync(target)) {
          fail(file, node, `图片不存在：${node.url}。相对路径从当前文章所在目录算起。`);
        }
      } else if (path.startsWith('/')) {
        const inSite =
          path.startsWith(options.base) && options.base !== '/' ? path.slice(options.base.length - 1) : path;
        if (node.type === 'image' && !existsSync(join(options.publicDir, decodeURI(inSite)))) {
          fail(file, node, `图片不存在：${node.url}。以 / 开头的图片应放在 public/ 下。`);
        }
        node.url = url(inSite, options.base) + fragment;
      }
    });
  };
}

function splitFragment(href: string): [string, string] {
  const index = href.search(/[?#]/);
  return index === -1 ? [href, ''] : [href.slice(0, index), href.slice(index)];
}

/** The collection id Astro's glob loader gives a file: each path segment slugged. */
function articleId(contentDir: string, file: string): string {
  return relative(contentDir, file)
    .replace(/\.md$/i, '')
    .split(sep)
    .map((segment) => slug(segment))
    .join('/')
    .replace(/\/index$/, '');
}
