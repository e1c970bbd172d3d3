/**
 * Checked indexing for the numerics modules. The project compiles with
 * `noUncheckedIndexedAccess`, so `xs[i]` is `number | undefined`; these return the element or
 * throw, so an off-by-one in a derivation's code fails loudly in its test instead of turning into
 * NaN somewhere downstream.
 */

/** `values[i]`, or a RangeError if `i` is outside the array. */
export function at<T>(values: ArrayLike<T>, i: number): T {
  const x = values[i];
  if (x === undefined) throw new RangeError(`index ${i} out of range`);
  return x;
}

/** Row `i` of a matrix stored as rows, or a RangeError if there is no such row. */
export function row<T>(m: readonly (readonly T[])[], i: number): readonly T[] {
  const r = m[i];
  if (r === undefined) throw new RangeError(`row ${i} out of range`);
  return r;
}
