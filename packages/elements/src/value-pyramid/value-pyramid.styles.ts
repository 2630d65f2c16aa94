import { css } from 'lit';
import { token } from '../themes/tokens.js';

/** Styles of <lens-value-pyramid>. Read tokens with token(); never declare --lens-* tokens on :host. */
export const valuePyramidStyles = css`
  :host {
    --value-pyramid-padding: ${token('space-m')};
    --value-pyramid-gap: ${token('space-m')};
    --value-pyramid-chart-height: 16rem;
    --value-pyramid-quadrant-height: 22rem;
    --value-pyramid-tier-platinum: ${token('tier-platinum')};
    --value-pyramid-tier-gold: ${token('tier-gold')};
    --value-pyramid-tier-iron: ${token('tier-iron')};
    --value-pyramid-tier-lead: ${token('tier-lead')};
    --value-pyramid-selected-background: ${token('color-surface')};
    --value-pyramid-selected-color: ${token('color-accent')};
  }

  .base {
    container-type: inline-size;
    display: flex;
    flex-direction: column;
    gap: var(--value-pyramid-gap);
    padding: var(--value-pyramid-padding);
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }

  /* Toolbar: view switch, thresholds, table toggle. */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-s')} ${token('space-m')};
    align-items: center;
  }
  .views {
    display: inline-flex;
    gap: ${token('space-xs')};
  }
  .toggle {
    min-height: 2rem;
    padding: ${token('space-xs')} ${token('space-s')};
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
    cursor: pointer;
  }
  .toggle[aria-pressed='true'] {
    background: var(--value-pyramid-selected-background);
    border-color: var(--value-pyramid-selected-color);
    box-shadow: inset 0 -2px 0 var(--value-pyramid-selected-color);
    font-weight: 600;
  }
  .thresholds {
    flex: 1 1 16rem;
    margin: 0;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
  }

  /* Chart and tier list side by side when there is room, stacked otherwise. */
  .body {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--value-pyramid-gap);
    align-items: start;
  }
  @container (min-width: 40rem) {
    .body {
      grid-template-columns: minmax(0, 3fr) minmax(13rem, 2fr);
    }
  }
  .chart {
    position: relative;
    width: 100%;
    min-width: 0;
  }
  .pyramid-chart {
    height: var(--value-pyramid-chart-height);
  }
  .quadrant-chart {
    height: var(--value-pyramid-quadrant-height);
  }
  .sample {
    margin: ${token('space-xs')} 0 0;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
  }

  /* The tier list (listbox). */
  .tiers {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
  }
  .tier {
    display: grid;
    grid-template-columns: auto 1fr auto;
    grid-template-areas: 'swatch name count' 'swatch share share';
    column-gap: ${token('space-s')};
    align-items: center;
    padding: ${token('space-xs')} ${token('space-s')};
    border: 1px solid transparent;
    border-inline-start: 3px solid transparent;
    border-radius: ${token('radius')};
    cursor: pointer;
  }
  .tier:hover {
    background: var(--value-pyramid-selected-background);
  }
  .tier.selected {
    background: var(--value-pyramid-selected-background);
    border-color: ${token('color-border')};
    border-inline-start-color: var(--value-pyramid-selected-color);
  }
  .tier .swatch {
    grid-area: swatch;
    width: 0.875rem;
    height: 0.875rem;
    border-radius: 2px;
  }
  .tier-platinum .swatch {
    background: var(--value-pyramid-tier-platinum);
  }
  .tier-gold .swatch {
    background: var(--value-pyramid-tier-gold);
  }
  .tier-iron .swatch {
    background: var(--value-pyramid-tier-iron);
  }
  .tier-lead .swatch {
    background: var(--value-pyramid-tier-lead);
  }
  .tier .name {
    grid-area: name;
    font-weight: 600;
  }
  .tier .count {
    grid-area: count;
    font-variant-numeric: tabular-nums;
  }
  .tier .share {
    grid-area: share;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
  }

  /* Tables: tiers, quadrants, candidates. */
  .table-wrap {
    overflow-x: auto;
  }
  .data-table {
    width: 100%;
    border-collapse: collapse;
    font-size: ${token('font-size-s')};
  }
  .data-table caption {
    padding-block-end: ${token('space-xs')};
    text-align: start;
    font-weight: 600;
  }
  .data-table th,
  .data-table td {
    padding: ${token('space-xs')} ${token('space-s')};
    text-align: start;
    border-block-end: 1px solid ${token('color-grid')};
  }
  .data-table thead th {
    color: ${token('color-text-muted')};
    font-weight: 600;
  }
  .data-table tbody th {
    font-weight: 600;
  }
  .data-table .numeric {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }

  /* Upgrade candidates. */
  .candidates {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
  }
  .candidates .title {
    margin: 0;
    font-size: ${token('font-size-l')};
    font-weight: 600;
  }
  .candidate {
    display: inline-flex;
    flex-direction: column;
    align-items: flex-start;
    padding: 0;
    color: ${token('color-accent')};
    background: none;
    border: 0;
    text-align: start;
    cursor: pointer;
  }
  .candidate .name {
    text-decoration: underline;
  }
  .candidate .id {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
    font-weight: 400;
  }
  .candidate-table .numeric,
  .candidate-table .target {
    white-space: nowrap;
  }
  .message {
    margin: 0;
    color: ${token('color-text-muted')};
  }
`;
