import type { LensData } from './data.js';

/** Reads `<lens-data>` without shadow-DOM selectors in tests. */
export class LensDataHarness {
  constructor(readonly element: LensData) {}

  /** The status line (`show-status`), or '' when it is not shown. */
  get statusLine(): string {
    return (
      this.element.shadowRoot?.querySelector('[part~="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ??
      ''
    );
  }

  /** The elements slotted into `<lens-data>`. */
  get slotted(): Element[] {
    return this.element.shadowRoot?.querySelector('slot')?.assignedElements() ?? [];
  }
}
