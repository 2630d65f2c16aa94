import { css, unsafeCSS } from 'lit';
import { type TokenName, token } from '../themes/tokens.js';

const seriesRules = Array.from(
  { length: 8 },
  (_, i) => `.card.series-${i + 1} .swatch { background: ${token(`series-${i + 1}` as TokenName)}; }`,
).join('\n');

/** Styles of <lens-segments>. Read tokens with token(); never declare --lens-* tokens on :host. */
export const segmentsStyles = css`
  :host {
    --segments-padding: ${token('space-m')};
    --segments-gap: ${token('space-m')};
    --segments-card-min-width: 14rem;
    --segments-chart-height: 20rem;
    --segments-selected-background: ${token('color-surface')};
    --segments-selected-color: ${token('color-accent')};
  }

  .base {
    container-type: inline-size;
    display: flex;
    flex-direction: column;
    gap: var(--segments-gap);
    padding: var(--segments-padding);
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
  .summary {
    flex: 1 1 14rem;
    margin: 0;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
  }
  .axes {
    display: inline-flex;
    flex-wrap: wrap;
    gap: ${token('space-s')};
  }
  .field {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
  }
  .field .label {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
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
    background: var(--segments-selected-background);
    border-color: var(--segments-selected-color);
    box-shadow: inset 0 -2px 0 var(--segments-selected-color);
    font-weight: 600;
  }

  /* Cards beside the scatter when there is room, stacked otherwise. */
  .body {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--segments-gap);
    align-items: start;
  }
  @container (min-width: 48rem) {
    .body {
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
    }
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--segments-card-min-width)), 1fr));
    gap: ${token('space-s')};
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
    min-width: 0;
    padding: ${token('space-s')};
    border: 1px solid ${token('color-border')};
    border-inline-start: 3px solid ${token('color-border')};
    border-radius: ${token('radius')};
    cursor: pointer;
  }
  .card:hover {
    background: var(--segments-selected-background);
  }
  .card.selected {
    background: var(--segments-selected-background);
    border-inline-start-color: var(--segments-selected-color);
  }
  .card-head {
    display: flex;
    gap: ${token('space-s')};
    align-items: center;
  }
  .swatch {
    flex: none;
    width: 0.875rem;
    height: 0.875rem;
    border-radius: 50%;
  }
  ${unsafeCSS(seriesRules)}
  .card .name {
    font-weight: 600;
  }
  .card .line {
    margin: 0;
    font-size: ${token('font-size-s')};
    font-variant-numeric: tabular-nums;
  }
  .medians {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: ${token('space-xs')};
    margin: 0;
    font-size: ${token('font-size-s')};
  }
  .medians dt {
    color: ${token('color-text-muted')};
  }
  .medians dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .tier-mix {
    display: flex;
    height: 0.5rem;
    overflow: hidden;
    background: ${token('color-grid')};
    border-radius: 999px;
  }
  .mix {
    display: block;
    height: 100%;
  }
  .mix.tier-platinum {
    background: ${token('tier-platinum')};
  }
  .mix.tier-gold {
    background: ${token('tier-gold')};
  }
  .mix.tier-iron {
    background: ${token('tier-iron')};
  }
  .mix.tier-lead {
    background: ${token('tier-lead')};
  }

  .chart {
    position: relative;
    width: 100%;
    min-width: 0;
  }
  .scatter-chart {
    height: var(--segments-chart-height);
  }
  .sample {
    margin: ${token('space-xs')} 0 0;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
  }

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
  .data-table .numeric {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
`;
