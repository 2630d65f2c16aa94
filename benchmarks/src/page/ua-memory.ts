/** `performance.measureUserAgentSpecificMemory()` (cross-origin isolated pages only), as a cross-check. */

interface MemoryBreakdown {
  readonly bytes: number;
  readonly attribution: readonly { readonly url?: string; readonly scope?: string }[];
  readonly types: readonly string[];
}

interface MemoryMeasurement {
  readonly bytes: number;
  readonly breakdown: readonly MemoryBreakdown[];
}

export interface UaMemory {
  /** Bytes attributed to the worker whose URL contains the given part; null when unavailable. */
  readonly workerBytes: number | null;
  readonly pageTotalBytes: number | null;
  readonly note: string;
}

/** Worker bytes as the browser attributes them; gives up after `timeoutMs` (Chromium may defer the measurement). */
export async function measureUaMemory(workerUrlPart: string, timeoutMs = 30_000): Promise<UaMemory> {
  const measure = (performance as { measureUserAgentSpecificMemory?: () => Promise<MemoryMeasurement> })
    .measureUserAgentSpecificMemory;
  if (!globalThis.crossOriginIsolated || typeof measure !== 'function') {
    return { workerBytes: null, pageTotalBytes: null, note: 'not available (needs cross-origin isolation)' };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const result = await Promise.race([measure.call(performance), timeout]);
    if (!result) return { workerBytes: null, pageTotalBytes: null, note: `no answer within ${timeoutMs} ms` };
    let workerBytes = 0;
    for (const entry of result.breakdown) {
      if (entry.attribution.some((a) => a.url?.includes(workerUrlPart))) workerBytes += entry.bytes;
    }
    return {
      workerBytes,
      pageTotalBytes: result.bytes,
      note: 'performance.measureUserAgentSpecificMemory()',
    };
  } catch (error) {
    return { workerBytes: null, pageTotalBytes: null, note: `failed: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}
