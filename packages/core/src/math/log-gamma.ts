// Lanczos approximation, g = 607/128 with 15 coefficients (Godfrey; the set used by Numerical Recipes 3rd ed.
// `gammln`). It gives ~1e-15 relative accuracy for x > 0, which the likelihoods need because they add and subtract
// many log-gamma terms of similar size.
const LANCZOS_G = 607 / 128;
// Coefficients as the doubles they round to (shortest round-trip form of the published 18-digit values).
const LANCZOS_C0 = 0.9999999999999971;
const LANCZOS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 3.399464998481189e-5,
  4.652362892704858e-5, -9.837447530487956e-5, 1.580887032249125e-4, -2.1026444172410488e-4,
  2.1743961811521265e-4, -1.643181065367639e-4, 8.441822398385275e-5, -2.6190838401581408e-5,
  3.6899182659531625e-6,
] as const;
/** √(2π). */
const SQRT_2PI = 2.5066282746310007;

/**
 * log |Γ(x)|. For x > 0 this is ln Γ(x); for negative non-integers it is ln |Γ(x)| via the reflection formula (the
 * sign is {@link gammaSign}); at 0, −1, −2, … (the poles) it is +Infinity.
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) {
    if (Number.isInteger(x)) return Number.POSITIVE_INFINITY;
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx). sinPi avoids the precision loss of Math.sin(Math.PI * x) for large |x|.
    return Math.log(Math.PI / Math.abs(sinPi(x))) - logGamma(1 - x);
  }
  if (x === Number.POSITIVE_INFINITY) return x;
  let ser = LANCZOS_C0;
  for (let j = 0; j < LANCZOS.length; j++) ser += (LANCZOS[j] as number) / (x + j + 1);
  const tmp = x + LANCZOS_G + 0.5;
  return (x + 0.5) * Math.log(tmp) - tmp + Math.log((SQRT_2PI * ser) / x);
}

/** sin(πx) with the argument reduced exactly first (x mod 2), so it is accurate for large |x|. */
function sinPi(x: number): number {
  const r = x % 2; // exact in floating point
  const y = r < -1 ? r + 2 : r > 1 ? r - 2 : r; // y ∈ [−1, 1]
  if (y === 0 || y === 1 || y === -1) return 0;
  if (Math.abs(y) <= 0.5) return Math.sin(Math.PI * y);
  // sin(π y) = sin(π (1 − y)) for y > 0 keeps the argument small, where Math.sin is most accurate.
  return y > 0 ? Math.sin(Math.PI * (1 - y)) : -Math.sin(Math.PI * (1 + y));
}
