/**
 * Synthetic formula-heavy articles for the build-cost benchmark (`build-cost.ts`): N articles that
 * are valid for this site's schema and that make every expensive part of the pipeline work
 * (inline and display math, an aligned block, highlighted code, headings for the table of
 * contents, links to sections of other articles, citations of `content/references.bib`, glossary
 * terms), and that the bare baseline project renders as plain Markdown with math. The same seed
 * and N give byte-identical files, so two builds of one size compare like with like.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mulberry32 } from '../../src/numerics/random.ts';
import { topicIds } from '../../src/topics.ts';

/** Keys of `content/references.bib` the articles cite. */
const CITED = ['kingma2015adam', 'loshchilov2019decoupled', 'duchi2011adagrad', 'polyak1964some', 'rezende2015nflows'];

const INLINE = [
  String.raw`\theta_t=\theta_{t-1}-\eta\,\hat m_t/(\sqrt{\hat v_t}+\varepsilon)`,
  String.raw`\E[g_t^2]=\Var(g_t)+\E[g_t]^2`,
  String.raw`\norm{x}_2\le\sqrt{d}\,\norm{x}_\infty`,
  String.raw`\softmax(z)_i=e^{z_i}/\sum_j e^{z_j}`,
  String.raw`\beta_1^t\to 0`,
  String.raw`\nabla_\theta \mathcal{L}(\theta)\in\R^d`,
  String.raw`p(x)=\int p(x\mid z)p(z)\,\d z`,
  String.raw`\tr(AB)=\tr(BA)`,
];

const DISPLAY = [
  String.raw`\hat m_t=\frac{m_t}{1-\beta_1^t},\qquad \hat v_t=\frac{v_t}{1-\beta_2^t}`,
  String.raw`\log p_X(x)=\log p_Z(f(x))+\log\left|\det\frac{\partial f(x)}{\partial x}\right|`,
  String.raw`\operatorname{Attention}(Q,K,V)=\softmax\!\left(\frac{QK\T}{\sqrt{d_k}}\right)V`,
  String.raw`\sum_{t=1}^{\infty}\eta_t=\infty,\qquad \sum_{t=1}^{\infty}\eta_t^2<\infty`,
];

const ALIGNED = String.raw`\begin{aligned}
m_t &= \beta_1 m_{t-1} + (1-\beta_1) g_t \\
v_t &= \beta_2 v_{t-1} + (1-\beta_2) g_t^2 \\
\E[m_t] &= (1-\beta_1^t)\,\E[g_t] + \zeta
\end{aligned}`;

const CODE = `\`\`\`python
import torch

def adam_step(p, g, m, v, t, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
    m.mul_(b1).add_(g, alpha=1 - b1)
    v.mul_(b2).addcmul_(g, g, value=1 - b2)
    m_hat = m / (1 - b1 ** t)
    v_hat = v / (1 - b2 ** t)
    p.add_(-lr * m_hat / (v_hat.sqrt() + eps))
\`\`\``;

/** The file name (without `.md`) of synthetic article `index`: `syn-0007`. */
export function syntheticId(index: number): string {
  return `syn-${String(index).padStart(4, '0')}`;
}

/** How many `##` sections each synthetic article has; links point at `推导-1` … `推导-6`. */
const SECTIONS = 6;

/** The Markdown of synthetic article `index` of `count`. */
export function syntheticArticle(index: number, count: number, seed = 1): string {
  // Deterministic: the articles must not change between runs.
  const next = mulberry32(seed * 100_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const day = new Date(Date.UTC(2025, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);
  const parts = [
    '---',
    `title: "合成文章 ${String(index).padStart(4, '0')}：矩估计与更新规则"`,
    `description: "构建基准用的合成文章，第 ${index} 篇：行内公式、独立公式、对齐公式、代码与文章间链接。"`,
    `date: ${day}`,
    `topic: ${topicIds[index % topicIds.length]}`,
    'tags: [合成, 基准]',
    'icon: "🧪"',
    '---',
    '',
    `本文推导 Adam 的偏差修正 $${pick(INLINE)}$，并讨论权重衰减与 $${pick(INLINE)}$ 的关系 [@${pick(CITED)}]。`,
  ];
  for (let section = 1; section <= SECTIONS; section++) {
    parts.push('', `## 推导 ${section}`, '');
    parts.push(
      `设 $${pick(INLINE)}$，则 $${pick(INLINE)}$；进一步有 $${pick(INLINE)}$ 与 $${pick(INLINE)}$，` +
        `这说明 $${pick(INLINE)}$ 在 $${pick(INLINE)}$ 时成立 [@${pick(CITED)}]。`,
    );
    parts.push('', '$$', pick(DISPLAY), '$$', '');
    if (count > 1 && next() < 0.5) {
      const target = (index + 1 + Math.floor(next() * (count - 1))) % count;
      const targetSection = 1 + Math.floor(next() * SECTIONS);
      parts.push(
        `与[另一篇的推导](./${syntheticId(target)}.md#推导-${targetSection})相比，这里的权重衰减 $${pick(INLINE)}$ 与梯度无关。`,
        '',
      );
    }
    if (section % 2 === 0) parts.push('$$', ALIGNED, '$$', '');
    if (section % 3 === 0) parts.push(CODE, '');
    parts.push(`最后，$${pick(INLINE)}$ 和 $${pick(INLINE)}$ 给出了收敛的条件。`);
  }
  return `${parts.join('\n')}\n`;
}

/**
 * Writes `count` synthetic articles into `dir` (emptied first), with the site's bibliography beside
 * them so that citations resolve. Returns the folder.
 */
export function writeSyntheticArticles(dir: string, count: number, seed = 1): string {
  const folder = resolve(dir);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  copyFileSync(resolve('content/references.bib'), join(folder, 'references.bib'));
  for (let index = 0; index < count; index++) {
    writeFileSync(join(folder, `${syntheticId(index)}.md`), syntheticArticle(index, count, seed));
  }
  return folder;
}
