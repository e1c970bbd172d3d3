import type { VFile } from 'vfile';

/**
 * Something an article's rendered HTML depends on besides its own file, recorded while it renders
 * so the content cache (`src/content-loader.ts`) knows when a stored rendering has gone stale:
 *
 * - `bib:<key>`: a cited entry of the bibliography (its number, text and links are in the page);
 * - `figure:<name>`: a figure module of `src/figures/` (its SVG is in the page);
 * - `article:<path>`: another article linked to (its title and anchors are checked or shown);
 * - `file:<path>`: a file read or checked (included code, an image).
 */
export type RenderDependency = `${'bib' | 'figure' | 'article' | 'file'}:${string}`;

/**
 * Adds `dependency` to the file's list, which the renderer hands back as
 * `metadata.frontmatter.dependencies` (the way rehype-toc hands back the table of contents).
 */
export function recordDependency(file: VFile, dependency: RenderDependency): void {
  file.data.astro ??= {};
  const astro = file.data.astro as { frontmatter?: Record<string, unknown> };
  astro.frontmatter ??= {};
  astro.frontmatter.dependencies ??= [];
  const list = astro.frontmatter.dependencies as RenderDependency[];
  if (!list.includes(dependency)) list.push(dependency);
}

/** The dependencies a rendering recorded, from its frontmatter (empty when it recorded none). */
export function recordedDependencies(frontmatter: Record<string, unknown> | undefined): RenderDependency[] {
  const list = frontmatter?.dependencies;
  return Array.isArray(list) ? (list as RenderDependency[]) : [];
}
