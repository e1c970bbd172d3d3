import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GLOSSARY_FILE } from './glossary';
import { articleAnchors } from './plugins/article-anchors';
import { loadBibliography } from './plugins/bibliography';
import type { RenderDependency } from './plugins/render-dependencies';

/** What a digest is computed against: the site's folders and base path. */
export interface DigestContext {
  /** The repository root: `src/`, `package-lock.json` and `astro.config.ts` are read from here. */
  rootDir: string;
  /** The content folder (articles, `references.bib`, `glossary.yaml`). */
  contentDir: string;
  /** The base path, which every internal URL of the HTML carries. */
  base: string;
}

const hash = (...parts: string[]) => {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\0');
  return digest.digest('hex').slice(0, 32);
};

const readOrMissing = (path: string) => (existsSync(path) && statSync(path).isFile() ? readFileSync(path) : 'missing');

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The file an import specifier names, as Vite resolves the project's own `.ts` imports. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * The project's own modules `entry` imports, directly or not, itself included, sorted; `stop`
 * says which modules to include without following their imports. Read from the source text, so
 * it costs no bundling: every relative `import … from './x'` (and `import('./x')`) is followed.
 */
export function moduleClosure(entry: string, stop: (file: string) => boolean = () => false): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (stop(file) && file !== entry) return;
    for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolveImport(file, specifier);
      if (target) visit(target);
    }
  };
  visit(resolve(entry));
  return [...seen].sort();
}

/** A hash of the files' contents (and names). */
function filesHash(files: readonly string[]): string {
  return hash(...files.flatMap((file) => [file, readFileSync(file, 'utf8')]));
}

/**
 * The figure modules and the numerics behind them are a rendering's own dependencies
 * (`figure:<name>`): editing one re-renders only the articles that draw it. Everything else the
 * pipeline imports is its code, and a change there re-renders every article.
 */
const isFigureCode = (rootDir: string) => (file: string) =>
  (file.startsWith(join(rootDir, 'src/figures/')) && file !== join(rootDir, 'src/figures/index.ts')) ||
  file.startsWith(join(rootDir, 'src/numerics/'));

/**
 * What every rendering depends on: the pipeline's code (every module `src/content.config.ts`
 * imports, figure modules aside), the installed packages (`package-lock.json`: KaTeX, Shiki,
 * remark and rehype), `astro.config.ts`, the glossary (every article is searched for its terms),
 * the content folder and the base path. Computed once per build.
 */
export function pipelineVersion({ rootDir, contentDir, base }: DigestContext): string {
  const code = moduleClosure(join(rootDir, 'src/content.config.ts'), isFigureCode(rootDir)).filter(
    (file) => !isFigureCode(rootDir)(file),
  );
  return hash(
    'render-v1',
    filesHash(code),
    String(readOrMissing(join(rootDir, 'package-lock.json'))),
    String(readOrMissing(join(rootDir, 'astro.config.ts'))),
    String(readOrMissing(join(contentDir, GLOSSARY_FILE))),
    contentDir,
    base,
  );
}

/**
 * Hashes of dependencies, memoized for one build: each bibliography entry, figure module and
 * linked article is hashed once however many articles depend on it.
 */
export class DependencyHashes {
  private readonly known = new Map<string, Promise<string>>();

  constructor(private readonly context: DigestContext) {}

  /** One hash for a rendering's recorded dependencies, in the order given. */
  async of(dependencies: readonly RenderDependency[]): Promise<string> {
    const hashes = await Promise.all(dependencies.map((dependency) => this.one(dependency)));
    return hash(...dependencies.flatMap((dependency, index) => [dependency, hashes[index] ?? '']));
  }

  private one(dependency: RenderDependency): Promise<string> {
    let value = this.known.get(dependency);
    if (!value) {
      value = this.compute(dependency).catch(() => `unreadable ${Math.random()}`);
      this.known.set(dependency, value);
    }
    return value;
  }

  private async compute(dependency: RenderDependency): Promise<string> {
    const [kind, ...rest] = dependency.split(':');
    const value = rest.join(':');
    const { rootDir, contentDir } = this.context;
    switch (kind) {
      case 'bib': {
        const reference = loadBibliography(join(contentDir, 'references.bib')).get(value);
        return reference ? hash(JSON.stringify(reference)) : 'missing';
      }
      case 'figure': {
        const module = join(rootDir, 'src/figures', `${value}.ts`);
        // A name that is not its module's file name: every figure's code, to be safe.
        const entry = existsSync(module) ? module : join(rootDir, 'src/figures/index.ts');
        return filesHash(moduleClosure(entry));
      }
      case 'article': {
        if (!existsSync(value)) return 'missing';
        const { title, ids } = await articleAnchors(value);
        // Positions say where a heading is in its file; a linking article shows only its text.
        return hash(JSON.stringify({ title, ids: [...ids] }, (key, field) => (key === 'position' ? undefined : field)));
      }
      case 'file':
        return hash(String(readOrMissing(value)));
      default:
        // An unknown kind cannot be checked, so it never matches: the article is rendered again.
        return `unknown ${Math.random()}`;
    }
  }
}

/**
 * The digest of an article's rendering: its path (the output depends on it: relative links, the
 * glossary leaves an article's own terms unlinked), its text, the pipeline, and its dependencies'
 * hashes. Two copies of one text at two paths are two renderings.
 */
export function renderDigest(path: string, source: string, pipeline: string, dependencies: string): string {
  return hash(path, source, pipeline, dependencies);
}
