import { at, checkLength } from './broadcast.js';
import type { GammaGammaParams } from './types.js';

/**
 * E[spend per purchase | x, z̄] under Gamma-Gamma (note 025, eq. 5):
 *   p(γ + x z̄) / (px + q − 1)
 *   = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · z̄  (a weighted mean of the population mean and the customer's own).
 * For customers without repeat purchases (x = 0 or z̄ not finite) it is the population mean pγ/(q − 1).
 * NaN when q ≤ 1 (the population mean does not exist). Vectorised; `x`, `zbar` may be typed arrays.
 */
export function gammaGammaConditionalExpectedSpend(
  params: GammaGammaParams,
  x: ArrayLike<number>,
  zbar: number | ArrayLike<number>,
): Float64Array {
  const { p, q, gamma } = params;
  const n = x.length;
  checkLength(zbar, n, 'zbar');
  const out = new Float64Array(n);
  const populationMean = q > 1 ? (p * gamma) / (q - 1) : Number.NaN;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const zi = at(zbar, i);
    out[i] = xi > 0 && Number.isFinite(zi) ? (p * (gamma + xi * zi)) / (p * xi + q - 1) : populationMean;
  }
  return out;
}

/** Population mean spend per purchase, pγ/(q − 1) (NaN for q ≤ 1). */
export function gammaGammaMeanSpend(params: GammaGammaParams): number {
  return params.q > 1 ? (params.p * params.gamma) / (params.q - 1) : Number.NaN;
}
