import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { slug } from 'github-slugger';
import { pinyin } from 'pinyin-pro';
import { type TopicId, topicIds } from './topics';

/** What `npm run new` needs to start an article. */
export interface NewArticle {
  /** The article's title, as readers see it. */
  title: string;
  /** One of `src/topics.ts`. */
  topic: TopicId;
  /** The file name without `.md`, which is also the URL; derived from the title when absent. */
  slug?: string | undefined;
  /** Left out of the production build until set to false. */
  draft?: boolean;
  /** The folder the file goes in. */
  contentDir: string;
  /** The publication date written into the frontmatter: today, unless a test fixes it. */
  today?: Date;
}

/**
 * The file name (and URL) for a title: Chinese characters become their toneless pinyin, each a
 * word (`Adam 与 AdamW` → `adam-yu-adamw`), everything else is slugged the way the site slugs
 * file names into URLs, so the name is already the article's id.
 */
export function titleSlug(title: string): string {
  const words = pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  return slug(
    words
      .join(' ')
      .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
      .trim(),
  )
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Writes a new article with valid frontmatter (the title, a placeholder description to replace,
 * today's date, the topic, an icon) and a first section, and returns its path relative to the
 * working directory. Refuses to overwrite an existing file, and a slug that would not be the
 * article's URL as written (`Adam_Notes` is served as `adam_notes`).
 */
export function createArticle(article: NewArticle): string {
  const name = article.slug ?? titleSlug(article.title);
  if (name === '' || slug(name) !== name) {
    throw new Error(`文件名 "${name}" 不能直接用作网址：只用小写字母、数字和 -，如 --slug adam-notes。`);
  }
  if (!topicIds.includes(article.topic)) {
    throw new Error(`没有主题 "${article.topic}"。可选：${topicIds.join('、')}。`);
  }
  const path = join(article.contentDir, `${name}.md`);
  const frontmatter = [
    '---',
    `title: ${JSON.stringify(article.title)}`,
    'description: "（请改写）用一两句话说明这篇文章讲什么：它会出现在文章列表、搜索结果和链接预览里。"',
    `date: ${localDate(article.today ?? new Date())}`,
    `topic: ${article.topic}`,
    'tags: []',
    'icon: "📝"',
    ...(article.draft ? ['draft: true'] : []),
    '---',
  ];
  const body = ['', '第一段：这篇文章要回答什么问题。', '', '## 第一节', '', '正文。公式写成 $E = mc^2$。', ''];
  try {
    writeFileSync(path, [...frontmatter, ...body].join('\n'), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new Error(`${relative(process.cwd(), path)} 已经存在，没有覆盖。换一个标题，或用 --slug 指定别的文件名。`);
    }
    throw error;
  }
  return relative(process.cwd(), path);
}

/** `YYYY-MM-DD` of the author's calendar day, not UTC's: at 07:00 in Beijing, UTC is still on yesterday. */
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
