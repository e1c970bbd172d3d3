import type { Code, Data, Html, Paragraph, Parent, PhrasingContent, Root } from 'mdast';
import type { Processor } from 'unified';
import type { Node, Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { parse, YAMLError } from 'yaml';
import { figures as siteFigures } from '../figures';
import { t } from '../strings';
import { report } from './build-error';
import { recordDependency } from './render-dependencies';

/** `<figure>`: mdast has no such node; remark-rehype turns an unknown parent into `data.hName`. */
export interface FigureNode extends Parent {
  type: 'figure';
  children: (Html | Paragraph)[];
  data: Data;
}

declare module 'mdast' {
  interface RootContentMap {
    figure: FigureNode;
  }
  interface BlockContentMap {
    figure: FigureNode;
  }
}

declare module 'vfile' {
  interface DataMap {
    /** Figure numbers by label (`fig:name`), for remark-equations to resolve `[@fig:name]`. */
    figureNumbers: globalThis.Map<string, number>;
  }
}

/** Options of {@link remarkFigures}. */
export interface FiguresOptions {
  /** Figure modules by name; the site's registry in `src/figures/index.ts` unless given. */
  figures?: Record<string, () => string>;
}

/** Figure numbers by label found so far in the file; empty before remark-figures has run. */
export function figureNumbers(file: VFile): Map<string, number> {
  return file.data.figureNumbers ?? new Map();
}

const FIELDS = ['src', 'id', 'caption', 'alt'] as const;
const LABEL = /^fig:[\p{L}\p{N}_:-]+$/u;

/**
 * Turns a fenced ```` ```figure ```` block (YAML: `src`, `id`, `caption`, `alt`) into a numbered
 * `<figure>` whose SVG is computed at build time by the module `src` of `src/figures/`. Figures
 * are drawn in code, not exported images, so they stay in sync with the maths and follow the
 * theme's colours; the build fails if a figure cannot be drawn rather than shipping a hole. The
 * alt text is the accessible name of the drawing, which is announced once as an image. Labels
 * are recorded in `file.data.figureNumbers` for remark-equations, which resolves `[@fig:…]`.
 */
export function remarkFigures(this: Processor, options: FiguresOptions = {}) {
  const registry = options.figures ?? siteFigures;
  // Captions are Markdown (math, emphasis, citations), parsed with the same syntax extensions.
  // remark's parser always returns a root.
  const parseCaption = (caption: string): Root => this.parse(caption) as Root;
  return (tree: Root, file: VFile): void => {
    const numbers = new Map<string, number>();
    const seen = new Map<string, Node>();
    file.data.figureNumbers = numbers;

    visit(tree, 'code', (node, index, parent) => {
      if (node.lang !== 'figure' || parent === undefined || index === undefined) return;
      // After a problem (reported, see `report`) the block stays as written; a figure whose id
      // could be read keeps its number, so references to it raise no second problem.
      const spec = readSpec(file, node);
      if (!spec) return;
      const first = seen.get(spec.id);
      if (first) {
        report(
          file,
          node,
          `图的 id 重复：${spec.id}（第一次出现在第 ${first.position?.start.line ?? '?'} 行）。请换一个 id。`,
        );
        return;
      }
      seen.set(spec.id, node);
      const number = numbers.size + 1;
      numbers.set(spec.id, number);
      const draw = registry[spec.src];
      if (!Object.hasOwn(registry, spec.src) || draw === undefined) {
        const known = Object.keys(registry).sort().join('、') || '（无）';
        report(
          file,
          node,
          `未知的图 src：${spec.src}。可用的有：${known}。新图请在 src/figures/ 中添加并登记到 index.ts。`,
        );
        return;
      }
      recordDependency(file, `figure:${spec.src}`);
      const svg = drawFigure(file, node, spec.src, draw);
      if (svg === undefined) return;

      const caption = captionContent(spec.caption, parseCaption(spec.caption), node.position);
      const figure: FigureNode = {
        type: 'figure',
        data: { hName: 'figure', hProperties: { className: ['figure'], id: labelToId(spec.id) } },
        children: [
          {
            type: 'html',
            value: svg,
            // role=img makes the drawing one image named by the alt text; the SVG's own text
            // (axis labels, legends) is presentational inside it and is not read twice.
            data: { hName: 'div', hProperties: { className: ['figure-body'], role: 'img', ariaLabel: spec.alt } },
          },
          {
            type: 'paragraph',
            data: { hName: 'figcaption' },
            children: [
              {
                type: 'text',
                value: t.markdown.figure(number),
                data: { hName: 'span', hProperties: { className: ['figure-number'] } },
              },
              { type: 'text', value: ' ' },
              ...caption,
            ],
          },
        ],
      };
      if (node.position) figure.position = node.position;
      parent.children.splice(index, 1, figure);
    });
  };
}

/** `fig:name` → `fig-name`, the element id that `[@fig:name]` links to. */
export function labelToId(label: string): string {
  return label.replace(/^(eq|fig):/, '$1-');
}

type Spec = Record<(typeof FIELDS)[number], string>;

/** The block's fields, or nothing once a problem with them is reported. */
function readSpec(file: VFile, node: Code): Spec | undefined {
  let data: unknown;
  try {
    data = parse(node.value);
  } catch (error) {
    // The position is given as the file's line instead of the YAML's own line and excerpt.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.replace(/ at line.*$/, '');
    const line = error instanceof YAMLError ? error.linePos?.[0].line : undefined;
    // The YAML starts on the line after the opening fence.
    const at = line !== undefined && node.position ? lineInBlock(node.position, line) : node;
    report(file, at, `figure 块的 YAML 无法解析：${message}`);
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    report(file, node, 'figure 块应写成 YAML 字段：src、id、caption、alt，每行一个，如 `src: adam-trajectories`。');
    return undefined;
  }
  const fields = new Map(Object.entries(data));
  const unknown = [...fields.keys()].filter((key) => !(FIELDS as readonly string[]).includes(key));
  for (const key of unknown) report(file, node, `figure 块中未知的字段：${key}。可用的字段：${FIELDS.join('、')}。`);
  const spec: Partial<Spec> = {};
  for (const key of FIELDS) {
    const value = fields.get(key);
    const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (text) spec[key] = text;
  }
  const missing = FIELDS.filter((key) => spec[key] === undefined);
  if (missing.length > 0) {
    report(
      file,
      node,
      `figure 块缺少字段：${missing.join('、')}。四个字段都要写：src（图的模块名）、id（fig: 开头）、caption（图注）、alt（给屏幕阅读器的文字描述）。`,
    );
  }
  const complete = spec as Spec;
  if (spec.id !== undefined && !LABEL.test(spec.id)) {
    report(
      file,
      node,
      `图的 id 必须以 fig: 开头，只含字母、数字、-、_、:，如 fig:adam-trajectories；现在是 ${spec.id}。`,
    );
    return undefined;
  }
  return unknown.length > 0 || missing.length > 0 ? undefined : complete;
}

function lineInBlock(position: Position, yamlLine: number): Node {
  const start = { line: position.start.line + yamlLine, column: 1 };
  return { type: 'yaml', position: { start, end: start } };
}

/** The figure's SVG, or nothing once a problem drawing it is reported. */
function drawFigure(file: VFile, node: Code, src: string, draw: () => string): string | undefined {
  let svg: unknown;
  try {
    svg = draw();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report(file, node, `图 ${src} 生成失败：${message}`);
    return undefined;
  }
  // An XML prolog is not allowed inside HTML, so it is dropped.
  const markup = typeof svg === 'string' ? svg.trim().replace(/^<\?xml[^>]*\?>\s*/, '') : '';
  if (!/^<svg[\s>]/.test(markup)) {
    report(file, node, `图 ${src} 没有返回 SVG：它的默认导出应返回以 <svg 开头的字符串。`);
    return undefined;
  }
  return markup;
}

/** The caption's inline content, placed at the figure block so later errors point there. */
function captionContent(raw: string, root: Root, position: Position | undefined): PhrasingContent[] {
  const content: PhrasingContent[] = [];
  for (const block of root.children) {
    if (block.type !== 'paragraph') continue;
    if (content.length > 0) content.push({ type: 'text', value: ' ' });
    content.push(...block.children);
  }
  if (content.length === 0) content.push({ type: 'text', value: raw });
  const holder: Root = { type: 'root', children: content };
  visit(holder, (node) => {
    if (position) node.position = structuredClone(position);
    else delete node.position;
  });
  return content;
}
