/**
 * Average precision for object detection, computed the way the two reference evaluators do it:
 * the PASCAL VOC development kit (`VOCevaldet.m`, with the VOC2007 11-point rule and the
 * VOC2010+ `VOCap.m` area), and pycocotools (`COCOeval.evaluateImg` and `.accumulate`).
 *
 * The mAP article quotes matching tables, precision/recall points and AP values, and draws a
 * precision/recall figure. All of them come from this module at build time, so the text, the
 * tables and the figure cannot drift apart. Where the two evaluators (or their popular Python
 * ports) differ — the +1 pixel in VOC's box arithmetic, which ground truth a detection may take,
 * `>=` against `>` at the IoU threshold, the recall grids — the difference is reproduced on
 * purpose and named in the doc comment, because those differences are what the article is about.
 */
import { at } from './arrays';

/** A COCO box `[x, y, w, h]` in continuous pixel coordinates: area w·h, no +1 anywhere. */
export type CocoBox = readonly [number, number, number, number];

/**
 * A VOC box `[xmin, ymin, xmax, ymax]` as the devkit stores it: 1-based, inclusive pixel indices,
 * so a box covers `xmax − xmin + 1` columns. The devkit's IoU adds that 1 everywhere.
 */
export type VocBox = readonly [number, number, number, number];

/** What one ranked detection counts as: a true positive, a false positive, or neither. */
export type Outcome = 'tp' | 'fp' | 'ignored';

/**
 * One detection after matching, in the order the precision/recall curve visits it. `gt` is the
 * index (into the caller's ground-truth array) of the object it was assigned to, `null` if none;
 * `iou` is the overlap that decided it (the best overlap in its image for VOC, the overlap with
 * the matched object for COCO, or the best overlap with any object when COCO found no match).
 */
export interface RankedDetection {
  readonly det: number;
  readonly image: string;
  readonly score: number;
  readonly outcome: Outcome;
  readonly gt: number | null;
  readonly iou: number;
}

/**
 * The result of matching one class: detections in rank order and the number of positives, i.e.
 * of ground truths that count (not VOC-difficult, not COCO-ignored). Recall is divided by `npos`.
 */
export interface MatchResult {
  readonly ranked: readonly RankedDetection[];
  readonly npos: number;
}

function checkThreshold(t: number): void {
  if (!(t > 0 && t <= 1)) throw new RangeError(`IoU threshold must lie in (0, 1], got ${t}`);
}

function checkScore(s: number): void {
  if (!Number.isFinite(s)) throw new RangeError(`detection score must be finite, got ${s}`);
}

/**
 * `numpy.linspace(start, stop, num)` value by value: `i * step + start` with
 * `step = (stop − start) / (num − 1)`, and the last value set to `stop`. pycocotools builds its
 * IoU and recall thresholds this way, and the rounding matters: the ninth IoU threshold is
 * 0.8999999999999999 and the recall threshold "0.35" is 0.35000000000000003, so a recall of
 * exactly 7/20 falls just short of it.
 */
export function numpyLinspace(start: number, stop: number, num: number): number[] {
  if (!Number.isInteger(num) || num < 2) throw new RangeError(`num must be an integer ≥ 2, got ${num}`);
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  out[num - 1] = stop;
  return out;
}

/** pycocotools' ten IoU thresholds, `np.linspace(.5, .95, 10)`: 0.50, 0.55, …, 0.95. */
export const COCO_IOU_THRESHOLDS: readonly number[] = Object.freeze(numpyLinspace(0.5, 0.95, 10));

/** pycocotools' 101 recall thresholds, `np.linspace(0, 1, 101)`: 0, 0.01, …, 1. */
export const COCO_RECALL_THRESHOLDS: readonly number[] = Object.freeze(numpyLinspace(0, 1, 101));

/**
 * pycocotools' area ranges (`Params.areaRng`), in pixels². Both ends are inclusive: a ground truth
 * is ignored only if `area < lo` or `area > hi`, so an object of area exactly 32² = 1024 counts as
 * small *and* as medium, and 96² = 9216 as medium and large.
 */
export const COCO_AREA_RANGES = Object.freeze({
  all: [0, 1e10] as const,
  small: [0, 32 ** 2] as const,
  medium: [32 ** 2, 96 ** 2] as const,
  large: [96 ** 2, 1e10] as const,
});

/** pycocotools' `Params.maxDets`: AR is reported at 1, 10 and 100 detections, AP at 100. */
export const COCO_MAX_DETS: readonly number[] = Object.freeze([1, 10, 100]);

/**
 * MATLAB's colon operator `a:d:b` for a step d > 0, as MathWorks describes it ("How does the COLON
 * operator work?", Technical Solution 1-4FLI96): not by repeated addition, but the first half of
 * the values as a + k·d and the second half as b − k·d counted from the right end, so that the
 * result is symmetric about its midpoint; for an even number n of intervals the middle value is
 * taken as (a + b)/2, which both halves agree on in the cases tested here. Only ranges whose end
 * lies on the grid (b = a + n·d up to rounding, n found with a tolerance of a few ulps) are
 * accepted: those are the only ones the devkit uses, and for the others the right end would have
 * to be guessed.
 */
