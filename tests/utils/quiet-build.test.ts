import { describe, expect, it } from 'vitest';
import { isAstroHeadInjectWarning } from '../../src/integrations/quiet-build';

describe('isAstroHeadInjectWarning', () => {
  it('matches the directive warning Astro causes for each article, and no other warning', () => {
    const message = (directive: string) =>
      `The semantics of the module level directive "${directive}" in "content/map.md?astroPropagatedAssets" may not be preserved when bundling.`;
    expect(
      isAstroHeadInjectWarning({ code: 'MODULE_LEVEL_DIRECTIVE', message: message('use astro:head-inject') }),
    ).toBe(true);
    expect(isAstroHeadInjectWarning({ code: 'MODULE_LEVEL_DIRECTIVE', message: message('use client') })).toBe(false);
    expect(isAstroHeadInjectWarning({ code: 'CIRCULAR_DEPENDENCY', message: 'use astro:head-inject' })).toBe(false);
  });
});
