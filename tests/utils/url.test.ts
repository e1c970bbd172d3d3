import { describe, expect, it } from 'vitest';
import { absoluteUrl, articleUrl, socialCardUrl, tagSlug, tagUrl, topicUrl, url } from '../../src/utils/url';

describe('url', () => {
  it('joins a path to the root base', () => {
    expect(url('search/', '/')).toBe('/search/');
    expect(url('', '/')).toBe('/');
  });

  it('links to the home page when given no path, as the footer does', () => {
    expect(url(undefined, '/kb/')).toBe('/kb/');
  });

  it('puts exactly one slash between a project base and the path', () => {
    // BASE_URL mirrors `base` exactly, so '/kb' + 'search/' must not become '/kbsearch/'.
    for (const base of ['/kb', '/kb/', 'kb', 'kb/']) {
      expect(url('search/', base)).toBe('/kb/search/');
      expect(url('/search/', base)).toBe('/kb/search/');
    }
    expect(url('', '/kb')).toBe('/kb/');
  });

  it('keeps the inner slash of a nested base', () => {
    expect(url('search/', '/notes/ml/')).toBe('/notes/ml/search/');
    expect(url('search/', '/notes/ml')).toBe('/notes/ml/search/');
  });

  it('keeps fragments and queries', () => {
    expect(url('search/?q=adam#top', '/kb/')).toBe('/kb/search/?q=adam#top');
  });

  it('builds article, topic and tag URLs under the base', () => {
    expect(articleUrl('adam-adamw', '/kb/')).toBe('/kb/articles/adam-adamw/');
    expect(topicUrl('optimization', '/')).toBe('/topics/optimization/');
    expect(tagUrl('权重衰减', '/kb/')).toBe('/kb/tags/权重衰减/');
    // The tag page's URL uses the slug, so `Weight Decay` and `weight decay` share one page.
    expect(tagUrl('Weight Decay', '/kb/')).toBe('/kb/tags/weight-decay/');
    expect(tagUrl('PyTorch', '/')).toBe('/tags/pytorch/');
  });
});

describe('absoluteUrl', () => {
  it('puts the origin before a path that already carries the base', () => {
    expect(absoluteUrl(articleUrl('adam-adamw', '/kb/'), 'https://user.github.io')).toBe(
      'https://user.github.io/kb/articles/adam-adamw/',
    );
    expect(absoluteUrl(url('', '/'), 'https://notes.example.org')).toBe('https://notes.example.org/');
  });

  it('refuses a path without its leading slash, which would lose the base path', () => {
    expect(() => absoluteUrl('articles/adam-adamw/', 'https://user.github.io')).toThrow(/url\(\)/);
  });
});

describe('socialCardUrl', () => {
  it('names the home card and each article card under the base', () => {
    expect(socialCardUrl(undefined, '/kb/')).toBe('/kb/og/index.png');
    expect(socialCardUrl('adam-adamw', '/')).toBe('/og/articles/adam-adamw.png');
  });
});

describe('tagSlug', () => {
  it('merges case and spacing variants and drops characters unsafe in file names', () => {
    expect(tagSlug('PyTorch')).toBe(tagSlug('pytorch'));
    expect(tagSlug(' Weight Decay ')).toBe('weight-decay');
    expect(tagSlug('Weight  Decay')).toBe('weight-decay');
    expect(tagSlug('weight_decay')).toBe('weight-decay');
    expect(tagSlug('a/b?c#d')).toBe('abcd');
    expect(tagSlug('状态空间模型')).toBe('状态空间模型');
  });
});
