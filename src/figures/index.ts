import adamTrajectories from './adam-trajectories';
import adamwWeightNorm from './adamw-weight-norm';
import attentionCost from './attention-cost';
import autogradGraph from './autograd-graph';
import batchnormRunningStats from './batchnorm-running-stats';
import checkerboardOverlap from './checkerboard-overlap';
import flashChunkPattern from './flash-chunk-pattern';
import flashCost from './flash-cost';
import flowDensity from './flow-density';
import flowJacobians from './flow-jacobians';
import hippoLegs from './hippo-legs';
import mapPrCurve from './map-pr-curve';
import performerFeatureError from './performer-feature-error';
import pixelShuffle from './pixel-shuffle';
import robbinsMonro from './robbins-monro';
import sd3Paths from './sd3-paths';
import sd3Shift from './sd3-shift';
import sd3TimestepDensities from './sd3-timestep-densities';
import sparseAttentionPatterns from './sparse-attention-patterns';
import ssmDiscretization from './ssm-discretization';

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
  'attention-cost': attentionCost,
  'sparse-attention-patterns': sparseAttentionPatterns,
  'performer-feature-error': performerFeatureError,
  'flash-chunk-pattern': flashChunkPattern,
  'flash-cost': flashCost,
  'hippo-legs': hippoLegs,
  'ssm-discretization': ssmDiscretization,
  'map-pr-curve': mapPrCurve,
  'robbins-monro': robbinsMonro,
  'autograd-graph': autogradGraph,
  'batchnorm-running-stats': batchnormRunningStats,
  'pixel-shuffle': pixelShuffle,
  'checkerboard-overlap': checkerboardOverlap,
};
