import logo from '../../public/favicon.svg?raw';

/** The family the layout names; `fonts.ts` provides it from `@fontsource/noto-sans-sc`. */
export const CARD_FONT_FAMILY = 'Noto Sans SC';

/** Width and height of a social card, the 1.91:1 size Open Graph and X/Twitter crop to least. */
export const CARD_SIZE = { width: 1200, height: 630 } as const;

/**
 * An element for satori, which lays out a React-like tree (`type`, `props.style`, `children`)
 * with a subset of CSS flexbox. Plain objects keep React out of the dependencies.
 */
export interface CardNode {
  type: 'div' | 'img';
  props: {
    style?: Record<string, string | number>;
    children?: CardNode | string | (CardNode | string)[];
    src?: string;
    width?: number;
    height?: number;
  };
}

/** What an article's card shows. */
export interface ArticleCardContent {
  title: string;
  /** The topic's name. */
  topic: string;
  /** The article's emoji. */
  icon: string;
  siteName: string;
}

/** What the home page's card shows. */
export interface HomeCardContent {
  siteName: string;
  description: string;
  /** The topics' names, in display order. */
  topics: readonly string[];
}

/** The light theme's colours (`src/styles/global.css`): a card is seen on any background. */
const colors = {
  bg: '#fdfdfc',
  text: '#1d2127',
  muted: '#5a636e',
  border: '#e0e1dc',
  accent: '#0a5fc0',
  accentSoft: '#e6f0fb',
} as const;

const PADDING_X = 80;
const TEXT_WIDTH = CARD_SIZE.width - 2 * PADDING_X;

function div(style: Record<string, string | number>, ...children: (CardNode | string)[]): CardNode {
  return { type: 'div', props: { style: { display: 'flex', ...style }, children } };
}

function logoImage(size: number): CardNode {
  return {
    type: 'img',
    props: { src: `data:image/svg+xml;base64,${Buffer.from(logo).toString('base64')}`, width: size, height: size },
  };
}

/**
 * The card of an article: its emoji and topic, the title as large as fits in three lines, and the
 * site's logo and name at the foot.
 */
export function articleCard(content: ArticleCardContent): CardNode {
  const fontSize = titleSize(content.title);
  return frame(
    [
      div(
        { alignItems: 'center', gap: 32 },
        div(
          {
            width: 120,
            height: 120,
            borderRadius: 28,
            background: colors.accentSoft,
            alignItems: 'center',
            justifyContent: 'center',
            fontSize: 72,
          },
          content.icon,
        ),
        div(
          {
            fontSize: 32,
            fontWeight: 700,
            color: colors.accent,
            border: `3px solid ${colors.accent}`,
            borderRadius: 999,
            padding: '6px 26px',
          },
          content.topic,
        ),
      ),
      div(
        {
          marginTop: 44,
          fontSize,
          fontWeight: 700,
          lineHeight: 1.32,
          color: colors.text,
          lineClamp: 3,
        },
        content.title,
      ),
    ],
    footer(div({ alignItems: 'center', gap: 20 }, logoImage(48), div({}, content.siteName))),
  );
}

/** The card of the home page: the logo, the site's name and description, and its topics. */
export function homeCard(content: HomeCardContent): CardNode {
  return frame(
    [
      logoImage(120),
      div({ marginTop: 44, fontSize: 84, fontWeight: 700, color: colors.text }, content.siteName),
      div({ marginTop: 20, fontSize: 36, lineHeight: 1.5, color: colors.muted, lineClamp: 2 }, content.description),
    ],
    footer(div({ color: colors.accent, fontWeight: 700 }, content.topics.join(' · '))),
  );
}

/** The card's frame: an accent rule along the top, the main block, and the footer at the bottom. */
function frame(main: CardNode[], foot: CardNode): CardNode {
  return div(
    {
      width: CARD_SIZE.width,
      height: CARD_SIZE.height,
      // Satori sizes boxes like CSS's default content-box: the padding would add to the card's size.
      boxSizing: 'border-box',
      flexDirection: 'column',
      justifyContent: 'space-between',
      padding: `64px ${PADDING_X}px 56px`,
      background: colors.bg,
      borderTop: `16px solid ${colors.accent}`,
      fontFamily: CARD_FONT_FAMILY,
    },
    div({ flexDirection: 'column', width: TEXT_WIDTH }, ...main),
    foot,
  );
}

function footer(content: CardNode): CardNode {
  return div(
    {
      width: TEXT_WIDTH,
      paddingTop: 28,
      borderTop: `2px solid ${colors.border}`,
      fontSize: 30,
      color: colors.muted,
    },
    content,
  );
}

/**
 * The largest title size whose text fits in two lines, else in three (smaller, so three lines
 * stay clear of the footer). Widths are estimated: a Chinese character is one em, Latin letters
 * and digits about 0.58 em; satori wraps the real text, and `lineClamp` ends a title that still
 * overflows with an ellipsis.
 */
export function titleSize(title: string): number {
  const ems = [...title].reduce((sum, char) => sum + (/[\u0020-\u02ff\u2000-\u206f]/.test(char) ? 0.58 : 1), 0);
  // 0.9: lines break at word boundaries, so a line is rarely full.
  const fits = (size: number, lines: number) => ems * size <= lines * TEXT_WIDTH * 0.9;
  return [76, 68, 60].find((size) => fits(size, 2)) ?? [56, 50].find((size) => fits(size, 3)) ?? 46;
}

/** Every character a card draws as text: the glyphs its font must have. */
export function cardText(node: CardNode | string): string {
  if (typeof node === 'string') return node;
  const { children } = node.props;
  if (children === undefined) return '';
  return (Array.isArray(children) ? children : [children]).map(cardText).join('');
}
