import type { Data, Parent, Root } from 'mdast';
import type { InlineMath, Math as MathNode } from 'mdast-util-math';
// Types `data.hName`, `hProperties` and `hChildren`, which mdast-util-to-hast reads.
import type {} from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { t } from '../strings';
import { didYouMean, report } from './build-error';
import { figureNumbers, labelToId } from './remark-figures';
import { previewLink, replaceInText } from './text-references';

/** `<div class="equation" id="eq-…">` around a numbered display formula. */
export interface EquationNode extends Parent {
  type: 'equation';
  children: [MathNode];
  data: Data;
}

declare module 'mdast' {
  interface RootContentMap {
    equation: EquationNode;
  }
  interface BlockContentMap {
    equation: EquationNode;
  }
}

const LABEL_COMMAND = /\\label\s*\{([^{}]*)\}/g;
const LABEL = /^eq:[\p{L}\p{N}_:-]+$/u;
/** `[@eq:name]` or `[@fig:name]`, one label per brackets. */
const REFERENCE = /\[@((?:eq|fig):[^\]\s;]+)\]/gu;

/**
 * Numbers the display formulas that carry `\label{eq:name}` (1, 2, … in document order) and turns
 * `[@eq:name]` and `[@fig:name]` in prose into links reading “式 (n)” and “图 n”. KaTeX has no
 * `\label`/`\ref`, so the label is replaced by `\tag{n}` and KaTeX draws the number; the formula is
 * wrapped in an element with an id so links and the preview script can reach it. References may
 * come before the formula. A reference to a missing label, a label used twice, two labels in one
 * formula or a label in inline math fail the build. Must run after remark-figures, whose labels
 * it resolves.
 */
export function remarkEquations() {
  return (tree: Root, file: VFile): void => {
    const equations = new Map<string, { number: number; node: MathNode }>();

    visit(tree, ['math', 'inlineMath'], (node, index, parent) => {
      if (node.type === 'inlineMath') {
        if (/\\label\s*\{/.test(node.value)) {
          report(file, node, '行内公式不能加 \\label：只有 $$ … $$ 行间公式可以编号。');
          withoutLabels(node);
        }
        return;
      }
      if (node.type !== 'math' || parent === undefined || index === undefined) return;
      const labels = [...node.value.matchAll(LABEL_COMMAND)];
      const [only, second] = labels;
      if (only === undefined) return;
      // After a problem the label is dropped, so that KaTeX, which has no \\label, adds no second one.
      const problem = (message: string) => {
        report(file, node, message);
        withoutLabels(node);
      };
      if (second !== undefined) {
        return problem(`一个公式块只能有一个 \\label，这里有 ${labels.length} 个。请把公式拆成多个 $$ 块分别编号。`);
      }
      const label = (only[1] ?? '').trim();
      if (!LABEL.test(label)) {
        return problem(
          `公式标签必须以 eq: 开头，只含字母、数字、-、_、:，如 \\label{eq:adam-update}；现在是 ${label}。`,
        );
      }
      const first = equations.get(label);
      if (first) {
        const line = first.node.position?.start.line ?? '?';
        return problem(`公式标签重复：${label}（第一次出现在第 ${line} 行）。请换一个标签。`);
      }
      if (/\\tag\*?\s*\{/.test(node.value) || /\\notag\b|\\nonumber\b/.test(node.value)) {
        return problem(`带 \\label 的公式由网站自动编号，请删掉其中的 \\tag / \\notag。`);
      }
      const number = equations.size + 1;
      equations.set(label, { number, node });
      setMathValue(node, `${node.value.replace(LABEL_COMMAND, '').trimEnd()} \\tag{${number}}`);

      const equation: EquationNode = {
        type: 'equation',
        data: { hName: 'div', hProperties: { className: ['equation'], id: labelToId(label) } },
        children: [node],
      };
      if (node.position) equation.position = node.position;
      parent.children.splice(index, 1, equation);
    });

    const figures = figureNumbers(file);
    replaceInText(tree, REFERENCE, (match, at) => {
      const label = match[1] ?? '';
      const isFigure = label.startsWith('fig:');
      const number = isFigure ? figures.get(label) : equations.get(label)?.number;
      if (number === undefined) {
        const kind = isFigure ? '图' : '公式';
        const where = isFigure ? '```figure 块的 id: ' : '$$ 公式里的 \\label{…}';
        const existing = isFigure ? figures.keys() : equations.keys();
        report(
          file,
          at,
          `引用了不存在的${kind}标签：${label}${didYouMean(label, existing)}。请检查拼写，或在${where}中定义它。`,
        );
        return { type: 'text', value: match[0] };
      }
      const text = isFigure ? t.markdown.figure(number) : t.markdown.equation(number);
      return previewLink(labelToId(label), text, { className: ['xref'] });
    });
  };
}

/** The formula without its `\\label`s, once a problem with them is reported. */
function withoutLabels(node: MathNode | InlineMath): void {
  setMathValue(node, node.value.replace(LABEL_COMMAND, ''));
}

/** remark-math keeps a copy of the TeX in `data.hChildren` for remark-rehype, so both change. */
function setMathValue(node: MathNode | InlineMath, value: string): void {
  node.value = value;
  const code = node.data?.hChildren?.[0];
  if (code?.type === 'element') code.children = [{ type: 'text', value }];
}
