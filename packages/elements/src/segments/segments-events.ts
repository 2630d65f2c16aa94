/** The segment a person chose in `<lens-segments>`, and its customers. */
export interface LensSegmentSelectDetail {
  /** Segment number (the engine's code, 0 = largest), or null when the selection was cleared. */
  readonly segment: number | null;
  /** The segment's name as the engine gives it (English, e.g. "Recent frequent high spenders"); null when cleared. */
  readonly name: string | null;
  /** The ids of every customer of the segment, in customer-code order; empty when cleared. */
  readonly customers: readonly string[];
}

/** A segment of `<lens-segments>` was selected (click, Enter, Space) or the selection cleared (Escape). */
export class LensSegmentSelectEvent extends Event {
  static readonly eventName = 'lens-segment-select';
  constructor(readonly detail: LensSegmentSelectDetail) {
    super(LensSegmentSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-segment-select': LensSegmentSelectEvent;
  }
}
