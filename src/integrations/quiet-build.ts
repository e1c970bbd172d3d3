import type { AstroIntegration } from 'astro';

/** A warning from Vite's bundler, as its `onwarn` hook receives it. */
interface BundlerWarning {
  code?: string;
  message: string;
}

/**
 * Whether a bundler warning is the one Astro itself causes for every Markdown article: Astro's
 * content plugin marks each article's `?astroPropagatedAssets` module with the directive
 * `"use astro:head-inject"`, and Rolldown warns that a module-level directive may not be kept
 * when bundling (ten lines, in colour, per article). Astro reads the directive before bundling,
 * so the warning is noise that hides real ones; every other warning is kept.
 */
export function isAstroHeadInjectWarning(warning: BundlerWarning): boolean {
  return warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use astro:head-inject"');
}

/** Keeps a clean build's output to what an author needs: drops {@link isAstroHeadInjectWarning}. */
export function quietBuildIntegration(): AstroIntegration {
  return {
    name: 'quiet-build',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            build: {
              rollupOptions: {
                onwarn(warning: BundlerWarning, warn: (warning: BundlerWarning) => void) {
                  if (!isAstroHeadInjectWarning(warning)) warn(warning);
                },
              },
            },
          },
        });
      },
    },
  };
}