export function matlabColon(a: number, d: number, b: number): number[] {
  if (![a, d, b].every(Number.isFinite) || !(d > 0) || !(b >= a)) {
    throw new RangeError(`expected finite a ≤ b and a step d > 0, got ${a}:${d}:${b}`);
  }
  const tol = 2 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b));
  const n = Math.floor((b - a) / d + tol);
  if (Math.abs(a + n * d - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) {
    throw new RangeError(`${b} is not on the grid ${a} + k·${d}`);
  }
  const v = Array.from({ length: n + 1 }, (_, k) => (2 * k < n ? a + k * d : b - (n - k) * d));
  if (n % 2 === 0) v[n / 2] = (a + b) / 2;
  return v;
}

/**
 * The VOC2007 recall levels as the devkit's MATLAB loop `for t=0:0.1:1` visits them:
 * 0, 0.1, 0.2, 0.30000000000000004 (= 3·0.1), 0.4, 0.5, 0.6 (= 1 − 0.4), 0.7, 0.8, 0.9, 1. They
 * are not all the decimals k/10 of the paper's definition: a recall of exactly 3/10 does not
 * reach the fourth level, while a recall of exactly 3/5 does reach the seventh.
 */
export const VOC07_RECALL_POINTS: readonly number[] = Object.freeze(matlabColon(0, 0.1, 1));

/** The levels of the paper's definition, the exact decimals k/10 (0.3 is the double nearest 3/10). */
export const DECIMAL_07_POINTS: readonly number[] = Object.freeze(Array.from({ length: 11 }, (_, k) => k / 10));

/**
 * The same levels as the widely copied Python port computes them, `np.arange(0., 1.1, 0.1)`,
 * i.e. `k * 0.1`: 0.30000000000000004, 0.6000000000000001 and 0.7000000000000001 are a hair above
 * the decimals, so a recall of exactly 3/5 does not reach the "0.6" level there. Against the
 * devkit's `0:0.1:1` only the levels 0.6 and 0.7 differ.
 */
export const NUMPY_ARANGE_07_POINTS: readonly number[] = Object.freeze(Array.from({ length: 11 }, (_, k) => k * 0.1));

// #region iou
/**
 * IoU of two COCO boxes [x, y, w, h] (pycocotools `bbIou`). For a crowd region the
 * denominator is the detection's own area: a detection inside the crowd has "IoU" 1.
 */
export function iouCoco(dt: CocoBox, gt: CocoBox, crowd = false): number {
  const [dx, dy, dw, dh] = dt;
  const [gx, gy, gw, gh] = gt;
  const w = Math.min(dx + dw, gx + gw) - Math.max(dx, gx);
  if (w <= 0) return 0;
  const h = Math.min(dy + dh, gy + gh) - Math.max(dy, gy);
  if (h <= 0) return 0;
  const inter = w * h;
  const union = crowd ? dw * dh : dw * dh + gw * gh - inter;
  return inter / union;
}

/**
 * IoU of two VOC boxes [xmin, ymin, xmax, ymax] with inclusive pixel indices (VOCevaldet.m):
 * widths, heights and the intersection all get +1, because a box from column 1 to
 * column 10 covers ten pixels.
 */
export function iouVoc(a: VocBox, b: VocBox): number {
  const iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + 1;
  const ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + 1;
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const areaA = (a[2] - a[0] + 1) * (a[3] - a[1] + 1);
  const areaB = (b[2] - b[0] + 1) * (b[3] - b[1] + 1);
  const union = areaA + areaB - inter;
  return inter / union;
}
// #endregion iou

/**
 * The VOC box covering the same pixels as an integer COCO box: [x, y, w, h] spans the pixels with
 * 0-based indices x … x+w−1, i.e. 1-based x+1 … x+w. For integer boxes `iouVoc` of the converted
 * boxes equals `iouCoco` of the originals, which is why the two conventions agree when used
 * consistently and disagree when one box format is fed to the other formula.
 */
export function cocoBoxToVoc(b: CocoBox): VocBox {
  return [b[0] + 1, b[1] + 1, b[0] + b[2], b[1] + b[3]];
}

/** A VOC ground-truth object of the class being evaluated; `difficult` objects are "don't care". */
export interface VocGroundTruth {
  readonly image: string;
  readonly box: VocBox;
  readonly difficult?: boolean;
}

/** One line of a VOC results file for the class being evaluated: image, confidence, box. */
export interface VocDetection {
  readonly image: string;
  readonly score: number;
  readonly box: VocBox;
}

/**
 * Options of `matchVoc`. `threshold` is the devkit's `VOCopts.minoverlap` (0.5). `strict: true`
 * reproduces the Python port from py-faster-rcnn (copied into detectron2 and many repositories),
 * which tests `ovmax > ovthresh` where the devkit tests `ovmax >= minoverlap`.
 */
export interface VocMatchOptions {
  readonly threshold?: number;
  readonly strict?: boolean;
}

