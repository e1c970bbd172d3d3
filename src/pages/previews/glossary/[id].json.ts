import type { APIRoute, GetStaticPaths } from 'astro';
import { contentDir } from '../../../content-dir';
import { type GlossaryEntry, loadGlossary, renderDefinition } from '../../../glossary';
import { glossarySources } from '../../../glossary-sources';
import type { TermPreview } from '../../../utils/previews';

export const getStaticPaths = (async () => {
  const entries = loadGlossary(contentDir);
  const sources = await glossarySources(entries);
  return entries.map((entry) => ({ params: { id: entry.id }, props: { entry, source: sources.get(entry.id) } }));
}) satisfies GetStaticPaths;

/** One glossary term's preview data (see `TermPreview`). */
export const GET: APIRoute<{ entry: GlossaryEntry; source: TermPreview['source'] }> = ({
  props: { entry, source },
}) => {
  const preview: TermPreview = {
    zh: entry.zh,
    en: entry.en,
    ...(entry.abbr ? { abbr: entry.abbr } : {}),
    definition: renderDefinition(entry.definition),
    source,
  };
  return new Response(JSON.stringify(preview), { headers: { 'Content-Type': 'application/json' } });
};
