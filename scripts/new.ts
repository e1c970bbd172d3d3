/**
 * `npm run new -- "标题" [--topic id] [--slug name] [--draft]`: creates `content/<slug>.md` with
 * valid frontmatter and prints its path (see `src/new-article.ts`). Without `--topic`, asks for
 * one when run in a terminal, and otherwise lists the topics and stops.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const load = <T>(path: string) =>
  runnerImport<T>(path, { configFile: false, logLevel: 'error' }).then((loaded) => loaded.module);
const { createArticle } = await load<typeof import('../src/new-article')>('./src/new-article.ts');
const { topicIds, topics } = await load<typeof import('../src/topics')>('./src/topics.ts');
const { contentDir } = await load<typeof import('../src/content-dir')>('./src/content-dir.ts');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { topic: { type: 'string' }, slug: { type: 'string' }, draft: { type: 'boolean', default: false } },
});
const title = positionals.join(' ').trim();
const topicList = topicIds.map((id, i) => `  ${i + 1}. ${id}（${topics[id].name}）`).join('\n');
if (title === '') {
  console.error('用法：npm run new -- "标题" [--topic 主题] [--slug 文件名] [--draft]');
  process.exit(1);
}

let topic = values.topic;
if (topic === undefined && process.stdin.isTTY) {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = (await prompt.question(`选择主题（输入序号或 id）：\n${topicList}\n> `)).trim();
  prompt.close();
  topic = topicIds[Number(answer) - 1] ?? answer;
}
if (topic === undefined) {
  console.error(`请用 --topic 指定主题：\n${topicList}`);
  process.exit(1);
}

try {
  const path = createArticle({
    title,
    topic: topic as (typeof topicIds)[number],
    slug: values.slug,
    draft: values.draft,
    contentDir,
  });
  console.log(path);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
