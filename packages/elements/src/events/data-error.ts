/** Why data could not be loaded or scored. */
export interface LensDataErrorDetail {
  /**
   * The engine's error code (`ingest`, `invalid-request`, `host-unavailable`, `unknown-dataset`, `disposed`,
   * `internal`) or `no-valid-rows` when every row was rejected.
   */
  readonly code: string;
  /** A plain-English explanation (the engine's message). */
  readonly message: string;
}

/** Loading or scoring failed. Cancellations (a newer load replaced an older one) are not reported. */
export class LensDataErrorEvent extends Event {
  static readonly eventName = 'lens-data-error';
  constructor(readonly detail: LensDataErrorDetail) {
    super(LensDataErrorEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-data-error': LensDataErrorEvent;
  }
}
