import { css } from 'lit';
import { token } from '../themes/tokens.js';

/** Styles of <lens-drilldown>. Read tokens with token(); never declare --lens-* tokens on :host. */
export const drilldownStyles = css`
  :host {
    --drilldown-padding: ${token('space-m')};
    --drilldown-gap: ${token('space-s')};
    --drilldown-bar-color: ${token('color-accent')};
    --drilldown-negative-color: ${token('color-danger')};
    --drilldown-bar-height: 1.25rem;
    --drilldown-bars-max-height: 24rem;
    --drilldown-label-width: 8rem;
    --drilldown-active-background: ${token('color-surface')};
    container-type: inline-size;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--drilldown-gap);
    min-width: 0;
    padding: var(--drilldown-padding);
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-s')} ${token('space-m')};
    justify-content: flex-end;
  }
  .field {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
  }
  .field .label,
  .total,
  .note,
  .selection,
  .panel-title {
    color: ${token('color-text-muted')};
  }
  select {
    min-height: 2rem;
    padding: ${token('space-xs')} ${token('space-s')};
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  .breadcrumbs ol {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-xs')};
    align-items: center;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .breadcrumbs li + li::before {
    content: '›';
    margin-inline-end: ${token('space-xs')};
    color: ${token('color-text-muted')};
  }
  .crumb {
    padding: 0 ${token('space-xs')};
    font-weight: 600;
  }
  button.crumb {
    color: ${token('color-accent')};
    text-decoration: underline;
    background: none;
    border: 0;
    border-radius: ${token('radius')};
    cursor: pointer;
  }
  .total,
  .note,
  .selection,
  .panel-title {
    margin: 0;
    font-size: 0.875em;
  }
  .selection:empty {
    display: none;
  }
  .panels {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: ${token('space-m')};
  }
  @container (min-width: 44rem) {
    .panels {
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    }
  }
  .panel {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
    min-width: 0;
  }
  .panel:focus {
    outline: none;
  }
  .panel-title {
    text-align: start;
  }
  .bars {
    display: flex;
    flex-direction: column;
    gap: 2px;
    max-height: var(--drilldown-bars-max-height);
    overflow-y: auto;
  }
  .bar {
    display: grid;
    grid-template-columns: minmax(0, var(--drilldown-label-width)) minmax(2rem, 1fr) auto;
    gap: ${token('space-s')};
    align-items: center;
    padding: 2px ${token('space-xs')};
    border-radius: ${token('radius')};
  }
  .bar.drillable {
    cursor: pointer;
  }
  .bar.active,
  .bar:hover,
  .row.selected {
    background: var(--drilldown-active-background);
  }
  .bar-label {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .bar-track,
  .row-track {
    display: block;
    height: var(--drilldown-bar-height);
  }
  .row-track {
    height: 0.5rem;
    margin-block-end: 2px;
  }
  .bar-fill,
  .row-fill {
    display: block;
    width: 0;
    height: 100%;
    background: var(--drilldown-bar-color);
    border-radius: 0 2px 2px 0;
  }
  .negative .bar-fill,
  .negative .row-fill {
    background: var(--drilldown-negative-color);
  }
  .bar-value,
  .num {
    font-variant-numeric: tabular-nums;
    text-align: end;
    white-space: nowrap;
  }
  .scroll {
    max-width: 100%;
    overflow-x: auto;
  }
  .table {
    width: 100%;
    border-collapse: collapse;
  }
  .table caption {
    padding-block-end: ${token('space-xs')};
  }
  .table th,
  .table td {
    padding: ${token('space-xs')} ${token('space-s')};
    text-align: start;
    border-bottom: 1px solid ${token('color-grid')};
  }
  .table .num {
    text-align: end;
  }
  .table thead th {
    font-weight: 600;
    color: ${token('color-text-muted')};
  }
  .breakdown .name {
    font-weight: normal;
  }
  .rank {
    width: 2.5rem;
    color: ${token('color-text-muted')};
  }
  .row-button {
    padding: 0;
    color: ${token('color-accent')};
    text-align: start;
    background: none;
    border: 0;
    cursor: pointer;
  }
  .row-button[aria-pressed='true'] {
    font-weight: 600;
  }
  .figures summary {
    color: ${token('color-accent')};
    cursor: pointer;
  }
`;
