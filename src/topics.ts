/**
 * The topics that group articles for browsing. An article's `topic` must be one of these ids
 * (the schema enforces it), so a typo fails the build instead of creating a stray topic page.
 * The id is the URL segment; the name and blurb are what a reader sees. Order is display order.
 */
export const topics = {
  'generative-models': {
    name: '生成模型',
    blurb: '流模型、扩散模型、流匹配：从数据分布中采样的各种方法。',
  },
  'attention-sequence': {
    name: '注意力与序列模型',
    blurb: 'Transformer 的注意力、线性注意力、高效 Transformer 与状态空间模型。',
  },
  optimization: {
    name: '优化',
    blurb: '优化器、学习率与正则化：训练为什么收敛，以及怎样收敛得更好。',
  },
  pytorch: {
    name: 'PyTorch',
    blurb: '自动微分、模块与函数式接口：把公式变成能训练的代码。',
  },
  'computer-vision': {
    name: '计算机视觉',
    blurb: '检测评价指标、上采样与特征图的几何。',
  },
  foundations: {
    name: '理论基础',
    blurb: '随机逼近等支撑现代机器学习的数学工具。',
  },
} as const;

/** A topic id, as written in an article's frontmatter. */
export type TopicId = keyof typeof topics;

/** Topic ids in display order, as a non-empty tuple for `z.enum`. */
export const topicIds = Object.keys(topics) as [TopicId, ...TopicId[]];
