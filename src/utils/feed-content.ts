import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';
import { formulaTex, hasClass } from '../plugins/hast';

/**
 * The light theme's figure colours (`--fig-*` in `src/styles/global.css`). Figures are inline SVG
 * coloured with those variables; a feed reader does not load the site's CSS, so the variables
 * would resolve to nothing and the lines and areas would vanish.
 */
export const figureColors: Record<string, string> = {
  '--fig-1': '#d1495b',
  '--fig-2': '#0a5fc0',
  '--fig-3': '#2a9d5b',
  '--fig-muted': '#b7bcc4',
};

/** Elements a feed reader must not get: scripts, and what only makes sense with the site's CSS and scripts. */
function isDropped(node: Element): boolean {
  return (
    ['script', 'style', 'template', 'button', 'noscript'].includes(node.tagName) ||
    // KaTeX's visual rendering needs KaTeX's CSS and fonts; its MathML twin is kept instead.
    hasClass(node, 'katex-html') ||
    // The hidden TeX copy for the search index, the "#" link beside headings, and the sidenote
    // copies of footnotes (the footnotes themselves stay at the end).
    node.properties.hidden !== undefined ||
    hasClass(node, 'heading-anchor') ||
    hasClass(node, 'sidenote')
  );
}

/** `data-*` attributes: they feed the site's scripts (previews, glossary terms), not a reader. */
const DROPPED_ATTRIBUTE = /^data[A-Z]/;

/**
 * An article's HTML as a feed item's full content (`content:encoded`). Feed readers show it
 * without the site's CSS and scripts, so:
 *
 * - math becomes the MathML KaTeX already writes beside its HTML rendering (with the TeX as
 *   `alttext`, and `\mathbb`, `\mathcal`, `\mathbf` letters as Unicode's mathematical letters,
 *   see `styledMathText`): browsers and the web views feed readers use have displayed MathML since 2023
 *   (Chromium 109, Firefox, Safari), whereas KaTeX's HTML is a heap of spans without its CSS and
 *   fonts, and images of formulas would be heavy and unsearchable;
 * - scripts, buttons, the search index's hidden TeX, heading anchors and sidenote copies go, and so
 *   do the `data-*` attributes of previews;
 * - highlighted code becomes plain `<pre><code>`: readers drop the inline colours anyway, and the
 *   colour spans were a fifth of an item's size;
 * - every link and image becomes absolute, `#fragment` links pointing into the article's page,
 *   since a reader resolves relative URLs against the feed, not the page;
 * - figure colours given as CSS variables get the light theme's values.
 *
 * @param html the article body as the site renders it
 * @param pageUrl the article's absolute URL, against which links resolve
 */
export function feedContent(html: string, pageUrl: string): string {
  const tree: Root = fromHtml(withoutKatexHtml(html), { fragment: true });
  visit(tree, 'element', (node, index, parent) => {
    if (parent === undefined || index === undefined) return;
    if (isDropped(node)) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (node.tagName === 'pre') {
      node.properties = {};
      node.children = [
        { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: textOf(node) }] },
      ];
      return SKIP;
    }
    if (hasClass(node, 'katex') || hasClass(node, 'katex-display')) {
      const math = mathOf(node);
      if (math) parent.children.splice(index, 1, math);
      return [SKIP, index + 1];
    }
    cleanAttributes(node, pageUrl);
    return undefined;
  });
  return toHtml(tree);
}

const KATEX_HTML = '<span class="katex-html" aria-hidden="true">';

/**
 * The HTML without KaTeX's visual rendering, cut out as text before parsing: it is two thirds of a
 * formula-heavy article (a megabyte and more), and parsing it only to throw it away made the feeds
 * the slowest pages of the build. KaTeX writes it as nested `<span>`s (and `<svg>`s without
 * spans), so counting span tags finds its end.
 */
