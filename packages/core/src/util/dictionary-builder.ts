import { type DictColumn, MISSING_CODE } from '../schema/columns.js';
import { Int32Builder } from './growable.js';

/** Builds a dictionary-encoded string column: each distinct value gets the next code, in order of appearance. */
export class DictionaryBuilder {
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];
  private readonly codes: Int32Builder;
  // Exports repeat a value on consecutive rows (a customer's or an order's lines): skip the map for those.
  private lastValue: string | undefined;
  private lastCode = MISSING_CODE;

  constructor(capacity = 1024, seed: readonly string[] = []) {
    this.codes = new Int32Builder(capacity);
    for (const value of seed) this.code(value);
  }

  /** Values added by {@link addNew} and not yet in `index` (it is brought up to date when next needed). */
  private unindexed = 0;

  /**
   * Adds `value`, which the caller knows is not in the dictionary yet (e.g. a distinct integer id it has not seen),
   * and returns its code — without hashing the string: the index catches up only if {@link code} is called.
   */
  addNew(value: string): number {
    this.values.push(value);
    this.unindexed++;
    return this.values.length - 1;
  }

  /** The code of `value`, adding it to the dictionary if new (does not append a row). */
  code(value: string): number {
    if (value === this.lastValue) return this.lastCode;
    this.catchUp();
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.index.set(value, code);
      this.values.push(value);
    }
    this.lastValue = value;
    this.lastCode = code;
    return code;
  }

  /** Whether `value` is already in the dictionary. */
  has(value: string): boolean {
    this.catchUp();
    return this.index.has(value);
  }

  private catchUp(): void {
    if (this.unindexed === 0) return;
    for (let c = this.values.length - this.unindexed; c < this.values.length; c++)
      this.index.set(this.values[c]!, c);
    this.unindexed = 0;
  }

  /** Append a row holding `code` (from {@link code}, or MISSING_CODE). */
  pushCode(code: number): void {
    this.codes.push(code);
  }

  push(value: string | undefined): void {
    this.codes.push(value === undefined ? MISSING_CODE : this.code(value));
  }

  get length(): number {
    return this.codes.length;
  }

  get size(): number {
    return this.values.length;
  }

  finish(): DictColumn {
    return { codes: this.codes.finish(), dictionary: this.values.slice() };
  }
}
