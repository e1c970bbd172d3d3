import { z } from 'astro/zod';
import { seriesIds } from './series';
import { topicIds } from './topics';

/**
 * The frontmatter of an article. Kept apart from `content.config.ts` so unit tests can check it
 * without Astro's virtual modules. The object is strict: a misspelled field (`tag:` for `tags:`)
 * fails the build with the file and the field instead of being silently ignored.
 */
export const articleSchema = z
  .object({
    /** The article's title; the body must not repeat it as an `#` heading. */
    title: z.string().trim().min(1, '标题 title 不能为空'),
    /** One or two sentences: the excerpt in lists, the meta description and the search result text. */
    description: z.string().trim().min(10, 'description 至少写一句话（10 个字符以上）').max(300),
    /** First publication date, `YYYY-MM-DD`. */
    date: z.coerce.date({ error: 'date 必须是日期，格式 YYYY-MM-DD' }),
    /** Date of the last substantive revision, if any; it must not precede `date`. */
    updated: z.coerce.date({ error: 'updated 必须是日期，格式 YYYY-MM-DD' }).optional(),
    /** One topic id from `src/topics.ts`. */
    topic: z.enum(topicIds),
    /** Finer labels; each gets a page under /tags/. */
    tags: z.array(z.string().trim().min(1)).default([]),
    /** One emoji shown beside the title in lists. */
    icon: z
      .string()
      .trim()
      .regex(/^\p{Extended_Pictographic}/u, 'icon 必须是一个 emoji，例如 "🧭"')
      .max(16),
    /** The series this article belongs to (an id from `src/series.ts`) and its place in it, from 1. */
    series: z
      .object({
        id: z.enum(seriesIds),
        order: z.number({ error: 'series.order 必须是正整数：这篇文章在系列中的位置，从 1 开始' }).int().min(1),
      })
      .strict()
      .optional(),
    /** Drafts render in `npm run dev` and are left out of the production build. */
    draft: z.boolean().default(false),
  })
  .strict()
  .refine((data) => !data.updated || data.updated >= data.date, {
    message: 'updated 不能早于 date',
    path: ['updated'],
  });

/** An article's validated frontmatter. */
export type ArticleData = z.infer<typeof articleSchema>;
