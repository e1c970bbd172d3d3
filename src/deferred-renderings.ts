import { setImmediate as eventLoopTurn, setTimeout as sleep } from 'node:timers/promises';
import type { RenderDependency } from './plugins/render-dependencies';

/**
 * What the content store keeps of an article's rendering: where the loader wrote its HTML (the
 * records file sits beside it), what the rendering read, and under `astro dev` the content error
 * it failed with.
 */
export interface StoredRendering {
  htmlFile: string;
  dependencies: RenderDependency[];
  /** The key of the article's file it was rendered from (path and text). */
  source?: string;
  renderProblem?: { message: string; loc?: { file: string; line: number; column: number } };
}

/** A rendering and the digest it was made under (see `renderDigest`). */
export interface Rendering {
  digest: string;
  stored: StoredRendering;
}

/** What the store keeps of an article whose rendering was deferred: the key of the source it was deferred with. */
export interface DeferredMarker {
  deferredRendering: string;
}

/** The key an article's rendering was deferred under, when the stored frontmatter is a {@link DeferredMarker}. */
export function deferredKey(frontmatter: Record<string, unknown>): string | undefined {
  const { deferredRendering } = frontmatter;
  return typeof deferredRendering === 'string' ? deferredRendering : undefined;
}

interface Job {
  key: string;
  render: () => Promise<Rendering>;
}

/**
 * The articles the first sync under `astro dev` left unrendered, rendered one at a time in the
 * background, or at once when a page asks for one. A cold start of a 1,000-article site spent 15
 * minutes rendering every article before the server could answer; now it answers as soon as the
 * frontmatter is read, and the page a reader opens renders its own article first. Until the
 * background has finished, what is read across articles (backlinks, related articles, the topic
 * map) counts only the articles rendered so far; `onDrained` lets the loader then store every
 * rendering, which reloads the browser with the whole graph.
 *
 * Pages run in Vite's module runner, which loads its own copy of the site's modules, so the
 * loader and the pages share one instance through {@link deferredRenderings}, not a module.
 */
export class DeferredRenderings {
  readonly #waiting = new Map<string, Job>();
  readonly #running = new Map<string, { key: string; rendering: Promise<Rendering> }>();
  readonly #finished = new Map<string, { key: string; rendering: Rendering }>();
  readonly #failed = new Map<string, { key: string; error: unknown }>();
  #priority = 0;
  #quietUntil = 0;
  #draining: Promise<void> | undefined;
  #stopped = false;

  /** Leaves `id` to render later, from the source whose key is `key` (replacing an older job). */
  defer(id: string, key: string, render: () => Promise<Rendering>): void {
    this.forget(id);
    this.#waiting.set(id, { key, render });
  }

  /** Drops what is known of `id`: the loader rendered or deleted it itself. */
  forget(id: string): void {
    this.#waiting.delete(id);
    this.#finished.delete(id);
    this.#failed.delete(id);
  }

  /** Whether `id`, from the source `key`, waits to render or is rendering. */
  has(id: string, key: string): boolean {
    return this.#waiting.get(id)?.key === key || this.#running.get(id)?.key === key;
  }

  /** How many articles are still to render. */
  get waiting(): number {
    return this.#waiting.size + this.#running.size;
  }

  /** The rendering of `id` from the source `key`, if it has finished. */
  finished(id: string, key: string): Rendering | undefined {
    const done = this.#finished.get(id);
    return done?.key === key ? done.rendering : undefined;
  }

  /**
   * The rendering of `id`: finished, under way, or started now ahead of the background. `key` is
   * the source the page's store entry was deferred with; when the registry holds a newer one (the
   * server restarted its loader, or the file changed, and the page has not been reloaded yet),
   * the newer is rendered, since it is what the page will show after the reload.
   */
  async rendering(id: string, key: string): Promise<Rendering> {
    const done = this.#finished.get(id);
    if (done) return done.rendering;
    const running = this.#running.get(id);
    if (running) return running.rendering;
    const failed = this.#failed.get(id);
    if (failed) throw failed.error;
    const job = this.#waiting.get(id);
    if (!job) throw new Error(`${id}: no rendering of it was deferred (${key}); reload the page`);
    return this.first(() => this.#run(id, job));
  }

  /**
   * Runs `work` ahead of the background, which waits until it is done: a page's own rendering, or
   * a sync after an edit (one turn of the event loop per article: interleaved with the background,
   * a sync of 1,000 articles would wait for up to 1,000 renderings).
   */
  async first<T>(work: () => Promise<T>): Promise<T> {
    this.#priority++;
    try {
      return await work();
    } finally {
      this.#priority--;
      this.#quietUntil = Math.max(this.#quietUntil, performance.now() + QUIET_AFTER_FIRST_MS);
    }
  }

  /** Whether the background should wait: other work is under way, or has just ended. */
  #busy(): boolean {
    const now = performance.now();
    const { requestsInFlight, lastRequestClosed } = shared();
    return (
      this.#priority > 0 ||
      this.#running.size > 0 ||
      now < this.#quietUntil ||
      requestsInFlight > 0 ||
      now < lastRequestClosed + QUIET_AFTER_REQUEST_MS
    );
  }

