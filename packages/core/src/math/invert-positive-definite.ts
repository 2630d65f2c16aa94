/**
 * Inverse of a symmetric positive-definite matrix (row-major n × n) via Cholesky, or undefined when the matrix is
 * not positive definite — which at a claimed maximum of the likelihood means the standard errors are not defined
 * (flat or saddle direction), and callers report NaN rather than a meaningless number.
 */
export function invertPositiveDefinite(m: ArrayLike<number>, n: number): Float64Array | undefined {
  // Cholesky: m = L Lᵀ.
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = m[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / (l[j * n + j] as number);
      }
    }
  }
  // L⁻¹ by forward substitution, then m⁻¹ = L⁻ᵀ L⁻¹.
  const li = new Float64Array(n * n);
  for (let col = 0; col < n; col++) {
    for (let i = col; i < n; i++) {
      let sum = i === col ? 1 : 0;
      for (let k = col; k < i; k++) sum -= (l[i * n + k] as number) * (li[k * n + col] as number);
      li[i * n + col] = sum / (l[i * n + i] as number);
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += (li[k * n + i] as number) * (li[k * n + j] as number);
      inv[i * n + j] = sum;
      inv[j * n + i] = sum;
    }
  }
  return inv;
}
