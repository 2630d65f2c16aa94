import type { RangeEnum } from 'vega';

/**
 * A scale range that names an entry of the vega config's `range` block. Vega resolves any name defined there
 * when it parses the spec (vega-parser `parseScaleRange`), and vega-lite passes a string range through
 * unchanged; only vega-lite's type lists just the built-in names, hence this one cast.
 */
export function namedRange(name: string): RangeEnum {
  return name as RangeEnum;
}
