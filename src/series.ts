/**
 * Series: articles meant to be read in order, each building on the one before. An article joins a
 * series with `series: { id, order }` in its frontmatter; the schema checks the id against this
 * list, so a typo fails the build instead of starting a stray series. The name and blurb are what
 * the series page and each article's series box show. Order is display order on the series index.
 */
export const series = {
  'attention-to-ssm': {
    name: '从线性 Attention 到状态空间模型',
    blurb:
      '先把 softmax 注意力改写成核函数与前缀和，再看 FLASH 怎样用门控和分块把质量找回来，综述稀疏与低秩两条路，最后走到 HiPPO、S4 与 Mamba 的状态空间模型。',
  },
} as const;

/** A series id, as written in an article's frontmatter. */
export type SeriesId = keyof typeof series;

/** Series ids in display order, as a non-empty tuple for `z.enum`. */
export const seriesIds = Object.keys(series) as [SeriesId, ...SeriesId[]];