/**
 * Assign one class's detections to ground truth as VOCevaldet.m does. Detections are visited in
 * decreasing confidence (a stable sort, like MATLAB's `sort(-confidence)`, so ties keep file
 * order). Each detection looks at *every* object of the class in its image, difficult or not,
 * already detected or not, and takes the one with the largest overlap (the first one on ties).
 * Only then is it judged: overlap below the threshold → FP; the object is difficult → ignored;
 * the object was already detected → FP (a duplicate), even if another free object also overlaps
 * enough; otherwise TP. `npos` counts the non-difficult objects.
 */
export function matchVoc(
  gts: readonly VocGroundTruth[],
  dets: readonly VocDetection[],
  options: VocMatchOptions = {},
): MatchResult {
  const threshold = options.threshold ?? 0.5;
  const strict = options.strict ?? false;
  checkThreshold(threshold);
  for (const d of dets) checkScore(d.score);
  // #region match-voc
  const npos = gts.filter((g) => !g.difficult).length;
  const detected = gts.map(() => false);
  // Array.prototype.sort is stable: equal scores keep their order in the results file.
  const order = dets.map((_, i) => i).sort((i, j) => at(dets, j).score - at(dets, i).score);
  const ranked = order.map((d): RankedDetection => {
    const det = at(dets, d);
    let ovmax = 0;
    let jmax = -1;
    gts.forEach((g, j) => {
      if (g.image !== det.image) return;
      const ov = iouVoc(det.box, g.box);
      if (ov > ovmax) {
        ovmax = ov; // strictly greater: among equal overlaps the first object wins
        jmax = j;
      }
    });
    let outcome: Outcome = 'fp';
    const hit = jmax >= 0 && (strict ? ovmax > threshold : ovmax >= threshold);
    if (hit) {
      if (at(gts, jmax).difficult)
        outcome = 'ignored'; // neither TP nor FP
      else if (!detected[jmax]) {
        detected[jmax] = true;
        outcome = 'tp';
      } // else: the best object is already taken, so this is a duplicate: FP
    }
    const gt = hit ? jmax : null;
    return { det: d, image: det.image, score: det.score, outcome, gt, iou: ovmax };
  });
  // #endregion match-voc
  return { ranked, npos };
}

/**
 * A COCO ground-truth annotation of the class being evaluated. `area` is the annotation's own
 * `area` field — for COCO instances the area of the segmentation mask, not of the box — and
 * defaults to w·h when omitted. `iscrowd` marks a crowd region: ignored, and matchable many times.
 */
export interface CocoGroundTruth {
  readonly image: string;
  readonly box: CocoBox;
  readonly area?: number;
  readonly iscrowd?: boolean;
}

/** One COCO result of the class being evaluated; its area is w·h of its box (`COCO.loadRes`). */
export interface CocoDetection {
  readonly image: string;
  readonly score: number;
  readonly box: CocoBox;
}

/**
 * Options of `matchCoco`. `images` fixes the order in which per-image results are concatenated
 * before the global sort, which is how pycocotools breaks score ties across images (its image
 * ids are sorted); by default the image names are sorted.
 */
export interface CocoMatchOptions {
  readonly iouThreshold: number;
  readonly areaRange?: readonly [number, number];
  readonly maxDets?: number;
  readonly images?: readonly string[];
}

function imageOrder(gts: readonly { image: string }[], dets: readonly { image: string }[]): string[] {
  return [...new Set([...gts.map((g) => g.image), ...dets.map((d) => d.image)])].sort();
}

/**
 * Match one class at one IoU threshold as pycocotools does (`evaluateImg`, then `accumulate`).
 * Per image: ground truths that are crowd or outside the area range are "ignored" and moved to
 * the end; detections are stable-sorted by score and cut to `maxDets`. Each detection then runs
 * the "best match so far" loop: skip objects already taken (crowds excepted), stop at the first
 * ignored object once a regular one has matched, and keep the object with the highest IoU ≥ the
 * threshold (on equal IoU the later one, since only a smaller IoU is skipped). A match to a
 * regular object is a TP, a match to an ignored one is ignored, no match is an FP — unless the
 * detection's own area is outside the range, then it is ignored too.
 * Finally all images' detections are concatenated in image order and stable-sorted by score.
 */
