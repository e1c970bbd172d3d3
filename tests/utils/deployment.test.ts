import { describe, expect, it } from 'vitest';
import { deployment } from '../../src/utils/deployment';

describe('deployment', () => {
  it('defaults to the root of a local origin', () => {
    expect(deployment({})).toEqual({ site: 'http://localhost:4321', base: '/' });
  });

  it('normalizes every way of writing a project base path', () => {
    for (const BASE_PATH of ['kb', '/kb', 'kb/', '/kb/', ' /kb/ ', '//kb//']) {
      expect(deployment({ BASE_PATH }).base).toBe('/kb/');
    }
    expect(deployment({ BASE_PATH: '' }).base).toBe('/');
    expect(deployment({ BASE_PATH: '/' }).base).toBe('/');
  });

  it('keeps the inner slashes of a nested base path', () => {
    expect(deployment({ BASE_PATH: '/notes/ml/' }).base).toBe('/notes/ml/');
    expect(deployment({ BASE_PATH: 'notes/ml' }).base).toBe('/notes/ml/');
  });

  it('takes the origin from SITE_URL without trailing slashes or surrounding whitespace', () => {
    expect(deployment({ SITE_URL: 'https://user.github.io/' }).site).toBe('https://user.github.io');
    expect(deployment({ SITE_URL: 'https://user.github.io//' }).site).toBe('https://user.github.io');
    expect(deployment({ SITE_URL: ' https://user.github.io\n' }).site).toBe('https://user.github.io');
  });

  it('rejects a SITE_URL with a path, which belongs in BASE_PATH', () => {
    expect(() => deployment({ SITE_URL: 'https://user.github.io/repo' })).toThrow(/BASE_PATH|origin/);
  });

  it('rejects a SITE_URL that does not start with the scheme, such as one kept in quotes', () => {
    expect(() => deployment({ SITE_URL: '"https://user.github.io"' })).toThrow(/origin/);
  });
});
