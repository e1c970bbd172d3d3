import { z } from 'astro/zod';
import { seriesIds } from './series';
import { topicIds } from './topics';
import { parseIsoDate } from './utils/date';

/**
 * A `YYYY-MM-DD` date. Astro's YAML parser hands an unquoted date over as a `Date` already (and
 * rolls `2026-02-30` over to March 2), so the text as written is checked by `src/frontmatter.ts`;
 * here a quoted date must still have the documented shape and exist.
 */
const isoDate = (field: string) =>
  z.union([
    z.date(),
    z.string().transform((text, context) => {
      const date = parseIsoDate(text.trim());
      if (date) return date;
      context.addIssue({ code: 'custom', message: `${field} 必须是存在的日期，写成 YYYY-MM-DD，如 2026-12-01` });
      return z.NEVER;
    }),
  ]);

/**
 * The frontmatter of an article. Kept apart from `content.config.ts` so unit tests can check it
 * without Astro's virtual modules. The object is strict: a misspelled field (`tag:` for `tags:`)
 * fails the build with the file and the field instead of being silently ignored.
 */
export const articleSchema = z
  .object({
    /** The article's title; the body must not repeat it as an `#` heading. */
    title: z.string().trim().min(1, '标题 title 不能为空').describe('文章标题'),
    /** One or two sentences: the excerpt in lists, the meta description and the search result text. */
    description: z
      .string()
      .trim()
      .min(10, 'description 至少写一句话（10 个字符以上）')
      .max(300, 'description 最多 300 个字符：它是列表里的摘要，详细内容写进正文')
      .describe('一两句话的摘要，用于文章列表、搜索结果和 meta description'),
    /** First publication date, `YYYY-MM-DD`. */
    date: isoDate('date').describe('首次发布日期，YYYY-MM-DD'),
    /** Date of the last substantive revision, if any; it must not precede `date`. */
    updated: isoDate('updated').optional().describe('最近一次实质修改的日期，YYYY-MM-DD'),
    /** One topic id from `src/topics.ts`. */
    topic: z.enum(topicIds).describe('主题，src/topics.ts 中的一个 id'),
    /** Finer labels; each gets a page under /tags/. */
    tags: z.array(z.string().trim().min(1, 'tags 中不能有空标签')).default([]).describe('标签列表，如 [优化器, Adam]'),
    /** One emoji shown beside the title in lists. */
    icon: z
      .string()
      .trim()
      .regex(/^\p{Extended_Pictographic}/u, 'icon 必须是一个 emoji，例如 "🧭"')
      .max(16, 'icon 只写一个 emoji')
      .describe('列表中标题旁的一个 emoji，如 "🧭"'),
    /** The series this article belongs to (an id from `src/series.ts`) and its place in it, from 1. */
    series: z
      .object({
        id: z.enum(seriesIds),
        order: z.number({ error: 'series.order 必须是正整数：这篇文章在系列中的位置，从 1 开始' }).int().min(1),
      })
      .strict()
      .optional()
      .describe('所属系列与位置，如 { id: attention-to-ssm, order: 2 }'),
    /** Drafts render in `npm run dev` and are left out of the production build. */
    draft: z.boolean().default(false).describe('草稿：true 或 false'),
  })
  .strict()
  .refine((data) => !data.updated || data.updated >= data.date, {
    message: 'updated 不能早于 date',
    path: ['updated'],
  });

/** An article's validated frontmatter. */
export type ArticleData = z.infer<typeof articleSchema>;

/**
 * The schema under `astro dev`: the same, but an entry that fails it is kept as written instead of
 * stopping the content sync. A frontmatter mistake present when `npm run dev` starts would
 * otherwise end the server with Astro's message, which names no line; this way the server starts
 * and `src/middleware/content-checks.ts` shows the site's own message, with the line and the fix,
 * in the browser before any page is rendered from the entry. `astro build` checks every file
 * before the sync (`src/integrations/content-checks.ts`) and keeps the strict schema.
 */
export const articleSchemaInDev = articleSchema.catch(({ input }) => input as z.output<typeof articleSchema>);
