import type { DatasetInput } from '../ingest/ingest-dataset.js';
import type {
  Adapter,
  AdapterPage,
  AdapterProgress,
  AdapterWarning,
  AdapterWarningCode,
  CanonicalRow,
} from './types.js';

export interface CollectOptions {
  readonly signal?: AbortSignal;
  /** Continue from a page's `resumeToken`. */
  readonly resume?: string;
  /** Called with every page as it arrives (progress displays, checkpointing the resume token). */
  readonly onPage?: (page: AdapterPage) => void;
  /** Warnings kept in detail (default 1,000); all are counted in `warningCounts`. */
  readonly maxWarnings?: number;
}

export interface CollectedDataset {
  /** The rows, ready for `ingestDataset(input, options)`. Customers and interactions appear when there are any. */
  readonly input: DatasetInput & {
    readonly transactions: CanonicalRow[];
    readonly customers?: CanonicalRow[];
    readonly interactions?: CanonicalRow[];
  };
  readonly warnings: readonly AdapterWarning[];
  readonly warningCounts: Readonly<Partial<Record<AdapterWarningCode, number>>>;
  /** True when there were more warnings than `maxWarnings`. */
  readonly warningsTruncated: boolean;
  /** The last progress of each object read, in order. */
  readonly objects: readonly AdapterProgress[];
  readonly pages: number;
}

/**
 * Read an adapter to the end and gather its rows as `ingestDataset` input:
 *
 * ```ts
 * const { input, warnings } = await collectAdapter(adapter, { signal });
 * const dataset = await ingestDataset(input, { transactions: { now } });
 * ```
 *
 * Rejects with the signal's reason when aborted, and with an AdapterError when the source fails.
 */
export async function collectAdapter(
  adapter: Adapter,
  options: CollectOptions = {},
): Promise<CollectedDataset> {
  const maxWarnings = options.maxWarnings ?? 1000;
  const customers: CanonicalRow[] = [];
  const transactions: CanonicalRow[] = [];
  const interactions: CanonicalRow[] = [];
  const warnings: AdapterWarning[] = [];
  const warningCounts: Partial<Record<AdapterWarningCode, number>> = {};
  const objects = new Map<string, AdapterProgress>();
  let truncated = false;
  let pages = 0;
  const append = (to: CanonicalRow[], rows: readonly CanonicalRow[]) => {
    for (const row of rows) to.push(row);
  };
  for await (const page of adapter.read({
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.resume !== undefined ? { resume: options.resume } : {}),
  })) {
    pages++;
    append(customers, page.customers);
    append(transactions, page.transactions);
    append(interactions, page.interactions);
    for (const warning of page.warnings) {
      warningCounts[warning.code] = (warningCounts[warning.code] ?? 0) + 1;
      if (warnings.length < maxWarnings) warnings.push(warning);
      else truncated = true;
    }
    objects.set(`${page.progress.step}:${page.progress.object}`, page.progress);
    options.onPage?.(page);
  }
  return {
    input: {
      transactions,
      ...(customers.length > 0 ? { customers } : {}),
      ...(interactions.length > 0 ? { interactions } : {}),
    },
    warnings,
    warningCounts,
    warningsTruncated: truncated,
    objects: [...objects.values()],
    pages,
  };
}
