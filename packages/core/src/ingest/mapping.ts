import type { FieldDef } from '../schema/fields.js';
import { IngestError } from './errors.js';
import { type CompiledExpression, compileExpression, ExpressionError } from './expression.js';

/**
 * Where a canonical field comes from:
 * - `'Column Name'` or `{ column }`: a source column (`integer: true` on an id accepts `17850.0` and stores `17850`);
 * - `{ expr: 'Quantity * UnitPrice' }`: arithmetic over source columns (numeric fields only);
 * - `{ value: 'GBP' }`: the same value on every row.
 */
export type FieldSource =
  | string
  | { readonly column: string; readonly integer?: boolean }
  | { readonly expr: string }
  | { readonly value: string | number };

/** Canonical field name → source. Fields left out are matched to a column of the same name (see FieldDef.aliases). */
export type FieldMapping = Readonly<Record<string, FieldSource | undefined>>;

export type ResolvedField =
  | {
      readonly def: FieldDef;
      readonly kind: 'column';
      readonly index: number;
      readonly column: string;
      readonly integer: boolean;
    }
  | {
      readonly def: FieldDef;
      readonly kind: 'expr';
      readonly expr: CompiledExpression;
      readonly indices: readonly number[];
    }
  | { readonly def: FieldDef; readonly kind: 'value'; readonly value: string | number }
  | { readonly def: FieldDef; readonly kind: 'none' };

const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

function findColumn(columns: readonly string[], name: string): number {
  const exact = columns.indexOf(name);
  if (exact >= 0) return exact;
  const wanted = name.toLowerCase();
  return columns.findIndex((c) => c.toLowerCase() === wanted);
}

function missingColumn(field: string, column: string, columns: readonly string[]): never {
  throw new IngestError(
    'mapping',
    `"${field}" is mapped to column "${column}", which is not in the input; its columns are: ${columns.map((c) => `"${c}"`).join(', ')}`,
  );
}

/** Resolve a mapping against the input's columns. Throws IngestError for unknown fields or columns. */
export function resolveMapping(
  fields: readonly FieldDef[],
  columns: readonly string[],
  mapping: FieldMapping = {},
): ResolvedField[] {
  for (const key of Object.keys(mapping)) {
    const canonical = key === 'sku' ? 'product' : key;
    if (!fields.some((f) => f.name === canonical)) {
      throw new IngestError(
        'mapping',
        `unknown field "${key}" in the mapping; the fields are: ${fields.map((f) => f.name).join(', ')}`,
      );
    }
  }
  return fields.map((def): ResolvedField => {
    const source = mapping[def.name] ?? (def.name === 'product' ? mapping.sku : undefined);
    if (source === undefined) {
      const auto = columns.findIndex(
        (c) => def.aliases.includes(normalise(c)) || normalise(c) === normalise(def.name),
      );
      if (auto >= 0) return { def, kind: 'column', index: auto, column: columns[auto]!, integer: false };
      if (def.required) {
        const hint =
          def.name === 'amount'
            ? ` or compute it, e.g. { amount: { expr: 'Quantity * UnitPrice' } } (CLI: --amount 'Quantity*UnitPrice')`
            : '';
        throw new IngestError(
          'mapping',
          `no column for the required field "${def.name}"; map one, e.g. { ${def.name}: 'ColumnName' } (CLI: --map ${def.name}=ColumnName)${hint}. The input's columns are: ${columns.map((c) => `"${c}"`).join(', ')}`,
        );
      }
      return { def, kind: 'none' };
    }
    if (typeof source === 'string' || 'column' in source) {
      const column = typeof source === 'string' ? source : source.column;
      const index = findColumn(columns, column);
      if (index < 0) missingColumn(def.name, column, columns);
      const integer = typeof source !== 'string' && source.integer === true;
      if (integer && def.kind !== 'id') {
        throw new IngestError('mapping', `"integer" applies to id fields only, not to "${def.name}"`);
      }
      return { def, kind: 'column', index, column: columns[index]!, integer };
    }
    if ('expr' in source) {
      if (def.kind !== 'number') {
        throw new IngestError(
          'mapping',
          `"${def.name}" is not numeric, so it cannot be computed by an expression`,
        );
      }
      let expr: CompiledExpression;
      try {
        expr = compileExpression(source.expr);
      } catch (error) {
        if (error instanceof ExpressionError)
          throw new IngestError('mapping', `"${def.name}": ${error.message}`);
        throw error;
      }
      const indices = expr.columns.map((c) => {
        const index = findColumn(columns, c);
        if (index < 0) missingColumn(def.name, c, columns);
        return index;
      });
      return { def, kind: 'expr', expr, indices };
    }
    return { def, kind: 'value', value: source.value };
  });
}

/** How each field was resolved, for the report. */
export function describeMapping(resolved: readonly ResolvedField[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of resolved) {
    if (r.kind === 'column') out[r.def.name] = r.integer ? `${r.column} (integer id)` : r.column;
    else if (r.kind === 'expr') out[r.def.name] = `=${r.expr.source}`;
    else if (r.kind === 'value') out[r.def.name] = `"${r.value}" (constant)`;
  }
  return out;
}

/** Source columns that no field reads. */
export function unmappedColumns(resolved: readonly ResolvedField[], columns: readonly string[]): string[] {
  const used = new Set<number>();
  for (const r of resolved) {
    if (r.kind === 'column') used.add(r.index);
    if (r.kind === 'expr') for (const i of r.indices) used.add(i);
  }
  return columns.filter((_, i) => !used.has(i));
}
