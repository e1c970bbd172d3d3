/**
 * Softmax attention and linear (kernel) attention on plain arrays, for the linear-attention
 * article.
 *
 * The article makes three kinds of claims and every one of them is checked here. Algebraic
 * identities: the two orders of multiplication (φ(Q)φ(K)ᵀ)V and φ(Q)(φ(K)ᵀV) agree, the masked
 * causal form equals the prefix-sum (recurrent) form and the chunked form, and the backward pass
 * of Katharopoulos et al.'s Algorithm 1 gives the true gradient. Costs: an operation-count model
 * of multiply-adds and of the largest buffer each method keeps, with the crossover lengths in
 * closed form (these drive the figure). Limitations: the rank of the attention matrix, how sharp
 * a row can get, how much weight a long row can give one key, and what goes wrong in the
 * normaliser. Matrices are row-major `number[][]`; row i of Q is the query qᵢᵀ, as in the article.
 */

import { at, row } from './arrays';
import { formatFixed } from './optimizers';
import { mulberry32, normalSampler } from './random';

/** A row-major matrix: `m[i][j]` is row i, column j. */
export type Matrix = readonly (readonly number[])[];

/** A feature map φ applied coordinate by coordinate (all maps in the article are elementwise). */
export type ElementwiseMap = (x: number) => number;

