import { css } from 'lit';
import { token } from '../themes/tokens.js';

export const churnListStyles = css`
  :host {
    --churn-list-height: 24rem;
    --churn-list-row-height: 3rem;
    --churn-list-min-width: 64rem;
    --churn-list-columns: minmax(9rem, 1.3fr) 7.5rem 7.5rem minmax(14rem, 2.6fr) 7.5rem 7rem 7.5rem 7.5rem;
    --churn-list-header-background: ${token('color-surface')};
    --churn-list-row-hover: ${token('color-surface')};
    --churn-list-active-color: ${token('color-accent')};
    --churn-list-band-high: ${token('color-danger')};
    --churn-list-band-medium: ${token('color-warning')};
    --churn-list-band-low: ${token('color-success')};
  }

  .base {
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
    padding: ${token('space-s')} ${token('space-m')};
    border-block-end: 1px solid ${token('color-border')};
  }
  .bands {
    display: inline-flex;
    gap: ${token('space-xs')};
  }
  .band-toggle,
  .export,
  select,
  input {
    min-height: 2rem;
    padding: ${token('space-xs')} ${token('space-s')};
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  .band-toggle,
  .export {
    cursor: pointer;
  }
  .band-toggle {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
  }
  .band-toggle[aria-pressed='true'] {
    background: ${token('color-surface')};
    border-color: ${token('color-text')};
    font-weight: 600;
  }
  .export:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .field {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
  }
  .field .label {
    color: ${token('color-text-muted')};
  }
  .search input {
    width: 14rem;
    max-width: 100%;
  }
  .count {
    margin-inline-start: auto;
    color: ${token('color-text-muted')};
  }

  .grid {
    position: relative;
    height: var(--churn-list-height);
    overflow: auto;
    overscroll-behavior: contain;
  }
  .grid:focus-visible {
    outline: 2px solid ${token('color-focus')};
    outline-offset: -2px;
  }
  .head {
    position: sticky;
    top: 0;
    z-index: 1;
    min-width: var(--churn-list-min-width);
  }
  .body {
    position: relative;
    min-width: var(--churn-list-min-width);
  }
  .row {
    display: grid;
    grid-template-columns: var(--churn-list-columns);
    align-items: center;
    box-sizing: border-box;
    height: var(--churn-list-row-height);
    border-block-end: 1px solid ${token('color-grid')};
  }
  .body .row {
    position: absolute;
    top: 0;
    right: 0;
    left: 0;
    cursor: pointer;
  }
  .body .row:hover {
    background: var(--churn-list-row-hover);
  }
  .row.active {
    background: var(--churn-list-row-hover);
    box-shadow: inset 3px 0 0 var(--churn-list-active-color);
  }
  .grid:focus-visible .row.active {
    outline: 2px solid ${token('color-focus')};
    outline-offset: -2px;
  }
  .row.message,
  .row.placeholder {
    cursor: default;
    color: ${token('color-text-muted')};
  }
  .row.message .cell,
  .row.placeholder .cell {
    grid-column: 1 / -1;
  }
  .header {
    height: auto;
    min-height: 2.5rem;
    font-weight: 600;
    background: var(--churn-list-header-background);
    border-block-end: 1px solid ${token('color-border')};
  }
  .cell {
    min-width: 0;
    padding: 0 ${token('space-s')};
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* Headings wrap rather than lose their end ("Last purch…"): the header row grows, the body rows do not. */
  .header .cell {
    white-space: normal;
    overflow-wrap: break-word;
  }
  .header .sort {
    text-align: start;
  }
  .header .numeric .sort {
    text-align: end;
  }
  .numeric {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .sort {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
    padding: ${token('space-xs')} 0;
    color: inherit;
    font-weight: inherit;
    background: none;
    border: 0;
    cursor: pointer;
  }
  .sort .arrow {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
  }
  .sort.sorted .arrow {
    color: ${token('color-accent')};
  }
  .col-customer .name {
    display: block;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .col-customer .id {
    display: block;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
  }
  .col-risk {
    display: flex;
    gap: ${token('space-s')};
    justify-content: flex-end;
    align-items: center;
  }
  .tier,
  .band {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
  }
  .dot {
    flex: none;
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    background: currentColor;
  }
  .band .dot,
  .band-toggle .dot {
    background: var(--_band, ${token('color-text-muted')});
  }
  .band-high {
    --_band: var(--churn-list-band-high);
  }
  .band-medium {
    --_band: var(--churn-list-band-medium);
  }
  .band-low {
    --_band: var(--churn-list-band-low);
  }
  .tier .dot {
    background: var(--_tier, ${token('color-text-muted')});
  }
  .tier-platinum {
    --_tier: ${token('tier-platinum')};
  }
  .tier-gold {
    --_tier: ${token('tier-gold')};
  }
  .tier-iron {
    --_tier: ${token('tier-iron')};
  }
  .tier-lead {
    --_tier: ${token('tier-lead')};
  }
  .reasons {
    color: ${token('color-text-muted')};
  }
`;
