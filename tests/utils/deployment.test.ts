import { describe, expect, it } from 'vitest';
import { checkSiteUrl, deployment } from '../../src/utils/deployment';

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

describe('checkSiteUrl', () => {
  it('says nothing about a real origin', () => {
    expect(checkSiteUrl('https://user.github.io', {})).toBeUndefined();
    expect(checkSiteUrl('https://notes.example.org', { CI: 'true' })).toBeUndefined();
  });

  it('warns a local build that its URLs point at localhost, and says how to set them', () => {
    const verdict = checkSiteUrl(deployment({}).site, {});
    expect(verdict?.fatal).toBe(false);
    expect(verdict?.message).toMatch(/SITE_URL/);
    expect(verdict?.message).toContain('http://localhost:4321');
  });

  it('stops a build on a CI machine, which would publish those URLs', () => {
    expect(checkSiteUrl('http://localhost:4321', { CI: 'true' })?.fatal).toBe(true);
    expect(checkSiteUrl('http://127.0.0.1:8080', { CI: '1' })?.fatal).toBe(true);
  });
});
