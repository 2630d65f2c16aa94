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

/** Array items and object properties copied by {@link cloneInSteps} between two pauses (about a millisecond). */
const CLONE_STEP = 1 << 16;
/** Longer arrays (sparse ones, surely) are left to structuredClone, which skips their holes. */
const MAX_ARRAY = 1 << 26;

/** Thrown inside cloneInSteps when the value holds something it leaves to structuredClone. */
const FALLBACK = Symbol('structuredClone');

/** A plain array or object: what cloneInSteps copies itself (anything else goes to structuredClone). */
function plainKind(value: object): 'array' | 'object' | undefined {
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) return proto === Array.prototype ? 'array' : undefined;
  return proto === Object.prototype || proto === null ? 'object' : undefined;
}

/** A container being copied: its source, its copy, its keys (objects only) and the next item to copy. */
interface CloneTask {
  readonly source: Record<string, unknown> | readonly unknown[];
  readonly target: Record<string, unknown> | unknown[];
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  next: number;
}

/** Where a leaf's clone goes once the leaves are cloned. */
interface Patch {
  readonly target: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly leaf: number;
}

/**
 * `structuredClone(value, { transfer })`, done a step (`step` items) at a time with `await pause()` in between,
 * for a value too big to copy in one task (canonical tables: their dictionaries hold a string per distinct
 * value). Plain objects and arrays are copied here, depth first like the structured clone; the typed arrays and
 * ArrayBuffers in them are then cloned by one structuredClone call with the transfer list, so buffers are moved
 * or copied exactly as before, and views that share a buffer still share one. Shared references and cycles stay
 * so, holes stay holes. Strings are immutable: the copy shares them rather than duplicating them, which no code
 * can tell apart.
 *
 * Anything else — a Date, a Map, a class instance, a function, a symbol — falls back to one structuredClone of
 * the whole value (the same result, or the same DataCloneError, in one task). Two differences remain, neither
 * found in tables as ingestion builds them: named properties added to an array (not its items) are not copied,
 * and a Proxy of a plain object or array is copied rather than refused.
 */
export async function cloneInSteps<T>(
  value: T,
  transfer: ArrayBuffer[],
  pause: () => Promise<void>,
  step = CLONE_STEP,
): Promise<T> {
  if (typeof value !== 'object' || value === null) return structuredClone(value, { transfer });
  const copies = new Map<object, object>();
  const leaves: object[] = [];
  const leafIndex = new Map<object, number>();
  const patches: Patch[] = [];
  const tasks: CloneTask[] = [];

  /** An item's copy: itself (primitives), a container's copy (queued for copying), or a placeholder (leaves). */
  const copyOf = (item: unknown, target: CloneTask['target'], key: string | number): unknown => {
    if (typeof item !== 'object' || item === null) {
      if (typeof item === 'function' || typeof item === 'symbol') throw FALLBACK;
      return item;
    }
    const copied = copies.get(item);
    if (copied) return copied;
    if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) {
      let leaf = leafIndex.get(item);
      if (leaf === undefined) {
        leaf = leaves.push(item) - 1;
        leafIndex.set(item, leaf);
      }
      patches.push({ target, key, leaf });
      return undefined;
    }
    const kind = plainKind(item);
    if (!kind || (kind === 'array' && (item as unknown[]).length > MAX_ARRAY)) throw FALLBACK;
    const keys = kind === 'object' ? Object.keys(item) : undefined;
    const length = keys ? keys.length : (item as unknown[]).length;
    const copy = kind === 'array' ? new Array<unknown>(length) : {};
    copies.set(item, copy);
    tasks.push({ source: item as CloneTask['source'], target: copy, keys, length, next: 0 });
    return copy;
  };

  const holder: Record<string, unknown> = {};
  try {
    holder.root = copyOf(value, holder, 'root');
    let budget = step;
    while (tasks.length > 0) {
      if (budget <= 0) {
        await pause();
        budget = step;
      }
      const task = tasks[tasks.length - 1]!;
      const depth = tasks.length;
      const from = task.next;
      const to = Math.min(task.length, from + budget);
      // Stops early at an item that is a new container: it is copied before the rest of this one (depth first).
      const next = task.keys
        ? copyProperties(task, from, to, copyOf, tasks, depth)
        : copyItems(task, from, to, copyOf, tasks, depth);
      budget -= next - from + 1;
      task.next = next;
      if (next >= task.length) tasks.splice(depth - 1, 1);
    }
  } catch (error) {
    if (error !== FALLBACK) throw error;
    return structuredClone(value, { transfer });
  }
  const cloned = structuredClone(leaves, { transfer });
  for (const { target, key, leaf } of patches)
    (target as Record<string | number, unknown>)[key] = cloned[leaf];
  return holder.root as T;
}

type CopyOf = (item: unknown, target: CloneTask['target'], key: string | number) => unknown;

/** Copy an array's items `from` … `to − 1`, or up to a new container's; returns the next index. */
function copyItems(
  task: CloneTask,
  from: number,
  to: number,
  copyOf: CopyOf,
  tasks: CloneTask[],
  depth: number,
) {
  const source = task.source as readonly unknown[];
  const target = task.target as unknown[];
  for (let i = from; i < to; i++) {
    const item = source[i];
    if (typeof item !== 'object' || item === null) {
      // A hole stays a hole (the structured clone keeps them too).
      if (item === undefined && !Object.hasOwn(source, i)) continue;
      if (typeof item === 'function' || typeof item === 'symbol') throw FALLBACK;
      target[i] = item;
      continue;
    }
    target[i] = copyOf(item, target, i);
    if (tasks.length > depth) return i + 1;
  }
  return to;
}

/** Copy an object's properties `from` … `to − 1` (of its keys), or up to a new container's; returns the next. */
function copyProperties(
  task: CloneTask,
  from: number,
  to: number,
  copyOf: CopyOf,
  tasks: CloneTask[],
  depth: number,
) {
  const source = task.source as Record<string, unknown>;
  const target = task.target as Record<string, unknown>;
  const keys = task.keys!;
  for (let i = from; i < to; i++) {
    const key = keys[i]!;
    const copy = copyOf(source[key], target, key);
    // An own property named __proto__, as the structured clone makes it (an assignment would set the prototype).
    if (key === '__proto__') {
      Object.defineProperty(target, key, {
        value: copy,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else target[key] = copy;
    if (tasks.length > depth) return i + 1;
  }
  return to;
}
