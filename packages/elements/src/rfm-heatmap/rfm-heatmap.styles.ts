import { css } from 'lit';
import { token } from '../themes/tokens.js';

/** Styles of <lens-rfm-heatmap>. Read tokens with token(); never declare --lens-* tokens on :host. */
export const rfmHeatmapStyles = css`
  :host {
    --rfm-heatmap-chart-height: 22rem;
    --rfm-heatmap-gap: ${token('space-m')};
    --rfm-heatmap-padding: ${token('space-m')};
    --rfm-heatmap-selected-color: ${token('color-accent')};
    --rfm-heatmap-cell-min-width: 7rem;
  }

  .base {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: var(--rfm-heatmap-gap);
    padding: var(--rfm-heatmap-padding);
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
  }
  .field {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
  }
  .field .label {
    color: ${token('color-text-muted')};
  }
  select,
  .toggle {
    min-height: 2rem;
    padding: ${token('space-xs')} ${token('space-s')};
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  .toggle {
    cursor: pointer;
  }
  .toggle[aria-pressed='true'] {
    background: ${token('color-surface')};
    border-color: ${token('color-text')};
    font-weight: 600;
  }
  .check input {
    margin: 0;
    accent-color: ${token('color-accent')};
  }

  .view {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
    min-width: 0;
  }
  .chart {
    position: relative;
    width: 100%;
    height: var(--rfm-heatmap-chart-height);
    min-width: 0;
    overflow: hidden;
  }

  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-xs')} ${token('space-m')};
    align-items: center;
    font-size: ${token('font-size-s')};
    color: ${token('color-text-muted')};
  }
  .legend-title {
    color: ${token('color-text')};
    font-weight: 600;
  }
  .legend-scale {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
    font-variant-numeric: tabular-nums;
  }
  .legend-ramp {
    display: inline-block;
    width: 8rem;
    height: 0.75rem;
    border: 1px solid ${token('color-grid')};
    border-radius: 2px;
    background: linear-gradient(
      to right,
      ${token('ramp-1')},
      ${token('ramp-2')},
      ${token('ramp-3')},
      ${token('ramp-4')},
      ${token('ramp-5')}
    );
  }
  .legend-segments {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
  }
  .legend-segments .outline {
    width: 0.875rem;
    height: 0.75rem;
    border: 1.5px solid ${token('color-text')};
  }

  .selection {
    margin: 0;
    color: ${token('color-text-muted')};
  }

  .table-wrap {
    overflow-x: auto;
  }
  /* The table is for keyboard and screen-reader users: read always, shown when focus enters it. */
  .table-wrap:not(.shown):not(:focus-within) {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .table caption {
    padding-block-end: ${token('space-s')};
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
    text-align: start;
  }
  .table th {
    padding: ${token('space-xs')} ${token('space-s')};
    color: ${token('color-text-muted')};
    font-weight: 600;
    text-align: center;
    white-space: nowrap;
    background: ${token('color-surface')};
    border: 1px solid ${token('color-grid')};
  }
  .cell {
    min-width: var(--rfm-heatmap-cell-min-width);
    padding: ${token('space-xs')} ${token('space-s')};
    vertical-align: top;
    border: 1px solid ${token('color-grid')};
    cursor: pointer;
  }
  .cell:hover {
    background: ${token('color-surface')};
  }
  .cell:focus-visible {
    outline: 2px solid ${token('color-focus')};
    outline-offset: -2px;
  }
  .cell.selected {
    box-shadow: inset 0 0 0 2px var(--rfm-heatmap-selected-color);
  }
  .count,
  .segments {
    display: block;
  }
  .cell-value {
    display: flex;
    gap: ${token('space-xs')};
    align-items: center;
    font-weight: 600;
  }
  .count,
  .segments {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
  }
  .swatch {
    display: inline-block;
    flex: none;
    width: 0.75rem;
    height: 0.75rem;
    border: 1px solid ${token('color-grid')};
    border-radius: 2px;
  }
  .ramp-1 {
    background: ${token('ramp-1')};
  }
  .ramp-2 {
    background: ${token('ramp-2')};
  }
  .ramp-3 {
    background: ${token('ramp-3')};
  }
  .ramp-4 {
    background: ${token('ramp-4')};
  }
  .ramp-5 {
    background: ${token('ramp-5')};
  }
`;
