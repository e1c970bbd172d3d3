import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  apCoco,
  apVoc07,
  apVocAllPoint,
  COCO_AREA_RANGES,
  COCO_IOU_THRESHOLDS,
  COCO_MAX_DETS,
  COCO_RECALL_THRESHOLDS,
  type CocoDetection,
  type CocoGroundTruth,
  cocoBoxToVoc,
  cocoPrecisionAtRecalls,
  DECIMAL_07_POINTS,
  envelope,
  evaluateCocoClass,
  exampleRowText,
  formatFixed,
  iouCoco,
  iouVoc,
  MAP_EXAMPLE,
  mapSideExamples,
  mapWorkedExample,
  matchCoco,
  matchOutcomes,
  matchVoc,
  matlabColon,
  meanOfDefined,
  NUMPY_ARANGE_07_POINTS,
  numpyLinspace,
  type Outcome,
  prCurve,
  VOC07_RECALL_POINTS,
  type VocDetection,
  type VocGroundTruth,
} from '../../src/numerics/map';
import { mulberry32 } from '../../src/numerics/random';

const article = readFileSync(new URL('../../content/map.md', import.meta.url), 'utf8');

function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`no element ${i}`);
  return x;
}

/** The three AP rules on a ranked list of outcomes with `npos` positives. */
function threeAps(outcomes: readonly Outcome[], npos: number) {
  const c = matchOutcomes(outcomes, npos);
  return {
    ap07: apVoc07(c.recall, c.precision),
    all: apVocAllPoint(c.recall, c.precision),
    coco: apCoco(c.recall, c.precision),
  };
}

const vocOf = (gts: readonly CocoGroundTruth[]): VocGroundTruth[] =>
  gts.map((g) => ({ image: g.image, box: cocoBoxToVoc(g.box) }));
const vocDetsOf = (dets: readonly CocoDetection[]): VocDetection[] =>
  dets.map((d) => ({ image: d.image, score: d.score, box: cocoBoxToVoc(d.box) }));