export function withoutKatexHtml(html: string): string {
  let out = '';
  let from = 0;
  for (let start = html.indexOf(KATEX_HTML); start !== -1; start = html.indexOf(KATEX_HTML, from)) {
    out += html.slice(from, start);
    let depth = 0;
    const tags = /<span[\s>]|<\/span>/g;
    tags.lastIndex = start;
    for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
      depth += tag[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        from = tag.index + tag[0].length;
        break;
      }
    }
    if (depth !== 0) throw new Error('feedContent: a KaTeX formula ends before its HTML rendering closes');
  }
  return out + html.slice(from);
}

function textOf(node: Element): string {
  let text = '';
  visit(node, 'text', (child) => {
    text += child.value;
  });
  return text;
}

/** Where each mathvariant's capital A, small a and digit 0 sit in Unicode's mathematical letters. */
const variantStarts: Record<string, [number, number, number | undefined]> = {
  bold: [0x1d400, 0x1d41a, 0x1d7ce],
  'double-struck': [0x1d538, 0x1d552, 0x1d7d8],
  script: [0x1d49c, 0x1d4b6, undefined],
  monospace: [0x1d670, 0x1d68a, 0x1d7f6],
};

/** Letters whose styled form was encoded before the mathematical block, which leaves a hole there. */
const variantHoles: Record<string, Record<string, string>> = {
  'double-struck': { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' },
  script: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' },
};

/**
 * Text in a MathML `mathvariant` (`\mathbb{E}`, `\mathcal{L}`, `\mathbf{x}`) as the Unicode
 * mathematical letters: MathML Core, which Chromium implements, ignores every mathvariant but
 * `normal`, so `<mi mathvariant="double-struck">E</mi>` shows a plain E. Characters without a
 * styled form (Greek, punctuation) stay as they are.
 */
export function styledMathText(text: string, variant: string): string {
  const starts = variantStarts[variant];
  if (!starts) return text;
  const [capital, small, digit] = starts;
  return text.replace(/[A-Za-z0-9]/g, (char) => {
    const hole = variantHoles[variant]?.[char];
    if (hole) return hole;
    if (char >= 'A' && char <= 'Z') return String.fromCodePoint(capital + char.charCodeAt(0) - 65);
    if (char >= 'a' && char <= 'z') return String.fromCodePoint(small + char.charCodeAt(0) - 97);
    return digit === undefined ? char : String.fromCodePoint(digit + char.charCodeAt(0) - 48);
  });
}

/** The MathML of a KaTeX formula, with its TeX as `alttext` and without the annotation. */
function mathOf(katex: Element): Element | undefined {
  let math: Element | undefined;
  visit(katex, 'element', (node) => {
    if (node.tagName === 'math' && !math) math = node;
  });
  if (!math) return undefined;
  const tex = formulaTex(math).trim();
  visit(math, 'element', (node) => {
    node.children = node.children.filter(
      (child: ElementContent) => !(child.type === 'element' && child.tagName === 'annotation'),
    );
    const variant = node.properties.mathvariant;
    if (typeof variant === 'string' && variant in variantStarts) {
      for (const child of node.children) if (child.type === 'text') child.value = styledMathText(child.value, variant);
      delete node.properties.mathvariant;
    }
  });
  math.properties = { ...math.properties, alttext: tex };
  return math;
}

function cleanAttributes(node: Element, pageUrl: string): void {
  for (const [name, value] of Object.entries(node.properties)) {
    if (DROPPED_ATTRIBUTE.test(name)) {
      delete node.properties[name];
    } else if ((name === 'href' || name === 'src' || name === 'poster') && typeof value === 'string') {
      node.properties[name] = new URL(value, pageUrl).href;
    } else if (name === 'srcSet' && typeof value === 'string') {
      node.properties[name] = value
        .split(',')
        .map((candidate) => candidate.trim().replace(/^\S+/, (url) => new URL(url, pageUrl).href))
        .join(', ');
    } else if (typeof value === 'string' && value.includes('var(--fig-')) {
      node.properties[name] = value.replace(/var\((--fig-[\w-]+)\)/g, (match, variable: string) => {
        return figureColors[variable] ?? match;
      });
    }
  }
}
