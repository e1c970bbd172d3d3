import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { siteFiles } from '../helpers/site';
import { astroBuild } from '../setup/build-site';

/** A three-article site: two published (2025-06-01, 2026-01-01) and a draft dated between them. */
describe('a small site with a draft', () => {
  const out = '.test-dist/drafts';
  let build: ReturnType<typeof astroBuild>;
  beforeAll(() => {
    build = astroBuild({ CONTENT_DIR: 'tests/fixtures/drafts', OUT_DIR: out });
  });

  it('builds', () => {
    expect(build.status, build.output).toBe(0);
  });

  it('links each article to its older (上一篇) and newer (下一篇) neighbour, skipping the draft', () => {
    const newer = readFileSync(`${out}/articles/published/index.html`, 'utf8');
    const older = readFileSync(`${out}/articles/older/index.html`, 'utf8');
    expect(newer).toMatch(/<a[^>]*href="\/articles\/older\/"[^>]*rel="prev"/);
    expect(newer).not.toContain('rel="next"');
    expect(older).toMatch(/<a[^>]*href="\/articles\/published\/"[^>]*rel="next"/);
    expect(older).not.toContain('rel="prev"');
  });

  it('leaves the draft out: no page, no link, no tag, no feed item', () => {
    expect(existsSync(`${out}/articles/published/index.html`)).toBe(true);
    const files = siteFiles(out);
    expect(files.filter((file) => file.includes('unfinished'))).toEqual([]);
    expect(files.filter((file) => file.includes('只在草稿里出现的标签'))).toEqual([]);
    for (const file of files.filter((f) => /\.(html|xml)$/.test(f))) {
      expect(readFileSync(`${out}/${file}`, 'utf8'), file).not.toContain('还没写完的草稿');
    }
  });
});
