import type { Properties } from 'hast';
import type { Link, PhrasingContent, Root, Text } from 'mdast';
import type { Node, Point, Position } from 'unist';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';

/**
 * Replaces every match of `pattern` (which must have the `g` flag) inside prose text with the
 * nodes `replace` returns. `[@key]` arrives as plain text in mdast, often mixed with other words
 * in one text node, so the node is split around each match. Text inside links is left alone:
 * a reference link inside a link would be invalid HTML. `at` is a node standing where the match
 * is written, for error messages.
 */
export function replaceInText(
  tree: Root,
  pattern: RegExp,
  replace: (match: RegExpExecArray, at: Node) => PhrasingContent | PhrasingContent[],
): void {
  visit(tree, (node, index, parent) => {
    if (node.type === 'link' || node.type === 'linkReference') return SKIP;
    if (node.type !== 'text' || parent === undefined || index === undefined) return CONTINUE;
    const pieces: PhrasingContent[] = [];
    let last = 0;
    for (const match of node.value.matchAll(pattern)) {
      if (match.index > last) pieces.push(slice(node, last, match.index));
      pieces.push(...[replace(match, { type: 'text', ...span(node, match.index, match.index) })].flat());
      last = match.index + match[0].length;
    }
    if (pieces.length === 0) return CONTINUE;
    if (last < node.value.length) pieces.push(slice(node, last, node.value.length));
    // A text node's parent holds phrasing content, so phrasing nodes may take its place.
    (parent.children as PhrasingContent[]).splice(index, 1, ...pieces);
    return index + pieces.length;
  });
}

/** A link to an element of the same page that the preview script shows on hover and focus. */
export function previewLink(id: string, label: string, properties: Properties = {}): Link {
  return {
    type: 'link',
    url: `#${id}`,
    children: [{ type: 'text', value: label }],
    data: { hProperties: { ...properties, dataPreview: '' } },
  };
}

/** Part of a text node, keeping its place in the source so a later plugin can still name the line. */
function slice(node: Text, from: number, to: number): Text {
  return { type: 'text', value: node.value.slice(from, to), ...span(node, from, to) };
}

/** The source position of characters `from`…`to` of a text node: exact line, approximate column. */
function span(node: Text, from: number, to: number): { position?: Position } {
  const start = node.position?.start;
  if (!start) return {};
  const point = (offset: number): Point => {
    const lines = node.value.slice(0, offset).split('\n');
    const column = lines.length > 1 ? (lines.at(-1)?.length ?? 0) + 1 : start.column + offset;
    const point: Point = { line: start.line + lines.length - 1, column };
    if (start.offset !== undefined) point.offset = start.offset + offset;
    return point;
  };
  return { position: { start: point(from), end: point(to) } };
}
