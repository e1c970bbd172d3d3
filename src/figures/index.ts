import adamTrajectories from './adam-trajectories';
import adamwWeightNorm from './adamw-weight-norm';
import flowDensity from './flow-density';
import flowJacobians from './flow-jacobians';
import robbinsMonro from './robbins-monro';
import sd3Paths from './sd3-paths';
import sd3Shift from './sd3-shift';
import sd3TimestepDensities from './sd3-timestep-densities';

/**
 * Every figure an article can draw with a ```` ```figure ```` block, by the name written in its
 * `src:` field. A module's default export returns the SVG markup as a string; it must be
 * deterministic (no randomness, no dates), since it runs at every build. Imports are static so
 * the build knows every figure up front and a typo in `src:` can list the real names.
 */
export const figures: Record<string, () => string> = {
  'adam-trajectories': adamTrajectories,
  'flow-density': flowDensity,
  'flow-jacobians': flowJacobians,
  'sd3-paths': sd3Paths,
  'sd3-shift': sd3Shift,
  'sd3-timestep-densities': sd3TimestepDensities,
  'adamw-weight-norm': adamwWeightNorm,
  'robbins-monro': robbinsMonro,
};
