/** The typed arrays (and DataViews) a result or an input may hold. */
function isView(value: unknown): value is ArrayBufferView {
  return ArrayBuffer.isView(value);
}

/** Objects that are neither containers to walk nor buffers. */
function isOpaque(value: object): boolean {
  return value instanceof Date || (typeof Blob !== 'undefined' && value instanceof Blob);
}

/** Whether an array's elements can hold objects (string and number arrays are skipped without a scan). */
function mayHoldObjects(value: readonly unknown[]): boolean {
  const first = value.find((v) => v !== undefined && v !== null);
  return typeof first === 'object';
}

/**
 * The distinct ArrayBuffers behind every typed array in a plain value (objects and arrays, walked
 * recursively): the transfer list that moves them instead of copying them. A buffer appears once even when
 * several views share it (a duplicate makes postMessage throw); SharedArrayBuffers are left out (they are
 * shared, not moved).
 */
export function buffersOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    if (isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
      return;
    }
    if (v instanceof ArrayBuffer) {
      found.add(v);
      return;
    }
    if (Array.isArray(v)) {
      if (mayHoldObjects(v)) for (const item of v) visit(item);
      return;
    }
    if (isOpaque(v)) return;
    for (const key of Object.keys(v)) visit((v as Record<string, unknown>)[key]);
  };
  visit(value);
  return [...found];
}

/**
 * A copy of a plain value whose typed arrays are copied (`slice()`), everything else shared: what a caller
 * hands over when it keeps its own buffers. The copies are then transferred, not copied a second time.
 */
export function withCopiedTypedArrays<T>(value: T): T {
  const copy = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (isView(v)) {
      if (v instanceof DataView)
        return new DataView(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
      return (v as unknown as Uint8Array).slice();
    }
    if (v instanceof ArrayBuffer) return v.slice(0);
    if (Array.isArray(v)) return mayHoldObjects(v) ? v.map(copy) : v;
    if (isOpaque(v)) return v;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) out[key] = copy((v as Record<string, unknown>)[key]);
    return out;
  };
  return copy(value) as T;
}
