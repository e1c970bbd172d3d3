import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

interface Job {
  needs?: string | string[];
  environment?: { name?: string; url?: string };
  steps: Step[];
}

interface Workflow {
  on: { push?: { branches?: string[] }; workflow_dispatch?: unknown };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

/** The GitHub Pages workflow, as GitHub reads it. */
const workflow = parse(readFileSync('.github/workflows/deploy.yml', 'utf8')) as Workflow;
const jobs = Object.values(workflow.jobs);
const steps = jobs.flatMap((job) => job.steps);

/** The step that uses an action (`owner/name@version`), whatever its version. */
const stepUsing = (action: string) => steps.find((step) => step.uses?.split('@')[0] === action);

describe('the GitHub Pages workflow (.github/workflows/deploy.yml)', () => {
  it('deploys on every push to main, and on demand', () => {
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('has the permissions Pages deployment needs, and no more', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
  });

  it('uses the official actions, each pinned to a major version', () => {
    for (const action of [
      'actions/checkout',
      'actions/configure-pages',
      'actions/upload-pages-artifact',
      'actions/deploy-pages',
    ]) {
      expect(stepUsing(action)?.uses, action).toMatch(/@v\d+$/);
    }
    // The build: Astro's own action, or Node (22.12 or newer, which Astro 7 needs) and npm.
    const astroAction = stepUsing('withastro/action');
    if (!astroAction) {
      expect(Number(stepUsing('actions/setup-node')?.with?.['node-version'])).toBeGreaterThanOrEqual(22.12);
      expect(steps.map((step) => step.run)).toEqual(expect.arrayContaining(['npm ci', 'npm run build']));
    }
  });

  it('builds with the repository’s Pages URL and base path, and publishes what the build wrote', () => {
    const pages = stepUsing('actions/configure-pages');
    expect(pages?.id).toBeTruthy();
    const build = steps.find((step) => step.run === 'npm run build' || step.uses?.startsWith('withastro/action'));
    // configure-pages reports https://USER.github.io and /REPO for a project site, the custom domain and '' for one.
    expect(build?.env).toMatchObject({
      SITE_URL: `\${{ steps.${pages?.id}.outputs.origin }}`,
      BASE_PATH: `\${{ steps.${pages?.id}.outputs.base_path }}`,
    });
    expect(stepUsing('actions/upload-pages-artifact')?.with?.path).toBe('dist');
  });

  it('deploys in a job of its own after the build, to the github-pages environment', () => {
    const deploy = jobs.find((job) => job.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@')));
    expect(deploy?.needs).toBeTruthy();
    expect(deploy?.environment?.name).toBe('github-pages');
    expect(deploy?.steps).toHaveLength(1);
  });
});
