/** `key="value"`, `key='value'` or `key=value` in a fenced code block's info string. */
const ATTRIBUTE = /(?<=^|\s)([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"'{}]+))/g;

/**
 * The named attributes written after a fenced code block's language, as in
 * ```` ```ts title="adam.ts" {2-3} ````. remark-code-include reads `include`, the Shiki code frame
 * reads `title`; everything else (Shiki's `{1,3}` line ranges) is left for other readers. Quoted
 * values may hold spaces; a value is never unescaped, so write titles without double quotes.
 */
export function codeMetaAttributes(meta: string | null | undefined): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of (meta ?? '').matchAll(ATTRIBUTE)) {
    attributes.set(match[1] ?? '', match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** The info string with one attribute removed, so a later reader does not see it twice. */
export function withoutCodeMetaAttribute(meta: string, name: string): string {
  return meta
    .replace(ATTRIBUTE, (whole, key: string) => (key === name ? '' : whole))
    .replace(/\s+/g, ' ')
    .trim();
}
