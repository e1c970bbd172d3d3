import type { AstroIntegration } from 'astro';

/**
 * Defines `import.meta.env.SHOW_DRAFTS`: true under `astro dev`, false for `astro build`. Drafts
 * must not hang on `import.meta.env.DEV`, which Vite derives from NODE_ENV: a shell or test runner
 * with NODE_ENV=development or test would otherwise publish every draft.
 */
export function draftsIntegration(): AstroIntegration {
  return {
    name: 'drafts',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({ vite: { define: { 'import.meta.env.SHOW_DRAFTS': JSON.stringify(command === 'dev') } } });
      },
    },
  };
}
