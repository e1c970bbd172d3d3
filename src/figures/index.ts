import adamTrajectories from './adam-trajectories';
import adamwWeightNorm from './adamw-weight-norm';

/**
 * Every figure an article can draw with a ```` ```figure ```` block, by the name written in its
 * `src:` field. A module's default export returns the SVG markup as a string; it must be
 * deterministic (no randomness, no dates), since it runs at every build. Imports are static so
 * the build knows every figure up front and a typo in `src:` can list the real names.
 */
export const figures: Record<string, () => string> = {
  'adam-trajectories': adamTrajectories,
  'adamw-weight-norm': adamwWeightNorm,
};
