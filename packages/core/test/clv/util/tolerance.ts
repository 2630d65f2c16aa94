/** One unit in the 7th significant digit: R prints numbers to 7 significant digits by default. */
export function sevenDigitUnit(value: number): number {
  return 10 ** (Math.floor(Math.log10(Math.abs(value))) - 6);
}

/**
 * First-order bound on how much `f` can move when each parameter is only known to ± its half width (e.g. because
 * the source printed it rounded): Σ |∂f/∂θᵢ| · δᵢ, derivatives by central differences. Used to compare with
 * predictions that were published next to rounded parameters, so the tolerance comes from the source's precision
 * rather than from our results.
 */
export function roundingBound<K extends string, P extends Readonly<Record<K, number>>>(
  f: (params: P) => number,
  params: P,
  halfWidth: Readonly<Record<K, number>>,
): number {
  let bound = 0;
  for (const key of Object.keys(halfWidth) as K[]) {
    const value = params[key];
    const h = 1e-6 * Math.abs(value);
    const up = f({ ...params, [key]: value + h });
    const down = f({ ...params, [key]: value - h });
    bound += (Math.abs(up - down) / (2 * h)) * halfWidth[key];
  }
  return bound;
}
