// Compiles the spec builders to vega and renders the committed module src/generated/compiled-specs.ts.
// Shared by scripts/compile-specs.ts (which writes the file) and test/compiled-specs.test.ts (which checks
// that the committed file is what a fresh compilation gives).
import type { Spec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
// The builders' own modules, not the barrel: the barrel re-exports the generated file this script writes.
import { compileConfig } from '../src/compile-config.js';
import { pyramidSpec } from '../src/pyramid-spec.js';
import { quadrantSpec } from '../src/quadrant-spec.js';
import { rfmHeatmapSpec } from '../src/rfm-heatmap-spec.js';
import { segmentsScatterSpec } from '../src/segments-scatter-spec.js';

/** Each compiled spec: its export name and the builder whose default spec it is. */
export const COMPILED_SPECS = [
  { name: 'pyramidVegaSpec', builder: 'pyramidSpec', spec: () => pyramidSpec() },
  { name: 'quadrantVegaSpec', builder: 'quadrantSpec', spec: () => quadrantSpec() },
  { name: 'rfmHeatmapVegaSpec', builder: 'rfmHeatmapSpec', spec: () => rfmHeatmapSpec() },
  { name: 'segmentsScatterVegaSpec', builder: 'segmentsScatterSpec', spec: () => segmentsScatterSpec() },
] as const;

/** A vega-lite logger that keeps warnings and errors instead of printing them. */
class CollectingLogger {
  readonly messages: string[] = [];
  #level = 0;
  level(): number;
  level(level: number): this;
  level(level?: number): number | this {
    if (level === undefined) return this.#level;
    this.#level = level;
    return this;
  }
  error = (...args: readonly unknown[]) => this.#keep('error', args);
  warn = (...args: readonly unknown[]) => this.#keep('warn', args);
  info = () => this;
  debug = () => this;
  #keep(kind: string, args: readonly unknown[]) {
    this.messages.push(`${kind}: ${args.map(String).join(' ')}`);
    return this;
  }
}

/**
 * Compiles one vega-lite spec with the colour-neutral `compileConfig`. Returns the vega spec and vega-lite's
 * warnings. A spec-level `config` in the output would override the theme given at parse time, so it is an
 * error.
 */
export function compileSpec(spec: TopLevelSpec): { spec: Spec; warnings: string[] } {
  const logger = new CollectingLogger();
  const { spec: vega } = compile(spec, { config: compileConfig, logger });
  if ('config' in vega) throw new Error('a compiled spec must not carry a config: the theme supplies it');
  return { spec: vega as Spec, warnings: logger.messages };
}

const HEADER = `// generated — do not edit.
// Written by \`pnpm --filter @crm-lens/charts build:specs\` (scripts/compile-specs.ts): each builder's default
// spec compiled from vega-lite to vega, so that no page loads vega-lite. test/compiled-specs.test.ts fails
// when this file differs from a fresh compilation.
// biome-ignore-all format: generated; compared byte for byte with a fresh compilation
//
// Each spec is asserted to vega's \`Spec\` type: vega-typings lists only vega's built-in range names (vega
// resolves any name in \`config.range\`, and these specs use our own), and vega-lite writes empty \`format\`
// objects. Both are valid vega; the tests parse and render every spec.
`;

/** The text of src/generated/compiled-specs.ts; throws if any builder compiles with a warning. */
export function renderCompiledModule(): string {
  const parts = [HEADER, "import type { Spec } from 'vega';\n"];
  for (const { name, builder, spec } of COMPILED_SPECS) {
    const { spec: vega, warnings } = compileSpec(spec());
    if (warnings.length > 0) throw new Error(`${builder}() compiles with warnings:\n${warnings.join('\n')}`);
    parts.push(
      `\n/** \`${builder}()\` compiled to vega. */\nexport const ${name} = ${JSON.stringify(vega, null, 2)} as unknown as Spec;\n`,
    );
  }
  return parts.join('');
}
