import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  inlineHashes,
  withContentSecurityPolicy,
} from '../../src/integrations/content-security-policy';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const page = (head: string, body = '') =>
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

describe('inlineHashes', () => {
  it('hashes exactly the text of each inline script and style element', () => {
    const theme = "\n  document.documentElement.dataset.theme = 'dark';\n";
    const html = page(
      `<script>${theme}</script><style>.a{color:red}</style><script type="module" src="/kb/_astro/x.js"></script>`,
      '<script type="module">import("/kb/pagefind/pagefind.js")</script>',
    );
    expect(inlineHashes(html)).toEqual({
      scripts: [hash(theme), hash('import("/kb/pagefind/pagefind.js")')],
      styles: [hash('.a{color:red}')],
    });
  });

  it('leaves out data blocks such as JSON-LD, which are never run', () => {
    expect(inlineHashes(page('<script type="application/ld+json">{"a":1}</script>')).scripts).toEqual([]);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows the site’s own scripts and styles, the page’s inline ones by hash, and nothing inline else', () => {
    const policy = contentSecurityPolicy({ scripts: ["'sha256-s'"], styles: ["'sha256-t'"] });
    const directives = new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", "'sha256-s'"]);
    expect(directives.get('style-src')).toEqual(["'self'", "'sha256-t'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval|hashes)'/);
  });
});

describe('withContentSecurityPolicy', () => {
  it('puts the policy right after the charset, before any script', () => {
    const html = withContentSecurityPolicy(page('<title>x</title><script>1</script>'), 'index.html');
    expect(html).toMatch(
      /^<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/,
    );
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script>'));
  });

  it('fails naming the page when an element has an inline event handler the policy would block', () => {
    expect(() =>
      withContentSecurityPolicy(page('', '<button onclick="go()">走</button>'), 'articles/x/index.html'),
    ).toThrow(/articles\/x\/index\.html: an inline event handler/);
  });
});
