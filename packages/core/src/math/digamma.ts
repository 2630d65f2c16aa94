// Asymptotic series coefficients B_2k / (2k) for ψ(x) ~ ln x − 1/(2x) − Σ B_2k / (2k x^2k).
const ASYMPTOTIC = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12] as const;

/**
 * Digamma ψ(x) = d/dx ln Γ(x). Used by the analytic gradients of the BG/NBD and Gamma-Gamma likelihoods.
 * Shifts x up to ≥ 10 with ψ(x) = ψ(x + 1) − 1/x, where the asymptotic series (7 terms) is accurate to ~1e-16;
 * negative non-integers use the reflection ψ(1 − x) − ψ(x) = π cot(πx). NaN at the poles 0, −1, −2, ….
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) {
    if (Number.isInteger(x)) return Number.NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  if (x === Number.POSITIVE_INFINITY) return x;
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift += 1 / y;
    y += 1;
  }
  const inv2 = 1 / (y * y);
  let series = 0;
  let power = inv2;
  for (let k = 0; k < ASYMPTOTIC.length; k++) {
    series += (ASYMPTOTIC[k] as number) * power;
    power *= inv2;
  }
  return Math.log(y) - 0.5 / y - series - shift;
}
