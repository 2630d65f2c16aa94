/** An export about to be downloaded. */
export interface LensExportDetail {
  /** File format. */
  readonly format: 'csv';
  /** Suggested file name, e.g. `customers-at-risk.csv`. */
  readonly filename: string;
  /** The file's text (RFC 4180 CSV, CRLF line ends, UTF-8). */
  readonly content: string;
  /** Data rows (without the header). */
  readonly rows: number;
}

/**
 * A widget built an export. Cancelable: call `preventDefault()` to handle `detail.content` yourself (upload it,
 * say) instead of the browser download.
 */
export class LensExportEvent extends Event {
  static readonly eventName = 'lens-export';
  constructor(readonly detail: LensExportDetail) {
    super(LensExportEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-export': LensExportEvent;
  }
}
