/** How far a load or scoring has come. */
export interface LensProgressDetail {
  /** `engine`, `ingest`, `summary`, `rfm`, `abc`, `occasions`, `purchase-model`, `spend-model`, `clv`, `pyramid`, `churn`, `done`. */
  readonly stage: string;
  /** Share done in [0, 1] of the current step (load, then scoring), when known. */
  readonly fraction?: number;
  /** Rows read so far (while reading data). */
  readonly rows?: number;
}

/** Progress of loading or scoring, from `<lens-data>` (or a widget that loads its own `src`). */
export class LensProgressEvent extends Event {
  static readonly eventName = 'lens-progress';
  constructor(readonly detail: LensProgressDetail) {
    super(LensProgressEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-progress': LensProgressEvent;
  }
}
