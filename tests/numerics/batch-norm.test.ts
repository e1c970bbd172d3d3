import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BATCH_NORM_DEFAULTS,
  batchNormEval,
  batchNormTrain,
  batchNormWorkedExample,
  channelStats,
  channelsOfNchw,
  dropout,
  dropoutDemo,
  emaStationaryStd,
  formatFixed,
  initialWeight,
  initRunningStats,
  runningStatsNumbers,
  stepsUntilWeightBelow,
} from '../../src/numerics/batch-norm';
import { mulberry32 } from '../../src/numerics/random';

const article = readFileSync(new URL('../../content/nn-vs-functional.md', import.meta.url), 'utf8');

describe('defaults and buffers', () => {
  it('match PyTorch: eps=1e-5, momentum=0.1; running_mean 0, running_var 1, num_batches_tracked 0', () => {
    expect(BATCH_NORM_DEFAULTS).toEqual({ eps: 1e-5, momentum: 0.1 });
    expect(initRunningStats(2)).toEqual({ mean: [0, 0], variance: [1, 1], numBatchesTracked: 0 });
  });

  it('lays an N×C×H×W array out per channel, reducing over N, H and W', () => {
    expect(
      channelsOfNchw([
        [[[1, 2]], [[0, 4]]],
        [[[5, 8]], [[0, 4]]],
      ]),
    ).toEqual([
      [1, 2, 5, 8],
      [0, 4, 0, 4],
    ]);
  });
});

describe('batch norm, hand-computed', () => {
  it('channel 1 2 5 8: mean 4, sum of squares 30, biased variance 7.5, unbiased 10', () => {
    const s = channelStats([1, 2, 5, 8]);
    expect(s.mean).toBe(4);
    expect(s.biasedVar).toBe(7.5);
    expect(s.unbiasedVar).toBe(10);
    expect(channelStats([0, 4, 0, 4]).unbiasedVar).toBeCloseTo(16 / 3, 14);
    expect(() => channelStats([3])).toThrow(/more than 1 value/);
  });

  it('one training step: output (x − 4)/√7.50001, running_mean 0.4, running_var 0.9 + 0.1·10 = 1.9', () => {
    const { y, stats } = batchNormTrain([[1, 2, 5, 8]], initRunningStats(1));
    [1, 2, 5, 8].forEach((v, i) => {
      expect(y[0]?.[i]).toBeCloseTo((v - 4) / Math.sqrt(7.5 + 1e-5), 14);
    });
    expect(stats.mean[0]).toBeCloseTo(0.4, 15);
    expect(stats.variance[0]).toBeCloseTo(1.9, 15);
    expect(stats.numBatchesTracked).toBe(1);
  });

  it('evaluation mode reads the buffers and applies the affine parameters', () => {
    const stats = { mean: [0.4], variance: [1.9], numBatchesTracked: 1 };
    const y = batchNormEval([[1]], stats, {}, { weight: [2], bias: [0.5] });
    expect(y[0]?.[0]).toBeCloseTo((2 * 0.6) / Math.sqrt(1.9 + 1e-5) + 0.5, 14);
  });

  it('momentum=null is the plain average of the batch statistics (factor 1/num_batches_tracked)', () => {
    let stats = initRunningStats(1);
    const batches = [
      [1, 3],
      [2, 6],
      [0, 10],
    ];
    for (const b of batches) stats = batchNormTrain([b], stats, { momentum: null }).stats;
    // Means 2, 4, 5; unbiased variances 2, 8, 50. The initial 0 and 1 are forgotten at step 1.
    expect(stats.mean[0]).toBeCloseTo(11 / 3, 14);
    expect(stats.variance[0]).toBeCloseTo(20, 14);
  });
});

describe('worked example against PyTorch 1.13', () => {
  // Printed by PyTorch 1.13 (nn.BatchNorm2d(2, dtype=torch.float64) and F.batch_norm) on the
  // article's input; the script is the one shown in the article.
  const pytorch = {
    trainOut: '-1.0954 -0.7303 0.3651 1.4606',
    runningMean1: '0.4000 0.2000',
    runningVar1: '1.9000 1.4333',
    evalOut1: '0.4353 1.1608 3.3372 5.5136',
    runningMean50: '3.9794 1.9897',
    runningVar50: '9.9536 5.3110',
    evalOut50: '-0.9444 -0.6274 0.3235 1.2744',
  };
  const ex = batchNormWorkedExample();

  it('reproduces every value PyTorch printed', () => {
    for (const [key, value] of Object.entries(pytorch)) {
      expect(ex.printed[key as keyof typeof pytorch], key).toBe(value);
    }
  });

  it('after 50 identical steps the buffers follow the closed form of the moving average', () => {
    const w = 0.9 ** 50;
    expect(ex.stats50.mean[0]).toBeCloseTo(4 * (1 - w), 12);
    expect(ex.stats50.variance[0]).toBeCloseTo(w * 1 + (1 - w) * 10, 12);
    expect(ex.printed.limitRatio).toBe(formatFixed(Math.sqrt(3 / 4), 4));
    expect(ex.printed.limitRatio).toBe('0.8660');
    expect(ex.printed.ratio50).toBe('0.8621');
    // PyTorch 1.13 (float64): evaluation output after 50 steps divided by the training output.
    const torchRatios = [0.8620761278878138, 0.8590936689406886, 0.8859357994648157, 0.8725147342027522];
    torchRatios.forEach((r, i) => {
      expect(ex.ratios50[i]).toBeCloseTo(r, 12);
    });
    expect(ex.printed.ratio50Min).toBe('0.859');
    expect(ex.printed.ratio50Max).toBe('0.886');
    expect(ex.printed.unbiasedVar1).toBe('5.3333');
  });

  it('prints every number exactly as the article does', () => {
    for (const [key, text] of Object.entries(ex.printed)) {
      expect(article, `worked-example value ${key} = ${text}`).toContain(text);
    }
    expect(article).toContain('-3/\\sqrt{7.50001}\\approx-1.0954');
    expect(article).toContain('\\hat\\sigma^2_1=0.9\\times1+0.1\\times10=1.9');
    expect(article).toContain('(1-0.4)/\\sqrt{1.90001}\\approx0.4353');
    expect(article).toContain('0.9^{50}\\approx0.0052');
  });
});