export function matchCoco(
  gts: readonly CocoGroundTruth[],
  dets: readonly CocoDetection[],
  options: CocoMatchOptions,
): MatchResult {
  const t = options.iouThreshold;
  const [lo, hi] = options.areaRange ?? COCO_AREA_RANGES.all;
  const maxDets = options.maxDets ?? 100;
  const images = options.images ?? imageOrder(gts, dets);
  checkThreshold(t);
  for (const d of dets) checkScore(d.score);
  // #region match-coco
  const outside = (area: number) => area < lo || area > hi;
  const perImage: RankedDetection[] = [];
  let npos = 0;
  for (const image of images) {
    // This image's objects, ignored ones (crowd, or area outside the range) moved to the end;
    // the sort is stable, so the order is otherwise kept.
    const g = gts
      .map((gt, index) => {
        const area = gt.area ?? gt.box[2] * gt.box[3];
        return { gt, index, ignore: Boolean(gt.iscrowd) || outside(area) };
      })
      .filter((x) => x.gt.image === image)
      .sort((a, b) => Number(a.ignore) - Number(b.ignore));
    npos += g.filter((x) => !x.ignore).length;
    const taken = g.map(() => false);
    // This image's detections by score, cut to maxDets; stable like np.argsort(kind='mergesort').
    const d = dets
      .map((det, index) => ({ det, index }))
      .filter((x) => x.det.image === image)
      .sort((a, b) => b.det.score - a.det.score)
      .slice(0, maxDets);
    for (const { det, index } of d) {
      let best = Math.min(t, 1 - 1e-10);
      let m = -1;
      for (let k = 0; k < g.length; k++) {
        const { gt, ignore } = at(g, k);
        // each object at most once, but a crowd region any number of times
        if (taken[k] && !gt.iscrowd) continue;
        // once a regular object has matched, no ignored object can replace it
        if (m > -1 && !at(g, m).ignore && ignore) break;
        const iou = iouCoco(det.box, gt.box, gt.iscrowd);
        if (iou < best) continue; // the threshold itself matches; a tie takes the later object
        best = iou;
        m = k;
      }
      let outcome: Outcome;
      if (m === -1) outcome = outside(det.box[2] * det.box[3]) ? 'ignored' : 'fp';
      else {
        taken[m] = true;
        outcome = at(g, m).ignore ? 'ignored' : 'tp';
      }
      const gt = m === -1 ? null : at(g, m).index;
      const overlaps = g.map((x) => iouCoco(det.box, x.gt.box, x.gt.iscrowd));
      const iou = m === -1 ? Math.max(0, ...overlaps) : best;
      perImage.push({ det: index, image, score: det.score, outcome, gt, iou });
    }
  }
  // accumulate(): per-image lists in image order, then one more stable sort by score
  const ranked = perImage.sort((a, b) => b.score - a.score);
  // #endregion match-coco
  return { ranked, npos };
}

/**
 * Cumulative counts and the precision/recall point after each ranked detection. Ignored
 * detections add a point equal to the previous one (both evaluators keep them in the arrays).
 * Precision of an empty prefix (only ignored detections so far) is 0 here; the devkit computes
 * 0/0 = NaN (which MATLAB's `max` skips) and pycocotools adds 2.2e-16 to the denominator, and
 * neither choice changes an AP as long as the class has a counted detection. The py-faster-rcnn
 * port also gets NaN, and there `np.max` spreads it into the 11-point AP.
 */
export interface PrCurve {
  readonly tp: readonly number[];
  readonly fp: readonly number[];
  readonly recall: readonly number[];
  readonly precision: readonly number[];
}

// #region pr-curve
/** Walk down the ranked detections: recall TP/npos and precision TP/(TP+FP) at every rank. */
export function prCurve(match: MatchResult): PrCurve {
  const tp: number[] = [];
  const fp: number[] = [];
  const recall: number[] = [];
  const precision: number[] = [];
  let ntp = 0;
  let nfp = 0;
  for (const r of match.ranked) {
    if (r.outcome === 'tp') ntp++;
    else if (r.outcome === 'fp') nfp++;
    tp.push(ntp);
    fp.push(nfp);
    recall.push(ntp / match.npos); // npos = 0 gives NaN, as in the devkit
    precision.push(ntp + nfp === 0 ? 0 : ntp / (ntp + nfp));
  }
  return { tp, fp, recall, precision };
}

/** Interpolated precision at every rank: the largest precision here or at any later rank. */
export function envelope(precision: readonly number[]): number[] {
  const out = precision.slice();
  for (let i = out.length - 2; i >= 0; i--) out[i] = Math.max(at(out, i), at(out, i + 1));
  return out;
}
// #endregion pr-curve

// #region ap-variants
/**
 * VOC2007: mean of the interpolated precision at 11 recall levels (0 where never reached),
 * by default the devkit's `0:0.1:1`.
 */
export function apVoc07(
  recall: readonly number[],
  precision: readonly number[],
  points: readonly number[] = VOC07_RECALL_POINTS,
): number {
  let ap = 0;
  for (const t of points) {
    let p = 0;
    recall.forEach((r, i) => {
      if (r >= t) p = Math.max(p, at(precision, i)); // max(prec(rec >= t))
    });
    ap += p / points.length;
  }
  return ap;
}

/** VOC2010+ (VOCap.m): the area under the envelope, one rectangle per change of recall. */
export function apVocAllPoint(recall: readonly number[], precision: readonly number[]): number {
  const mrec = [0, ...recall, 1];
  const mpre = envelope([0, ...precision, 0]);
  let ap = 0;
  for (let i = 1; i < mrec.length; i++) {
    const step = at(mrec, i) - at(mrec, i - 1);
    // a NaN recall (no positives) is !== itself, so it enters the sum and the AP is NaN
    if (at(mrec, i) !== at(mrec, i - 1)) ap += step * at(mpre, i);
  }
  return ap;
}

/**
 * COCO (accumulate): the envelope read at each recall threshold r, at the first rank
 * whose recall is ≥ r (`np.searchsorted(rc, recThrs, side='left')`), and 0 beyond the
 * last recall reached.
 */
export function cocoPrecisionAtRecalls(
  recall: readonly number[],
  precision: readonly number[],
  recThrs: readonly number[] = COCO_RECALL_THRESHOLDS,
): number[] {
  const pr = envelope(precision);
  return recThrs.map((r) => {
    let lo = 0;
    let hi = recall.length; // binary search: first index with recall[i] >= r
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(recall, mid) < r) lo = mid + 1;
      else hi = mid;
    }
    return lo < pr.length ? at(pr, lo) : 0;
  });
}

