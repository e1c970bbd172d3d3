import type { Element, ElementContent, Root, Text } from 'hast';
import type { VFile } from 'vfile';
import { type GlossaryEntry, loadGlossary, termForms } from '../glossary';
import { termPreviewUrl } from '../utils/previews';
import { glossaryEntryUrl } from '../utils/url';
import { articleId } from './remark-article-links';

/** Options of {@link rehypeGlossary}. */
export interface GlossaryOptions {
  /** The folder of the articles and of `glossary.yaml`. */
  contentDir: string;
  /** The site's base path. */
  base: string;
}

/** Elements whose text is never a term's first use: code, math, headings, links, notes, references. */
const SKIPPED_TAGS = new Set([
  'a',
  'code',
  'pre',
  'kbd',
  'samp',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'svg',
  'math',
  'sup',
  'button',
  'summary',
  'script',
  'style',
  'mark',
  'abbr',
  'dfn',
]);
const SKIPPED_CLASSES = ['katex', 'katex-display', 'sidenote', 'callout-title', 'references', 'heading-anchor'];

/**
 * Links the first use of each glossary term in an article to its entry on the glossary page, with
 * a preview of the definition (src/scripts/previews.ts). A term counts in any of its forms
 * (中文, English ignoring case and a plural s, abbreviation with its case, aliases); where forms
 * overlap the longest wins (解耦权重衰减 before 权重衰减). Never inside code, math, headings, links,
 * footnotes or the reference list, and not in the article that explains the term, whose reader is
 * already in the right place. Runs after KaTeX, so math is already out of the text.
 */
export function rehypeGlossary(options: GlossaryOptions) {
  return (tree: Root, file: VFile): void => {
    const self = file.path ? articleId(options.contentDir, file.path) : '';
    const entries = loadGlossary(options.contentDir).filter((entry) => entry.article !== self);
    const matcher = termMatcher(entries);
    if (!matcher) return;
    const linked = new Set<string>();
    const walk = (parent: Root | Element): void => {
      for (let i = 0; i < parent.children.length; i++) {
        const child = parent.children[i];
        if (child?.type === 'element' && !skipped(child)) walk(child);
        if (child?.type !== 'text') continue;
        const replaced = linkTerms(child, matcher, linked, options.base);
        if (replaced.length === 1 && replaced[0] === child) continue;
        parent.children.splice(i, 1, ...replaced);
        i += replaced.length - 1;
      }
    };
    walk(tree);
  };
}

/** Finds term forms in text: one regular expression, and the entry of each matched form. */
export interface TermMatcher {
  pattern: RegExp;
  entryOf(match: string): GlossaryEntry | undefined;
}

/**
 * Builds the matcher for a list of entries, or `undefined` for none. Forms are tried longest first;
 * a form that starts or ends with a Latin letter or digit must not touch another one there
 * (`SSM` is not found in `SSMs2`, `AP` not in `mAP`); spaces and hyphens in English are
 * interchangeable, and English may take a plural `s`.
 */
export function termMatcher(entries: readonly GlossaryEntry[]): TermMatcher | undefined {
  const exact = new Map<string, GlossaryEntry>();
  const folded = new Map<string, GlossaryEntry>();
  const alternatives: { text: string; source: string }[] = [];
  for (const entry of entries) {
    for (const form of termForms(entry)) {
      (form.caseSensitive ? exact : folded).set(form.caseSensitive ? form.text : fold(form.text), entry);
      const words = form.text
        .split(/[\s-]+/)
        .map(escapeRegExp)
        .join('[\\s-]+');
      const plural = form.caseSensitive ? '' : '(?:e?s)?';
      const before = /^[A-Za-z0-9]/.test(form.text) ? '(?<![A-Za-z0-9])' : '';
      const after = /[A-Za-z0-9]$/.test(form.text) ? '(?![A-Za-z0-9])' : '';
      const body = form.caseSensitive ? words : `(?i:${words})`;
      alternatives.push({ text: form.text, source: `${before}${body}${plural}${after}` });
    }
  }
  if (alternatives.length === 0) return undefined;
  alternatives.sort((a, b) => b.text.length - a.text.length);
  return {
    pattern: new RegExp(alternatives.map((a) => a.source).join('|'), 'g'),
    entryOf(match) {
      const key = fold(match);
      return exact.get(match) ?? folded.get(key) ?? folded.get(key.replace(/e?s$/, ''));
    },
  };
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[\s-]+/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function skipped(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.tagName)) return true;
  if (element.tagName === 'section' && 'dataFootnotes' in element.properties) return true;
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.some((name) => SKIPPED_CLASSES.includes(String(name)));
}

/** The text node split around the first use of each term not yet linked (or itself, unchanged). */
function linkTerms(node: Text, matcher: TermMatcher, linked: Set<string>, base: string): ElementContent[] {
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(matcher.pattern)) {
    const entry = matcher.entryOf(match[0]);
    if (!entry || linked.has(entry.id)) continue;
    linked.add(entry.id);
    if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
    parts.push({
      type: 'element',
      tagName: 'a',
      properties: {
        href: glossaryEntryUrl(entry.id, base),
        className: ['term'],
        dataTerm: entry.id,
        dataPreviewSrc: termPreviewUrl(entry.id, base),
      },
      children: [{ type: 'text', value: match[0] }],
    });
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return [node];
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  return parts;
}
