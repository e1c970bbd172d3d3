import { seriesIds } from '../series';
import { topicIds } from '../topics';
import { type ArticleLike, sortByDate } from './collection';
import type { LinksBySource } from './graph';

/**
 * The map's fixed sizes, in rem. The arcs are drawn at build time and must meet their rows with
 * JavaScript off, so every row and every topic heading has a fixed height and the SVG uses the same
 * numbers as its coordinates: the page hands these to CSS as custom properties, so the two cannot
 * drift apart. A row holds two lines of title (longer titles are clamped) and the line of counts.
 */
export const MAP_GEOMETRY = {
  /** Height of one article row. */
  row: 4.75,
  /** Height of a topic heading, the space above it included. */
  heading: 3.5,
  /**
   * Width of the arc column in SVG units. The column is narrower on a phone; the SVG stretches
   * horizontally (`preserveAspectRatio="none"`), so the arcs only get flatter.
   */
  width: 8,
  /** Bulge of the arc between neighbouring rows, so even the shortest arc reads as a curve. */
  minBulge: 1.4,
  /** Room left between the widest arc and the column's left edge. */
  margin: 0.4,
} as const;

/** One article's row: its place, where its arcs end, and whom it links to and is linked from. */
export interface MapRow<T> {
  article: T;
  /** Position in the whole map, from 0, counting across topics. */
  index: number;
  /** The row's vertical centre in rem from the top of the map: where its arcs end. */
  centre: number;
  /** The other articles this one links to, in map order; its length is the "链接到 n 篇". */
  linksTo: T[];
  /** The other articles that link to this one, in map order; its length is the "被 m 篇链接". */
  linkedFrom: T[];
}

/** One topic of the map: the heading and the rows under it. */
export interface MapGroup<T> {
  /** The topic id, as in an article's frontmatter. */
  topic: string;
  rows: MapRow<T>[];
}

/** The arc between two linked articles, drawn once whichever way the links go. */
export interface MapArc {
  /** Row index of the upper end. */
  from: number;
  /** Row index of the lower end (always greater than `from`). */
  to: number;
  /**
   * How many links join the two, both directions summed. A link counts once per sentence that
   * makes it (as "被引用" lists them), so repeating a link in one sentence does not thicken the arc.
   */
  weight: number;
  /** Stroke width in CSS pixels: grows with the logarithm of `weight`, so one heavy pair does not swamp the rest. */
  stroke: number;
  /** SVG path data in the map's coordinates: half an ellipse from row to row, bulging left. */
  d: string;
}

/** Everything the page draws: topics with their rows, the arcs, and the size of the SVG. */
export interface TopicMap<T> {
  groups: MapGroup<T>[];
  /** Every row in map order (the groups' rows, concatenated). */
  rows: MapRow<T>[];
  /** One arc per linked pair, upper end first, ordered by upper then lower row. */
  arcs: MapArc[];
  /** SVG viewBox width and height; the height is the map's full height in rem. */
  width: number;
  height: number;
}

/**
 * Articles grouped by topic, topics in display order (`src/topics.ts`), empty ones left out. Within
 * a topic the parts of a series come first, series in `src/series.ts` order and parts in reading
 * order, so a series reads top to bottom and its links stay short; the rest follow newest first.
 * A topic missing from `topicOrder` still gets a group, last, so no article silently drops out.
 */
export function mapGroups<T extends ArticleLike>(
  articles: readonly T[],
  topicOrder: readonly string[] = topicIds,
  seriesOrder: readonly string[] = seriesIds,
): { topic: string; articles: T[] }[] {
  // Series in their order, then a series missing from the list, then articles outside any series.
  const seriesRank = (article: T) => {
    const id = article.data.series?.id;
    if (id === undefined) return seriesOrder.length + 1;
    const rank = seriesOrder.indexOf(id);
    return rank === -1 ? seriesOrder.length : rank;
  };
  const sorted = sortByDate(articles).sort(
    (a, b) => seriesRank(a) - seriesRank(b) || (a.data.series?.order ?? 0) - (b.data.series?.order ?? 0),
  );
  const topics = [...new Set([...topicOrder, ...sorted.map((article) => article.data.topic)])];
  return topics
    .map((topic) => ({ topic, articles: sorted.filter((article) => article.data.topic === topic) }))
    .filter((group) => group.articles.length > 0);
}

