import { html, type TemplateResult } from 'lit';

/**
 * A chart's table alternative: always in the accessibility tree, and shown (a labelled, focusable scrolling
 * region) when the widget's `show-table` is on; otherwise visually hidden, so screen readers still read it.
 */
export function tableAlternative(shown: boolean, label: string, table: TemplateResult): TemplateResult {
  return shown
    ? html`<div class="table-wrap" role="region" aria-label=${label} tabindex="0">${table}</div>`
    : html`<div class="visually-hidden">${table}</div>`;
}
