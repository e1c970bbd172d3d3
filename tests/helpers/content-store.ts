import type { LoaderContext } from 'astro/loaders';

/** An entry of Astro's content store. */
export type DataEntry = Parameters<LoaderContext['store']['set']>[0];

/** Astro's content store as a plain map, for running the content loader outside Astro. */
export function fakeStore(entries: Map<string, DataEntry>): LoaderContext['store'] {
  return {
    get: (id: string) => entries.get(id),
    set: (entry: DataEntry) => {
      entries.set(entry.id, entry);
      return true;
    },
    delete: (id: string) => {
      entries.delete(id);
    },
    keys: () => [...entries.keys()],
  } as unknown as LoaderContext['store'];
}
