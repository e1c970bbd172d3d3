import { describe, expect, it } from 'vitest';
import { deployment } from '../../src/utils/deployment';

describe('deployment', () => {
  it('defaults to the root of a local origin', () => {
    expect(deployment({})).toEqual({ site: 'http://localhost:4321', base: '/' });
  });

  it('normalizes every way of writing a project base path', () => {
    for (const BASE_PATH of ['kb', '/kb', 'kb/', '/kb/', ' /kb/ ']) {
      expect(deployment({ BASE_PATH }).base).toBe('/kb/');
    }
    expect(deployment({ BASE_PATH: '' }).base).toBe('/');
    expect(deployment({ BASE_PATH: '/' }).base).toBe('/');
  });

  it('takes the origin from SITE_URL without a trailing slash', () => {
    expect(deployment({ SITE_URL: 'https://user.github.io/' }).site).toBe('https://user.github.io');
  });

  it('rejects a SITE_URL with a path, which belongs in BASE_PATH', () => {
    expect(() => deployment({ SITE_URL: 'https://user.github.io/repo' })).toThrow(/BASE_PATH|origin/);
  });
});
