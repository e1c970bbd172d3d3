import { describe, expect, it } from 'vitest';
import { withHighlight } from '../../src/scripts/arrival-highlight';

describe('search result links carry the searched words', () => {
  it('adds the words as a query parameter before the fragment, encoded', () => {
    expect(withHighlight('/kb/articles/adam-adamw/', '权重衰减')).toBe(
      `/kb/articles/adam-adamw/?highlight=${encodeURIComponent('权重衰减')}`,
    );
    expect(withHighlight('/a/#%E5%B0%8F%E7%BB%93', 'linear attention')).toBe(
      '/a/?highlight=linear%20attention#%E5%B0%8F%E7%BB%93',
    );
    expect(withHighlight('/a/?x=1#s', 'q')).toBe('/a/?x=1&highlight=q#s');
    // A list made by filters alone has no words to carry.
    expect(withHighlight('/a/#s', ' ')).toBe('/a/#s');
  });
});
