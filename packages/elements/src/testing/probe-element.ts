// A minimal widget on the foundation, for the foundation's tests: it shows the shared states, and when ready
// the number of scored customers. Not shipped.
import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DataController } from '../internal/data-controller.js';
import type { DataProvider } from '../internal/data-state.js';
import { LensElement } from '../internal/lens-element.js';
import { StatesController, stateStyles } from '../internal/states.js';

export class LensTestProbe extends LensElement {
  static override styles = [...LensElement.styles, stateStyles];

  /** Explicit provider. */
  @property({ attribute: false }) accessor provider: DataProvider | undefined = undefined;
  /** Id of a lens-data. */
  @property({ type: String, attribute: 'source' }) accessor source: string | undefined = undefined;
  @state() accessor fetched: number | undefined = undefined;

  readonly data = new DataController(this, { onData: () => void this.fetch() });
  readonly states = new StatesController(this, this.data);
  /** How many times onData fired. */
  dataCalls = 0;

  private async fetch() {
    this.dataCalls++;
    const page = await this.data.run(({ engine, dataset, request, signal }) =>
      engine.churnList(dataset, request, { offset: 0, limit: 5, fields: ['churnScore'] }, { signal }),
    );
    if (page) this.fetched = page.total;
  }

  protected override render() {
    if (this.data.status !== 'ready') return this.states.render(this.i18n);
    return html`<p part="base" class="ready">
      ${this.i18n.t('data.ready', {
        customers: this.data.summary?.customers ?? 0,
        transactions: this.data.dataset?.transactions ?? 0,
      })}
    </p>`;
  }
}

LensTestProbe.define('lens-test-probe');

declare global {
  interface HTMLElementTagNameMap {
    'lens-test-probe': LensTestProbe;
  }
}
