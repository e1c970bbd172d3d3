import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { siteFiles } from '../helpers/site';
import { astroBuild } from '../setup/build-site';

describe('drafts', () => {
  it('are left out of the production build: no page, no link, no tag, no feed item', () => {
    const out = '.test-dist/drafts';
    const { status, output } = astroBuild({ CONTENT_DIR: 'tests/fixtures/drafts', OUT_DIR: out });
    expect(status, output).toBe(0);
    expect(existsSync(`${out}/articles/published/index.html`)).toBe(true);
    const files = siteFiles(out);
    expect(files.filter((file) => file.includes('unfinished'))).toEqual([]);
    expect(files.filter((file) => file.includes('只在草稿里出现的标签'))).toEqual([]);
    for (const file of files.filter((f) => /\.(html|xml)$/.test(f))) {
      expect(readFileSync(`${out}/${file}`, 'utf8'), file).not.toContain('还没写完的草稿');
    }
  });
});
