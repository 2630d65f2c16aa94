import type { DatasetHandle, HostKind, ScoreSummary } from '@crm-lens/engine';

/** What was loaded: the dataset, where it is computed, and the data-quality counts. */
export interface LensDataLoadDetail {
  /** The dataset resident in the engine. */
  readonly dataset: DatasetHandle;
  /** Which host computes (`module-worker`, `blob-worker`, `in-thread`). */
  readonly host: HostKind;
  /** Data records read (accepted + rejected); for canonical tables, their rows. */
  readonly total: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Rejected rows per rejection code (`missing-value`, `invalid-date`, …). */
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** The scoring summary (pyramid, heatmap, churn bands, fits). */
  readonly summary: ScoreSummary;
}

/** `<lens-data>` loaded and scored its data (also after a reload or a change of analysis options). */
export class LensDataLoadEvent extends Event {
  static readonly eventName = 'lens-data-load';
  constructor(readonly detail: LensDataLoadDetail) {
    super(LensDataLoadEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-data-load': LensDataLoadEvent;
  }
}
