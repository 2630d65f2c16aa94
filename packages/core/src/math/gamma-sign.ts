/**
 * Sign of Γ(x): +1 for x > 0; for negative non-integers (−1)^ceil(−x)… i.e. Γ is negative on (−1, 0), (−3, −2), …
 * and positive on (−2, −1), …; NaN at the poles (0, −1, −2, …). Pairs with {@link logGamma} where arguments can be
 * negative (the 1 − z transformation of ₂F₁).
 */
export function gammaSign(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x > 0) return 1;
  if (Number.isInteger(x)) return Number.NaN;
  // On (−k−1, −k) the sign is (−1)^(k+1).
  const k = Math.floor(-x);
  return k % 2 === 0 ? -1 : 1;
}