/** COCO AP at one IoU threshold: the mean of the 101 values of `cocoPrecisionAtRecalls`. */
export function apCoco(
  recall: readonly number[],
  precision: readonly number[],
  recThrs: readonly number[] = COCO_RECALL_THRESHOLDS,
): number {
  const q = cocoPrecisionAtRecalls(recall, precision, recThrs);
  return q.reduce((s, x) => s + x, 0) / q.length;
}
// #endregion ap-variants

/**
 * One class evaluated the COCO way at every IoU threshold. Entries are `null` where pycocotools
 * stores −1: the class has no regular ground truth in the area range, so AP and recall are
 * undefined and the class is left out of every mean. `ap` is AP@[.50:.95] (the mean over the
 * thresholds), `ar` the mean over thresholds of the recall after the last kept detection.
 */
export interface CocoClassEvaluation {
  readonly apPerThreshold: readonly (number | null)[];
  readonly recallPerThreshold: readonly (number | null)[];
  readonly ap: number | null;
  readonly ar: number | null;
}

/** Options of `evaluateCocoClass`; the defaults are pycocotools' (all areas, 100 detections). */
export interface CocoEvaluateOptions {
  readonly areaRange?: readonly [number, number];
  readonly maxDets?: number;
  readonly iouThresholds?: readonly number[];
  readonly images?: readonly string[];
}

/**
 * AP and AR of one class over the IoU thresholds, as `COCOeval.accumulate` fills its `precision`
 * and `recall` arrays for that class. A class with no detections has AP 0 and recall 0; a class
 * with no (regular) ground truth has `null` everywhere.
 */
export function evaluateCocoClass(
  gts: readonly CocoGroundTruth[],
  dets: readonly CocoDetection[],
  options: CocoEvaluateOptions = {},
): CocoClassEvaluation {
  const thresholds = options.iouThresholds ?? COCO_IOU_THRESHOLDS;
  const apPerThreshold: (number | null)[] = [];
  const recallPerThreshold: (number | null)[] = [];
  for (const iouThreshold of thresholds) {
    const match = matchCoco(gts, dets, { ...options, iouThreshold });
    if (match.npos === 0) {
      apPerThreshold.push(null);
      recallPerThreshold.push(null);
      continue;
    }
    const curve = prCurve(match);
    apPerThreshold.push(apCoco(curve.recall, curve.precision));
    recallPerThreshold.push(curve.recall.length > 0 ? at(curve.recall, curve.recall.length - 1) : 0);
  }
  return {
    apPerThreshold,
    recallPerThreshold,
    ap: meanOfDefined(apPerThreshold),
    ar: meanOfDefined(recallPerThreshold),
  };
}

/**
 * The mean pycocotools' `summarize` takes, `np.mean(s[s > -1])`: undefined entries (−1 there,
 * `null` here) are dropped, and if nothing is left the result is undefined (printed as −1).
 * Averaging per-class APs this way gives every class with ground truth the same weight.
 */