describe('thresholds, as numpy builds them in pycocotools and in the Python VOC port', () => {
  it('np.linspace(.5, .95, 10) and np.linspace(0, 1, 101), value for value (numpy 1.24.2 output)', () => {
    expect(COCO_IOU_THRESHOLDS).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95]);
    expect(COCO_RECALL_THRESHOLDS).toHaveLength(101);
    // The only entries of np.linspace(0, 1, 101) that differ from i/100, as numpy prints them.
    const differ = COCO_RECALL_THRESHOLDS.map((x, i) => [i, x] as const).filter(([i, x]) => x !== i / 100);
    expect(differ).toEqual([
      [35, 0.35000000000000003],
      [41, 0.41000000000000003],
      [47, 0.47000000000000003],
      [57, 0.5700000000000001],
      [69, 0.6900000000000001],
      [70, 0.7000000000000001],
      [82, 0.8200000000000001],
      [83, 0.8300000000000001],
      [94, 0.9400000000000001],
      [95, 0.9500000000000001],
    ]);
    expect(numpyLinspace(0, 1, 2)).toEqual([0, 1]);
    expect(() => numpyLinspace(0, 1, 1)).toThrow(RangeError);
  });

  it('np.arange(0., 1.1, 0.1) is not the exact decimals 0, 0.1, …, 1 (numpy 1.24.2 output)', () => {
    expect(NUMPY_ARANGE_07_POINTS).toEqual([
      0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1,
    ]);
    expect(DECIMAL_07_POINTS).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it("the devkit's MATLAB 0:0.1:1 (MathWorks 1-4FLI96: a + k·d, then b − k·d): 3·0.1 but 1 − 0.4", () => {
    // First half 0 + k·0.1, second half 1 − k·0.1, middle (0 + 1)/2, as double arithmetic gives them.
    expect(VOC07_RECALL_POINTS).toEqual([0, 0.1, 0.2, 3 * 0.1, 0.4, 0.5, 1 - 0.4, 1 - 0.3, 1 - 0.2, 1 - 0.1, 1]);
    expect(VOC07_RECALL_POINTS).toEqual([0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    const differ = (xs: readonly number[], ys: readonly number[]) =>
      xs.map((_, i) => i).filter((i) => at(xs, i) !== at(ys, i));
    expect(differ(VOC07_RECALL_POINTS, DECIMAL_07_POINTS)).toEqual([3]);
    expect(differ(VOC07_RECALL_POINTS, NUMPY_ARANGE_07_POINTS)).toEqual([6, 7]);
    // MathWorks' own example: -1:0.01:1 has 201 values, symmetric about zero.
    const v = matlabColon(-1, 0.01, 1);
    expect(v).toHaveLength(201);
    v.forEach((x, i) => {
      expect(x + 0).toBe(0 - at(v, 200 - i)); // + 0 and 0 − turn −0 into 0 at the midpoint
    });
    // Observed in MATLAB (Stack Overflow question 15514343): a loop over 0:0.01:1 meets 0.2 exactly,
    // a loop over -1:0.01:1 does not; repeated addition of 0.01 would miss it in both.
    expect(matlabColon(0, 0.01, 1)).toContain(0.2);
    expect(matlabColon(-1, 0.01, 1)).not.toContain(0.2);
    expect(Array.from({ length: 20 }).reduce((s: number) => s + 0.01, 0)).not.toBe(0.2);
    expect(matlabColon(1, 1, 4)).toEqual([1, 2, 3, 4]);
    expect(() => matlabColon(0, 0.3, 1)).toThrow(RangeError);
    expect(() => matlabColon(1, 0.1, 0)).toThrow(RangeError);
    const t = '所以 `0:0.1:1` 的第四个水平是 $3\\times0.1$，即 0.30000000000000004（与 `np.arange` 相同）';
    expect(article).toContain(t);
    expect(article).toContain('0.6、0.7 两个水平是 $1-0.4$ 和 $1-0.3$，恰好就是浮点数 0.6 和 0.7');
  });

  it('pycocotools defaults: area ranges with both ends closed, maxDets 1/10/100', () => {
    expect(COCO_AREA_RANGES.small).toEqual([0, 1024]);
    expect(COCO_AREA_RANGES.medium).toEqual([1024, 9216]);
    expect(COCO_AREA_RANGES.large).toEqual([9216, 1e10]);
    expect(COCO_MAX_DETS).toEqual([1, 10, 100]);
  });
});

describe('IoU in the two box conventions', () => {
  it('COCO boxes: hand-computed overlaps, zero when only an edge is shared', () => {
    expect(iouCoco([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    expect(iouCoco([0, 0, 10, 10], [5, 0, 10, 10])).toBeCloseTo(50 / 150, 15);
    expect(iouCoco([0, 0, 10, 10], [10, 0, 10, 10])).toBe(0);
    expect(iouCoco([0, 0, 100, 100], [0, 0, 50, 100])).toBe(0.5);
  });

  it('VOC boxes: +1 pixel, so boxes sharing one column still overlap', () => {
    expect(iouVoc([1, 1, 10, 10], [1, 1, 10, 10])).toBe(1);
    expect(iouVoc([1, 1, 10, 10], [10, 1, 19, 10])).toBeCloseTo(10 / 190, 15);
    expect(iouVoc([1, 1, 10, 10], [11, 1, 20, 10])).toBe(0);
    expect(iouVoc([1, 1, 50, 100], [1, 1, 100, 100])).toBe(0.5);
  });

  it('crowd regions (pycocotools bbIou): intersection over the detection area', () => {
    expect(iouCoco([10, 10, 20, 20], [0, 0, 100, 100], true)).toBe(1);
    expect(iouCoco([90, 0, 20, 20], [0, 0, 100, 100], true)).toBeCloseTo(0.5, 15);
  });

  it('consistent use agrees: an integer COCO box and its VOC pixel box give the same IoU', () => {
    const rand = mulberry32(20261129);
    const box = (): [number, number, number, number] => [
      Math.floor(rand() * 50),
      Math.floor(rand() * 50),
      1 + Math.floor(rand() * 40),
      1 + Math.floor(rand() * 40),
    ];
    for (let i = 0; i < 500; i++) {
      const a = box();
      const b = box();
      expect(iouVoc(cocoBoxToVoc(a), cocoBoxToVoc(b))).toBeCloseTo(iouCoco(a, b), 14);
    }
  });

  it('mixed use disagrees: (0,0,10,10) and (2,2,12,12) give 64/136 and 81/161, on both sides of 0.5', () => {
    const { values: v, printed: p } = mapSideExamples();
    expect(v.iouContinuous).toBeCloseTo(64 / 136, 15);
    expect(v.iouPlusOne).toBeCloseTo(81 / 161, 15);
    expect(v.iouContinuousLarge).toBeCloseTo(6400 / 13600, 15);
    expect(v.iouPlusOneLarge).toBeCloseTo(6561 / 13841, 15);
    expect(article).toContain(`IoU 是 $64/136\\approx${p.iouContinuous}$`);
    expect(article).toContain(`IoU 是 $81/161\\approx${p.iouPlusOne}$`);
    expect(article).toContain(
      `连续坐标下的 IoU 仍是 ${p.iouContinuousLarge}（IoU 与缩放无关），加 1 的版本变成 ${p.iouPlusOneLarge}`,
    );
  });
});

describe('VOC devkit matching (VOCevaldet.m), reference cases', () => {
  const gt = (image: string, box: [number, number, number, number], difficult = false): VocGroundTruth => ({
    image,
    box,
    difficult,
  });
  const det = (image: string, score: number, box: [number, number, number, number]): VocDetection => ({
    image,
    score,
    box,
  });

  it('duplicate detections of one object: the first is TP, the rest FP', () => {
    const m = matchVoc([gt('A', [1, 1, 100, 100])], [det('A', 0.9, [1, 1, 100, 100]), det('A', 0.8, [3, 1, 102, 100])]);
    expect(m.ranked.map((r) => r.outcome)).toEqual(['tp', 'fp']);
    expect(m.npos).toBe(1);
  });

  it('the best-overlap object is taken → FP, even if another free object overlaps enough', () => {
    const m = matchVoc(
      [gt('A', [1, 1, 100, 100]), gt('A', [31, 1, 130, 100])],
      [det('A', 0.9, [1, 1, 100, 100]), det('A', 0.8, [13, 1, 112, 100])],
    );
    expect(m.ranked.map((r) => r.outcome)).toEqual(['tp', 'fp']);
    expect(at(m.ranked, 1).gt).toBe(0);
  });

  it('best overlap on a difficult object → ignored, even if a regular object also overlaps ≥ 0.5', () => {
    const m = matchVoc(
      [gt('A', [1, 1, 100, 100]), gt('A', [11, 1, 110, 100], true)],
      [det('A', 0.9, [9, 1, 108, 100])],
    );
    expect(iouVoc([9, 1, 108, 100], [1, 1, 100, 100])).toBeGreaterThan(0.5);
    expect(m.ranked.map((r) => r.outcome)).toEqual(['ignored']);
    expect(m.npos).toBe(1);
  });

  it('a difficult object absorbs any number of detections, and npos counts only regular objects', () => {
    const m = matchVoc(
      [gt('A', [1, 1, 100, 100], true), gt('B', [1, 1, 100, 100])],
      [det('A', 0.9, [1, 1, 100, 100]), det('A', 0.8, [2, 1, 101, 100]), det('B', 0.7, [1, 1, 100, 100])],
    );
    expect(m.ranked.map((r) => r.outcome)).toEqual(['ignored', 'ignored', 'tp']);
    expect(m.npos).toBe(1);
    const c = prCurve(m);
    expect(c.precision).toEqual([0, 0, 1]); // the devkit's 0/0 = NaN, here 0; no AP changes
    expect(apVocAllPoint(c.recall, c.precision)).toBe(1);
    expect(apVoc07(c.recall, c.precision)).toBeCloseTo(1, 15);
  });

  it('first detection on a difficult object: 0/0 at rank 1; NaN only hurts the py-faster-rcnn port', () => {
    const m = matchVoc(
      [gt('A', [1, 1, 100, 100], true), gt('B', [1, 1, 100, 100])],
      [det('A', 0.9, [1, 1, 100, 100]), det('B', 0.8, [1, 1, 100, 100])],
    );
    const c = prCurve(m);
    expect(c.precision).toEqual([0, 1]); // here 0, as pycocotools (np.spacing) and detectron2 (eps)
    expect(apVoc07(c.recall, c.precision)).toBeCloseTo(1, 15);
    expect(apVocAllPoint(c.recall, c.precision)).toBe(1);
    // The port: prec = tp / (tp + fp) = [nan, 1]. np.max, like Math.max, propagates NaN, so its
    // voc_ap(..., use_07_metric=True) is nan and the area branch 1.0 (numpy 2.4.6 on the same arrays).
    const portPrecision = c.tp.map((t, i) => t / (t + at(c.fp, i)));
    expect(portPrecision[0]).toBeNaN();
    expect(apVoc07(c.recall, portPrecision, NUMPY_ARANGE_07_POINTS)).toBeNaN();
    expect(apVocAllPoint(c.recall, portPrecision)).toBe(1);
    expect(article).toContain('若排名第一的检测框住的是困难样本，该位置是 $0/0$，即 NaN');
    expect(article).toContain('全点面积的分支恰好不受影响');
  });

  it('equal overlaps: the first object in annotation order wins (strict > in the argmax)', () => {
    const m = matchVoc([gt('A', [1, 1, 100, 100]), gt('A', [21, 1, 120, 100])], [det('A', 0.9, [11, 1, 110, 100])]);
    expect(at(m.ranked, 0).gt).toBe(0);
  });

  it('equal scores keep the order of the results file (a stable sort, as MATLAB sort)', () => {
    const m = matchVoc(
      [gt('A', [1, 1, 100, 100])],
      [det('A', 0.5, [301, 1, 400, 100]), det('A', 0.5, [1, 1, 100, 100]), det('A', 0.9, [501, 1, 600, 100])],
    );
    expect(m.ranked.map((r) => r.det)).toEqual([2, 0, 1]);
  });

  it('IoU exactly 0.5: the devkit (>=) says TP, the py-faster-rcnn port (>) says FP', () => {
    const s = mapSideExamples();
    expect(s.values.halfIou).toBe(0.5);
    expect(s.outcomes).toEqual({ halfDevkit: 'tp', halfPort: 'fp' });
    expect(article).toContain('框 $(1,1,50,100)$ 与 $(1,1,100,100)$ 的 IoU 恰好是 $5000/10000=0.5$');
  });

  it('deleting a difficult object instead of flagging it turns the detections on it into FP', () => {
    const flagged = matchVoc([gt('A', [1, 1, 100, 100], true)], [det('A', 0.9, [1, 1, 100, 100])]);
    const deleted = matchVoc([], [det('A', 0.9, [1, 1, 100, 100])]);
    expect(flagged.ranked.map((r) => r.outcome)).toEqual(['ignored']);
    expect(deleted.ranked.map((r) => r.outcome)).toEqual(['fp']);
    expect(article).toContain('若在评测前直接删掉困难样本，框住它们的检测就变成 FP');
  });

  it('detections in an image without objects of the class are FP; no detections give AP 0', () => {
    const m = matchVoc([gt('A', [1, 1, 10, 10])], [det('B', 0.9, [1, 1, 10, 10])]);
    expect(m.ranked.map((r) => r.outcome)).toEqual(['fp']);
    const none = prCurve(matchVoc([gt('A', [1, 1, 10, 10])], []));
    expect(apVocAllPoint(none.recall, none.precision)).toBe(0);
    expect(apVoc07(none.recall, none.precision)).toBe(0);
    expect(apCoco(none.recall, none.precision)).toBe(0);
  });

  it('a class with no ground truth: NaN for VOCap (0/0 recall), 0 for the 11-point code', () => {
    const c = prCurve(matchVoc([], [det('A', 0.9, [1, 1, 10, 10])]));
    expect(c.recall[0]).toBeNaN();
    expect(apVocAllPoint(c.recall, c.precision)).toBeNaN();
    expect(apVoc07(c.recall, c.precision)).toBe(0);
  });

  it('rejects thresholds outside (0, 1] and non-finite scores', () => {
    expect(() => matchVoc([], [], { threshold: 0 })).toThrow(RangeError);
    expect(() => matchVoc([], [det('A', Number.NaN, [1, 1, 2, 2])])).toThrow(RangeError);
    expect(() => matchCoco([], [], { iouThreshold: 1.5 })).toThrow(RangeError);
  });
});

describe('pycocotools matching (evaluateImg / accumulate), reference cases', () => {
  it('a taken object is skipped and the next best free one is matched (the VOC rule would say FP)', () => {
    const { values: v, printed: p } = mapSideExamples();
    expect(v.adjIou11).toBeCloseTo(88 / 112, 15);
    expect(v.adjIou12).toBeCloseTo(82 / 118, 15);
    expect(v.adjVocAp).toBe(0.5);
    expect(v.adjCocoAp).toBe(1);
    expect(article).toContain(`与两只猫的 IoU 分别为 ${p.adjIou11} 和 ${p.adjIou12}`);
    expect(article).toContain('这一类的 AP 只有 0.5');
    expect(article).toContain('算 TP，AP 是 1。');
  });

  it('a regular object beats an ignored one even when the crowd region comes first and overlaps as much', () => {
    // pycocotools 2.0.11 on the same input: the detection is not ignored and AP50 = 1.
    const m = matchCoco(
      [
        { image: 'A', box: [0, 0, 100, 100], iscrowd: true },
        { image: 'A', box: [0, 0, 100, 100] },
      ],
      [{ image: 'A', score: 0.9, box: [0, 0, 100, 100] }],
      { iouThreshold: 0.5 },
    );
    expect(m.ranked.map((r) => [r.outcome, r.gt])).toEqual([['tp', 1]]);
    expect(m.npos).toBe(1);
  });

  it('a crowd region absorbs several detections; they are ignored, not FP', () => {
    // pycocotools 2.0.11: dtIgnore = [True, False, True], AP50 = 1 (to 1e-15).
    const m = matchCoco(
      [
        { image: 'A', box: [0, 0, 100, 100] },
        { image: 'A', box: [200, 0, 300, 300], iscrowd: true },
      ],
      [
        { image: 'A', score: 0.9, box: [210, 10, 50, 50] },
        { image: 'A', score: 0.8, box: [0, 0, 100, 100] },
        { image: 'A', score: 0.7, box: [300, 100, 50, 50] },
      ],
      { iouThreshold: 0.5 },
    );
    expect(m.ranked.map((r) => r.outcome)).toEqual(['ignored', 'tp', 'ignored']);
    const c = prCurve(m);
    expect(apCoco(c.recall, c.precision)).toBe(1);
  });

  it('area ranges: objects of exactly 32² count as small and as medium; outside objects are ignored', () => {
    const gts: CocoGroundTruth[] = [{ image: 'A', box: [0, 0, 32, 32] }];
    const dets: CocoDetection[] = [{ image: 'A', score: 0.9, box: [0, 0, 32, 32] }];
    // pycocotools 2.0.11: AP_small = AP_medium = 1, AP_large = -1.
    expect(evaluateCocoClass(gts, dets, { areaRange: COCO_AREA_RANGES.small }).ap).toBe(1);
    expect(evaluateCocoClass(gts, dets, { areaRange: COCO_AREA_RANGES.medium }).ap).toBe(1);
    expect(evaluateCocoClass(gts, dets, { areaRange: COCO_AREA_RANGES.large }).ap).toBeNull();
  });

  it('the annotation area, not the box, decides the size class; unmatched out-of-range detections are ignored', () => {
    // A 40×40 box whose mask has 900 pixels is "small"; a small unmatched detection is no FP for "large".
    const small = evaluateCocoClass(
      [{ image: 'A', box: [0, 0, 40, 40], area: 900 }],
      [{ image: 'A', score: 0.9, box: [0, 0, 40, 40] }],
      { areaRange: COCO_AREA_RANGES.small },
    );
    expect(small.ap).toBe(1);
    const large = matchCoco(
      [{ image: 'A', box: [0, 0, 100, 100] }],
      [
        { image: 'A', score: 0.9, box: [300, 300, 20, 20] },
        { image: 'A', score: 0.8, box: [0, 0, 100, 100] },
      ],
      { iouThreshold: 0.5, areaRange: COCO_AREA_RANGES.large },
    );
    expect(large.ranked.map((r) => r.outcome)).toEqual(['ignored', 'tp']);
  });

  it('ties across images follow the image order: 1 with A first, 253/303 with B first (pycocotools 2.0.11)', () => {
    const { values: v, printed: p } = mapSideExamples();
    expect(v.tieCocoAB).toBe(1);
    expect(v.tieCocoBA).toBeCloseTo(253 / 303, 14); // (51 + 50·2/3)/101; pycocotools: 0.834983498349835
    expect(v.tieApAllAB).toBe(1);
    expect(v.tieApAllBA).toBeCloseTo(5 / 6, 15);
    expect(article).toContain(`VOC 全点 AP 变成 ${p.tieApAllBA}，COCO 的 101 点 AP 变成 ${p.tieCocoBA}`);
  });

  it('equal IoU with two free objects: the later one wins (pycocotools 2.0.11 matches annotation id 2)', () => {
    const m = matchCoco(
      [
        { image: 'A', box: [0, 0, 100, 100] },
        { image: 'A', box: [20, 0, 100, 100] },
      ],
      [{ image: 'A', score: 0.9, box: [10, 0, 100, 100] }],
      { iouThreshold: 0.5 },
    );
    expect(iouCoco([10, 0, 100, 100], [0, 0, 100, 100])).toBe(iouCoco([10, 0, 100, 100], [20, 0, 100, 100]));
    expect(m.ranked.map((r) => [r.outcome, r.gt])).toEqual([['tp', 1]]);
    expect(article).toContain('IoU 与目前最佳相同时，排在后面的真值会替换前面的，与 VOC 开发包取第一个正好相反');
  });

  it('IoU exactly at the threshold matches (>=)', () => {
    const m = matchCoco([{ image: 'A', box: [0, 0, 100, 100] }], [{ image: 'A', score: 0.9, box: [0, 0, 50, 100] }], {
      iouThreshold: 0.5,
    });
    expect(m.ranked.map((r) => r.outcome)).toEqual(['tp']);
  });

  it('greedy by score is not an optimal assignment: one TP where two were possible', () => {
    // Detection 1 overlaps object 1 by 0.82 and object 2 by 0.67; detection 2 only object 1, by 0.60.
    const gts: CocoGroundTruth[] = [
      { image: 'A', box: [0, 0, 100, 100] },
      { image: 'A', box: [30, 0, 100, 100] },
    ];
    const d1: CocoDetection = { image: 'A', score: 0.9, box: [10, 0, 100, 100] };
    const d2: CocoDetection = { image: 'A', score: 0.8, box: [-25, 0, 100, 100] };
    expect(iouCoco(d1.box, at(gts, 0).box)).toBeGreaterThan(iouCoco(d1.box, at(gts, 1).box));
    expect(iouCoco(d2.box, at(gts, 0).box)).toBeGreaterThanOrEqual(0.5);
    expect(iouCoco(d2.box, at(gts, 1).box)).toBeLessThan(0.5);
    expect(iouCoco(d1.box, at(gts, 1).box)).toBeGreaterThanOrEqual(0.5);
    const m = matchCoco(gts, [d1, d2], { iouThreshold: 0.5 });
    expect(m.ranked.filter((r) => r.outcome === 'tp')).toHaveLength(1);
    const vm = matchVoc(vocOf(gts), vocDetsOf([d1, d2]));
    expect(vm.ranked.filter((r) => r.outcome === 'tp')).toHaveLength(1);
    const f2 = (x: number) => formatFixed(x, 2);
    const text = `检测 1 与两个物体的 IoU 分别是 ${f2(iouCoco(d1.box, at(gts, 0).box))} 和 ${f2(
      iouCoco(d1.box, at(gts, 1).box),
    )}，检测 2 只与第一个物体重合 ${f2(iouCoco(d2.box, at(gts, 0).box))}`;
    expect(article).toContain(text);
  });

  it('the 100-detection cap: 150 perfect detections of 150 objects give AP 67/101 and AR 2/3', () => {
    // pycocotools 2.0.11 on the same input: AP 0.6633663366336634, AR@100 0.6666666666666667.
    const { values: v, printed: p } = mapSideExamples();
    expect(v.capAp).toBeCloseTo(67 / 101, 14);
    expect(v.capAr).toBeCloseTo(2 / 3, 14);
    expect(article).toContain(`AR@100 是 ${p.capAr}，AP 是 ${p.capAp}`);
  });

  it('maxDets cuts per image and per class, keeping the highest scores', () => {
    const gts: CocoGroundTruth[] = [
      { image: 'A', box: [0, 0, 10, 10] },
      { image: 'B', box: [0, 0, 10, 10] },
    ];
    const dets: CocoDetection[] = [
      { image: 'A', score: 0.9, box: [50, 50, 10, 10] },
      { image: 'A', score: 0.8, box: [0, 0, 10, 10] },
      { image: 'B', score: 0.7, box: [0, 0, 10, 10] },
    ];
    const m = matchCoco(gts, dets, { iouThreshold: 0.5, maxDets: 1 });
    expect(m.ranked.map((r) => [r.image, r.outcome])).toEqual([
      ['A', 'fp'],
      ['B', 'tp'],
    ]);
  });

  it('a class without regular ground truth is undefined (pycocotools -1) and left out of the mean', () => {
    const none = evaluateCocoClass([], [{ image: 'A', score: 0.9, box: [0, 0, 10, 10] }]);
    expect(none.ap).toBeNull();
    expect(none.ar).toBeNull();
    const crowdOnly = evaluateCocoClass([{ image: 'A', box: [0, 0, 10, 10], iscrowd: true }], []);
    expect(crowdOnly.ap).toBeNull();
    const one = evaluateCocoClass(
      [{ image: 'A', box: [0, 0, 10, 10] }],
      [{ image: 'A', score: 0.9, box: [0, 0, 10, 10] }],
    );
    expect(one.ap).toBe(1);
    expect(meanOfDefined([one.ap, none.ap])).toBe(1);
    // pycocotools 2.0.11: a 0.99-score detection of a class without ground truth leaves stats[0] at 1.
    const fpOnly = evaluateCocoClass([], [{ image: 'A', score: 0.99, box: [0, 0, 10, 10] }]);
    expect(meanOfDefined([one.ap, fpOnly.ap])).toBe(1);
    expect(article).toContain('即使这个类别有检测也是如此：在评测集里没有真值的类别上输出的误检不受任何惩罚');
    expect(meanOfDefined([null, null])).toBeNull();
    const missed = evaluateCocoClass([{ image: 'A', box: [0, 0, 10, 10] }], []);
    expect(missed.ap).toBe(0);
    expect(missed.ar).toBe(0);
  });
});

describe('PR curve, envelope and the three AP rules', () => {
  it('all correct: AP 1 under every rule, and the curve moves right at precision 1 (a = k)', () => {
    expect(threeAps(['tp', 'tp', 'tp'], 3)).toEqual({ ap07: expect.closeTo(1, 14), all: 1, coco: 1 });
    expect(matchOutcomes(['tp', 'tp', 'tp'], 3).precision).toEqual([1, 1, 1]);
  });

  it('a TP never lowers precision: (a+1)/(k+1) − a/k = (k−a)/(k(k+1)) ≥ 0, zero only for a = k', () => {
    for (let k = 1; k <= 30; k++) {
      for (let a = 0; a <= k; a++) {
        const step = (a + 1) / (k + 1) - a / k;
        expect(step).toBeCloseTo((k - a) / (k * (k + 1)), 14);
        if (a === k) expect(step).toBe(0);
        else expect(step).toBeGreaterThan(0);
      }
    }
  });

  it('hand-computed: TP FP TP with 2 objects', () => {
    // P = 1, 1/2, 2/3; R = 1/2, 1/2, 1; envelope 1, 2/3, 2/3.
    const c = matchOutcomes(['tp', 'fp', 'tp'], 2);
    expect(c.precision).toEqual([1, 0.5, 2 / 3]);
    expect(envelope(c.precision)).toEqual([1, 2 / 3, 2 / 3]);
    const ap = threeAps(['tp', 'fp', 'tp'], 2);
    expect(ap.all).toBeCloseTo(0.5 + 0.5 * (2 / 3), 15); // 5/6
    expect(ap.ap07).toBeCloseTo((6 + 5 * (2 / 3)) / 11, 15); // 28/33
    expect(ap.coco).toBeCloseTo((51 + 50 * (2 / 3)) / 101, 14); // 253/303
  });

  it('one hit at the top, 100 objects: 1/11, 1/100 and 2/101', () => {
    const { values: v, printed: p } = mapSideExamples();
    expect(v.low07).toBeCloseTo(1 / 11, 15);
    expect(v.lowAll).toBeCloseTo(1 / 100, 15);
    expect(v.lowCoco).toBeCloseTo(2 / 101, 15);
    expect(article).toContain(`全点 AP 是 ${p.lowAll}，COCO 的 101 点是 ${p.lowCoco}，11 点却是 ${p.low07}`);
    // 9 of 100 objects found at precision 1: area 0.09, but the same 1/11 under the 11-point rule.
    const nine = threeAps(Array<Outcome>(9).fill('tp'), 100);
    expect(nine.all).toBeCloseTo(0.09, 15);
    expect(nine.ap07).toBeCloseTo(1 / 11, 15);
    expect(article).toContain(`以精确率 1 找到 9% 物体的检测器的分数（${formatFixed(nine.all, 4)}）`);
  });

  it('recall exactly 3/5 at the "0.6" level: 25/33 with the devkit (and the decimals), 8/11 with np.arange', () => {
    const { values: v, printed: p } = mapSideExamples();
    // Envelope 1 up to recall 3/5, then 2/3 up to 1: 7 levels at 1 and 4 at 2/3 if 0.6 is reached.
    expect(v.arangeDevkit).toBeCloseTo(25 / 33, 15);
    expect(v.arangeDecimal).toBeCloseTo(25 / 33, 15);
    expect(v.arangeNumpy).toBeCloseTo(8 / 11, 15);
    expect(article).toContain(
      `按开发包（MATLAB）的取样点，11 点 AP 是 ${p.arangeDevkit}，按 \`np.arange\` 则是 ${p.arangeNumpy}`,
    );
  });

  it('recall exactly 3/10 at the "0.3" level: only the decimals reach it (4/11 against 3/11)', () => {
    const { values: v, printed: p } = mapSideExamples();
    expect(v.tenthDecimal).toBeCloseTo(4 / 11, 15);
    expect(v.tenthDevkit).toBeCloseTo(3 / 11, 15);
    expect(v.tenthNumpy).toBeCloseTo(3 / 11, 15);
    expect(p.tenthDecimal).toBe('0.3636');
    expect(p.tenthDevkit).toBe('0.2727');
    expect(article).toContain(
      `按精确小数 11 点 AP 是 $4/11\\approx${p.tenthDecimal}$，开发包和 \`np.arange\` 都是 $3/11\\approx${p.tenthDevkit}$`,
    );
  });

  it('recall exactly 7/20 does not reach pycocotools’ threshold 0.35000000000000003', () => {
    // Two objects out of 20 … the rank with recall 7/20 has precision 1/2, the next one 8/9.
    const recall = [7 / 20, 8 / 20];
    const precision = [0.5, 8 / 9];
    const q = cocoPrecisionAtRecalls(recall, precision);
    expect(q[34]).toBeCloseTo(8 / 9, 15); // envelope already 8/9 at rank 1
    const flat = cocoPrecisionAtRecalls([7 / 20, 7 / 20, 8 / 20], [1, 0.5, 0.5]);
    expect(flat[35]).toBe(0.5); // 0.35000000000000003 > 7/20: read at the next rank
    expect(cocoPrecisionAtRecalls([7 / 20, 7 / 20, 8 / 20], [1, 0.5, 0.5], [0.35])[0]).toBe(1);
  });

  it('every rule reads the same envelope e(r) = max{P_k : R_k ≥ r}', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 200; trial++) {
      const npos = 1 + Math.floor(rand() * 12);
      const outcomes: Outcome[] = Array.from({ length: 1 + Math.floor(rand() * 20) }, () =>
        rand() < 0.5 ? 'tp' : 'fp',
      );
      const hits = outcomes.filter((o) => o === 'tp').length;
      if (hits > npos) continue;
      const c = matchOutcomes(outcomes, npos);
      const e = (r: number) => Math.max(0, ...c.precision.filter((_, i) => at(c.recall, i) >= r));
      const q = cocoPrecisionAtRecalls(c.recall, c.precision);
      q.forEach((x, i) => {
        expect(x).toBe(e(at(COCO_RECALL_THRESHOLDS, i)));
      });
      // AP_all is the exact integral of e; with TP ranks it is (1/N) Σ ê_k.
      const env = envelope(c.precision);
      const byTp = outcomes.reduce((s, o, k) => (o === 'tp' ? s + at(env, k) : s), 0) / npos;
      expect(apVocAllPoint(c.recall, c.precision)).toBeCloseTo(byTp, 12);
      const uninterpolated = outcomes.reduce((s, o, k) => (o === 'tp' ? s + at(c.precision, k) : s), 0) / npos;
      expect(byTp).toBeGreaterThanOrEqual(uninterpolated - 1e-15);
    }
  });

  it('the quadrature bound: |AP11 − AP_all| ≤ 1/11 and |AP101 − AP_all| ≤ 1/101, and both are nearly reached', () => {
    const rand = mulberry32(11);
    let worst11 = 0;
    let worst101 = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const npos = 1 + Math.floor(rand() * 40);
      const outcomes: Outcome[] = [];
      let hits = 0;
      const bias = rand();
      for (let k = 0; k < 60 && hits < npos; k++) {
        const hit = rand() < bias;
        outcomes.push(hit ? 'tp' : 'fp');
        if (hit) hits++;
      }
      const { ap07, all, coco } = threeAps(outcomes, npos);
      worst11 = Math.max(worst11, Math.abs(ap07 - all));
      worst101 = Math.max(worst101, Math.abs(coco - all));
    }
    expect(worst11).toBeLessThanOrEqual(1 / 11 + 1e-12);
    expect(worst101).toBeLessThanOrEqual(1 / 101 + 1e-12);
    // Envelope 1 on [0, 1/1000]: AP11 exceeds the area by almost 1/11.
    const top = threeAps(['tp'], 1000);
    expect(top.ap07 - top.all).toBeCloseTo(1 / 11 - 1 / 1000, 14);
    // Envelope 1 on [0, 999/1000], then nothing: AP11 falls short by almost 1/11.
    const miss = threeAps(Array<Outcome>(999).fill('tp'), 1000);
    expect(miss.all - miss.ap07).toBeCloseTo(1 / 11 - 1 / 1000, 14);
    expect(article).toContain('$\\lvert\\mathrm{AP}_{11}-\\mathrm{AP}_{\\text{all}}\\rvert\\le 1/11\\approx0.0909$');
    expect(article).toContain(
      '$\\lvert\\mathrm{AP}^{t}_{101}-\\mathrm{AP}_{\\text{all}}\\rvert\\le 1/101\\approx0.0099$',
    );
    expect(formatFixed(1 / 11, 4)).toBe('0.0909');
    expect(formatFixed(1 / 101, 4)).toBe('0.0099');
  });

  it('difficult objects: a missed one costs nothing, unless it is counted as a positive (1 against 1/2)', () => {
    const { values: v } = mapSideExamples();
    expect(v.diffKeptAp).toBe(1);
    expect(v.diffCountedAp).toBe(0.5);
    expect(article).toContain('按 VOC 规则 AP 为 1，把困难样本当普通真值则降为 0.5');
  });
});

describe('the worked example', () => {
  const ex = mapWorkedExample();
  const cat = at(ex.classes, 0);
  const dog = at(ex.classes, 1);
  const shiftIou = (s: number) => (100 - s) / (100 + s);

  it('matches the hand-derived table: outcomes, overlaps (100 − s)/(100 + s), counts', () => {
    expect(cat.npos).toBe(4);
    expect(cat.rows.map((r) => r.reason)).toEqual([
      'tp',
      'duplicate',
      'tp',
      'background',
      'tp',
      'background',
      'low-iou',
    ]);
    const catIou = [shiftIou(5), shiftIou(20), shiftIou(10), 0, shiftIou(30), 0, shiftIou(40)];
    cat.rows.forEach((r, i) => {
      expect(r.iou).toBeCloseTo(at(catIou, i), 14);
    });
    expect(cat.rows.map((r) => r.recall)).toEqual([0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 0.75]);
    expect(dog.npos).toBe(3);
    expect(dog.rows.map((r) => r.reason)).toEqual(['tp', 'background', 'tp', 'tp', 'background']);
    const dogIou = [shiftIou(8), 0, shiftIou(18), shiftIou(24), 0];
    dog.rows.forEach((r, i) => {
      expect(r.iou).toBeCloseTo(at(dogIou, i), 14);
    });
  });

  it('VOC and COCO matching agree at IoU 0.5 here, so only the AP rules differ', () => {
    expect(cat.sameOutcomes).toBe(true);
    expect(dog.sameOutcomes).toBe(true);
  });

  it('gives the hand-computed fractions under every rule', () => {
    expect(cat.apAll).toBeCloseTo(17 / 30, 14);
    expect(cat.ap07).toBeCloseTo(31 / 55, 14);
    expect(cat.apCoco50).toBeCloseTo(173 / 303, 14);
    expect(dog.apAll).toBeCloseTo(5 / 6, 14);
    expect(dog.ap07).toBeCloseTo(37 / 44, 14);
    expect(dog.apCoco50).toBeCloseTo(337 / 404, 14);
    expect(ex.mapAll).toBeCloseTo(0.7, 14);
    expect(ex.map07).toBeCloseTo(309 / 440, 14);
    // Per IoU threshold: the TPs of 猫 have IoU 0.905, 0.818, 0.538; of 狗 0.852, 0.695, 0.613.
    const catT = [173 / 303, ...Array(6).fill(128 / 303), 26 / 101, 26 / 101, 0];
    const dogT = [337 / 404, 337 / 404, 337 / 404, 56 / 101, 34 / 101, 34 / 101, 34 / 101, 34 / 101, 0, 0];
    cat.coco.apPerThreshold.forEach((x, i) => {
      expect(x).toBeCloseTo(at(catT, i), 14);
    });
    dog.coco.apPerThreshold.forEach((x, i) => {
      expect(x).toBeCloseTo(at(dogT, i), 14);
    });
    expect(cat.coco.ap).toBeCloseTo(1097 / 3030, 14);
    expect(dog.coco.ap).toBeCloseTo(1779 / 4040, 14);
    expect(ex.cocoAr100).toBeCloseTo(0.4625, 14);
    expect(ex.cocoAr1).toBeCloseTo(1 / 3, 14);
    // AR per class (pycocotools 2.0.11: 0.4 and 0.2667 at one detection, 0.425 and 0.5 at 100). With one
    // detection per image 猫 keeps A's and B's hits (IoU 0.905, 0.818) and loses C's, where an FP ranks
    // first; 狗 keeps only B's first dog (IoU 0.852): A's FP ranks first, B's second dog is cut.
    expect(cat.cocoAr1).toBeCloseTo((7 * (2 / 4) + 2 * (1 / 4)) / 10, 14);
    expect(dog.cocoAr1).toBeCloseTo((8 * (1 / 3)) / 10, 14);
    expect(cat.coco.ar).toBeCloseTo((3 / 4 + 6 * (2 / 4) + 2 * (1 / 4)) / 10, 14);
    expect(dog.coco.ar).toBeCloseTo((3 + 2 / 3 + 4 * (1 / 3)) / 10, 14);
    // The 11-point AP is the same with the devkit's levels, the decimals and np.arange here.
    for (const c of ex.classes) {
      const recall = c.rows.map((r) => r.recall);
      const precision = c.rows.map((r) => r.precision);
      expect(apVoc07(recall, precision, DECIMAL_07_POINTS)).toBeCloseTo(c.ap07, 15);
      expect(apVoc07(recall, precision, NUMPY_ARANGE_07_POINTS)).toBeCloseTo(c.ap07, 15);
    }
    expect(article).toContain('前文“两类、三张图”的算例在三种取样点下给出相同的 11 点 AP');
    // In "large", the unmatched 80×80 and 90×90 false positives of 猫 are ignored: at IoU 0.5 the
    // envelope is 1 up to recall 1/4 and 3/4 up to 3/4, i.e. (26 + 50·3/4)/101.
    expect(at(cat.cocoLarge.apPerThreshold, 0)).toBeCloseTo(63.5 / 101, 14);
  });

  it('agrees with pycocotools 2.0.11 run on the same data', () => {
    // COCOeval(..., 'bbox').evaluate(); .accumulate(); per-class precision[t, :, k, 0, 2].mean().
    expect(cat.apCoco50).toBeCloseTo(0.5709570957095709, 14);
    expect(cat.coco.ap).toBeCloseTo(0.36204620462046194, 14);
    expect(dog.apCoco50).toBeCloseTo(0.8341584158415841, 14);
    expect(dog.coco.ap).toBeCloseTo(0.4403465346534653, 14);
    // summarize(): AP, AP50, AP75, AP_large, AR@1, AR@100 with three decimals. The exact values are
    // fractions; 37/80 = 0.4625 prints as 0.463 because the double nearest to it lies just above.
    const three = (x: number) => formatFixed(x, 3);
    const exact = {
      ap: (1097 / 3030 + 1779 / 4040) / 2,
      ap50: (173 / 303 + 337 / 404) / 2,
      ap75: (128 / 303 + 34 / 101) / 2,
      large: (1114.5 / 3030 + 1779 / 4040) / 2,
      ar1: 1 / 3,
      ar100: 37 / 80,
    };
    expect(ex.cocoAp).toBeCloseTo(exact.ap, 14);
    expect(ex.mapCoco50).toBeCloseTo(exact.ap50, 14);
    expect(ex.cocoAp75).toBeCloseTo(exact.ap75, 14);
    expect(ex.cocoApLarge).toBeCloseTo(exact.large, 14);
    expect(ex.cocoAr1).toBeCloseTo(exact.ar1, 14);
    expect(ex.cocoAr100).toBeCloseTo(exact.ar100, 14);
    expect(Object.values(exact).map(three)).toEqual(['0.401', '0.703', '0.380', '0.404', '0.333', '0.463']);
    const lines = [
      `(AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = ${three(exact.ap)}`,
      `(AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = ${three(exact.ap50)}`,
      `(AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = ${three(exact.ap75)}`,
      `(AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = ${three(exact.large)}`,
      `(AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = ${three(exact.ar1)}`,
      `(AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ] = ${three(exact.ar100)}`,
      `(AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = ${three(exact.ar100)}`,
    ];
    for (const line of lines) expect(article).toContain(line);
  });

  it('prints the matching tables exactly as the article shows them', () => {
    for (const c of ex.classes) {
      for (const r of c.rows) expect(article, `${c.name} rank ${r.rank}`).toContain(exampleRowText(r));
    }
  });

  it('prints every AP value of the summary table and the prose', () => {
    const p = ex.printed;
    for (const [key, text] of Object.entries(p)) expect(article, `${key} = ${text}`).toContain(text);
    expect(article).toContain(
      `| 猫 | ${p.catAp07} | ${p.catApAll} | ${p.catApCoco50} | ${p.catCoco} | ${p.catCoco75} |`,
    );
    expect(article).toContain(
      `| 狗 | ${p.dogAp07} | ${p.dogApAll} | ${p.dogApCoco50} | ${p.dogCoco} | ${p.dogCoco75} |`,
    );
    expect(article).toContain(
      `| 平均（mAP） | ${p.map07} | ${p.mapAll} | ${p.mapCoco50} | ${p.cocoAp} | ${p.cocoAp75} |`,
    );
    expect(article).toContain(`三种 mAP 分别是 ${p.map07}、${p.mapAll}、${p.mapCoco50}`);
    expect(article).toContain(`三种规则给出 ${p.map07}、${p.mapAll} 和 ${p.mapCoco50}`);
    expect(article).toContain(`\\frac{17}{30}\\approx${p.catApAll}`);
    expect(article).toContain(`\\frac{31}{55}\\approx${p.catAp07}`);
    expect(article).toContain(`\\frac{173}{303}\\approx${p.catApCoco50}`);
    expect(article).toContain(`\\frac56\\approx${p.dogApAll}`);
    expect(article).toContain(`\\frac{37}{44}\\approx${p.dogAp07}`);
    expect(article).toContain(`\\frac{337}{404}\\approx${p.dogApCoco50}`);
    expect(article).toContain(`六个 AP 都是 ${p.catCoco75}`);
    expect(article).toContain(`两个阈值上是 ${p.catCoco85}`);
    expect(article).toContain(`十个值的平均是 ${p.catCoco}`);
    expect(article).toContain(`阈值 0.65 时 AP 是 ${p.dogCoco65}，之后更低，平均 ${p.dogCoco}`);
    expect(article).toContain(`两类平均得到 AP = ${p.cocoAp}`);
    expect(article).toContain(`$\\mathrm{AP}_{\\text{large}}=${p.cocoApLarge}$`);
    expect(article).toContain(`猫的 AP 从 ${p.catCoco} 升到 ${p.catApLarge}`);
    expect(article).toContain(
      `AR@1 = ${p.cocoAr1}（猫 ${p.catAr1}，狗 ${p.dogAr1}），而 AR@100 = ${p.cocoAr100}（猫 ${p.catAr100}，狗 ${p.dogAr100}）`,
    );
  });

  it('the example data are what the article describes: 100×100 objects, two small background boxes', () => {
    for (const c of MAP_EXAMPLE) for (const g of c.gts) expect([g.box[2], g.box[3]]).toEqual([100, 100]);
    const catDets = at(MAP_EXAMPLE, 0).dets;
    expect(catDets.map((d) => d.box[2] * d.box[3]).filter((a) => a < 96 ** 2)).toEqual([6400, 8100]);
    expect(article).toContain('面积 6400 和 8100 都小于 $96^2$');
    expect(article).toContain('猫 4 只（A 中 2 只，B、C 各 1 只），狗 3 只（A 中 1 只，B 中 2 只）');
  });

  it('the figure caption and alt text quote the computed points and values', () => {
    const start = article.indexOf('src: map-pr-curve\n');
    expect(start).toBeGreaterThan(-1);
    const block = article.slice(start, article.indexOf('```', start));
    const short = (x: number) => String(Number(formatFixed(x, 3)));
    const points = cat.rows.map((r) => `(${short(r.recall)}, ${short(r.precision)})`).join('、');
    expect(block).toContain(points);
    expect(block).toContain(`VOC2010+ AP = ${ex.printed.catApAll}`);
    expect(block).toContain(`101 点均值 = ${ex.printed.catApCoco50}，11 点均值 = ${ex.printed.catAp07}`);
    expect(block).toContain('为 17/30');
    expect(block).toContain('31/55 与 173/303');
    // The COCO dots sit at 1 up to recall 0.25, then 2/3 from the first threshold above 0.25, …
    const firstAbove = (r: number) => COCO_RECALL_THRESHOLDS.find((t) => t > r) ?? Number.NaN;
    expect(block).toContain(`${formatFixed(firstAbove(0.25), 2)} 到 0.5 处位于 0.667`);
    expect(block).toContain(`${formatFixed(firstAbove(0.5), 2)} 到 0.75 处位于 0.6`);
  });
});