/**
 * The path of an arc between two points of the column's right edge (`x`), `top` above `bottom`:
 * half an ellipse bulging `bulge` to the left. An ellipse rather than a circle, because the column
 * is narrow and the rows far apart.
 */
export function arcPath(x: number, top: number, bottom: number, bulge: number): string {
  const ry = (bottom - top) / 2;
  return `M${round(x)} ${round(top)}A${round(bulge)} ${round(ry)} 0 0 0 ${round(x)} ${round(bottom)}`;
}

/**
 * Lays out the topic map: rows in {@link mapGroups} order with their centres, the links in and out
 * of each article, and one arc per pair of linked articles. Links to itself and to articles not on
 * the map (drafts left out of a build) are ignored. An arc bulges farther the farther apart its
 * rows are (by the square root of the distance, so short arcs stay visible next to long ones), and
 * the longest arc fills the column.
 */
export function topicMap<T extends ArticleLike>(
  articles: readonly T[],
  links: LinksBySource,
  topicOrder: readonly string[] = topicIds,
  seriesOrder: readonly string[] = seriesIds,
): TopicMap<T> {
  const { row: rowHeight, heading, width, minBulge, margin } = MAP_GEOMETRY;
  const grouped = mapGroups(articles, topicOrder, seriesOrder);
  const index = new Map<string, number>();
  const ordered: T[] = [];
  const centres: number[] = [];
  let y = 0;
  for (const group of grouped) {
    y += heading;
    for (const article of group.articles) {
      index.set(article.id, ordered.length);
      ordered.push(article);
      centres.push(y + rowHeight / 2);
      y += rowHeight;
    }
  }

  // weights[`${from} ${to}`]: links between two rows, both ways; out[i]/into[i]: linked row indices.
  const weights = new Map<string, number>();
  const out = ordered.map(() => new Set<number>());
  const into = ordered.map(() => new Set<number>());
  for (const [sourceId, outLinks] of links) {
    const source = index.get(sourceId);
    if (source === undefined) continue;
    for (const { target: targetId } of outLinks) {
      const target = index.get(targetId);
      if (target === undefined || target === source) continue;
      out[source]?.add(target);
      into[target]?.add(source);
      const key = `${Math.min(source, target)} ${Math.max(source, target)}`;
      weights.set(key, (weights.get(key) ?? 0) + 1);
    }
  }

  const pairs = [...weights].map(([key, weight]) => {
    const [from = 0, to = 0] = key.split(' ').map(Number);
    return { from, to, weight, span: (centres[to] ?? 0) - (centres[from] ?? 0) };
  });
  const longest = Math.max(0, ...pairs.map((pair) => pair.span));
  const arcs = pairs
    .sort((a, b) => a.from - b.from || a.to - b.to)
    .map(({ from, to, weight, span }) => ({
      from,
      to,
      weight,
      stroke: round(1.25 + 0.75 * Math.log2(weight)),
      d: arcPath(
        width,
        centres[from] ?? 0,
        centres[to] ?? 0,
        minBulge + (width - margin - minBulge) * Math.sqrt(span / longest),
      ),
    }));

  const inMapOrder = (rows: Set<number> | undefined) =>
    [...(rows ?? [])].sort((a, b) => a - b).flatMap((i) => ordered[i] ?? []);
  const rows = ordered.map((article, i) => ({
    article,
    index: i,
    centre: centres[i] ?? 0,
    linksTo: inMapOrder(out[i]),
    linkedFrom: inMapOrder(into[i]),
  }));
  let next = 0;
  const groups = grouped.map(({ topic, articles: members }) => {
    const groupRows = rows.slice(next, next + members.length);
    next += members.length;
    return { topic, rows: groupRows };
  });
  return { groups, rows, arcs, width, height: y };
}

/** Three decimals: enough for an SVG in rem, and the same output on every build. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
