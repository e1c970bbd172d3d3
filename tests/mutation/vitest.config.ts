import { defineConfig } from 'vitest/config';
import { unitProject } from '../../vitest.config';

/** The unit project alone, for Stryker: a mutant must never trigger the two site builds. */
export default defineConfig({ test: { ...unitProject.test } });
