import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GlossaryEntry, loadGlossary, parseGlossary, renderDefinition } from '../../src/glossary';
import { byLetter, letterOf, sortEntries } from '../../src/utils/glossary-index';

const contentDir = resolve('tests/fixtures/glossary');
const parse = (yaml: string) => parseGlossary(yaml, 'content/glossary.yaml', contentDir);
const entry = (fields: string) =>
  `- id: weight-decay\n  zh: 权重衰减\n  en: weight decay\n  definition: 一句话。\n  article: explainer\n${fields}`;

describe('the glossary file', () => {
  it('reads entries with their lines, article and section', () => {
    const entries = loadGlossary(contentDir);
    expect(entries.map((e) => e.id)).toEqual([
      'weight-decay',
      'decoupled-weight-decay',
      'state-space-model',
      'average-precision',
      'mean-average-precision',
    ]);
    expect(entries[0]).toMatchObject({ article: 'explainer', section: '权重衰减', line: 3, aliases: [] });
    expect(entries[2]?.abbr).toBe('SSM');
    expect(loadGlossary(resolve('tests/fixtures/content'))).toEqual([]);
  });

  it('names the line and the fix for each kind of mistake', () => {
    expect(() => parse('- id: a\n  zh: 术语: 冒号\n  en: x\n')).toThrow(
      /content\/glossary\.yaml:2 术语表不是合法的 YAML/,
    );
    expect(() => parse(entry('  defintion: 拼错的字段\n'))).toThrow(
      /glossary\.yaml:6 未知字段 "defintion"（是不是 "definition"？）/,
    );
    expect(() => parse('- id: a\n  zh: 术语\n  en: term\n  article: explainer\n')).toThrow(
      /glossary\.yaml:1 条目 "a"缺少字段 definition/,
    );
    expect(() => parse(entry('').replace('weight-decay', 'Weight Decay'))).toThrow(
      /:1 id "Weight Decay" 只能用小写字母/,
    );
    expect(() => parse(entry('').replace('article: explainer', 'article: nowhere#x'))).toThrow(
      /:1 "weight-decay" 的 article 指向不存在的文章 "nowhere"/,
    );
    expect(() => parse(entry('').replace('一句话。', '公式 $\\frac{1}{$ 坏了。'))).toThrow(
      /:1 "weight-decay" 的 definition 中的公式无法解析/,
    );
    expect(() => parse('- x\n')).toThrow(/:1 每个条目应是 "字段: 值" 的映射/);
  });

  it('lists every mistaken entry, not only the first, and still checks the entries after them', () => {
    const item = (id: string, lines: string) => `- id: ${id}\n  zh: ${id}词\n  ${lines}\n  article: explainer\n`;
    const yaml =
      entry('') + // lines 1-5, correct
      item('second', 'en: second\n  definition: 一句话。\n  defintion: 拼错') + // 6-11, the typo on 10
      item('third', 'en: third\n  definition: 公式 $\\frac{1}{$ 坏了。') + // 12-16
      item('fourth', 'en: Weight Decay\n  definition: 一句话。'); // 17-21
    const error = (() => {
      try {
        parse(yaml);
      } catch (caught) {
        return (caught as Error).message;
      }
      return '';
    })();
    expect(error.split('\n').map((line) => line.match(/^content\/glossary\.yaml:(\d+) /)?.[1])).toEqual([
      '10',
      '12',
      '17',
    ]);
    expect(error).toContain('未知字段 "defintion"');
    expect(error).toContain('"third" 的 definition 中的公式无法解析');
    expect(error).toContain('"fourth" 与第 1 行的 "weight-decay" 重复');
  });

  it('refuses a form that two entries claim, English compared ignoring case and hyphens', () => {
    const second = '- id: other\n  zh: 别的\n  en: Weight-Decay\n  definition: 一句话。\n  article: explainer\n';
    expect(() => parse(entry('') + second)).toThrow(
      /glossary\.yaml:6 "other" 与第 1 行的 "weight-decay" 重复（weight decay）/,
    );
    // Abbreviations keep their case: mAP and MAP are different terms.
    const abbr = (id: string, zh: string, a: string) =>
      `- id: ${id}\n  zh: ${zh}\n  en: ${id}\n  abbr: ${a}\n  definition: 一句话。\n  article: explainer\n`;
    expect(parse(abbr('one', '一', 'mAP') + abbr('two', '二', 'MAP'))).toHaveLength(2);
  });

  it('renders a definition with its math typeset and its text escaped', () => {
    const html = renderDefinition('若 $a<b$ 则用 `x<y` 与 <b>。');
    expect(html).toMatch(/^若 <span class="katex">.*<\/span> 则用 <code>x&lt;y<\/code> 与 &lt;b&gt;。$/);
  });
});

describe('the glossary index', () => {
  const e = (zh: string, en = zh) => ({ zh, en }) as GlossaryEntry;

  it('files Chinese terms under the pinyin of their first character, Latin ones under their letter', () => {
    expect(letterOf('状态空间模型')).toBe('Z');
    expect(letterOf('Adam')).toBe('A');
    expect(letterOf('重计算')).toBe('C');
    expect(letterOf('11 点 AP')).toBe('#');
  });

  it('sorts by pinyin with Latin terms among them, and groups by letter in order', () => {
    const sorted = sortEntries([e('状态空间模型'), e('Adam'), e('扩散模型'), e('半可分'), e('BigBird')]);
    expect(sorted.map((x) => x.zh)).toEqual(['Adam', '半可分', 'BigBird', '扩散模型', '状态空间模型']);
    expect(byLetter([e('状态空间模型'), e('Adam'), e('11 点 AP'), e('半可分')]).map(([l, g]) => [l, g.length])).toEqual(
      [
        ['#', 1],
        ['A', 1],
        ['B', 1],
        ['Z', 1],
      ],
    );
  });
});
