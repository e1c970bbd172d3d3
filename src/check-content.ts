import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { articleFiles, checkCollection } from './content-checks';
import { articleBody } from './frontmatter';
import { GLOSSARY_FILE, loadGlossary } from './glossary';
import { articleAnchors } from './plugins/article-anchors';
import { loadBibliography } from './plugins/bibliography';
import { formatProblem, isContentError, quietRendererErrorLog } from './plugins/build-error';
import { markdownPlugins, type SiteMarkdownOptions, shikiConfig, siteMarkdownOptions } from './plugins/index';

/**
 * Every content problem the build would fail on, without building pages: the collection checks
 * (`src/content-checks.ts`), the bibliography and the glossary, and each article rendered through
 * the site's own Markdown pipeline (formulas, links, headings, images, citations, equation and
 * figure labels, included code, Markdown structure). Drafts are checked too. Returns one line per
 * problem, `file:line message`, in file order. The pipeline lists every problem of an article
 * (`report` in `src/plugins/build-error.ts`); only a problem it cannot read past (a bibliography
 * that does not parse) hides what follows it in that article.
 */
export async function checkContent(options: SiteMarkdownOptions): Promise<string[]> {
  const { contentDir } = options;
  quietRendererErrorLog();
  const lines = await checkBeforeRendering(contentDir);
  const broken = new Set(checkCollection(contentDir).map((problem) => resolve(problem.file)));

  const processor = await createMarkdownProcessor({
    ...markdownPlugins(siteMarkdownOptions(options)),
    shikiConfig,
    syntaxHighlight: 'shiki',
  });
  for (const path of articleFiles(contentDir)) {
    if (broken.has(path)) continue;
    const body = articleBody(readFileSync(path, 'utf8'));
    try {
      await processor.render(body, { fileURL: new URL(`file://${path}`) });
    } catch (error) {
      lines.push(...contentLines(error).filter((line) => !RENDERER_PREFIX.test(line)));
    }
  }
  return lines;
}

/**
 * The checks that need no page rendered, which the build runs before it starts
 * (`src/integrations/content-checks.ts`): the collection (`src/content-checks.ts`), the
 * bibliography, the glossary and the sections its entries point to. Found later, while pages
 * are written, a glossary problem would stop the build halfway. One line per problem.
 */
export async function checkBeforeRendering(contentDir: string): Promise<string[]> {
  const lines = checkCollection(contentDir).map(formatProblem);
  const bibliography = join(contentDir, 'references.bib');
  if (existsSync(bibliography)) lines.push(...problemLines(() => loadBibliography(bibliography)));
  lines.push(...problemLines(() => loadGlossary(contentDir)));
  lines.push(...(await glossarySectionProblems(contentDir)));
  return lines;
}

/**
 * A glossary entry that points at a section its article does not have. The build finds these
 * when it renders the glossary page (`src/glossary-sources.ts`); here the ids come from the
 * article's Markdown, the same way links between articles are checked.
 */
async function glossarySectionProblems(contentDir: string): Promise<string[]> {
  let entries: ReturnType<typeof loadGlossary>;
  try {
    entries = loadGlossary(contentDir);
  } catch {
    return []; // Reported above.
  }
  const where = relative(process.cwd(), join(contentDir, GLOSSARY_FILE));
  const problems: string[] = [];
  for (const entry of entries) {
    if (entry.section === undefined) continue;
    const path = join(contentDir, `${entry.article}.md`);
    if (!existsSync(path)) continue; // Reported by loadGlossary.
    const { ids } = await articleAnchors(path);
    if (ids.has(entry.section)) continue;
    const sections = [...ids.keys()].filter((id) => !/^(eq|fig)-/.test(id));
    problems.push(
      `${where}:${entry.line} "${entry.id}" 指向 ${entry.article} 中不存在的小节 "${entry.section}"。这篇文章的小节 id 有：${sections.join('、')}。`,
    );
  }
  return problems;
}

/** The lines of the content error `run` throws, or nothing. */
function problemLines(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (error) {
    return contentLines(error);
  }
}

/** The problem lines of a thrown content error; anything else is a bug in the code and rethrown. */
function contentLines(error: unknown): string[] {
  if (isContentError(error)) return error.message.split('\n');
  throw error;
}

/** The line `@astrojs/markdown-remark` puts before every error; the problems name their file. */
const RENDERER_PREFIX = /^Failed to parse Markdown file .*:$/;
