import type { TopLevelSpec } from 'vega-lite';

/** One entry of a layered vega-lite spec's `layer` (vega-lite's index exports only `TopLevelSpec`). */
export type LayerEntry = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];