  /**
   * Renders every waiting article, one at a time, giving way while the server answers a request
   * ({@link countRequest}) or other work comes {@link first}; then calls `onDrained` once. Started
   * once; later calls join the same run.
   *
   * Giving way matters more than it seems: rendering an article is half a second of synchronous
   * work, and answering the first request for a page takes Vite hundreds of steps, each waiting
   * for the event loop. Without it, the first page of a 100-article site came only when all 100
   * were rendered (40 s after the server was ready). The same holds for what follows a sync:
   * Astro writes its store in chunks and Vite reloads it, all outside any request. Without the
   * quiet period after a sync, an edit at 1,000 articles took 17 s to show, against 3 s.
   */
  drain(onDrained: () => Promise<void>, onError: (id: string, error: unknown) => void): Promise<void> {
    this.#draining ??= (async () => {
      for (;;) {
        await eventLoopTurn();
        while (this.#busy()) await sleep(50);
        if (this.#stopped) return;
        const next = this.#waiting.entries().next();
        if (next.done) break;
        const [id, job] = next.value;
        await this.#run(id, job).catch((error: unknown) => onError(id, error));
      }
      this.#draining = undefined;
      if (!this.#stopped) await onDrained();
    })();
    return this.#draining;
  }

  /** Stops the background run after the article it is rendering (the loader was started again). */
  stop(): void {
    this.#stopped = true;
  }

  #run(id: string, job: Job): Promise<Rendering> {
    this.#waiting.delete(id);
    const rendering = job.render().then(
      (done) => {
        this.#running.delete(id);
        this.#finished.set(id, { key: job.key, rendering: done });
        return done;
      },
      (error: unknown) => {
        this.#running.delete(id);
        this.#failed.set(id, { key: job.key, error });
        throw error;
      },
    );
    this.#running.set(id, { key: job.key, rendering });
    return rendering;
  }
}

/**
 * What the loader, the pages and the dev server's middleware share. Vite's module runner loads
 * its own copy of this module, so the state lives on `globalThis`, under one key.
 */
interface SharedState {
  renderings?: DeferredRenderings;
  /** How many requests the dev server is answering now (see {@link countRequest}). */
  requestsInFlight: number;
  /** When the last response the dev server sent closed (`performance.now()`). */
  lastRequestClosed: number;
}

const SHARED = Symbol.for('ml-notes.deferred-renderings');

function shared(): SharedState {
  const global = globalThis as { [SHARED]?: SharedState };
  global[SHARED] ??= { requestsInFlight: 0, lastRequestClosed: Number.NEGATIVE_INFINITY };
  return global[SHARED];
}

/** The process's {@link DeferredRenderings}, shared by the loader and the pages under `astro dev`; none in a build. */
export function deferredRenderings(): DeferredRenderings | undefined {
  return shared().renderings;
}

/** Makes `renderings` the process's {@link deferredRenderings}, stopping the one before it. */
export function shareDeferredRenderings(renderings: DeferredRenderings): void {
  shared().renderings?.stop();
  shared().renderings = renderings;
}

/**
 * How long the background waits after a sync or a page's rendering ({@link DeferredRenderings.first}):
 * Astro saves its store half a second after the last change, then Vite reloads it.
 */
const QUIET_AFTER_FIRST_MS = 3000;

/** How long the background waits after a response: a page load is a chain of requests. */
const QUIET_AFTER_REQUEST_MS = 1000;

/**
 * Counts a request the dev server has started to answer, until its response closes (sent, or the
 * connection dropped): meanwhile the background renderings wait, so pages come first.
 */
export function countRequest(response: { once(event: 'close', listener: () => void): unknown }): void {
  const state = shared();
  state.requestsInFlight++;
  response.once('close', () => {
    state.requestsInFlight--;
    state.lastRequestClosed = performance.now();
  });
}
