import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { site } from '../../src/site';
import { emojiSvg } from '../../src/social-card/emoji';
import { articleCard, cardText, homeCard, titleSize } from '../../src/social-card/layout';
import { cardKey, renderCard } from '../../src/social-card/render';
import { topics } from '../../src/topics';
import { publishedSources } from '../helpers/articles';

const cacheDir = mkdtempSync(join(tmpdir(), 'social-cards-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const adam = articleCard({
  title: 'Adam 与 AdamW：从偏差修正到解耦权重衰减',
  topic: '优化',
  icon: '🧭',
  siteName: site.title,
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('social cards', () => {
  it('draws a 1200×630 PNG with Chinese text and an emoji', async () => {
    const png = await renderCard(adam, cardText(adam), cacheDir);
    expect(pngSize(png)).toEqual([1200, 630]);
    // A card of text only would be a few kilobytes; glyph outlines and the emoji make it larger.
    expect(png.length).toBeGreaterThan(20_000);
    // The first card loads the fonts, the emoji set and satori's WebAssembly: seconds on a busy machine.
  }, 30_000);

  it('reuses a drawn card from the cache, and draws a changed one anew', async () => {
    await renderCard(adam, cardText(adam), cacheDir);
    const cached = join(cacheDir, `${cardKey(adam)}.png`);
    writeFileSync(cached, 'cached');
    expect((await renderCard(adam, cardText(adam), cacheDir)).toString()).toBe('cached');
    const retitled = articleCard({ title: 'AdamW', topic: '优化', icon: '🧭', siteName: site.title });
    expect(cardKey(retitled)).not.toBe(cardKey(adam));
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('fails naming a character the font cannot draw, instead of drawing an empty box', async () => {
    const card = articleCard({ title: '象形文字 𓀀', topic: '优化', icon: '🧭', siteName: site.title });
    await expect(renderCard(card, cardText(card), cacheDir)).rejects.toThrow(/𓀀（U\+13000）/);
  });

  it('has a Noto Emoji drawing for the icon of every article', () => {
    for (const article of publishedSources()) {
      expect(emojiSvg(article.icon), `${article.id}: ${article.icon}`).toMatch(/^data:image\/svg\+xml;base64,/);
    }
    expect(emojiSvg('x')).toBeUndefined();
  });

  it('sizes every article title to fit the card, long ones smaller', () => {
    for (const article of publishedSources()) expect(titleSize(article.title), article.id).toBeGreaterThanOrEqual(50);
    expect(titleSize('Adam')).toBeGreaterThan(
      titleSize('上采样（Upsampling）：插值、align_corners、PixelShuffle 与转置卷积'),
    );
  });

  it('puts the site name, description and every topic on the home card', () => {
    const names = Object.values(topics).map((topic) => topic.name);
    const text = cardText(homeCard({ siteName: site.title, description: site.description, topics: names }));
    for (const part of [site.title, site.description, ...names]) expect(text).toContain(part);
  });
});
