import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** An article as the tests see it: its URL id and the frontmatter fields pages must show. */
export interface ArticleSource {
  id: string;
  title: string;
  description: string;
  date: string;
  icon: string;
  topic: string;
  tags: string[];
  draft: boolean;
  series?: { id: string; order: number };
}

/**
 * The published articles of `content/` (top level, drafts left out), read straight from the
 * Markdown files, so built-site tests cover every article, including ones added later, and
 * compare the pages against what the author wrote.
 */
export function publishedSources(dir = 'content'): ArticleSource[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => {
      const frontmatter = readFileSync(join(dir, name), 'utf8').split(/^---$/m)[1] ?? '';
      const data = parse(frontmatter) as Omit<ArticleSource, 'id' | 'date'> & { date: Date | string };
      return {
        ...data,
        id: name.replace(/\.md$/, ''),
        date: new Date(data.date).toISOString().slice(0, 10),
        tags: data.tags ?? [],
        draft: data.draft ?? false,
      };
    })
    .filter((article) => !article.draft);
}
