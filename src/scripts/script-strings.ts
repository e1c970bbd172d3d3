import type { ScriptString } from '../strings';

let strings: Partial<Record<ScriptString, string>> | undefined;

/**
 * One of the interface words the page's scripts show, as the page wrote them into its
 * `data-script-strings` attribute (see `scriptStrings` in src/strings.ts, where they are
 * defined). Reading them from the page keeps the rest of the site's words out of its script.
 */
export function scriptString(key: ScriptString): string {
  if (!strings) {
    const json = document.querySelector<HTMLElement>('[data-script-strings]')?.dataset.scriptStrings;
    strings = json ? (JSON.parse(json) as typeof strings) : {};
  }
  return strings?.[key] ?? '';
}
