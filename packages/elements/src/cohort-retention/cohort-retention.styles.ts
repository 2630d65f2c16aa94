import { css } from 'lit';
import { token } from '../themes/tokens.js';

/**
 * Styles of <lens-cohort-retention>. Read tokens with token(); never declare --lens-* tokens on :host. The
 * cells' fills come from the ramp tokens through the CSSOM (cssProps), not from these rules.
 */
export const cohortRetentionStyles = css`
  :host {
    --cohort-retention-padding: ${token('space-m')};
    --cohort-retention-gap: ${token('space-s')};
    --cohort-retention-cell-min-width: 3.5rem;
    --cohort-retention-max-height: 28rem;
    --cohort-retention-selected-color: ${token('color-accent')};
    --cohort-retention-header-background: ${token('color-surface')};
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--cohort-retention-gap);
    min-width: 0;
    padding: var(--cohort-retention-padding);
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-s')} ${token('space-m')};
    align-items: center;
    justify-content: space-between;
  }
  .field,
  .legend,
  .legend-ramp {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
  }
  .field .label,
  .legend,
  .note,
  .selection,
  .size {
    color: ${token('color-text-muted')};
  }
  .legend-ramp {
    gap: 0;
  }
  .swatch {
    display: inline-block;
    width: 1.25rem;
    height: 0.75rem;
  }
  select {
    min-height: 2rem;
    padding: ${token('space-xs')} ${token('space-s')};
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  .grid {
    max-height: var(--cohort-retention-max-height);
    overflow: auto;
  }
  .table {
    width: 100%;
    border-collapse: separate;
    border-spacing: 2px;
    font-variant-numeric: tabular-nums;
  }
  th {
    padding: ${token('space-xs')} ${token('space-s')};
    font-weight: 600;
    text-align: start;
    white-space: nowrap;
    background: var(--cohort-retention-header-background);
  }
  thead th {
    position: sticky;
    top: 0;
    z-index: 1;
    text-align: center;
  }
  .row-header {
    position: sticky;
    left: 0;
    z-index: 1;
  }
  .row-header .size {
    display: block;
    font-size: 0.8125em;
    font-weight: 400;
  }
  td {
    min-width: var(--cohort-retention-cell-min-width);
    padding: ${token('space-xs')};
    text-align: center;
    cursor: pointer;
    border-radius: 2px;
  }
  td.cell-unobserved {
    cursor: default;
    background: transparent;
  }
  td:focus-visible {
    outline-offset: -2px;
  }
  td.cell-selected {
    outline: 3px solid var(--cohort-retention-selected-color);
    outline-offset: -3px;
  }
  .value {
    display: inline-block;
    padding: 0 ${token('space-xs')};
    font-size: 0.875em;
    color: ${token('color-text')};
    background: ${token('color-background')};
    border-radius: 2px;
  }
  .overall-cell {
    font-size: 0.875em;
    cursor: default;
    background: var(--cohort-retention-header-background);
  }
  .note,
  .selection {
    margin: 0;
  }
`;
