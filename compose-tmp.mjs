import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';

const html = readFileSync(process.argv[2], 'utf8');
const gz = (s) => gzipSync(s, { level: 9 }).length;
const base = toHtml(fromHtml(html));
console.log('roundtrip', base.length, gz(base));
let count = 0;
visit(fromHtml(html), 'element', () => {
  count++;
});
console.log('elements', count);
const cats = {
  mathml: (n) => n.properties.className?.includes('katex-mathml'),
  annotation: (n) => n.tagName === 'annotation',
  'katex-html': (n) => n.properties.className?.includes('katex-html'),
  'all-katex': (n) => n.properties.className?.includes('katex'),
  'search-text': (n) => n.properties.className?.includes('math-search-text'),
  svg: (n) => n.tagName === 'svg',
  toc: (n) => n.tagName === 'aside' && n.properties.className?.includes('toc-slot'),
  sidenotes: (n) => n.properties.className?.includes('sidenote'),
  footnotes: (n) => n.properties.className?.includes('footnotes'),
  endsections: (n) => n.properties.className?.includes('end-section'),
  references: (n) => n.properties.className?.includes('references'),
  code: (n) => n.tagName === 'pre',
  astrocid: null,
};
for (const [name, pred] of Object.entries(cats)) {
  const tree = fromHtml(html);
  let n = 0,
    elems = 0;
  if (pred)
    visit(tree, 'element', (node, i, parent) => {
      if (pred(node)) {
        let c = 0;
        visit(node, 'element', () => {
          c++;
        });
        elems += c;
        n++;
        parent.children.splice(i, 1);
        return [SKIP, i];
      }
    });
  else
    visit(tree, 'element', (node) => {
      for (const k of Object.keys(node.properties))
        if (k.startsWith('dataAstroCid')) {
          delete node.properties[k];
          n++;
        }
    });
  const s = toHtml(tree);
  console.log(name.padEnd(12), 'n', n, 'elements', elems, 'raw -', base.length - s.length, 'gz -', gz(base) - gz(s));
}
