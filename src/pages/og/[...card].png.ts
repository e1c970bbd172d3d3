import type { APIRoute } from 'astro';
import { publishedArticles } from '../../articles';
import { site } from '../../site';
import { articleCard, type CardNode, cardText, homeCard } from '../../social-card/layout';
import { renderCard } from '../../social-card/render';
import { topicIds, topics } from '../../topics';
import { pageCacheKey } from '../../utils/page-cache-key';

/** The social cards: `og/index.png` for the home page (and every list page), `og/articles/<id>.png`. */
export async function getStaticPaths() {
  const articles = await publishedArticles();
  const cards: { params: { card: string }; props: { layout: CardNode } }[] = [
    {
      params: { card: 'index' },
      props: {
        layout: homeCard({
          siteName: site.title,
          description: site.description,
          topics: topicIds.map((id) => topics[id].name),
        }),
      },
    },
    ...articles.map((article) => ({
      params: { card: `articles/${article.id}` },
      props: {
        layout: articleCard({
          title: article.data.title,
          topic: topics[article.data.topic].name,
          icon: article.data.icon,
          siteName: site.title,
        }),
      },
    })),
  ];
  const glyphs = cards.map(({ props }) => cardText(props.layout)).join('');
  // A card is drawn from its layout and the glyphs every card needs (one subset font for all).
  return cards.map((card) => ({ ...card, props: { ...card.props, glyphs }, cacheKey: pageCacheKey(card, glyphs) }));
}

export const GET: APIRoute = async ({ props }) => {
  const { layout, glyphs } = props as { layout: CardNode; glyphs: string };
  const png = await renderCard(layout, glyphs, import.meta.env.SOCIAL_CARD_CACHE);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
