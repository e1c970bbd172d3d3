/**
 * Reference numerics behind the FLASH article (Hua, Dai, Liu, Le, "Transformer Quality in Linear
 * Time", ICML 2022): the gated attention unit (GAU), its squared-ReLU attention, mixed chunk
 * attention in its non-causal and causal forms, and a cost model that compares full quadratic
 * attention, token-level causal linear attention and mixed chunk attention.
 *
 * Everything is plain arrays of numbers in double precision, small enough to read in the article
 * and to check by hand. The chunked computation and a direct per-pair (masked) computation of the
 * same attention live side by side so the tests can show they agree to rounding error, and every
 * number the article prints comes from `flashArticleNumbers()`.
 *
 * Notation follows the article (which maps the paper's letters once): sequence length L, model
 * width D, shared query/key width d (the paper's s), value/gate width d_v (the paper's e),
 * chunk size C and number of chunks G = L / C.
 */

import { at, row } from './arrays';
import { mulberry32, normalSampler } from './random';

/** A dense matrix as an array of rows; row i belongs to token i. */
export type Matrix = readonly (readonly number[])[];

function cols(m: Matrix): number {
  return m[0]?.length ?? 0;
}

/** A rows × cols matrix of zeros, mutable so callers can accumulate into it. */
export function zeros(rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
}

