import { css } from 'lit';
import { token } from '../themes/tokens.js';

/** Styles of <lens-cross-sell>. Read tokens with token(); never declare --lens-* tokens on :host. */
export const crossSellStyles = css`
  :host {
    --cross-sell-height: 24rem;
    --cross-sell-header-background: ${token('color-surface')};
    --cross-sell-row-hover: ${token('color-surface')};
    --cross-sell-active-color: ${token('color-accent')};
    container-type: inline-size;
  }
  .base {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: ${token('space-m')};
    box-sizing: border-box;
    padding: ${token('space-m')};
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  @container (min-width: 48rem) {
    .base {
      grid-template-columns: minmax(0, 3fr) minmax(14rem, 2fr);
    }
  }
  .title {
    margin: 0 0 ${token('space-s')};
    font-size: 1em;
    font-weight: 600;
  }
  .table-wrap {
    max-height: var(--cross-sell-height);
    overflow: auto;
    overscroll-behavior: contain;
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  table:focus-visible {
    outline: 2px solid ${token('color-focus')};
    outline-offset: -2px;
  }
  caption {
    padding: ${token('space-xs')} ${token('space-s')};
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
    text-align: start;
    caption-side: bottom;
  }
  th,
  td {
    padding: ${token('space-xs')} ${token('space-s')};
    text-align: start;
    border-block-end: 1px solid ${token('color-grid')};
  }
  th {
    position: sticky;
    top: 0;
    font-weight: 600;
    background: var(--cross-sell-header-background);
    border-block-end-color: ${token('color-border')};
  }
  .numeric {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .items {
    overflow-wrap: anywhere;
  }
  tbody tr {
    cursor: pointer;
  }
  tbody tr:hover,
  tbody tr.active {
    background: var(--cross-sell-row-hover);
  }
  tbody tr.active td:first-child,
  tbody tr.selected td:first-child {
    box-shadow: inset 3px 0 0 var(--cross-sell-active-color);
  }
  tbody tr.selected {
    font-weight: 600;
  }
  table:focus-visible tr.active {
    outline: 2px solid ${token('color-focus')};
    outline-offset: -2px;
  }
  .sort {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
    padding: 0;
    color: inherit;
    font: inherit;
    background: none;
    border: 0;
    cursor: pointer;
  }
  .sort .arrow {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
  }
  .sort.sorted .arrow {
    color: var(--cross-sell-active-color);
  }
  .message,
  .muted {
    margin: 0;
    color: ${token('color-text-muted')};
  }
  .not-found {
    margin: 0;
    color: ${token('color-danger')};
  }
  .panel-head {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-s')};
    align-items: baseline;
    justify-content: space-between;
  }
  .clear {
    padding: ${token('space-xs')} ${token('space-s')};
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
    cursor: pointer;
  }
  .suggestions {
    display: grid;
    gap: ${token('space-xs')};
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .suggestion {
    display: flex;
    flex-wrap: wrap;
    gap: 0 ${token('space-s')};
    align-items: baseline;
    box-sizing: border-box;
    width: 100%;
    padding: ${token('space-xs')} ${token('space-s')};
    color: inherit;
    font: inherit;
    text-align: start;
    background: none;
    border: 1px solid ${token('color-border')};
    border-inline-start: 3px solid var(--cross-sell-active-color);
    border-radius: ${token('radius')};
    cursor: pointer;
  }
  .suggestion:hover {
    background: var(--cross-sell-row-hover);
  }
  .suggestion:focus-visible,
  .clear:focus-visible,
  .sort:focus-visible {
    outline: 2px solid ${token('color-focus')};
    outline-offset: 1px;
  }
  .item {
    font-weight: 600;
  }
  .score,
  .because {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
  }
  .because {
    flex-basis: 100%;
  }
`;