describe('running statistics', () => {
  it('weight of the initial value is (1 − momentum)^t', () => {
    expect(initialWeight(0.1, 10)).toBeCloseTo(0.3486784401, 10);
    expect(initialWeight(0.01, 100)).toBeCloseTo(0.36603234127, 10);
  });

  it('the initial value weighs below 1 % after 44 steps (momentum 0.1) and 459 steps (0.01), about 4.6/α', () => {
    expect(stepsUntilWeightBelow(0.1, 0.01)).toBe(44);
    expect(0.9 ** 43).toBeGreaterThan(0.01);
    expect(0.9 ** 44).toBeLessThan(0.01);
    expect(stepsUntilWeightBelow(0.01, 0.01)).toBe(459);
    expect(0.99 ** 458).toBeGreaterThan(0.01);
    expect(0.99 ** 459).toBeLessThan(0.01);
    // Time constant 1/α: after 1/α steps the weight is close to e^{-1}.
    expect(Math.abs(initialWeight(0.01, 100) - Math.exp(-1))).toBeLessThan(0.002);
    expect(Math.log(100)).toBeCloseTo(4.6, 1);
  });

  it('stationary std of an EMA is s·√(α/(2 − α))', () => {
    expect(emaStationaryStd(1, 3)).toBe(3);
    expect(emaStationaryStd(0.1, 1)).toBeCloseTo(Math.sqrt(1 / 19), 15);
  });

  const nums = runningStatsNumbers();

  it('running_var settles around σ² = 9, the biased average around 7/8·9 = 7.875 (why m/(m − 1))', () => {
    for (const run of nums.runs) {
      expect(Math.abs(run.varianceAverage - 9)).toBeLessThan(0.1);
      expect(Math.abs(run.biasedVarianceAverage - 7.875)).toBeLessThan(0.1);
    }
    expect(nums.printed.biasedLimit).toBe('7.875');
  });

  it('the fluctuation of running_mean matches the EMA prediction within 5 %', () => {
    for (const run of nums.runs) {
      expect(Math.abs(run.meanStd / run.predictedMeanStd - 1)).toBeLessThan(0.05);
    }
    expect(nums.runs[0]?.predictedMeanStd).toBeCloseTo((3 / Math.sqrt(8)) * Math.sqrt(0.1 / 1.9), 12);
  });

  it('prints every number exactly as the article does', () => {
    for (const [key, text] of Object.entries(nums.printed)) {
      expect(article, `running-stats value ${key} = ${text}`).toContain(text);
    }
  });
});

describe('dropout', () => {
  it('keeps the input in evaluation mode and for p = 0; zeroes everything for p = 1', () => {
    const u = mulberry32(1);
    expect(dropout([1, 2, 3], 0.5, false, u)).toEqual([1, 2, 3]);
    expect(dropout([1, 2, 3], 0, true, u)).toEqual([1, 2, 3]);
    expect(dropout([1, 2, 3], 1, true, u)).toEqual([0, 0, 0]);
    expect(() => dropout([1], 1.5, true, u)).toThrow(/between 0 and 1/);
  });

  it('scales the survivors by 1/(1 − p), so the mean is preserved', () => {
    const y = dropout(new Array<number>(20000).fill(3), 0.2, true, mulberry32(3));
    expect(y.filter((v) => v !== 0 && v !== 3 / 0.8)).toEqual([]);
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    expect(Math.abs(mean - 3)).toBeLessThan(0.05);
  });

  it('prints the seeded demonstration exactly as the article does', () => {
    const d = dropoutDemo();
    expect(d.small.every((v) => v === 0 || v === 2)).toBe(true);
    expect(Math.abs(d.zeroFraction - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(d.mean - 1)).toBeLessThan(0.04);
    for (const [key, text] of Object.entries(d.printed)) {
      expect(article, `dropout value ${key} = ${text}`).toContain(text);
    }
  });
});
