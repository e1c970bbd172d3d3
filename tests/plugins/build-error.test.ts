import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silenceRenderErrors } from '../helpers/html';
import { renderMarkdown } from '../helpers/markdown';

const FILE = 'tests/fixtures/broken/formula/bad-formula.md';
const source = readFileSync(FILE, 'utf8');
const frontmatterEnd = source.indexOf('\n---\n', 3) + '\n---\n'.length;
const frontmatterLines = source.slice(0, frontmatterEnd).split('\n').length - 1;

/** The error a render of `body`, handed to the pipeline as the fixture file's body, fails with. */
async function errorFor(body: string): Promise<string> {
  const error = await renderMarkdown(body, { path: resolve(FILE) }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

describe('build error locations', () => {
  silenceRenderErrors();

  // The broken formula opens on line 11 of the file, below seven lines of frontmatter; its bad line is 12.
  const body = source.slice(frontmatterEnd);
  it('name the line in the file when the pipeline gets the body without its frontmatter', async () => {
    expect(await errorFor(body)).toContain(`${FILE}:12:11 公式无法解析`);
    expect(await errorFor(body.trimStart())).toContain(`${FILE}:12:11 公式无法解析`);
  });

  it('name the line in the file when the pipeline gets the body with the frontmatter blanked out', async () => {
    expect(await errorFor('\n'.repeat(frontmatterLines) + body)).toContain(`${FILE}:12:11 公式无法解析`);
  });

  it('name the line as given when the text is not found in the file', async () => {
    expect(await errorFor('另一篇草稿。\n\n$\\frac{$')).toContain(`${FILE}:3:1 公式无法解析`);
  });

  it('name the line as given for a file that is not on disk', async () => {
    await expect(renderMarkdown(body, { path: resolve('tests/fixtures/content/missing.md') })).rejects.toThrow(
      'tests/fixtures/content/missing.md:5:11 公式无法解析',
    );
  });
});
