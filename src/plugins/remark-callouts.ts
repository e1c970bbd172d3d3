import type { Blockquote, Paragraph, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { t } from '../strings';
import { report } from './build-error';

type Kind = keyof typeof t.markdown.callouts;

const KINDS = Object.keys(t.markdown.callouts) as Kind[];
const MARKER = /^\[!([A-Za-z]+)\][ \t]*/;

/**
 * Turns GitHub-style alerts, `> [!NOTE]`, `> [!TIP]`, … plus the mathematical `> [!DEFINITION]`,
 * `[!THEOREM]`, `[!LEMMA]`, `[!PROOF]` and `[!EXAMPLE]`, into
 * `<aside class="callout callout-KIND">` with a title line. Authors keep writing plain Markdown
 * that GitHub and editors render too, and the kind's name comes from `src/strings.ts`. Text
 * after the marker on the same line is the title. A proof ends with ∎. An unknown marker fails
 * the build, since it would otherwise show as a stray “[!FOO]”.
 */
export function remarkCallouts() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'blockquote', (node) => {
      const first = node.children[0];
      const lead = first?.type === 'paragraph' ? first.children[0] : undefined;
      if (first?.type !== 'paragraph' || lead?.type !== 'text') return;
      const marker = MARKER.exec(lead.value);
      if (!marker) return;
      const name = (marker[1] ?? '').toLowerCase();
      if (!isKind(name)) {
        const known = KINDS.map((kind) => `[!${kind.toUpperCase()}]`).join('、');
        report(file, node, `未知的提示框类型 [!${marker[1]}]。可用的有：${known}。`);
        return;
      }
      lead.value = lead.value.slice(marker[0].length);
      makeCallout(node, first, name);
    });
  };
}

function isKind(name: string): name is Kind {
  return (KINDS as string[]).includes(name);
}

function makeCallout(node: Blockquote, first: Paragraph, kind: Kind): void {
  const [title, rest] = splitFirstLine(first.children);
  const label = t.markdown.callouts[kind];
  const titleText = plainText(title).trim();
  const heading: Paragraph = {
    type: 'paragraph',
    data: { hProperties: { className: ['callout-title'] } },
    children: [
      { type: 'text', value: label, data: { hName: 'span', hProperties: { className: ['callout-kind'] } } },
      ...(title.length > 0 ? [{ type: 'text', value: ' ' } as const, ...title] : []),
    ],
  };
  const body = node.children.slice(1);
  if (rest.length > 0) body.unshift({ ...first, children: rest });
  node.children = [heading, ...body];
  node.data = {
    ...node.data,
    hName: 'aside',
    hProperties: {
      className: ['callout', `callout-${kind}`],
      ariaLabel: titleText ? `${label}：${titleText}` : label,
    },
  };
  if (kind === 'proof') appendQed(node);
}

/**
 * The title is what follows the marker up to the end of its line; the rest of the paragraph is
 * body, since `> [!NOTE]\n> text` is one paragraph in Markdown.
 */
function splitFirstLine(children: PhrasingContent[]): [PhrasingContent[], PhrasingContent[]] {
  const title: PhrasingContent[] = [];
  for (const [index, child] of children.entries()) {
    if (child.type === 'break') return [title, children.slice(index + 1)];
    if (child.type === 'text' && child.value.includes('\n')) {
      const cut = child.value.indexOf('\n');
      const before = child.value.slice(0, cut).trimEnd();
      const after = child.value.slice(cut + 1).trimStart();
      if (before) title.push({ ...child, value: before });
      return [title, [...(after ? [{ ...child, value: after } satisfies Text] : []), ...children.slice(index + 1)]];
    }
    if (child.type !== 'text' || child.value) title.push(child);
  }
  return [title, []];
}

function appendQed(node: Blockquote): void {
  const qed: PhrasingContent = {
    type: 'text',
    value: '∎',
    data: { hName: 'span', hProperties: { className: ['qed'], ariaHidden: 'true' } },
  };
  const last = node.children.at(-1);
  if (last?.type === 'paragraph' && node.children.length > 1) last.children.push({ type: 'text', value: ' ' }, qed);
  else node.children.push({ type: 'paragraph', data: { hProperties: { className: ['qed-line'] } }, children: [qed] });
}

function plainText(nodes: PhrasingContent[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'html') return '';
      if ('value' in node) return node.value;
      if ('children' in node) return plainText(node.children);
      return '';
    })
    .join('');
}
