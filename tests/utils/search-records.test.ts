import { describe, expect, it } from 'vitest';
import { searchRecords } from '../../src/search-records';

const page = `<!doctype html><html lang="zh-CN"><head><title>x</title></head><body>
<nav>站点导航</nav>
<article data-pagefind-body>
  <header><h1 data-pagefind-meta="title">Adam 与 AdamW</h1>
    <p data-pagefind-ignore><a data-pagefind-filter="topic:optimization">优化</a><a data-pagefind-filter="tag:adam">Adam</a></p></header>
  <div class="prose">
    <p>开头一段。</p>
    <h2 id="偏差修正">偏差修正<a class="heading-anchor" href="#偏差修正">#</a></h2>
    <p>修正一段。</p>
    <h3 id="为什么是-1-betat">为什么是 <span hidden class="math-search-text"> 1-\\beta^t </span><span class="katex"><span class="katex-mathml"><math><semantics><mrow></mrow><annotation encoding="application/x-tex">1-\\beta^t</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">1−β</span></span></span></span></h3>
    <p>原因一段。</p>
    <section class="references"><h2 id="references">参考文献</h2><ol><li>Kingma &amp; Ba</li></ol></section>
  </div>
  <section class="glossary-terms" data-pagefind-weight="4"><h2 id="glossary-terms">本文讲解的术语</h2><p>偏差修正（bias correction）</p></section>
</article></body></html>`;

describe('search records: one per section of a page', () => {
  const records = searchRecords(page, '/articles/adam/');

  it('cuts the page at its h2/h3 headings and the sections that open with one, each at its own URL', () => {
    expect(records.map((r) => r.url)).toEqual([
      '/articles/adam/',
      '/articles/adam/#偏差修正',
      '/articles/adam/#为什么是-1-betat',
      '/articles/adam/#references',
    ]);
  });

  it('keeps each section’s text in its record only, and what is outside the prose with the opening', () => {
    const [opening, correction, why] = records.map((r) => r.html);
    expect(opening).toContain('开头一段');
    expect(opening).toContain('本文讲解的术语');
    expect(opening).toContain('data-pagefind-weight="4"');
    expect(opening).not.toContain('修正一段');
    expect(correction).toContain('修正一段');
    expect(correction).not.toContain('原因一段');
    expect(why).toContain('原因一段');
    expect(records.map((r) => r.html).join('')).not.toContain('站点导航');
  });

  it('gives every record the page title, its heading as text (formulas as TeX), the filters and the language', () => {
    for (const record of records) {
      expect(record.html).toContain('<html lang="zh-CN">');
      expect(record.html).toMatch(/<span data-pagefind-meta="title" data-pagefind-ignore(="")?>Adam 与 AdamW<\/span>/);
      expect(record.html).toContain('data-pagefind-filter="topic:optimization"');
      expect(record.html).toContain('data-pagefind-filter="tag:adam"');
    }
    const section = (i: number) => records[i]?.html.match(/data-pagefind-meta="section"[^>]*>([^<]*)</)?.[1];
    expect(section(1)).toBe('偏差修正');
    expect(section(2)).toBe('为什么是 1-\\beta^t');
  });

  it('marks only the opening as the page, so filters alone list pages, not sections', () => {
    expect(records.filter((r) => r.html.includes('data-pagefind-filter="record:page"')).map((r) => r.url)).toEqual([
      '/articles/adam/',
    ]);
  });

  it('leaves KaTeX’s typeset HTML out of every record, keeping the text around it and the formula’s TeX', () => {
    const all = records.map((r) => r.html).join('');
    expect(all).not.toContain('katex');
    expect(all).not.toContain('1−β');
    expect(records[2]?.html).toContain('1-\\beta^t');
    expect(records[2]?.html).toContain('原因一段');
  });

  it('gives no record for a page without a search body', () => {
    expect(searchRecords('<html><body><p>首页</p></body></html>', '/')).toEqual([]);
  });

  it('cuts by tags, not by a parse: attribute values holding `>`, void and self-closing elements and comments do not shift a cut', () => {
    const tricky = page
      .replace(
        '<p>修正一段。</p>',
        '<p>修正一段<img alt="a > b"><br></p><!-- <h2 id="not-a-heading"> --><svg><path d="M0 0"/></svg><p title=\'x>y\'>尾句</p>',
      )
      .replace('<p>原因一段。</p>', '<figure><h2>图中的标题</h2></figure><p>原因一段。</p>');
    const cut = searchRecords(tricky, '/articles/adam/');
    expect(cut.map((r) => r.url)).toEqual(records.map((r) => r.url));
    expect(cut[1]?.html).toContain('尾句');
    expect(cut[2]?.html).toContain('图中的标题');
    expect(cut[2]?.html).toContain('原因一段');
  });

  it('fails on a body whose tags do not balance, rather than indexing a wrong cut', () => {
    const broken = page.replace('<p>修正一段。</p>', '<div><p>修正一段。</p>');
    expect(() => searchRecords(broken, '/articles/adam/')).toThrow(/Unbalanced HTML/);
  });
});
