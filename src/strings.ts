/**
 * Every word of the interface, in one place. The site is written for Chinese readers first; a
 * translation is a copy of this object. Components import `t` and never hard-code text.
 */
export const t = {
  nav: {
    home: '首页',
    topics: '主题',
    tags: '标签',
    archive: '归档',
    series: '系列',
    glossary: '术语',
    map: '地图',
    search: '搜索',
  },
  home: {
    recent: '最近更新',
    topics: '按主题浏览',
    allArticles: '全部文章',
  },
  article: {
    published: '发布于',
    updated: '更新于',
    readingTime: (minutes: number) => `约 ${minutes} 分钟读完`,
    toc: '目录',
    prev: '上一篇',
    next: '下一篇',
    topic: '主题',
    tags: '标签',
    draft: '草稿',
    sectionLink: '本节链接',
    backlinks: '被引用',
    related: '相关文章',
  },
  topics: {
    title: '主题',
    intro: '按主题分组的全部文章。',
    count: (n: number) => `${n} 篇`,
  },
  series: {
    title: '系列',
    intro: '按顺序读的文章：每一篇建立在前一篇之上。',
    label: '系列',
    place: (index: number, total: number) => `第 ${index} 篇，共 ${total} 篇`,
    count: (n: number) => `${n} 篇`,
    prev: '系列上一篇',
    next: '系列下一篇',
  },
  glossary: {
    title: '术语表',
    intro: (n: number) =>
      `${n} 个术语的中英文对照、一句话定义，以及讲解它的文章与小节。文章里术语第一次出现时链接到这里。`,
    byTopic: '按主题',
    byLetter: '按拼音与字母',
    letterNav: '按首字母跳转',
    term: '术语',
    explainedIn: '详见',
    explainedHere: '本文讲解的术语',
    abbr: '缩写',
  },
  map: {
    title: '文章地图',
    intro:
      '文章之间怎样互相链接：左边每条弧线连起两篇有链接的文章，链接越多弧线越粗。指向或聚焦一篇文章，突出它的连接；点开计数可以看到具体是哪几篇。',
    /** The line under each title; it also opens the list of the articles counted. */
    degree: (linksTo: number, linkedFrom: number) => `链接到 ${linksTo} 篇 · 被 ${linkedFrom} 篇链接`,
    linksTo: '链接到',
    linkedFrom: '被链接',
  },
  tags: {
    title: '标签',
    intro: '按标签查找文章，数字是文章数。',
    tagged: (tag: string) => `标签：${tag}`,
  },
  archive: {
    title: '归档',
    intro: '按年份排列的全部文章。',
    year: (year: number) => `${year} 年`,
  },
  search: {
    title: '搜索',
    placeholder: '搜索文章：中文或英文，如“权重衰减”“attention”',
    shortcut: '按 / 或 Ctrl K 打开搜索',
    open: '打开搜索',
    close: '关闭',
    loading: '正在加载索引…',
    empty: '没有找到相关文章，换个关键词试试。',
    /** Filters alone list articles. */
    results: (n: number) => `找到 ${n} 篇相关文章`,
    /** A query finds sections (and articles' openings): each is one place the words occur. */
    matches: (n: number) => `找到 ${n} 处相关内容`,
    /** No record holds every word: these hold some of them. */
    partial: (n: number) => `没有同时包含所有词的内容，找到 ${n} 处包含部分词的内容`,
    topicFilter: '按主题筛选',
    tagFilter: '按标签筛选',
    allTopics: '全部主题',
    allTags: '全部标签',
    corrected: (query: string) => `（含按“${query}”纠正拼写后的结果）`,
    unavailable: '搜索索引不存在。开发模式下请先运行一次 npm run build 生成索引。',
    hint: '↑↓ 选择，Enter 打开',
    hintDialog: '↑↓ 选择，Enter 打开，Esc 关闭',
  },
  theme: {
    toggle: '切换浅色/深色主题',
  },
  notFound: {
    title: '页面不存在',
    body: '你要找的页面不在这里：可能是链接写错了，或者文章改了地址。',
    home: '回到首页',
    search: '或者搜索一下：',
  },
  footer: {
    builtWith: '用 Astro、KaTeX、Shiki 与 Pagefind 构建。',
  },
  skipToContent: '跳到正文',
  /** Words that the Markdown plugins put into articles. */
  markdown: {
    equation: (n: number) => `式 (${n})`,
    figure: (n: number) => `图 ${n}`,
    references: '参考文献',
    /** Reference lists keep the convention of the (mostly English) works they list. */
    authorsAnd: 'and',
    etAl: 'et al.',
    footnoteBack: (label: string) => `返回正文中脚注 ${label} 的位置`,
    citeThis: '引用本文',
    copy: '复制',
    copied: '已复制',
    copyTex: '复制 TeX',
    previewLoading: '正在载入预览…',
    previewFailed: '预览载入失败；打开链接可直接前往。',
    footnotes: '脚注',
    callouts: {
      note: '注',
      tip: '提示',
      important: '重要',
      warning: '警告',
      caution: '小心',
      definition: '定义',
      theorem: '定理',
      lemma: '引理',
      proof: '证明',
      example: '例',
    },
  },
} as const;

/**
 * The words the article page's own scripts show (copy buttons, previews). The page hands them to
 * the scripts in a `data-script-strings` attribute (src/layouts/Article.astro, read by
 * src/scripts/script-strings.ts): a script that imported `t` would carry every word of the site
 * to every reader, a third of the page's script before search.
 */
export const scriptStrings = {
  copy: t.markdown.copy,
  copied: t.markdown.copied,
  copyTex: t.markdown.copyTex,
  previewLoading: t.markdown.previewLoading,
  previewFailed: t.markdown.previewFailed,
  term: t.glossary.term,
  explainedIn: t.glossary.explainedIn,
};

/** The keys of {@link scriptStrings}. */
export type ScriptString = keyof typeof scriptStrings;
