/** An append-only Float64Array that doubles when full; `finish()` returns an exactly sized copy. */
export class Float64Growable {
  private buffer: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.buffer = new Float64Array(Math.max(16, Math.ceil(capacity)));
  }

  push(value: number): void {
    if (this.length === this.buffer.length) {
      const bigger = new Float64Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = value;
  }

  finish(): Float64Array {
    return this.buffer.slice(0, this.length);
  }
}

/** `names[codes[i]]` for every i, as a plain array (strings are shared, not copied). */
export function decode(codes: Int32Array, names: readonly string[]): string[] {
  const out = new Array<string>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = names[codes[i]!]!;
  return out;
}

/** A copy of `values` with room for `length` elements (the first `values.length` kept). */
export function resized<T extends Float64Array | Int32Array>(values: T, length: number): T {
  const bigger = new (values.constructor as new (n: number) => T)(length);
  bigger.set(values);
  return bigger;
}
