import type { Config } from 'vega-lite';

/**
 * The vega-lite config every spec is compiled with. Vega-lite writes some of its own defaults into the
 * compiled marks (a blue mark colour, black text and rules, a white background), and a value written into a
 * mark beats any config given to vega later. Unsetting them here keeps the compiled specs free of colours,
 * so the vega config passed at parse time (`chartConfig`) decides them all.
 */
export const compileConfig: Config = {
  background: undefined,
  mark: { color: undefined },
  text: { color: undefined },
  rule: { color: undefined },
};