function zeros(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

function cols(m: Matrix): number {
  return m[0]?.length ?? 0;
}

function dot(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`length mismatch: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let k = 0; k < a.length; k++) s += at(a, k) * at(b, k);
  return s;
}

function checkSameRows(...ms: Matrix[]): number {
  const L = ms[0]?.length ?? 0;
  for (const m of ms) if (m.length !== L) throw new RangeError(`row count mismatch: ${m.length} vs ${L}`);
  return L;
}

/** Matrix product A·B; used by the tests and the quadratic ("left") orders. */
export function matmul(a: Matrix, b: Matrix): number[][] {
  const n = cols(a);
  if (n !== b.length) throw new RangeError(`inner dimensions differ: ${n} vs ${b.length}`);
  const p = cols(b);
  const out = zeros(a.length, p);
  for (let i = 0; i < a.length; i++) {
    const ai = row(a, i);
    const oi = out[i] as number[];
    for (let k = 0; k < n; k++) {
      const aik = at(ai, k);
      const bk = row(b, k);
      for (let j = 0; j < p; j++) oi[j] = at(oi, j) + aik * at(bk, j);
    }
  }
  return out;
}

/** Transpose of a matrix. */
export function transpose(a: Matrix): number[][] {
  const out = zeros(cols(a), a.length);
  for (let i = 0; i < a.length; i++) {
    const ai = row(a, i);
    for (let j = 0; j < ai.length; j++) (out[j] as number[])[i] = at(ai, j);
  }
  return out;
}

/**
 * φ(x) = elu(x) + 1, Katharopoulos et al.'s feature map (their Eq. 7): x + 1 for x > 0 and eˣ
 * otherwise (elu with α = 1, PyTorch's default). Strictly positive, so every similarity
 * φ(q)ᵀφ(k) is positive, and its gradient never vanishes, unlike relu's for x < 0.
 */
export function eluPlusOne(x: number): number {
  return x > 0 ? x + 1 : Math.exp(x);
}

/** Apply an elementwise feature map to every row: φ(Q) in the article's notation. */
export function featureMap(x: Matrix, phi: ElementwiseMap = eluPlusOne): number[][] {
  return x.map((r) => r.map(phi));
}

/** Options of the quadratic attention forms. */
export interface AttentionOptions {
  /** Position i sees only keys j ≤ i (default false). */
  readonly causal?: boolean;
}

/**
 * The L×L softmax attention weights softmax(QKᵀ·scale), row by row, with the causal mask when
 * asked (masked scores are left out of the row, which is what −∞ before the softmax does). The
 * default scale is 1/√d. Each row subtracts its maximum before exp, as every library does.
 */
export function softmaxWeights(q: Matrix, k: Matrix, options: AttentionOptions & { scale?: number } = {}): number[][] {
  const d = cols(q);
  const scale = options.scale ?? 1 / Math.sqrt(d);
  return q.map((qi, i) => {
    const last = options.causal ? i : k.length - 1;
    const scores = k.slice(0, last + 1).map((kj) => scale * dot(qi, kj));
    const m = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - m));
    const sum = e.reduce((a, b) => a + b, 0);
    const w = new Array<number>(k.length).fill(0);
    e.forEach((x, j) => {
      w[j] = x / sum;
    });
    return w;
  });
}

/** Softmax attention softmax(QKᵀ/√d)V (Vaswani et al., Eq. 1), optionally causal. */
export function softmaxAttention(q: Matrix, k: Matrix, v: Matrix, options: AttentionOptions = {}): number[][] {
  return matmul(softmaxWeights(q, k, options), v);
}

/**
 * The L×L linear-attention weights: φ(qᵢ)ᵀφ(kⱼ) divided by its row sum, with the causal mask
 * when asked. Takes the mapped matrices φ(Q), φ(K). This is the matrix whose rank the article
 * bounds by r.
 */
export function linearWeights(phiQ: Matrix, phiK: Matrix, options: AttentionOptions = {}): number[][] {
  return phiQ.map((qi, i) => {
    const w = phiK.map((kj, j) => (options.causal && j > i ? 0 : dot(qi, kj)));
    const sum = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / sum);
  });
}

/**
 * Linear attention in the "left" order: form the L×L matrix φ(Q)φ(K)ᵀ (masked if causal),
 * normalise its rows, multiply by V. O(L²) like softmax attention; with `causal` this is the
 * masked form the prefix sums must reproduce.
 */
export function linearAttentionQuadratic(
  phiQ: Matrix,
  phiK: Matrix,
  v: Matrix,
  options: AttentionOptions = {},
): number[][] {
  checkSameRows(phiK, v);
  return matmul(linearWeights(phiQ, phiK, options), v);
}

/**
 * Linear attention in the "right" order, non-causal: first the r×d_v matrix φ(K)ᵀV and the
 * r-vector z = φ(K)ᵀ1, then for each query φ(qᵢ)ᵀ(φ(K)ᵀV) / (φ(qᵢ)ᵀz + eps). Nothing of size L×L
 * is ever formed. `eps` defaults to 0 (the exact formula); implementations add ~1e-6.
 */
export function linearAttention(phiQ: Matrix, phiK: Matrix, v: Matrix, eps = 0): number[][] {
  const L = checkSameRows(phiK, v);
  const r = cols(phiK);
  const dv = cols(v);
  // #region linear-right
  const kv = zeros(r, dv); // φ(K)ᵀV, r × d_v
  const z = new Array<number>(r).fill(0); // φ(K)ᵀ1, r
  for (let j = 0; j < L; j++) {
    const kj = row(phiK, j);
    const vj = row(v, j);
    for (let a = 0; a < r; a++) {
      z[a] = at(z, a) + at(kj, a);
      const kva = kv[a] as number[];
      for (let e = 0; e < dv; e++) kva[e] = at(kva, e) + at(kj, a) * at(vj, e);
    }
  }
  return phiQ.map((qi) => {
    const num = new Array<number>(dv).fill(0); // φ(qᵢ)ᵀ(φ(K)ᵀV)
    for (let a = 0; a < r; a++) {
      const kva = kv[a] as number[];
      for (let e = 0; e < dv; e++) num[e] = at(num, e) + at(qi, a) * at(kva, e);
    }
    const den = dot(qi, z) + eps; // φ(qᵢ)ᵀz
    return num.map((x) => x / den);
  });
  // #endregion linear-right
}

/**
 * Causal linear attention as a recurrence (prefix sums): Sᵢ = Sᵢ₋₁ + φ(kᵢ)vᵢᵀ, zᵢ = zᵢ₋₁ + φ(kᵢ),
 * oᵢᵀ = φ(qᵢ)ᵀSᵢ / (φ(qᵢ)ᵀzᵢ + eps). Memory: one r×d_v matrix and one r-vector, whatever L is;
 * this is the RNN of Katharopoulos et al., Eqs. 16–20, without the layer's f and residual.
 */
export function causalLinearAttention(phiQ: Matrix, phiK: Matrix, v: Matrix, eps = 0): number[][] {
  const L = checkSameRows(phiQ, phiK, v);
  const r = cols(phiK);
  const dv = cols(v);
  // #region causal-recurrent
  const S = zeros(r, dv); // S₀ = 0
  const z = new Array<number>(r).fill(0); // z₀ = 0
  const out: number[][] = [];
  for (let i = 0; i < L; i++) {
    const qi = row(phiQ, i);
    const ki = row(phiK, i);
    const vi = row(v, i);
    for (let a = 0; a < r; a++) {
      const Sa = S[a] as number[];
      for (let e = 0; e < dv; e++) Sa[e] = at(Sa, e) + at(ki, a) * at(vi, e); // Sᵢ = Sᵢ₋₁ + φ(kᵢ)vᵢᵀ
      z[a] = at(z, a) + at(ki, a); // zᵢ = zᵢ₋₁ + φ(kᵢ)
    }
    const num = new Array<number>(dv).fill(0);
    for (let a = 0; a < r; a++) {
      const Sa = S[a] as number[];
      for (let e = 0; e < dv; e++) num[e] = at(num, e) + at(qi, a) * at(Sa, e); // φ(qᵢ)ᵀSᵢ
    }
    const den = dot(qi, z) + eps; // φ(qᵢ)ᵀzᵢ
    out.push(num.map((x) => x / den));
  }
  // #endregion causal-recurrent
  return out;
}

/**
 * Causal linear attention computed chunk by chunk (chunk size C): inside a chunk the masked
 * quadratic form, across chunks the state carried from the previous chunk. Same result as
 * `causalLinearAttention`; it is the form that trades the sequential loop for C×C matrix
 * products and keeps only L/C states, which is how chunkwise kernels train.
 */
export function causalLinearAttentionChunked(phiQ: Matrix, phiK: Matrix, v: Matrix, chunk: number): number[][] {
  const L = checkSameRows(phiQ, phiK, v);
  if (!Number.isInteger(chunk) || chunk < 1) throw new RangeError(`chunk size must be a positive integer: ${chunk}`);
  const r = cols(phiK);
  const dv = cols(v);
  const S = zeros(r, dv);
  const z = new Array<number>(r).fill(0);
  const out: number[][] = [];
  for (let start = 0; start < L; start += chunk) {
    const end = Math.min(L, start + chunk);
    for (let i = start; i < end; i++) {
      const qi = row(phiQ, i);
      // Inter-chunk part: the state accumulated before this chunk.
      const num = new Array<number>(dv).fill(0);
      for (let a = 0; a < r; a++) {
        const Sa = S[a] as number[];
        for (let e = 0; e < dv; e++) num[e] = at(num, e) + at(qi, a) * at(Sa, e);
      }
      let den = dot(qi, z);
      // Intra-chunk part: the masked quadratic form over j = start … i.
      for (let j = start; j <= i; j++) {
        const s = dot(qi, row(phiK, j));
        const vj = row(v, j);
        for (let e = 0; e < dv; e++) num[e] = at(num, e) + s * at(vj, e);
        den += s;
      }
      out.push(num.map((x) => x / den));
    }
    for (let j = start; j < end; j++) {
      const kj = row(phiK, j);
      const vj = row(v, j);
      for (let a = 0; a < r; a++) {
        const Sa = S[a] as number[];
        for (let e = 0; e < dv; e++) Sa[e] = at(Sa, e) + at(kj, a) * at(vj, e);
        z[a] = at(z, a) + at(kj, a);
      }
    }
  }
  return out;
}

/**
 * The numerator of causal linear attention, V̄ᵢᵀ = φ(qᵢ)ᵀSᵢ (Katharopoulos et al., Algorithm 1,
 * forward). Its gradient is what their Section 3.3.1 derives; the denominator is left to
 * autograd there, and here too.
 */
export function causalNumerator(phiQ: Matrix, phiK: Matrix, v: Matrix): number[][] {
  const L = checkSameRows(phiQ, phiK, v);
  const r = cols(phiK);
  const dv = cols(v);
  const S = zeros(r, dv);
  const out: number[][] = [];
  for (let i = 0; i < L; i++) {
    const qi = row(phiQ, i);
    const ki = row(phiK, i);
    const vi = row(v, i);
    const num = new Array<number>(dv).fill(0);
    for (let a = 0; a < r; a++) {
      const Sa = S[a] as number[];
      for (let e = 0; e < dv; e++) {
        Sa[e] = at(Sa, e) + at(ki, a) * at(vi, e);
        num[e] = at(num, e) + at(qi, a) * at(Sa, e);
      }
    }
    out.push(num);
  }
  return out;
}

/** Gradients of a scalar loss with respect to φ(Q), φ(K) and V. */
export interface NumeratorGradients {
  readonly dPhiQ: number[][];
  readonly dPhiK: number[][];
  readonly dV: number[][];
}

/**
 * Backward pass of the causal numerator with constant extra memory (Katharopoulos et al.,
 * Algorithm 1, their Eqs. 13–15). Given G, the gradient of the loss with respect to the
 * numerator rows V̄ᵢ: a forward sweep rebuilds Sᵢ = Σ_{j≤i} φ(kⱼ)vⱼᵀ and gives
 * ∇φ(qᵢ) = Sᵢ Gᵢ; a backward sweep accumulates Rᵢ = Σ_{j≥i} φ(qⱼ)Gⱼᵀ and gives ∇φ(kᵢ) = Rᵢvᵢ,
 * ∇vᵢ = Rᵢᵀφ(kᵢ). Only one r×d_v accumulator is alive at any time; no Sᵢ is stored.
 */
export function causalNumeratorBackward(phiQ: Matrix, phiK: Matrix, v: Matrix, g: Matrix): NumeratorGradients {
  const L = checkSameRows(phiQ, phiK, v, g);
  const r = cols(phiK);
  const dv = cols(v);
  const dPhiQ = zeros(L, r);
  const dPhiK = zeros(L, r);
  const dV = zeros(L, dv);
  // #region causal-backward
  const S = zeros(r, dv); // forward sweep: Sᵢ = Σ_{j≤i} φ(kⱼ)vⱼᵀ
  for (let i = 0; i < L; i++) {
    const ki = row(phiK, i);
    const vi = row(v, i);
    const gi = row(g, i);
    for (let a = 0; a < r; a++) {
      const Sa = S[a] as number[];
      for (let e = 0; e < dv; e++) Sa[e] = at(Sa, e) + at(ki, a) * at(vi, e);
      (dPhiQ[i] as number[])[a] = dot(Sa, gi); // ∇φ(qᵢ) = Sᵢ Gᵢ   (Eq. 13)
    }
  }
  const R = zeros(r, dv); // backward sweep: Rᵢ = Σ_{j≥i} φ(qⱼ)Gⱼᵀ
  for (let i = L - 1; i >= 0; i--) {
    const qi = row(phiQ, i);
    const ki = row(phiK, i);
    const vi = row(v, i);
    const gi = row(g, i);
    for (let a = 0; a < r; a++) {
      const Ra = R[a] as number[];
      for (let e = 0; e < dv; e++) Ra[e] = at(Ra, e) + at(qi, a) * at(gi, e);
      (dPhiK[i] as number[])[a] = dot(Ra, vi); // ∇φ(kᵢ) = Rᵢ vᵢ   (Eq. 14)
    }
    for (let e = 0; e < dv; e++) {
      let s = 0;
      for (let a = 0; a < r; a++) s += at(R[a] as number[], e) * at(ki, a);
      (dV[i] as number[])[e] = s; // ∇vᵢ = Rᵢᵀ φ(kᵢ)   (Eq. 15)
    }
  }
  // #endregion causal-backward
  return { dPhiQ, dPhiK, dV };
}

/**
 * Causal linear attention with a fixed decay γ and no normaliser, as in RetNet's retention:
 * Sᵢ = γSᵢ₋₁ + φ(kᵢ)vᵢᵀ, oᵢᵀ = φ(qᵢ)ᵀSᵢ. Unrolled, key j reaches query i with weight γ^{i−j},
 * which is the parallel form (φ(Q)φ(K)ᵀ ⊙ D)V with Dᵢⱼ = γ^{i−j} for j ≤ i, 0 otherwise.
 */
export function decayedLinearAttention(phiQ: Matrix, phiK: Matrix, v: Matrix, gamma: number): number[][] {
  const L = checkSameRows(phiQ, phiK, v);
  const r = cols(phiK);
  const dv = cols(v);
  const S = zeros(r, dv);
  const out: number[][] = [];
  for (let i = 0; i < L; i++) {
    const qi = row(phiQ, i);
    const ki = row(phiK, i);
    const vi = row(v, i);
    for (let a = 0; a < r; a++) {
      const Sa = S[a] as number[];
      for (let e = 0; e < dv; e++) Sa[e] = gamma * at(Sa, e) + at(ki, a) * at(vi, e);
    }
    const num = new Array<number>(dv).fill(0);
    for (let a = 0; a < r; a++) {
      const Sa = S[a] as number[];
      for (let e = 0; e < dv; e++) num[e] = at(num, e) + at(qi, a) * at(Sa, e);
    }
    out.push(num);
  }
  return out;
}

/**
 * One write of the delta rule (Schlag et al., Section 4.2) to a state stored as S (r×d_v, so
 * that reading is φ(q)ᵀS): read v̄ = Sᵀφ(k), then S ← S + βφ(k)(v − v̄)ᵀ. With β = 1 and
 * ‖φ(k)‖ = 1 the read-back Sᵀφ(k) afterwards is exactly v: the old value under this key is
 * replaced instead of added to.
 */
export function deltaRuleWrite(s: Matrix, phiK: readonly number[], v: readonly number[], beta: number): number[][] {
  const r = s.length;
  const dv = v.length;
  const read = new Array<number>(dv).fill(0);
  for (let a = 0; a < r; a++) for (let e = 0; e < dv; e++) read[e] = at(read, e) + at(phiK, a) * at(row(s, a), e);
  return s.map((sa, a) => sa.map((x, e) => x + beta * at(phiK, a) * (at(v, e) - at(read, e))));
}

/**
 * Singular values of a matrix, largest first, by one-sided Jacobi rotations (Hestenes): rotate
 * pairs of columns until all are mutually orthogonal; the column norms are then the singular
 * values. Accurate to a few ulps of the largest one, which is what a rank test needs.
 */
export function singularValues(a: Matrix): number[] {
  const m = a.length;
  const n = cols(a);
  // Work on columns of Aᵀ if A is wide, so there are at most min(m, n) columns to orthogonalise.
  const work = (n <= m ? transpose(a) : a.map((r) => [...r])) as number[][];
  const k = work.length;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const x = work[p] as number[];
        const y = work[q] as number[];
        const alpha = dot(x, x);
        const beta = dot(y, y);
        const gamma = dot(x, y);
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < x.length; i++) {
          const xi = at(x, i);
          const yi = at(y, i);
          x[i] = c * xi - s * yi;
          y[i] = s * xi + c * yi;
        }
      }
    }
    if (!rotated) break;
  }
  return work.map((c) => Math.sqrt(dot(c, c))).sort((p, q) => q - p);
}

/** Number of singular values above `relTol` times the largest: the numerical rank. */
export function numericalRank(sv: readonly number[], relTol = 1e-10): number {
  const top = sv[0] ?? 0;
  return sv.filter((s) => s > relTol * top).length;
}

// ---------------------------------------------------------------------------------------------
// Operation-count model
// ---------------------------------------------------------------------------------------------

/** Dimensions of one head: query/key width d, value width d_v, feature dimension r. */
export interface HeadShape {
  readonly d: number;
  readonly dv: number;
  readonly r: number;
}

/**
 * Multiply-adds of softmax attention for one head of length L: QKᵀ (L²d), the row sums of the
 * weights (L², counted one each) and the weighted sum of values (L²d_v), so L²(d + d_v + 1).
 * Causal and skipping the masked half (as fused kernels do): L(L+1)/2 · (d + d_v + 1). The L²
 * exponentials and the final divisions are not counted; they do not change the comparison.
 */
export function softmaxMacs(L: number, s: HeadShape, causal = false): number {
  const pairs = causal ? (L * (L + 1)) / 2 : L * L;
  return pairs * (s.d + s.dv + 1);
}

/**
 * Multiply-adds of linear attention for one head of length L, causal or not: the state φ(kⱼ)vⱼᵀ
 * (r·d_v per position) and the normaliser (r), then the read φ(qᵢ)ᵀS (r·d_v) and φ(qᵢ)ᵀz (r):
 * 2Lr(d_v + 1). Computing φ itself is O(Ld) for elu + 1 and is left out (a random-feature map
 * would add L·r·d).
 */
export function linearMacs(L: number, s: HeadShape): number {
  return 2 * L * s.r * (s.dv + 1);
}

/** Numbers held for the L×L score matrix of standard (unfused) softmax attention: L². */
export function softmaxScoreMemory(L: number): number {
  return L * L;
}

/** Numbers held by the recurrent state of causal linear attention, S and z: r(d_v + 1). */
export function linearStateMemory(s: HeadShape): number {
  return s.r * (s.dv + 1);
}

/**
 * Numbers held when the causal prefix sums are materialised for every position (the `cumsum`
 * implementation): all Sᵢ and zᵢ, L·r(d_v + 1).
 */
export function cumsumMemory(L: number, s: HeadShape): number {
  return L * linearStateMemory(s);
}

/**
 * Length at which softmax and linear attention cost the same multiply-adds. Non-causal:
 * L²(d+d_v+1) = 2Lr(d_v+1) gives L* = 2r(d_v+1)/(d+d_v+1). Causal (half the pairs):
 * L(L+1)/2·(d+d_v+1) = 2Lr(d_v+1) gives L* = 4r(d_v+1)/(d+d_v+1) − 1.
 */
export function macsCrossover(s: HeadShape, causal = false): number {
  const ratio = (2 * s.r * (s.dv + 1)) / (s.d + s.dv + 1);
  return causal ? 2 * ratio - 1 : ratio;
}

/** Length at which the L×L score matrix holds as many numbers as the state: √(r(d_v+1)). */
export function memoryCrossover(s: HeadShape): number {
  return Math.sqrt(linearStateMemory(s));
}

/** Length at which materialised prefix sums hold as many numbers as the L×L matrix: r(d_v+1). */
export function cumsumCrossover(s: HeadShape): number {
  return linearStateMemory(s);
}

/**
 * Multiply-adds to decode the token at position i with a KV cache: i scores of width d, their
 * sum, and a weighted sum of i values, i(d + d_v + 1). Linear attention: one state update and
 * one read, 2r(d_v + 1), independent of i.
 */
export function decodeMacs(i: number, s: HeadShape, kind: 'softmax' | 'linear'): number {
  return kind === 'softmax' ? i * (s.d + s.dv + 1) : 2 * s.r * (s.dv + 1);
}

/** Numbers in the KV cache after i tokens (one head): i(d + d_v). */
export function kvCacheSize(i: number, s: HeadShape): number {
  return i * (s.d + s.dv);
}

/** The head shape of the article's cost comparison: d = d_v = 64 and elu + 1, so r = d. */
export const COST_SHAPE: HeadShape = Object.freeze({ d: 64, dv: 64, r: 64 });

/** Everything the cost section and the figure quote, as numbers and as printed strings. */
export interface CostDemo {
  readonly shape: HeadShape;
  readonly crossover: number;
  readonly crossoverCausal: number;
  readonly memoryCrossover: number;
  readonly cumsumCrossover: number;
  readonly decodeAt: number;
  readonly printed: Record<string, string>;
}

/**
 * The numbers of the cost section for `COST_SHAPE`: the crossover lengths, and at L = 4096 the
 * multiply-adds of training and of decoding one token, the KV cache against the state, and the
 * ratios between them.
 */
export function costDemo(): CostDemo {
  const s = COST_SHAPE;
  const L = 4096;
  const train = { softmax: softmaxMacs(L, s), linear: linearMacs(L, s) };
  const decode = { softmax: decodeMacs(L, s, 'softmax'), linear: decodeMacs(L, s, 'linear') };
  const printed: Record<string, string> = {
    crossover: formatFixed(macsCrossover(s), 1),
    crossoverCausal: formatFixed(macsCrossover(s, true), 1),
    memoryCrossover: formatFixed(memoryCrossover(s), 1),
    cumsumCrossover: String(cumsumCrossover(s)),
    stateSize: String(linearStateMemory(s)),
    trainSoftmax: formatFixed(train.softmax / 1e9, 2),
    trainLinear: formatFixed(train.linear / 1e7, 2),
    trainRatio: formatFixed(train.softmax / train.linear, 1),
    decodeSoftmax: String(decode.softmax),
    decodeLinear: String(decode.linear),
    decodeRatio: formatFixed(decode.softmax / decode.linear, 1),
    kvCache: String(kvCacheSize(L, s)),
    scoreMatrix: String(softmaxScoreMemory(L)),
    cumsumAtL: String(cumsumMemory(L, s)),
    poly2Crossover: formatFixed(macsCrossover({ ...s, r: s.d * s.d }), 0),
    poly2Features: String(s.d * s.d),
  };
  return {
    shape: s,
    crossover: macsCrossover(s),
    crossoverCausal: macsCrossover(s, true),
    memoryCrossover: memoryCrossover(s),
    cumsumCrossover: cumsumCrossover(s),
    decodeAt: L,
    printed,
  };
}

// ---------------------------------------------------------------------------------------------
// Worked example and the demonstrations of what is lost
// ---------------------------------------------------------------------------------------------

/** The three-token example of the article: φ = elu + 1 on non-negative entries, so φ(x) = x + 1. */
export const WORKED = Object.freeze({
  q: [
    [0, 0],
    [1, 0],
    [0, 2],
  ],
  k: [
    [1, 0],
    [0, 0],
    [0, 1],
  ],
  v: [
    [1, 0],
    [0, 1],
    [2, 2],
  ],
});

/** The worked example's states, outputs and weights, and their printed forms. */
export interface WorkedExample {
  readonly phiQ: number[][];
  readonly phiK: number[][];
  readonly states: number[][][];
  readonly normalizers: number[][];
  readonly outputs: number[][];
  readonly weights: number[][];
  readonly softmaxWeights: number[][];
  readonly printed: Record<string, string>;
}

function fmtVec(xs: readonly number[], digits: number): string {
  return `(${xs.map((x) => formatFixed(x, digits)).join(',\\ ')})`;
}

function fmtMat(m: Matrix): string {
  return `\\begin{pmatrix}${m.map((r) => r.map((x) => formatFixed(x, 0)).join('&')).join('\\\\')}\\end{pmatrix}`;
}

/**
 * Runs the causal recurrence on `WORKED`, recording Sᵢ and zᵢ after every step, and compares
 * with the causal weights of linear and of softmax attention (the latter with the same q, k and
 * scale 1/√2) for the last query.
 */
export function workedExample(): WorkedExample {
  const phiQ = featureMap(WORKED.q);
  const phiK = featureMap(WORKED.k);
  const states: number[][][] = [];
  const normalizers: number[][] = [];
  for (let i = 1; i <= 3; i++) {
    const S = matmul(transpose(phiK.slice(0, i)), WORKED.v.slice(0, i));
    states.push(S);
    normalizers.push((transpose(phiK.slice(0, i)) as number[][]).map((r) => r.reduce((a, b) => a + b, 0)));
  }
  const outputs = causalLinearAttention(phiQ, phiK, WORKED.v);
  const weights = linearWeights(phiQ, phiK, { causal: true });
  const sm = softmaxWeights(WORKED.q, WORKED.k, { causal: true });
  const w3 = weights[2] ?? [];
  const s3 = sm[2] ?? [];
  const printed: Record<string, string> = {
    phiQ3: fmtVec(phiQ[2] ?? [], 0),
    S1: fmtMat(states[0] ?? []),
    S2: fmtMat(states[1] ?? []),
    S3: fmtMat(states[2] ?? []),
    z1: fmtVec(normalizers[0] ?? [], 0),
    z2: fmtVec(normalizers[1] ?? [], 0),
    z3: fmtVec(normalizers[2] ?? [], 0),
    o1: fmtVec(outputs[0] ?? [], 0),
    o2: fmtVec(outputs[1] ?? [], 3),
    o3: fmtVec(outputs[2] ?? [], 4),
    w3: fmtVec(w3, 4),
    softmaxW3: fmtVec(s3, 4),
  };
  return { phiQ, phiK, states, normalizers, outputs, weights, softmaxWeights: sm, printed };
}

/** Seeded standard-normal L×d matrix. */
export function gaussianMatrix(L: number, d: number, seed: number): number[][] {
  const normal = normalSampler(mulberry32(seed));
  return Array.from({ length: L }, () => Array.from({ length: d }, normal));
}

/** Sizes and seed of the rank and sharpness demonstrations. */
export const RANK_DEMO = Object.freeze({ L: 64, d: 16, seed: 2020 });

/** What the rank demonstration reports. */
export interface RankDemo {
  readonly softmaxSv: number[];
  readonly linearSv: number[];
  readonly softmaxRank: number;
  readonly linearRank: number;
  readonly causalLinearRank: number;
  /** Largest numerical rank of a past-to-future block A[m:, :m] of the causal linear matrix. */
  readonly maxPastFutureRank: number;
  /**
   * Largest numerical rank of a block A[m:, :m+1] of the causal linear matrix: the maximal
   * submatrices lying on or below the diagonal, so every such submatrix (Dao and Gu's
   * semiseparable condition) has at most this rank.
   */
  readonly maxLowerBlockRank: number;
  /** Smallest and largest entry of the non-causal linear weights (uniform would be 1/L). */
  readonly linearWeightMin: number;
  readonly linearWeightMax: number;
  readonly printed: Record<string, string>;
}

/** The rank and singular values of the L×L weights of softmax and of linear attention. */
export function rankDemo(): RankDemo {
  const { L, d, seed } = RANK_DEMO;
  const q = gaussianMatrix(L, d, seed);
  const k = gaussianMatrix(L, d, seed + 1);
  const sm = softmaxWeights(q, k);
  const lin = linearWeights(featureMap(q), featureMap(k));
  const causal = linearWeights(featureMap(q), featureMap(k), { causal: true });
  const softmaxSv = singularValues(sm);
  const linearSv = singularValues(lin);
  let maxPastFutureRank = 0;
  let maxLowerBlockRank = 0;
  for (let m = 0; m < L; m++) {
    if (m > 0) {
      const block = causal.slice(m).map((r) => r.slice(0, m));
      maxPastFutureRank = Math.max(maxPastFutureRank, numericalRank(singularValues(block)));
    }
    const withDiagonal = causal.slice(m).map((r) => r.slice(0, m + 1));
    maxLowerBlockRank = Math.max(maxLowerBlockRank, numericalRank(singularValues(withDiagonal)));
  }
  const linearWeightMin = Math.min(...lin.map((r) => Math.min(...r)));
  const linearWeightMax = Math.max(...lin.map((r) => Math.max(...r)));
  const rel = (sv: number[], i: number) => at(sv, i - 1) / at(sv, 0);
  // Below 1e-15 a relative singular value is rounding noise; print the bound, not the noise.
  const sci = (x: number) => {
    if (x < 1e-15) return '<10^{-15}';
    const e = Math.floor(Math.log10(x));
    return `${formatFixed(x / 10 ** e, 1)}\\times 10^{${e}}`;
  };
  const printed: Record<string, string> = {
    softmaxRank: String(numericalRank(softmaxSv)),
    linearRank: String(numericalRank(linearSv)),
    causalLinearRank: String(numericalRank(singularValues(causal))),
    maxPastFutureRank: String(maxPastFutureRank),
    maxLowerBlockRank: String(maxLowerBlockRank),
    linearWeightMin: formatFixed(linearWeightMin, 3),
    linearWeightMax: formatFixed(linearWeightMax, 3),
    uniformWeight: formatFixed(1 / L, 4),
  };
  for (const i of [2, 8, 16, 17, 32, 64]) {
    printed[`softmax${i}`] = sci(rel(softmaxSv, i));
    printed[`linear${i}`] = sci(rel(linearSv, i));
  }
  return {
    softmaxSv,
    linearSv,
    softmaxRank: numericalRank(softmaxSv),
    linearRank: numericalRank(linearSv),
    causalLinearRank: numericalRank(singularValues(causal)),
    maxPastFutureRank,
    maxLowerBlockRank,
    linearWeightMin,
    linearWeightMax,
    printed,
  };
}

/** What the sharpness demonstration reports: the largest weight of one row at each scale c. */
export interface SharpnessDemo {
  readonly scales: number[];
  readonly softmaxMax: number[];
  readonly linearMax: number[];
  /** lim_{c→∞} of the linear row's largest weight: relu(q) replaces φ(cq) up to the factor c. */
  readonly linearLimit: number;
  readonly printed: Record<string, string>;
}

/**
 * Multiply one query by c (a temperature 1/c) and watch the largest weight of its row over
 * L keys. Softmax: the weights are softmax(c·qᵀkⱼ/√d), which tends to one-hot. elu + 1: for
 * large c, φ(cq) ≈ c·relu(q) + (terms that stay bounded), so the weights tend to
 * relu(q)ᵀφ(kⱼ) / Σⱼ relu(q)ᵀφ(kⱼ), a fixed, spread-out row.
 */
export function sharpnessDemo(): SharpnessDemo {
  const { L, d, seed } = RANK_DEMO;
  const q = gaussianMatrix(1, d, seed + 2)[0] ?? [];
  const k = gaussianMatrix(L, d, seed + 1);
  const scales = [1, 4, 16, 64];
  const phiK = featureMap(k);
  const softmaxMax = scales.map((c) => Math.max(...(softmaxWeights([q.map((x) => c * x)], k)[0] ?? [])));
  const linearMax = scales.map((c) => Math.max(...(linearWeights(featureMap([q.map((x) => c * x)]), phiK)[0] ?? [])));
  const relu = q.map((x) => Math.max(0, x));
  const limitRow = phiK.map((kj) => dot(relu, kj));
  const total = limitRow.reduce((a, b) => a + b, 0);
  const linearLimit = Math.max(...limitRow) / total;
  const printed: Record<string, string> = {
    uniform: formatFixed(1 / L, 4),
    linearLimit: formatFixed(linearLimit, 4),
  };
  scales.forEach((c, i) => {
    printed[`softmax${c}`] = formatFixed(at(softmaxMax, i), 4);
    printed[`linear${c}`] = formatFixed(at(linearMax, i), 4);
  });
  return { scales, softmaxMax, linearMax, linearLimit, printed };
}

/**
 * Upper bound on any weight of a row of i positive similarities whose ratio max/min is at most
 * κ: w ≤ κ/(κ + i − 1). As i grows every weight of the row goes to 0 unless κ grows with it.
 */
export function dilutionBound(ratio: number, i: number): number {
  return ratio / (ratio + i - 1);
}

/** What the dilution demonstration reports. */
export interface DilutionDemo {
  readonly positions: number[];
  /** Largest weight of the causal row at each position, elu + 1 linear attention. */
  readonly linearMax: number[];
  /** The same for softmax attention (scale 1/√d). */
  readonly softmaxMax: number[];
  /** Ratio κ of the largest to the smallest similarity in the linear row. */
  readonly ratio: number[];
  readonly printed: Record<string, string>;
}

/**
 * Causal rows of random queries and keys (d = 16, standard normal entries) at positions
 * i = 16, 256, 4096: the largest weight in the row for elu + 1 linear attention and for softmax,
 * each multiplied by i (1 would be a uniform row), and the ratio κ of the linear row's largest
 * to smallest similarity, which bounds i·w by iκ/(κ + i − 1) < κ.
 */
export function dilutionDemo(): DilutionDemo {
  const d = RANK_DEMO.d;
  const positions = [16, 256, 4096];
  const L = positions[positions.length - 1] ?? 0;
  const q = gaussianMatrix(positions.length, d, 7);
  const k = gaussianMatrix(L, d, 8);
  const phiK = featureMap(k);
  const linearMax: number[] = [];
  const softmaxMax: number[] = [];
  const ratio: number[] = [];
  positions.forEach((i, n) => {
    const qi = q[n] ?? [];
    const phiQi = qi.map(eluPlusOne);
    const sims = phiK.slice(0, i).map((kj) => dot(phiQi, kj));
    const total = sims.reduce((a, b) => a + b, 0);
    linearMax.push(Math.max(...sims) / total);
    ratio.push(Math.max(...sims) / Math.min(...sims));
    softmaxMax.push(Math.max(...(softmaxWeights([qi], k.slice(0, i))[0] ?? [])));
  });
  const printed: Record<string, string> = {};
  positions.forEach((i, n) => {
    printed[`linear${i}`] = formatFixed(i * at(linearMax, n), 2);
    printed[`softmax${i}`] = formatFixed(i * at(softmaxMax, n), 1);
    printed[`ratio${i}`] = formatFixed(at(ratio, n), 1);
  });
  return { positions, linearMax, softmaxMax, ratio, printed };
}

/** Standard normal CDF Φ(x), by Simpson's rule on the density (enough for 12 digits here). */
export function normalCdf(x: number): number {
  // Φ(x) = 1/2 + ∫₀ˣ φ(t) dt, integrated with 2000 Simpson panels.
  const n = 2000;
  const h = x / n;
  const f = (t: number) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  let s = f(0) + f(x);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return 0.5 + (s * h) / 3;
}

/**
 * E[elu(X) + 1] for X ~ N(0, 1): E[X + 1; X > 0] + E[eˣ; X ≤ 0] = 1/√(2π) + 1/2 + e^{1/2}Φ(−1).
 * (The second term: e^{x}·density(x) = e^{1/2}·density(x − 1), integrated up to 0.)
 */
export function meanEluPlusOne(): number {
  return 1 / Math.sqrt(2 * Math.PI) + 0.5 + Math.exp(0.5) * normalCdf(-1);
}

/** The largest finite IEEE half-precision (fp16) number. */
export const FP16_MAX = 65504;

/** What the normaliser demonstration reports. */
export interface NormalizerDemo {
  readonly negativeDenominators: number;
  readonly maxOutputIdentity: number;
  readonly maxValue: number;
  readonly maxOutputElu: number;
  readonly meanPhi: number;
  readonly fp16Position: number;
  readonly printed: Record<string, string>;
}

/**
 * Two things that go wrong in the denominator φ(qᵢ)ᵀz. With φ = identity (sim = qᵀk, which can
 * be negative) some rows of a random 64-token example have a negative or tiny denominator and
 * outputs far outside the values; with elu + 1 every output stays inside the range of the values.
 * And the running sum grows linearly: with independent N(0, 1) entries and r = 64, the expected
 * causal denominator i·r·E[φ]² passes the fp16 maximum near the position printed here.
 */
export function normalizerDemo(): NormalizerDemo {
  const { L, d, seed } = RANK_DEMO;
  const q = gaussianMatrix(L, d, seed + 3);
  const k = gaussianMatrix(L, d, seed + 4);
  const v = gaussianMatrix(L, d, seed + 5);
  const kSum = transpose(k).map((c) => c.reduce((a, b) => a + b, 0));
  const negativeDenominators = q.filter((qi) => dot(qi, kSum) < 0).length;
  const absMax = (m: Matrix) => Math.max(...m.map((r) => Math.max(...r.map(Math.abs))));
  const maxOutputIdentity = absMax(linearAttention(q, k, v));
  const maxOutputElu = absMax(linearAttention(featureMap(q), featureMap(k), v));
  const meanPhi = meanEluPlusOne();
  const perStep = COST_SHAPE.r * meanPhi * meanPhi;
  const fp16Position = Math.ceil(FP16_MAX / perStep);
  const printed: Record<string, string> = {
    negativeDenominators: String(negativeDenominators),
    maxOutputIdentity: formatFixed(maxOutputIdentity, 1),
    maxValue: formatFixed(absMax(v), 2),
    maxOutputElu: formatFixed(maxOutputElu, 2),
    meanPhi: formatFixed(meanPhi, 4),
    perStep: formatFixed(perStep, 1),
    fp16Position: String(fp16Position),
  };
  return {
    negativeDenominators,
    maxOutputIdentity,
    maxValue: absMax(v),
    maxOutputElu,
    meanPhi,
    fp16Position,
    printed,
  };
}

/**
 * Round a number to the nearest IEEE half-precision (fp16) value, ties to even, as fp16
 * arithmetic does after every operation: 11 significant bits, normal exponents −14 … 15,
 * subnormals spaced 2⁻²⁴ apart, and anything at or above 65520 (halfway between 65504 and the
 * next binade) becomes ±Infinity.
 */
export function fp16Round(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  if (a >= 65520) return Math.sign(x) * Number.POSITIVE_INFINITY;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  const spacing = 2 ** (Math.max(e, -14) - 10);
  const q = a / spacing; // exact: a power-of-two scaling
  const f = Math.floor(q);
  const rest = q - f;
  const n = rest > 0.5 || (rest === 0.5 && f % 2 === 1) ? f + 1 : f;
  return Math.sign(x) * n * spacing;
}

/** Distance from a positive fp16 number x to the next one up (for x ≥ 2⁻¹⁴: 2^(⌊log₂x⌋ − 10)). */
export function fp16Spacing(x: number): number {
  const e = Math.floor(Math.log2(Math.abs(x)));
  return 2 ** (Math.max(e, -14) - 10);
}

/** Sizes, seed and positions of the fp16 accumulation demonstration. */
export const FP16_DEMO = Object.freeze({ r: 64, L: 4000, seed: 760, positions: [100, 1000, 4000] });

/** What the fp16 accumulation demonstration reports. */
export interface Fp16Demo {
  /** First position i where the exact causal denominator φ(qᵢ)ᵀzᵢ exceeds the fp16 maximum. */
  readonly denominatorOverflowAt: number;
  /** Position where a coordinate of zᵢ, ≈ i·E[φ], would reach 65504 if computed exactly. */
  readonly normalizerOverflowExpected: number;
  /** Largest relative error over the coordinates of zᵢ accumulated in fp16, at each position. */
  readonly relativeError: number[];
  readonly printed: Record<string, string>;
}

/**
 * The causal normaliser zᵢ = Σ_{j≤i} φ(kⱼ) for standard-normal keys (r = 64, elu + 1),
 * accumulated once exactly (float64) and once in fp16, where every φ(kⱼ) is stored in fp16 and
 * every addition rounds to fp16. The exact denominator φ(qᵢ)ᵀzᵢ overflows fp16 after a few
 * hundred positions; zᵢ itself would overflow only after ~56 000, but in fp16 it loses accuracy
 * long before: from 2048 on, the spacing of fp16 numbers (2, then 4 above 4096) is larger than
 * the typical increment, which is rounded to 0 or to a whole spacing.
 */
export function fp16AccumulationDemo(): Fp16Demo {
  const { r, L, seed, positions } = FP16_DEMO;
  const q = gaussianMatrix(L, r, seed);
  const k = gaussianMatrix(L, r, seed + 1);
  const exact = new Array<number>(r).fill(0);
  const half = new Array<number>(r).fill(0);
  let denominatorOverflowAt = 0;
  const relativeError: number[] = [];
  for (let i = 0; i < L; i++) {
    const phiK = row(k, i).map(eluPlusOne);
    for (let a = 0; a < r; a++) {
      exact[a] = at(exact, a) + at(phiK, a);
      half[a] = fp16Round(at(half, a) + fp16Round(at(phiK, a)));
    }
    if (denominatorOverflowAt === 0 && dot(row(q, i).map(eluPlusOne), exact) > FP16_MAX) denominatorOverflowAt = i + 1;
    if (positions.includes(i + 1)) {
      relativeError.push(Math.max(...exact.map((x, a) => Math.abs(at(half, a) - x) / x)));
    }
  }
  const normalizerOverflowExpected = FP16_MAX / meanEluPlusOne();
  const printed: Record<string, string> = {
    denominatorOverflowAt: String(denominatorOverflowAt),
    normalizerOverflow: `${formatFixed(normalizerOverflowExpected / 1e4, 1)} 万`,
  };
  positions.forEach((i, n) => {
    printed[`relativeError${i}`] = `$i=${i}$ 时是 ${formatFixed(100 * at(relativeError, n), 1)}%`;
  });
  return { denominatorOverflowAt, normalizerOverflowExpected, relativeError, printed };
}
