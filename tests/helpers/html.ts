import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import { afterEach, beforeEach, vi } from 'vitest';

/** Rendered HTML as a tree, to check where an element sits rather than only that a string occurs. */
export function parseHtml(html: string): Root {
  return fromHtml(html, { fragment: true });
}

/** Every element matching `test`, in document order. */
export function findAll(tree: Root | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (element) => {
    if (test(element)) found.push(element);
  });
  return found;
}

export function byId(tree: Root, id: string): Element | undefined {
  return findAll(tree, (element) => element.properties.id === id)[0];
}

export function hasClass(element: Element, name: string): boolean {
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}

export function byClass(tree: Root | Element, name: string): Element[] {
  return findAll(tree, (element) => hasClass(element, name));
}

export function text(node: Element | undefined): string {
  return node ? toText(node, { whitespace: 'pre' }) : '';
}

export function outer(node: Element | undefined): string {
  return node ? toHtml(node) : '';
}

/** Fragment links (`href="#x"`) whose target id is missing from the same page. */
export function danglingFragments(tree: Root): string[] {
  const ids = new Set(
    findAll(tree, (element) => typeof element.properties.id === 'string').map((e) => e.properties.id),
  );
  return findAll(tree, (element) => element.tagName === 'a' && String(element.properties.href ?? '').startsWith('#'))
    .map((element) => decodeURIComponent(String(element.properties.href).slice(1)))
    .filter((id) => !ids.has(id));
}

/**
 * Astro's renderer logs every failed render with console.error before rethrowing; the tests that
 * expect a build error check the thrown message and keep the log quiet.
 */
export function silenceRenderErrors(): void {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
}