/** Inner product of two vectors of the same length. */
export function dot(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`length mismatch: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += at(a, i) * at(b, i);
  return s;
}

/** Matrix product A·B; throws on a shape mismatch rather than returning NaNs. */
export function matmul(a: Matrix, b: Matrix): number[][] {
  const inner = b.length;
  if (cols(a) !== inner) throw new RangeError(`shape mismatch: ${a.length}×${cols(a)} · ${inner}×${cols(b)}`);
  const out = zeros(a.length, cols(b));
  for (let i = 0; i < a.length; i++) {
    const ai = row(a, i);
    const oi = row(out, i) as number[];
    for (let k = 0; k < inner; k++) {
      const aik = at(ai, k);
      const bk = row(b, k);
      for (let j = 0; j < bk.length; j++) oi[j] = at(oi, j) + aik * at(bk, j);
    }
  }
  return out;
}

/** Element-wise map over a matrix. */
export function mapMatrix(m: Matrix, f: (x: number) => number): number[][] {
  return m.map((r) => r.map(f));
}

/** SiLU (Swish) x·σ(x), the activation the GAU pseudocode applies to U, V and Z. */
export function silu(x: number): number {
  return x / (1 + Math.exp(-x));
}

/** Squared ReLU, max(x, 0)²: the attention non-linearity of GAU, taken from Primer. */
export function relu2(x: number): number {
  return x > 0 ? x * x : 0;
}

/**
 * A matrix with independent standard normal entries times `scale`, from a seeded stream, so the
 * tests and the article's examples are the same on every machine.
 */
export function randomMatrix(rows: number, columns: number, seed: number, scale = 1): number[][] {
  const normal = normalSampler(mulberry32(seed));
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => scale * normal()));
}

// #region scale-offset
/** Per-dimension scale and offset Z ⊙ γ + β: how GAU turns the shared Z into queries and keys. */
export function scaleOffset(z: Matrix, gamma: readonly number[], beta: readonly number[]): number[][] {
  return z.map((zi) => zi.map((x, c) => x * at(gamma, c) + at(beta, c)));
}
// #endregion scale-offset

/** A relative position bias: a learned scalar for each offset i − j (a Toeplitz matrix). */
export type RelativeBias = (offset: number) => number;

/** Options of `reluSquaredAttention`. */
export interface QuadraticOptions {
  /** Mask out keys after the query (j > i), for auto-regressive models. */
  readonly causal: boolean;
  /** Scores are divided by this before the bias and relu² (the GAU pseudocode uses L). */
  readonly divisor: number;
  /** Relative position bias b(i − j); zero when absent. */
  readonly bias?: RelativeBias;
}

// #region relu2-attention
/**
 * Squared-ReLU attention computed pair by pair:
 * out_i = Σ_j relu²(q_i·k_j / divisor + b(i − j)) v_j, over j ≤ i when causal.
 * No softmax, so no normalization over the keys.
 */
export function reluSquaredAttention(q: Matrix, k: Matrix, v: Matrix, o: QuadraticOptions): number[][] {
  const out = zeros(q.length, cols(v));
  for (let i = 0; i < q.length; i++) {
    const oi = row(out, i) as number[];
    for (let j = 0; j < k.length; j++) {
      if (o.causal && j > i) continue;
      const w = relu2(dot(row(q, i), row(k, j)) / o.divisor + (o.bias?.(i - j) ?? 0));
      if (w === 0) continue;
      const vj = row(v, j);
      for (let c = 0; c < vj.length; c++) oi[c] = at(oi, c) + w * at(vj, c);
    }
  }
  return out;
}
// #endregion relu2-attention

/**
 * The weights of one GAU layer (without the surrounding normalization and residual). Shapes:
 * wU, wV: D × d_v; wZ: D × d; gamma/beta: d; wO: d_v × D.
 */
export interface GauParams {
  readonly wU: Matrix;
  readonly wV: Matrix;
  readonly wZ: Matrix;
  readonly gammaQ: readonly number[];
  readonly betaQ: readonly number[];
  readonly gammaK: readonly number[];
  readonly betaK: readonly number[];
  readonly wO: Matrix;
  readonly bias?: RelativeBias;
}

/** Intermediate tensors of a GAU forward pass, returned so tests can check each equation. */
export interface GauTrace {
  readonly u: number[][];
  readonly v: number[][];
  readonly z: number[][];
  readonly q: number[][];
  readonly k: number[][];
  /** Â V, the attention-mixed values, before the gate. */
  readonly vHat: number[][];
  /** The layer output O = (U ⊙ ÂV) W_o. */
  readonly out: number[][];
}

// #region gau
/**
 * One gated attention unit on X (L × D): U = φ(X W_u), V = φ(X W_v), Z = φ(X W_z) with φ = SiLU,
 * Q and K from Z by scale and offset, Â = relu²(Q Kᵀ / L + b), O = (U ⊙ Â V) W_o. Like the
 * article, it leaves out the rotary and absolute position encodings of the full model; the only
 * position information is the relative bias b.
 */
export function gauForward(x: Matrix, p: GauParams, causal: boolean): GauTrace {
  const u = mapMatrix(matmul(x, p.wU), silu);
  const v = mapMatrix(matmul(x, p.wV), silu);
  const z = mapMatrix(matmul(x, p.wZ), silu);
  const q = scaleOffset(z, p.gammaQ, p.betaQ);
  const k = scaleOffset(z, p.gammaK, p.betaK);
  const opts: QuadraticOptions = p.bias ? { causal, divisor: x.length, bias: p.bias } : { causal, divisor: x.length };
  const vHat = reluSquaredAttention(q, k, v, opts);
  const gated = u.map((ui, i) => ui.map((g, c) => g * at(row(vHat, i), c)));
  return { u, v, z, q, k, vHat, out: matmul(gated, p.wO) };
}
// #endregion gau

/** Random GAU weights of the given sizes (seeded), scaled like a 1/√fan-in initialization. */
export function randomGauParams(D: number, d: number, dv: number, seed: number): GauParams {
  const vec = (n: number, s: number, scale: number, shift: number) =>
    row(randomMatrix(1, n, s, scale), 0).map((x) => x + shift);
  return {
    wU: randomMatrix(D, dv, seed, 1 / Math.sqrt(D)),
    wV: randomMatrix(D, dv, seed + 1, 1 / Math.sqrt(D)),
    wZ: randomMatrix(D, d, seed + 2, 1 / Math.sqrt(D)),
    gammaQ: vec(d, seed + 3, 0.3, 1),
    betaQ: vec(d, seed + 4, 0.1, 0),
    gammaK: vec(d, seed + 5, 0.3, 1),
    betaK: vec(d, seed + 6, 0.1, 0),
    wO: randomMatrix(dv, D, seed + 7, 1 / Math.sqrt(dv)),
  };
}

/** The four query/key sets mixed chunk attention derives from one Z, and the values. */
export interface MixedChunkInput {
  readonly qQuad: Matrix;
  readonly kQuad: Matrix;
  readonly qLin: Matrix;
  readonly kLin: Matrix;
  readonly v: Matrix;
}

/** Options of mixed chunk attention. */
export interface MixedChunkOptions {
  /** Chunk size C; L must be a multiple of it. */
  readonly chunk: number;
  /** Auto-regressive: local part masked to j ≤ i, global part over earlier chunks only. */
  readonly causal: boolean;
  /** Local scores are divided by this before relu² (the pseudocode uses C). */
  readonly quadDivisor: number;
  /** The global part Σ K_hᵀ V_h is divided by this constant. */
  readonly linDivisor: number;
  /** Relative position bias inside a chunk, b(i − j); zero when absent. */
  readonly bias?: RelativeBias;
}

/** Output of a chunked computation and how many times its running state was updated. */
export interface ChunkedResult {
  readonly output: number[][];
  /** Sequential prefix-sum steps: G for mixed chunk attention, L for token-level linear attention. */
  readonly stateUpdates: number;
}

function checkChunks(length: number, chunk: number): number {
  if (!Number.isInteger(chunk) || chunk < 1 || length % chunk !== 0) {
    throw new RangeError(`sequence length ${length} is not a multiple of chunk size ${chunk}`);
  }
  return length / chunk;
}

/** Row i of a mutable matrix, for accumulating in place. */
function slot(m: number[][], i: number): number[] {
  const r = m[i];
  if (r === undefined) throw new RangeError(`row ${i} out of range`);
  return r;
}

/** m += scale · k vᵀ (outer product of a d-vector k and a d_v-vector v). */
function addOuter(m: number[][], k: readonly number[], v: readonly number[], scale: number): void {
  for (let a = 0; a < k.length; a++) {
    const ma = slot(m, a);
    const ka = at(k, a) * scale;
    for (let c = 0; c < v.length; c++) ma[c] = at(ma, c) + ka * at(v, c);
  }
}

/** target += source, element-wise. */
function addInto(target: number[][], source: Matrix): void {
  for (let a = 0; a < source.length; a++) {
    const ta = slot(target, a);
    const sa = row(source, a);
    for (let c = 0; c < sa.length; c++) ta[c] = at(ta, c) + at(sa, c);
  }
}

/** out += qᵀ M for a d-vector q and a d × d_v matrix M. */
function addVecMat(out: number[], q: readonly number[], m: Matrix): void {
  for (let a = 0; a < q.length; a++) {
    const qa = at(q, a);
    const ma = row(m, a);
    for (let c = 0; c < ma.length; c++) out[c] = at(out, c) + qa * at(ma, c);
  }
}

// #region mixed-chunk
/**
 * Mixed chunk attention, chunk by chunk: exact relu² attention inside each chunk of C tokens,
 * plus linear attention across chunks through d × d_v summaries K_gᵀ V_g. Causal: chunk g reads
 * the exclusive prefix sum of the summaries of the chunks before it, one state update per chunk.
 */
export function mixedChunkAttention(x: MixedChunkInput, o: MixedChunkOptions): ChunkedResult {
  const L = x.v.length;
  const C = o.chunk;
  const G = checkChunks(L, C);
  const d = cols(x.kLin);
  const dv = cols(x.v);

  // Summary of chunk g: K_gᵀ V_g / linDivisor, a d × d_v matrix.
  const summaries = Array.from({ length: G }, (_, g) => {
    const m = zeros(d, dv);
    for (let j = g * C; j < (g + 1) * C; j++) addOuter(m, row(x.kLin, j), row(x.v, j), 1 / o.linDivisor);
    return m;
  });
  const total = zeros(d, dv); // non-causal context: every chunk
  if (!o.causal) for (const m of summaries) addInto(total, m);
  const state = zeros(d, dv); // causal context: the chunks before the current one
  let stateUpdates = 0;

  const out = zeros(L, dv);
  for (let g = 0; g < G; g++) {
    const context = o.causal ? state : total;
    for (let i = g * C; i < (g + 1) * C; i++) {
      const oi = slot(out, i);
      // Local part: exact relu² attention to the tokens of the same chunk.
      for (let j = g * C; j < (g + 1) * C; j++) {
        if (o.causal && j > i) continue;
        const w = relu2(dot(row(x.qQuad, i), row(x.kQuad, j)) / o.quadDivisor + (o.bias?.(i - j) ?? 0));
        const vj = row(x.v, j);
        for (let c = 0; c < dv; c++) oi[c] = at(oi, c) + w * at(vj, c);
      }
      // Global part: one d × d_v matrix stands in for all the chunks it summarizes.
      addVecMat(oi, row(x.qLin, i), context);
    }
    if (o.causal) {
      addInto(state, at(summaries, g)); // the only sequential step: G of them
      stateUpdates++;
    }
  }
  return { output: out, stateUpdates };
}
// #endregion mixed-chunk

/** Which part of mixed chunk attention, if any, connects query i to key j. */
export type Coverage = 'local' | 'global' | 'both' | 'none';

// #region coverage
/**
 * Who covers the pair (i, j): the exact local part when both tokens sit in the same chunk (and
 * j ≤ i if causal); the linear global part when j's chunk is earlier (causal) or any chunk
 * (non-causal, which includes the query's own chunk, so those pairs get both).
 */
export function coverage(i: number, j: number, chunk: number, causal: boolean): Coverage {
  const gi = Math.floor(i / chunk);
  const gj = Math.floor(j / chunk);
  const local = gi === gj && (!causal || j <= i);
  const global = causal ? gj < gi : true;
  if (local && global) return 'both';
  if (local) return 'local';
  return global ? 'global' : 'none';
}
// #endregion coverage

/** How many of the L × L pairs each part covers, for the pattern figure and its caption. */
export function coverageCounts(L: number, chunk: number, causal: boolean): Record<Coverage, number> {
  checkChunks(L, chunk);
  const counts: Record<Coverage, number> = { local: 0, global: 0, both: 0, none: 0 };
  for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) counts[coverage(i, j, chunk, causal)]++;
  return counts;
}

/** Sizes of the pattern figure: small enough to draw every pair. */
export const PATTERN_DEMO = Object.freeze({ L: 16, C: 4 });

// #region mixed-chunk-reference
/**
 * The same attention written as one L × L weight matrix and applied directly:
 * w_ij = relu²(q^quad_i·k^quad_j / quadDivisor + b(i − j)) where the local part covers (i, j),
 * plus q^lin_i·k^lin_j / linDivisor where the global part does; out = W V. O(L²), for checking.
 */
export function mixedChunkWeights(x: MixedChunkInput, o: MixedChunkOptions): number[][] {
  const L = x.v.length;
  checkChunks(L, o.chunk);
  return Array.from({ length: L }, (_, i) =>
    Array.from({ length: L }, (_, j) => {
      const part = coverage(i, j, o.chunk, o.causal);
      let w = 0;
      if (part === 'local' || part === 'both') {
        w += relu2(dot(row(x.qQuad, i), row(x.kQuad, j)) / o.quadDivisor + (o.bias?.(i - j) ?? 0));
      }
      if (part === 'global' || part === 'both') w += dot(row(x.qLin, i), row(x.kLin, j)) / o.linDivisor;
      return w;
    }),
  );
}

/** Mixed chunk attention through the explicit weight matrix: out = W V. */
export function mixedChunkReference(x: MixedChunkInput, o: MixedChunkOptions): number[][] {
  return matmul(mixedChunkWeights(x, o), x.v);
}
// #endregion mixed-chunk-reference

/** Output of token-by-token decoding and the largest number of tokens it ever kept in its cache. */
export interface DecodeResult {
  readonly output: number[][];
  readonly maxCached: number;
}

/**
 * Causal mixed chunk attention as an auto-regressive decoder would run it, one token at a time:
 * a cache of at most C tokens of the current chunk for the local part, and one d × d_v state for
 * everything before it. When the cache holds a full chunk, its summary joins the state and the
 * cache is emptied. Memory per step does not grow with the number of tokens generated.
 */
export function mixedChunkDecode(x: MixedChunkInput, o: MixedChunkOptions): DecodeResult {
  if (!o.causal) throw new RangeError('decoding is only defined for the causal form');
  const L = x.v.length;
  const d = cols(x.kLin);
  const dv = cols(x.v);
  const state = zeros(d, dv);
  const out = zeros(L, dv);
  let cache: number[] = []; // positions of the current chunk seen so far
  let maxCached = 0;
  for (let i = 0; i < L; i++) {
    cache.push(i);
    maxCached = Math.max(maxCached, cache.length);
    const oi = slot(out, i);
    for (const j of cache) {
      const w = relu2(dot(row(x.qQuad, i), row(x.kQuad, j)) / o.quadDivisor + (o.bias?.(i - j) ?? 0));
      const vj = row(x.v, j);
      for (let c = 0; c < dv; c++) oi[c] = at(oi, c) + w * at(vj, c);
    }
    addVecMat(oi, row(x.qLin, i), state);
    if (cache.length === o.chunk) {
      for (const j of cache) addOuter(state, row(x.kLin, j), row(x.v, j), 1 / o.linDivisor);
      cache = [];
    }
  }
  return { output: out, maxCached };
}

// #region token-linear
/**
 * Causal linear attention token by token, as the paper's linear baseline (no feature map, no
 * normalizer, like FLASH's global part): S_i = S_{i−1} + k_i v_iᵀ / divisor, o_i = q_iᵀ S_i.
 * The running state is updated L times, one token after another.
 */
export function causalLinearAttention(q: Matrix, k: Matrix, v: Matrix, divisor: number): ChunkedResult {
  const d = cols(k);
  const dv = cols(v);
  const state = zeros(d, dv);
  const out = zeros(q.length, dv);
  let stateUpdates = 0;
  for (let i = 0; i < q.length; i++) {
    addOuter(state, row(k, i), row(v, i), 1 / divisor); // inclusive: token i sees itself
    stateUpdates++;
    addVecMat(slot(out, i), row(q, i), state);
  }
  return { output: out, stateUpdates };
}
// #endregion token-linear

/**
 * The same causal linear attention computed chunk-wise: exact masked q·k products inside a chunk,
 * the exclusive prefix sum of chunk summaries across chunks. It equals `causalLinearAttention`
 * with G instead of L state updates; mixed chunk attention is this scheme with the linear
 * similarity inside the chunk replaced by relu² on its own queries and keys.
 */
export function chunkwiseLinearAttention(
  q: Matrix,
  k: Matrix,
  v: Matrix,
  chunk: number,
  divisor: number,
): ChunkedResult {
  const L = v.length;
  const G = checkChunks(L, chunk);
  const d = cols(k);
  const dv = cols(v);
  const state = zeros(d, dv);
  const out = zeros(L, dv);
  let stateUpdates = 0;
  for (let g = 0; g < G; g++) {
    const summary = zeros(d, dv);
    for (let i = g * chunk; i < (g + 1) * chunk; i++) {
      const oi = slot(out, i);
      for (let j = g * chunk; j <= i; j++) {
        const w = dot(row(q, i), row(k, j)) / divisor;
        const vj = row(v, j);
        for (let c = 0; c < dv; c++) oi[c] = at(oi, c) + w * at(vj, c);
      }
      addVecMat(oi, row(q, i), state);
      addOuter(summary, row(k, i), row(v, i), 1 / divisor);
    }
    addInto(state, summary);
    stateUpdates++;
  }
  return { output: out, stateUpdates };
}

/** Largest absolute element-wise difference between two matrices of the same shape. */
export function maxAbsDiff(a: Matrix, b: Matrix): number {
  if (a.length !== b.length || cols(a) !== cols(b)) throw new RangeError('shape mismatch');
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = row(a, i);
    const bi = row(b, i);
    for (let c = 0; c < ai.length; c++) m = Math.max(m, Math.abs(at(ai, c) - at(bi, c)));
  }
  return m;
}

/** Largest absolute entry of a matrix, to turn an absolute difference into a relative one. */
export function maxAbs(a: Matrix): number {
  let m = 0;
  for (const r of a) for (const x of r) m = Math.max(m, Math.abs(x));
  return m;
}

/**
 * Seeded inputs for mixed chunk attention: the four query/key sets come from one shared Z by
 * four different per-dimension scales and offsets, as in FLASH, and V is a separate projection.
 */
export function randomMixedChunkInput(L: number, d: number, dv: number, seed: number): MixedChunkInput {
  const z = mapMatrix(randomMatrix(L, d, seed), silu);
  const so = (s: number) =>
    scaleOffset(
      z,
      at(randomMatrix(1, d, s, 0.5), 0).map((g) => g + 1),
      at(randomMatrix(1, d, s + 1, 0.2), 0),
    );
  return {
    qQuad: so(seed + 1),
    kQuad: so(seed + 3),
    qLin: so(seed + 5),
    kLin: so(seed + 7),
    v: randomMatrix(L, dv, seed + 9),
  };
}

// ---------------------------------------------------------------------------------------------
// Cost model
// ---------------------------------------------------------------------------------------------

/** Sizes that set the cost of one attention layer: L tokens, chunk C, query/key width d, value width d_v. */
export interface CostShape {
  readonly L: number;
  readonly C: number;
  readonly d: number;
  readonly dv: number;
}

/**
 * Cost of the token-mixing part of one layer (the projections are the same for all three and
 * counted separately). `macs`: multiply-accumulates of the matrix products, computed densely as
 * accelerators do (a causal mask does not halve them). `prefixLength`: elements of the sequential
 * cumulative sum (0 when there is none). `intermediateFloats`: floats of the main intermediates a
 * plain tensor implementation must hold at the same time: the L × L scores (quadratic), the L
 * stacked prefix-sum states (token-level linear), or the G chunks' C × C scores plus their G
 * states (mixed chunk; one state when non-causal). A sum, not the largest single tensor.
 */
export interface AttentionCost {
  readonly macs: number;
  readonly prefixLength: number;
  readonly intermediateFloats: number;
}

// #region cost-model
/** Full quadratic attention (GAU / FLASH-Quad): QKᵀ and ÂV over all L × L pairs. */
export function quadraticCost({ L, d, dv }: CostShape): AttentionCost {
  return { macs: L * L * (d + dv), prefixLength: 0, intermediateFloats: L * L };
}

/** Causal linear attention token by token: k vᵀ and qᵀS per token, a cumsum over L states. */
export function causalLinearCost({ L, d, dv }: CostShape): AttentionCost {
  return { macs: 2 * L * d * dv, prefixLength: L, intermediateFloats: L * d * dv };
}

/** Mixed chunk attention: G = L/C local C × C blocks plus the linear part; a cumsum over G states if causal. */
export function mixedChunkCost({ L, C, d, dv }: CostShape, causal: boolean): AttentionCost {
  const G = L / C;
  const local = G * C * C * (d + dv); // = L·C·(d + d_v)
  const global = 2 * L * d * dv; // K_gᵀV_g for every chunk, then Q^lin times the state
  return {
    macs: local + global,
    prefixLength: causal ? G : 0,
    intermediateFloats: L * C + (causal ? G : 1) * d * dv, // scores of all chunks + chunk states
  };
}
// #endregion cost-model

/**
 * Sequence length above which mixed chunk attention needs fewer multiply-accumulates than full
 * quadratic attention: L(d + d_v) = C(d + d_v) + 2 d d_v, i.e. L* = C + 2 d d_v / (d + d_v).
 */
export function quadraticBreakEven(C: number, d: number, dv: number): number {
  return C + (2 * d * dv) / (d + dv);
}

/**
 * Chunk size minimizing the causal intermediate memory L·C + (L/C)·d·d_v = L(C + d·d_v/C):
 * C = √(d·d_v). The larger of the two terms alone, max(L·C, (L/C)·d·d_v), is minimized at the same
 * C, where the two are equal. A property of this cost model, not a recommendation of the paper.
 */
export function memoryOptimalChunk(d: number, dv: number): number {
  return Math.sqrt(d * dv);
}

/** Weights of one GAU layer (W_u, W_v, W_z, W_o and two scale/offset pairs), biases left out. */
export function gauParamCount(D: number, d: number, dv: number): number {
  return D * (2 * dv + d) + dv * D + 4 * d;
}

/** Weights of one Transformer layer, MHSA (4D²) plus a two-matrix FFN of width `ffn`, biases left out. */
export function transformerLayerParamCount(D: number, ffn = 4 * D): number {
  return 4 * D * D + 2 * D * ffn;
}

/** Multiply-accumulates per token of a GAU's four projections: D(2d_v + d) in, d_v·D out. */
export function gauProjectionMacsPerToken(D: number, d: number, dv: number): number {
  return D * (2 * dv + d) + dv * D;
}

// ---------------------------------------------------------------------------------------------
// What the article prints
// ---------------------------------------------------------------------------------------------

/**
 * Values the paper states (abstract and §2–3), kept here so the test can check the article quotes
 * them as they are: the default shared width s = 128 and expansion e = 2d (our d and d_v = 2D),
 * the default chunk size C = 256, the context lengths of the headline claim and the largest
 * training speedups over the improved Transformer baselines.
 */
export const FLASH_PAPER = Object.freeze({
  sharedWidth: 128,
  expansion: 2,
  chunk: 256,
  shortContext: 512,
  longContext: 8192,
  speedupWiki40b: 4.9,
  speedupPg19: 12.1,
  speedupC4: 4.8,
});

/** Model width used for the article's worked numbers (an illustration, like BERT-base's 768). */
export const ARTICLE_WIDTH = 768;

/** Sequence lengths of the article's cost table. */
export const COST_TABLE_LENGTHS: readonly number[] = Object.freeze([512, 2048, 8192]);

/**
 * The hand-checkable example of the article: L = 4 tokens, chunk C = 2, d = d_v = 1, causal,
 * both divisors equal to C as in the pseudocode, no position bias.
 */
export const HAND_EXAMPLE = Object.freeze({
  chunk: 2,
  qQuad: [1, 2, 1, -1],
  kQuad: [1, 1, 2, 1],
  qLin: [1, 0.5, 1, 2],
  kLin: [1, 2, 1, 1],
  v: [1, 2, 3, 4],
});

/** The hand example as `MixedChunkInput` (each token a 1-vector) plus its options. */
export function handExample(): { input: MixedChunkInput; options: MixedChunkOptions } {
  const col = (xs: readonly number[]) => xs.map((x) => [x]);
  const e = HAND_EXAMPLE;
  return {
    input: { qQuad: col(e.qQuad), kQuad: col(e.kQuad), qLin: col(e.qLin), kLin: col(e.kLin), v: col(e.v) },
    options: { chunk: e.chunk, causal: true, quadDivisor: e.chunk, linDivisor: e.chunk },
  };
}

/** A number with a fixed number of decimals, never "-0.00"; the article test uses it too. */
export function formatFixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Shortest decimal form of a value that is exact in a few digits (0.25, 5.5, 3). */
export function formatExact(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/** An integer with thousands separators (1,610,612,736), as the article's prose prints counts. */
export function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A count in millions with two decimals (13.63), as the cost table prints it. */
export function formatMillions(n: number): string {
  return formatFixed(n / 1e6, 2);
}

/**
 * Every number the article prints, computed from the functions above. Sizes: D = 768,
 * d = 128 (the paper's s), d_v = 2D (the paper's e = 2d), C = 256.
 */
export function flashArticleNumbers() {
  const D = ARTICLE_WIDTH;
  const d = FLASH_PAPER.sharedWidth;
  const dv = FLASH_PAPER.expansion * D;
  const C = FLASH_PAPER.chunk;
  const shape = (L: number): CostShape => ({ L, C, d, dv });

  const transformer = transformerLayerParamCount(D);
  const twoGau = 2 * gauParamCount(D, d, dv);
  const mhsaMixPerToken = 2 * D; // per unit of L: QKᵀ and PV over all heads
  const gauMixPerToken = 2 * (d + dv); // two GAUs, per unit of L

  const rows = COST_TABLE_LENGTHS.map((L) => {
    const quad = quadraticCost(shape(L));
    const lin = causalLinearCost(shape(L));
    const mixed = mixedChunkCost(shape(L), true);
    return {
      L: String(L),
      quadMacs: formatMillions(quad.macs / L),
      linMacs: formatMillions(lin.macs / L),
      mixedMacs: formatMillions(mixed.macs / L),
      linPrefix: formatCount(lin.prefixLength),
      mixedPrefix: formatCount(mixed.prefixLength),
      quadPeak: formatMillions(quad.intermediateFloats),
      linPeak: formatMillions(lin.intermediateFloats),
      mixedPeak: formatMillions(mixed.intermediateFloats),
    };
  });

  const long = shape(FLASH_PAPER.longContext);
  const quadLong = quadraticCost(long);
  const linLong = causalLinearCost(long);
  const mixedLong = mixedChunkCost(long, true);
  const projection = gauProjectionMacsPerToken(D, d, dv);

  const hand = handExample();
  const handOut = mixedChunkAttention(hand.input, hand.options).output.map((r) => formatExact(at(r, 0)));
  const handWeights = mixedChunkWeights(hand.input, hand.options).map((r) => r.map(formatExact));
  const handState = formatExact(
    (at(HAND_EXAMPLE.kLin, 0) * at(HAND_EXAMPLE.v, 0) + at(HAND_EXAMPLE.kLin, 1) * at(HAND_EXAMPLE.v, 1)) /
      HAND_EXAMPLE.chunk,
  );

  // A run of n identical tokens with score x = q·k: Σ_j relu²(x/n) = x²/n, softmax gives 1.
  const repeatedScore = 3;
  const repeated = (n: number) => n * relu2(repeatedScore / n);

  const causalCounts = coverageCounts(PATTERN_DEMO.L, PATTERN_DEMO.C, true);
  const bidiCounts = coverageCounts(PATTERN_DEMO.L, PATTERN_DEMO.C, false);

  return {
    D: String(D),
    patternL: String(PATTERN_DEMO.L),
    patternC: String(PATTERN_DEMO.C),
    patternG: String(PATTERN_DEMO.L / PATTERN_DEMO.C),
    causalLocal: String(causalCounts.local),
    causalGlobal: String(causalCounts.global),
    causalNone: String(causalCounts.none),
    bidiBoth: String(bidiCounts.both),
    bidiGlobal: String(bidiCounts.global),
    d: String(d),
    dv: String(dv),
    C: String(C),
    transformerParams: formatCount(transformer),
    twoGauParams: formatCount(twoGau),
    gauOverTransformerPercent: formatFixed((twoGau / transformer - 1) * 100, 1),
    sharedZParams: formatCount(D * d),
    mhsaMixPerToken: String(mhsaMixPerToken),
    gauMixPerToken: String(gauMixPerToken),
    gauOverMhsaMix: formatFixed(gauMixPerToken / mhsaMixPerToken, 2),
    breakEven: formatFixed(quadraticBreakEven(C, d, dv), 0),
    rows,
    longL: formatCount(FLASH_PAPER.longContext),
    quadOverMixedLong: formatFixed(quadLong.macs / mixedLong.macs, 1),
    mixedOverLinLong: formatFixed(mixedLong.macs / linLong.macs, 2),
    prefixRatioLong: formatCount(linLong.prefixLength / mixedLong.prefixLength),
    linPeakLongCount: formatCount(linLong.intermediateFloats),
    linPeakLongGiB: formatFixed((linLong.intermediateFloats * 4) / 2 ** 30, 1),
    linOverMixedPeakLong: formatFixed(linLong.intermediateFloats / mixedLong.intermediateFloats, 0),
    quadOverMixedPeakLong: formatFixed(quadLong.intermediateFloats / mixedLong.intermediateFloats, 0),
    projectionPerToken: formatMillions(projection),
    mixedOverProjectionPercent: formatFixed((mixedLong.macs / FLASH_PAPER.longContext / projection) * 100, 0),
    quadOverProjectionLong: formatFixed(quadLong.macs / FLASH_PAPER.longContext / projection, 2),
    quadEqualsProjection: formatFixed(projection / (d + dv), 0),
    memoryOptimalChunk: formatFixed(memoryOptimalChunk(d, dv), 0),
    handOut,
    handWeights,
    handState,
    repeatedScore: String(repeatedScore),
    repeatedShort: formatFixed(repeated(FLASH_PAPER.shortContext), 4),
    repeatedLong: formatFixed(repeated(4 * FLASH_PAPER.shortContext), 4),
  };
}