export function meanOfDefined(values: readonly (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((s, v) => s + v, 0) / defined.length;
}

/** Format with a fixed number of decimals and never "-0", as the article prints numbers. */
export function formatFixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** One class of the worked example: its name as the article prints it, its objects and detections. */
export interface ExampleClass {
  readonly name: string;
  readonly gts: readonly CocoGroundTruth[];
  readonly dets: readonly CocoDetection[];
}

/**
 * The article's worked example: three images (A, B, C), two classes. Boxes are integer COCO
 * boxes of 100×100 (area 10⁴ > 96², so every object is "large"); a detection shifted by s pixels
 * along x has IoU (100 − s)/(100 + s). No detection overlaps two objects, so the VOC and COCO
 * matching rules agree here and only the AP formulas differ. Two background false positives are
 * smaller than 96², which matters for AP_large.
 */
export const MAP_EXAMPLE: readonly ExampleClass[] = Object.freeze([
  {
    name: '猫',
    gts: [
      { image: 'A', box: [20, 30, 100, 100] },
      { image: 'A', box: [250, 40, 100, 100] },
      { image: 'B', box: [60, 50, 100, 100] },
      { image: 'C', box: [30, 20, 100, 100] },
    ],
    dets: [
      { image: 'A', score: 0.95, box: [25, 30, 100, 100] },
      { image: 'A', score: 0.9, box: [40, 30, 100, 100] },
      { image: 'B', score: 0.85, box: [70, 50, 100, 100] },
      { image: 'C', score: 0.8, box: [400, 300, 80, 80] },
      { image: 'C', score: 0.7, box: [60, 20, 100, 100] },
      { image: 'B', score: 0.6, box: [300, 250, 90, 90] },
      { image: 'A', score: 0.5, box: [290, 40, 100, 100] },
    ],
  },
  {
    name: '狗',
    gts: [
      { image: 'A', box: [400, 220, 100, 100] },
      { image: 'B', box: [300, 60, 100, 100] },
      { image: 'B', box: [450, 200, 100, 100] },
    ],
    dets: [
      { image: 'B', score: 0.92, box: [308, 60, 100, 100] },
      { image: 'A', score: 0.75, box: [100, 300, 100, 100] },
      { image: 'A', score: 0.65, box: [418, 220, 100, 100] },
      { image: 'B', score: 0.55, box: [474, 200, 100, 100] },
      { image: 'C', score: 0.3, box: [50, 50, 100, 100] },
    ],
  },
]);

/** One row of the worked example's matching table (VOC matching at IoU 0.5). */
export interface ExampleRow {
  readonly rank: number;
  readonly image: string;
  readonly score: number;
  readonly iou: number;
  readonly outcome: Outcome;
  /** Why an FP is an FP: a second detection of a found object, too little overlap, or none. */
  readonly reason: 'tp' | 'duplicate' | 'low-iou' | 'background' | 'ignored';
  readonly tp: number;
  readonly fp: number;
  readonly precision: number;
  readonly recall: number;
  readonly interpolated: number;
}

/** Everything the article and the figure need about one class of the worked example. */
export interface ExampleClassResult {
  readonly name: string;
  readonly npos: number;
  readonly rows: readonly ExampleRow[];
  readonly ap07: number;
  readonly apAll: number;
  readonly apCoco50: number;
  readonly coco: CocoClassEvaluation;
  readonly cocoLarge: CocoClassEvaluation;
  readonly cocoAr1: number | null;
  /** The VOC and COCO matchings at IoU 0.5 give the same outcome sequence (checked by a test). */
  readonly sameOutcomes: boolean;
}

const REASON_LABEL: Record<ExampleRow['reason'], string> = {
  tp: 'TP',
  duplicate: 'FP（重复）',
  'low-iou': 'FP（IoU 不足）',
  background: 'FP（背景）',
  ignored: '忽略',
};

function exampleClass(c: ExampleClass): ExampleClassResult {
  const voc = matchVoc(
    c.gts.map((g) => ({ image: g.image, box: cocoBoxToVoc(g.box) })),
    c.dets.map((d) => ({ image: d.image, score: d.score, box: cocoBoxToVoc(d.box) })),
  );
  const curve = prCurve(voc);
  const env = envelope(curve.precision);
  const rows = voc.ranked.map((r, i): ExampleRow => {
    let reason: ExampleRow['reason'] = r.outcome === 'tp' ? 'tp' : 'ignored';
    if (r.outcome === 'fp') reason = r.iou >= 0.5 ? 'duplicate' : r.iou > 0 ? 'low-iou' : 'background';
    return {
      rank: i + 1,
      image: r.image,
      score: r.score,
      iou: r.iou,
      outcome: r.outcome,
      reason,
      tp: at(curve.tp, i),
      fp: at(curve.fp, i),
      precision: at(curve.precision, i),
      recall: at(curve.recall, i),
      interpolated: at(env, i),
    };
  });
  const coco50 = matchCoco(c.gts, c.dets, { iouThreshold: 0.5 });
  const cocoCurve = prCurve(coco50);
  const sameOutcomes =
    coco50.ranked.length === voc.ranked.length &&
    coco50.ranked.every((r, i) => r.outcome === at(voc.ranked, i).outcome && r.det === at(voc.ranked, i).det);
  return {
    name: c.name,
    npos: voc.npos,
    rows,
    ap07: apVoc07(curve.recall, curve.precision),
    apAll: apVocAllPoint(curve.recall, curve.precision),
    apCoco50: apCoco(cocoCurve.recall, cocoCurve.precision),
    coco: evaluateCocoClass(c.gts, c.dets),
    cocoLarge: evaluateCocoClass(c.gts, c.dets, { areaRange: COCO_AREA_RANGES.large }),
    cocoAr1: evaluateCocoClass(c.gts, c.dets, { maxDets: 1 }).ar,
    sameOutcomes,
  };
}

function defined(x: number | null): number {
  if (x === null) throw new RangeError('expected a defined value');
  return x;
}

/** The markdown table row of one ranked detection, exactly as the article prints it. */
export function exampleRowText(r: ExampleRow): string {
  const f3 = (x: number) => formatFixed(x, 3);
  return `| ${r.rank} | ${r.image} | ${formatFixed(r.score, 2)} | ${f3(r.iou)} | ${REASON_LABEL[r.reason]} | ${r.tp} | ${r.fp} | ${f3(r.precision)} | ${f3(r.recall)} | ${f3(r.interpolated)} |`;
}

/**
 * The worked example, computed: per-class tables and AP values under every protocol, the means
 * over classes, and the strings the article prints (four decimals for AP, three in the tables).
 */
export function mapWorkedExample() {
  const classes = MAP_EXAMPLE.map(exampleClass);
  const mean = (f: (c: ExampleClassResult) => number) => classes.reduce((s, c) => s + f(c), 0) / classes.length;
  const map07 = mean((c) => c.ap07);
  const mapAll = mean((c) => c.apAll);
  const mapCoco50 = mean((c) => c.apCoco50);
  const cocoAp = defined(meanOfDefined(classes.map((c) => c.coco.ap)));
  const cocoAp75 = defined(meanOfDefined(classes.map((c) => at(c.coco.apPerThreshold, 5))));
  const cocoAr100 = defined(meanOfDefined(classes.map((c) => c.coco.ar)));
  const cocoAr1 = defined(meanOfDefined(classes.map((c) => c.cocoAr1)));
  const cocoApLarge = defined(meanOfDefined(classes.map((c) => c.cocoLarge.ap)));
  const cat = at(classes, 0);
  const dog = at(classes, 1);
  const f4 = (x: number | null) => formatFixed(defined(x), 4);
  const printed = {
    catAp07: f4(cat.ap07),
    catApAll: f4(cat.apAll),
    catApCoco50: f4(cat.apCoco50),
    dogAp07: f4(dog.ap07),
    dogApAll: f4(dog.apAll),
    dogApCoco50: f4(dog.apCoco50),
    map07: f4(map07),
    mapAll: f4(mapAll),
    mapCoco50: f4(mapCoco50),
    catCoco: f4(cat.coco.ap),
    dogCoco: f4(dog.coco.ap),
    cocoAp: f4(cocoAp),
    catCoco75: f4(at(cat.coco.apPerThreshold, 5)),
    dogCoco75: f4(at(dog.coco.apPerThreshold, 5)),
    cocoAp75: f4(cocoAp75),
    catCoco85: f4(at(cat.coco.apPerThreshold, 7)),
    dogCoco65: f4(at(dog.coco.apPerThreshold, 3)),
    cocoAr100: f4(cocoAr100),
    cocoAr1: f4(cocoAr1),
    catAr1: f4(cat.cocoAr1),
    dogAr1: f4(dog.cocoAr1),
    catAr100: f4(cat.coco.ar),
    dogAr100: f4(dog.coco.ar),
    cocoApLarge: f4(cocoApLarge),
    catApLarge: f4(cat.cocoLarge.ap),
  };
  return { classes, map07, mapAll, mapCoco50, cocoAp, cocoAp75, cocoAr100, cocoAr1, cocoApLarge, printed };
}

/**
 * Smaller computed examples the article quotes, each isolating one way two evaluations of the
 * same detections disagree. Every value is derived by hand in the article and pinned by a test.
 */
export function mapSideExamples() {
  // Same four numbers (x1, y1, x2, y2) read as continuous corners and as inclusive pixel indices.
  const a = [0, 0, 10, 10] as const;
  const b = [2, 2, 12, 12] as const;
  const toCoco = (q: readonly [number, number, number, number]): CocoBox => [q[0], q[1], q[2] - q[0], q[3] - q[1]];
  const iouContinuous = iouCoco(toCoco(a), toCoco(b));
  const iouPlusOne = iouVoc(a, b);
  const iouContinuousLarge = iouCoco([0, 0, 100, 100], [20, 20, 100, 100]);
  const iouPlusOneLarge = iouVoc([0, 0, 100, 100], [20, 20, 120, 120]);

  // Two overlapping objects; the second detection overlaps the first object best.
  const adjGts: CocoGroundTruth[] = [
    { image: 'A', box: [0, 0, 100, 100] },
    { image: 'A', box: [30, 0, 100, 100] },
  ];
  const adjDets: CocoDetection[] = [
    { image: 'A', score: 0.9, box: [0, 0, 100, 100] },
    { image: 'A', score: 0.8, box: [12, 0, 100, 100] },
  ];
  const adjVoc = prCurve(
    matchVoc(
      adjGts.map((g) => ({ image: g.image, box: cocoBoxToVoc(g.box) })),
      adjDets.map((d) => ({ image: d.image, score: d.score, box: cocoBoxToVoc(d.box) })),
    ),
  );
  const adjCoco = prCurve(matchCoco(adjGts, adjDets, { iouThreshold: 0.5 }));
  const adjIou11 = iouCoco(at(adjDets, 1).box, at(adjGts, 0).box);
  const adjIou12 = iouCoco(at(adjDets, 1).box, at(adjGts, 1).box);

  // A tie: image B's false positive and image A's true positive share the score 0.8.
  const tieGts: CocoGroundTruth[] = [
    { image: 'A', box: [0, 0, 100, 100] },
    { image: 'B', box: [0, 0, 100, 100] },
  ];
  const tieDets: CocoDetection[] = [
    { image: 'B', score: 0.9, box: [0, 0, 100, 100] },
    { image: 'B', score: 0.8, box: [300, 300, 50, 50] },
    { image: 'A', score: 0.8, box: [0, 0, 100, 100] },
  ];
  const tieAB = prCurve(matchCoco(tieGts, tieDets, { iouThreshold: 0.5, images: ['A', 'B'] }));
  const tieBA = prCurve(matchCoco(tieGts, tieDets, { iouThreshold: 0.5, images: ['B', 'A'] }));

  // One TP at the top and nothing else, out of 100 objects.
  const lowRecall = { recall: [1 / 100], precision: [1] };

  // 150 objects in one image, 150 perfect detections: the 100-detection cap.
  const capGts: CocoGroundTruth[] = Array.from({ length: 150 }, (_, i) => ({
    image: 'A',
    box: [(i % 15) * 60, Math.floor(i / 15) * 60, 50, 50] as const,
  }));
  const capDets: CocoDetection[] = capGts.map((g, i) => ({ image: 'A', score: 0.5 + i / 1000, box: g.box }));
  const cap = evaluateCocoClass(capGts, capDets);

  // Recall exactly 3/5 against the 0.6 level: the devkit (and the decimals) reach it, np.arange not.
  const arange = matchOutcomes(['tp', 'tp', 'tp', 'fp', 'fp', 'tp'], 5);
  const arangeDevkit = apVoc07(arange.recall, arange.precision);
  const arangeDecimal = apVoc07(arange.recall, arange.precision, DECIMAL_07_POINTS);
  const arangeNumpy = apVoc07(arange.recall, arange.precision, NUMPY_ARANGE_07_POINTS);

  // Recall exactly 3/10 against the 0.3 level: only the decimals reach it.
  const tenth = matchOutcomes(['tp', 'tp', 'tp'], 10);
  const tenthDevkit = apVoc07(tenth.recall, tenth.precision);
  const tenthDecimal = apVoc07(tenth.recall, tenth.precision, DECIMAL_07_POINTS);
  const tenthNumpy = apVoc07(tenth.recall, tenth.precision, NUMPY_ARANGE_07_POINTS);

  // IoU exactly 0.5, boxes of 100 × 100 pixels: the devkit's >= against the port's >.
  const halfGt: VocGroundTruth[] = [{ image: 'A', box: [1, 1, 100, 100] }];
  const halfDet: VocDetection[] = [{ image: 'A', score: 0.9, box: [1, 1, 50, 100] }];
  const halfIou = iouVoc([1, 1, 50, 100], [1, 1, 100, 100]);
  const halfDevkit = at(matchVoc(halfGt, halfDet).ranked, 0).outcome;
  const halfPort = at(matchVoc(halfGt, halfDet, { strict: true }).ranked, 0).outcome;

  // A difficult object the detector misses: counted as a positive or not.
  const diffGts: VocGroundTruth[] = [
    { image: 'A', box: [1, 1, 100, 100] },
    { image: 'A', box: [201, 1, 300, 100], difficult: true },
  ];
  const diffDets: VocDetection[] = [{ image: 'A', score: 0.9, box: [1, 1, 100, 100] }];
  const diffKept = prCurve(matchVoc(diffGts, diffDets));
  const diffCounted = prCurve(
    matchVoc(
      diffGts.map((g) => ({ image: g.image, box: g.box })),
      diffDets,
    ),
  );

  const values = {
    iouContinuous,
    iouPlusOne,
    iouContinuousLarge,
    iouPlusOneLarge,
    adjIou11,
    adjIou12,
    adjVocAp: apVocAllPoint(adjVoc.recall, adjVoc.precision),
    adjCocoAp: apCoco(adjCoco.recall, adjCoco.precision),
    tieApAllAB: apVocAllPoint(tieAB.recall, tieAB.precision),
    tieApAllBA: apVocAllPoint(tieBA.recall, tieBA.precision),
    tieCocoAB: apCoco(tieAB.recall, tieAB.precision),
    tieCocoBA: apCoco(tieBA.recall, tieBA.precision),
    low07: apVoc07(lowRecall.recall, lowRecall.precision),
    lowAll: apVocAllPoint(lowRecall.recall, lowRecall.precision),
    lowCoco: apCoco(lowRecall.recall, lowRecall.precision),
    capAp: defined(cap.ap),
    capAr: defined(cap.ar),
    arangeDevkit,
    arangeDecimal,
    arangeNumpy,
    tenthDevkit,
    tenthDecimal,
    tenthNumpy,
    halfIou,
    diffKeptAp: apVocAllPoint(diffKept.recall, diffKept.precision),
    diffCountedAp: apVocAllPoint(diffCounted.recall, diffCounted.precision),
  };
  const f4 = (x: number) => formatFixed(x, 4);
  const printed = {
    iouContinuous: f4(iouContinuous),
    iouPlusOne: f4(iouPlusOne),
    iouContinuousLarge: f4(iouContinuousLarge),
    iouPlusOneLarge: f4(iouPlusOneLarge),
    adjIou11: f4(adjIou11),
    adjIou12: f4(adjIou12),
    tieCocoBA: f4(values.tieCocoBA),
    tieApAllBA: f4(values.tieApAllBA),
    low07: f4(values.low07),
    lowAll: f4(values.lowAll),
    lowCoco: f4(values.lowCoco),
    capAp: f4(values.capAp),
    capAr: f4(values.capAr),
    arangeDevkit: f4(arangeDevkit),
    arangeNumpy: f4(arangeNumpy),
    tenthDevkit: f4(tenthDevkit),
    tenthDecimal: f4(tenthDecimal),
  };
  return { values, outcomes: { halfDevkit, halfPort }, printed };
}

/**
 * The precision/recall arrays of a ranked list of outcomes with `npos` positives. A shortcut for
 * examples that start from the TP/FP sequence instead of boxes.
 */
export function matchOutcomes(outcomes: readonly Outcome[], npos: number): PrCurve {
  return prCurve({
    npos,
    ranked: outcomes.map((outcome, i) => ({ det: i, image: 'A', score: -i, outcome, gt: null, iou: 0 })),
  });
}
