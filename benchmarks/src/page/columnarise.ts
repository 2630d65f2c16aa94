/**
 * INTERIM: row objects → transferable columns on the main thread, in chunks of at most 20k rows with a yield
 * between chunks (no long task). `@crm-lens/engine` does this itself for `load({ kind: 'rows' })`; this file
 * goes with the interim engine (see bench-engine.ts).
 */
import type { EncodedStrings } from '../worker/interim-protocol.js';
import { yieldToMain } from './yield-to-main.js';

export const CHUNK_ROWS = 20_000;

/** One column: numbers in a Float64Array until a value is not a number, then dictionary-encoded strings. */
class ColumnBuilder {
  #numbers: Float64Array | undefined;
  #codes: Int32Array | undefined;
  readonly #dictionary: string[] = [];
  readonly #index = new Map<string, number>();

  constructor(private readonly length: number) {
    this.#numbers = new Float64Array(length);
  }

  set(row: number, value: unknown): void {
    const numbers = this.#numbers;
    if (numbers) {
      if (typeof value === 'number') {
        numbers[row] = value;
        return;
      }
      if (value === null || value === undefined) {
        numbers[row] = Number.NaN;
        return;
      }
      if (value instanceof Date) {
        numbers[row] = value.getTime();
        return;
      }
      this.#switchToStrings(row);
    }
    this.#codes![row] = value === null || value === undefined ? -1 : this.#code(String(value));
  }

  /** The finished column and the buffer to transfer. */
  finish(): { column: Float64Array | EncodedStrings; buffer: ArrayBuffer } {
    if (this.#numbers) return { column: this.#numbers, buffer: this.#numbers.buffer as ArrayBuffer };
    const codes = this.#codes!;
    return {
      column: { encoding: 'dictionary', codes, dictionary: this.#dictionary },
      buffer: codes.buffer as ArrayBuffer,
    };
  }

  #code(text: string): number {
    let code = this.#index.get(text);
    if (code === undefined) {
      code = this.#dictionary.length;
      this.#dictionary.push(text);
      this.#index.set(text, code);
    }
    return code;
  }

  /** A value that is not a number arrived: re-encode the rows before it as text. */
  #switchToStrings(row: number): void {
    const numbers = this.#numbers!;
    const codes = new Int32Array(this.length);
    for (let i = 0; i < row; i++) codes[i] = Number.isNaN(numbers[i]!) ? -1 : this.#code(String(numbers[i]));
    this.#numbers = undefined;
    this.#codes = codes;
  }
}

export interface Columnarised {
  readonly columns: Record<string, Float64Array | EncodedStrings>;
  readonly transfer: ArrayBuffer[];
}

/** Columnarise `rows` (the fields of the first row), yielding to the browser after every chunk. */
export async function columnarise(rows: readonly Readonly<Record<string, unknown>>[]): Promise<Columnarised> {
  const fields = rows.length === 0 ? [] : Object.keys(rows[0]!);
  const builders = fields.map(() => new ColumnBuilder(rows.length));
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const end = Math.min(rows.length, start + CHUNK_ROWS);
    for (let i = start; i < end; i++) {
      const row = rows[i]!;
      for (let f = 0; f < fields.length; f++) builders[f]!.set(i, row[fields[f]!]);
    }
    await yieldToMain();
  }
  const columns: Record<string, Float64Array | EncodedStrings> = {};
  const transfer: ArrayBuffer[] = [];
  fields.forEach((field, f) => {
    const { column, buffer } = builders[f]!.finish();
    columns[field] = column;
    transfer.push(buffer);
  });
  return { columns, transfer };
}
