import { relative } from 'node:path';
import type { Data, Heading, Html, Parent, PhrasingContent, Root } from 'mdast';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { t } from '../strings';
import { escapeHtml, formatReference, loadBibliography, type Reference } from './bibliography';
import { didYouMean, fail, report } from './build-error';
import { recordDependency } from './render-dependencies';
import { previewLink, replaceInText } from './text-references';

/** `<span class="cite">[1, 2]</span>` in prose. */
export interface CitationNode extends Parent {
  type: 'citation';
  children: PhrasingContent[];
  data: Data;
}

/** The reference list appended to the article: a heading (for the table of contents) and a list. */
export interface ReferencesNode extends Parent {
  type: 'references';
  children: [Heading, Html];
  data: Data;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: CitationNode;
  }
  interface RootContentMap {
    citation: CitationNode;
    references: ReferencesNode;
  }
}

/** Options of {@link remarkCitations}. */
export interface CitationsOptions {
  /** Absolute path of the BibTeX file (the site's is `content/references.bib`). */
  bibliography: string;
}

const KEY = String.raw`@[\p{L}\p{N}_:.\-]+`;
/** `[@key]` or `[@key1; @key2]`. */
const CITATION = new RegExp(String.raw`\[(${KEY}(?:\s*;\s*${KEY})*)\]`, 'gu');

/**
 * Turns `[@key]` and `[@key1; @key2]` into numbered citations linking to a reference list that is
 * appended to the article, with references numbered in order of first citation, and entries taken
 * from the site's BibTeX file. Only cited entries are listed, so one shared file serves every
 * article. An unknown key fails the build instead of printing a dangling “[?]”. Must run after
 * remark-equations, which owns `[@eq:…]` and `[@fig:…]`.
 */
export function remarkCitations(options: CitationsOptions) {
  return (tree: Root, file: VFile): void => {
    let bibliography: Map<string, Reference> | undefined;
    const cited = new Map<string, { number: number; reference: Reference }>();

    replaceInText(tree, CITATION, (match, at) => {
      bibliography ??= load(file, at, options.bibliography);
      const keys = (match[1] ?? '').split(';').map((part) => part.trim().slice(1));
      // A lone [@eq:…] or [@fig:…] that is still text is one remark-equations could not resolve and reported.
      if (keys.length === 1 && /^(eq|fig):/.test(keys[0] ?? '')) return { type: 'text', value: match[0] };
      const numbers = new Map<number, string>();
      for (const key of keys) {
        if (/^(eq|fig):/.test(key)) {
          report(file, at, `公式和图的引用要单独写在一对方括号里，如 [@${key}]，不能和文献写在一起：${match[0]}。`);
          continue;
        }
        const reference = bibliography.get(key);
        if (!reference) {
          const bib = relative(process.cwd(), options.bibliography);
          report(
            file,
            at,
            `未知的参考文献：${key}${didYouMean(key, bibliography.keys())}。` +
              `请把这个条目加入 ${bib}（BibTeX 条目的键要与 @ 后面的完全一致）。`,
          );
          continue;
        }
        recordDependency(file, `bib:${key}`);
        let entry = cited.get(key);
        if (!entry) {
          entry = { number: cited.size + 1, reference };
          cited.set(key, entry);
        }
        numbers.set(entry.number, key);
      }
      const citation: CitationNode = {
        type: 'citation',
        data: { hName: 'span', hProperties: { className: ['cite'] } },
        children: [{ type: 'text', value: '[' }, ...citationLinks(numbers), { type: 'text', value: ']' }],
      };
      return citation;
    });

    if (cited.size > 0) tree.children.push(referenceList([...cited.values()].map((entry) => entry.reference)));
  };
}

function load(file: VFile, at: Node, path: string): Map<string, Reference> {
  try {
    return loadBibliography(path);
  } catch (error) {
    // The message names the BibTeX file; the article's line says which build step needed it.
    return fail(file, at, `读取参考文献时出错：\n${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Sorted numbers; runs of three or more collapse to “1–3”, whose ends are links. */
function citationLinks(numbers: Map<number, string>): PhrasingContent[] {
  const link = (number: number) =>
    previewLink(`ref-${numbers.get(number)}`, String(number), { ariaLabel: `${t.markdown.references} ${number}` });
  const runs: number[][] = [];
  for (const number of [...numbers.keys()].sort((a, b) => a - b)) {
    const run = runs.at(-1);
    if (run && run.at(-1) === number - 1) run.push(number);
    else runs.push([number]);
  }
  const items = runs.flatMap((run): PhrasingContent[][] => {
    const [first] = run;
    const last = run.at(-1);
    if (run.length >= 3 && first !== undefined && last !== undefined) {
      return [[link(first), { type: 'text', value: '–' }, link(last)]];
    }
    return run.map((number) => [link(number)]);
  });
  return items.flatMap((item, index) => (index === 0 ? item : [{ type: 'text', value: ', ' }, ...item]));
}

function referenceList(references: Reference[]): ReferencesNode {
  const items = references.map(
    (reference) => `<li id="ref-${escapeHtml(reference.key)}">${formatReference(reference).html}</li>`,
  );
  return {
    type: 'references',
    data: { hName: 'section', hProperties: { className: ['references'], ariaLabelledBy: ['references'] } },
    children: [
      {
        type: 'heading',
        depth: 2,
        data: { hProperties: { id: 'references' } },
        children: [{ type: 'text', value: t.markdown.references }],
      },
      { type: 'html', value: `<ol>\n${items.join('\n')}\n</ol>` },
    ],
  };
}
