import { type Config, parse, resetSVGDefIds, type Spec, View } from 'vega';
import { chartConfig } from '../../src/chart-config.js';
import { defaultChartTheme } from '../../src/chart-theme.js';

export type Datasets = Record<string, readonly object[]>;

export interface RenderOptions {
  config?: Config;
  /** vega-interpreter's `expressionInterpreter`: parse with `ast: true` and evaluate without `Function`. */
  interpreter?: unknown;
  signals?: Record<string, unknown>;
  width?: number;
  height?: number;
}

/** A vega logger that keeps warnings and errors (vega's own logger prints them). */
export function collectingLogger(messages: string[]) {
  let level = 2;
  const keep =
    (kind: string) =>
    (...args: unknown[]) => {
      messages.push(`${kind}: ${args.map(String).join(' ')}`);
    };
  return {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return this;
    },
    error: keep('error'),
    warn: keep('warn'),
    info: () => undefined,
    debug: () => undefined,
  };
}

/** A headless view (`renderer: 'none'`) of a compiled spec with its datasets set and run. */
export async function renderView(spec: Spec, datasets: Datasets, options: RenderOptions = {}) {
  const messages: string[] = [];
  // Gradient ids come from a module-wide counter; restart it so two renders of one chart compare equal.
  resetSVGDefIds();
  const config = options.config ?? chartConfig(defaultChartTheme);
  const runtime = parse(spec, config, { ast: options.interpreter !== undefined });
  const view = new View(runtime, {
    renderer: 'none',
    // biome-ignore lint/suspicious/noExplicitAny: vega's ViewOptions types the interpreter as `any`
    logger: collectingLogger(messages) as any,
    ...(options.interpreter === undefined ? {} : { expr: options.interpreter }),
  });
  for (const [name, rows] of Object.entries(datasets)) view.data(name, rows as object[]);
  for (const [name, value] of Object.entries(options.signals ?? {})) view.signal(name, value as never);
  if (options.width !== undefined) view.width(options.width);
  if (options.height !== undefined) view.height(options.height);
  await view.runAsync();
  return { view, messages };
}

/** The SVG text of a rendered view. */
export async function renderSvg(spec: Spec, datasets: Datasets, options: RenderOptions = {}) {
  const { view, messages } = await renderView(spec, datasets, options);
  const svg = await view.toSVG();
  view.finalize();
  return { svg, messages };
}
