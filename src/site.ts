/**
 * Site-wide settings that are not interface strings: the name a reader sees in the header and in
 * citations, the language, and where the source lives. The deployment URL and base path are not
 * here: they come from the environment (see `deployment()` in `astro.config.ts`), so a fork can be
 * served at `USER.github.io/` or `USER.github.io/REPO/` without editing code.
 */
export const site = {
  /** Shown in the header, the page title suffix and the "引用本文" BibTeX entry. */
  title: '机器学习推导笔记',
  /** The home page's meta description. */
  description: '把推导写完整的机器学习笔记：生成模型、注意力与序列模型、优化、PyTorch 与计算机视觉。',
  /** Author used in citations of the site's own articles. */
  author: '机器学习推导笔记编写组',
  /** The `lang` of every page. Pagefind segments Chinese queries only on a `zh-*` page. */
  lang: 'zh-CN',
  /** How many articles the home page lists under "最近更新". */
  recentCount: 10,
} as const;
