import { table as arqueroTable, type ColumnTable } from 'arquero';
import type { DictColumn } from './columns.js';

/** A read-only arquero column over a dictionary-encoded column: values are decoded on access, not copied. */
class DictionaryView {
  constructor(private readonly column: DictColumn) {}
  get length(): number {
    return this.column.codes.length;
  }
  at(row: number): string | null {
    const code = this.column.codes[row]!;
    return code < 0 ? null : (this.column.dictionary[code] ?? null);
  }
  *[Symbol.iterator](): IterableIterator<string | null> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

function isDictColumn(value: unknown): value is DictColumn {
  return typeof value === 'object' && value !== null && 'codes' in value && 'dictionary' in value;
}

/**
 * View a canonical table (transactions, customers or interactions) as an arquero table for slicing, joins and
 * Arrow export. Typed arrays are shared, not copied; dictionary columns decode on access.
 */
export function toArquero(canonical: object): ColumnTable {
  const columns: Record<string, { length: number; at(row: number): unknown }> = {};
  const add = (name: string, value: unknown) => {
    if (isDictColumn(value)) columns[name] = new DictionaryView(value);
    // Typed arrays are arquero columns as they are (length + at()).
    else if (ArrayBuffer.isView(value)) columns[name] = value as unknown as Float64Array;
  };
  for (const [name, value] of Object.entries(canonical)) {
    if (name === 'attributes' && value && typeof value === 'object') {
      for (const [attr, column] of Object.entries(value)) add(attr, column);
    } else add(name === 'customer' ? 'customerId' : name, value);
  }
  return arqueroTable(columns as never);
}
