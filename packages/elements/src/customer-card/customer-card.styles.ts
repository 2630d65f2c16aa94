import { css } from 'lit';
import { token } from '../themes/tokens.js';

/** Styles of <lens-customer-card>. Read tokens with token(); never declare --lens-* tokens on :host. */
export const customerCardStyles = css`
  :host {
    --customer-card-padding: ${token('space-m')};
    --customer-card-columns: 14rem;
    --customer-card-accent: ${token('color-accent')};
    --customer-card-band-high: ${token('color-danger')};
    --customer-card-band-medium: ${token('color-warning')};
    --customer-card-band-low: ${token('color-success')};
    container-type: inline-size;
  }
  .base {
    box-sizing: border-box;
    padding: var(--customer-card-padding);
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-xs')} ${token('space-m')};
    align-items: baseline;
    padding-block-end: ${token('space-s')};
    border-block-end: 2px solid var(--customer-card-accent);
  }
  .name {
    margin: 0;
    font-size: 1.25em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .id,
  .muted,
  .note,
  .qualifier,
  .because,
  .overdue {
    color: ${token('color-text-muted')};
  }
  .id,
  .because,
  .qualifier {
    font-size: ${token('font-size-s')};
  }
  .note {
    margin: ${token('space-s')} 0 0;
  }
  .figures {
    display: grid;
    grid-template-columns: 1fr;
    gap: ${token('space-s')} ${token('space-m')};
    margin: ${token('space-m')} 0 0;
  }
  @container (min-width: 32rem) {
    .figures {
      grid-template-columns: repeat(auto-fill, minmax(var(--customer-card-columns), 1fr));
    }
    .figure[data-figure='reasons'],
    .figure[data-figure='next-order'] {
      grid-column: 1 / -1;
    }
  }
  .figure {
    min-width: 0;
  }
  dt {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-s')};
  }
  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  .reasons {
    margin: 0;
    padding-inline-start: 1.1em;
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
    background: var(--_dot, ${token('color-text-muted')});
  }
  .tier-platinum {
    --_dot: ${token('tier-platinum')};
  }
  .tier-gold {
    --_dot: ${token('tier-gold')};
  }
  .tier-iron {
    --_dot: ${token('tier-iron')};
  }
  .tier-lead {
    --_dot: ${token('tier-lead')};
  }
  .band-high {
    --_dot: var(--customer-card-band-high);
  }
  .band-medium {
    --_dot: var(--customer-card-band-medium);
  }
  .band-low {
    --_dot: var(--customer-card-band-low);
  }
  .cross-sell {
    margin-block-start: ${token('space-m')};
    padding-block-start: ${token('space-s')};
    border-block-start: 1px solid ${token('color-border')};
  }
  .section-title {
    margin: 0 0 ${token('space-s')};
    font-size: 1em;
    font-weight: 600;
  }
  .muted {
    margin: 0;
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
    border-inline-start: 3px solid var(--customer-card-accent);
    border-radius: ${token('radius')};
    cursor: pointer;
  }
  .suggestion:hover {
    background: ${token('color-surface')};
  }
  .suggestion:focus-visible {
    outline: 2px solid ${token('color-focus')};
    outline-offset: 1px;
  }
  .item {
    font-weight: 600;
  }
`;
