import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleAnchors } from '../../src/plugins/article-anchors';

/** Every link to a section that README.md shows as an example: `](./id.md#fragment)` or `[[id#fragment…]]`. */
function readmeSectionLinks(): { text: string; file: string; id: string }[] {
  const readme = readFileSync('README.md', 'utf8');
  const links = [
    ...[...readme.matchAll(/\]\(\.\/([^)#\s]+\.md)#([^)\s]+)\)/g)].map((m) => ({ text: m[0], file: m[1], id: m[2] })),
    ...[...readme.matchAll(/\[\[([^\]|#]+)#([^\]|]+)(?:\|[^\]]*)?\]\]/g)].map((m) => ({
      text: m[0],
      file: `${m[1]}.md`,
      id: m[2],
    })),
  ];
  return links.map(({ text, file = '', id = '' }) => ({ text, file: `content/${file}`, id: decodeURIComponent(id) }));
}

/**
 * An author copies the README's examples: each link to a section must point at a section,
 * equation or figure the article really has, or the first thing copied fails the build.
 */
describe('the README', () => {
  const links = readmeSectionLinks();

  it('shows links to sections', () => {
    expect(links.length).toBeGreaterThanOrEqual(3);
  });

  for (const { text, file, id } of links) {
    it(`${text} points at a place that exists`, async () => {
      expect(existsSync(file)).toBe(true);
      const { ids } = await articleAnchors(file);
      expect([...ids.keys()]).toContain(id);
    });
  }
});
