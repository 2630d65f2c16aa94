import { css } from 'lit';
import { token } from '../themes/tokens.js';

/** Styles of <lens-kpis>. Read tokens with token(); never declare --lens-* tokens on :host. */
export const kpisStyles = css`
  :host {
    --kpis-padding: ${token('space-m')};
    --kpis-gap: ${token('space-m')};
    --kpis-figure-min-width: 12rem;
    --kpis-figure-background: ${token('color-surface')};
    --kpis-value-size: 1.75rem;
    --kpis-value-color: ${token('color-text')};
    --kpis-trend-color: ${token('color-accent')};
    --kpis-trend-height: 2rem;
    container-type: inline-size;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
    padding: var(--kpis-padding);
    color: ${token('color-text')};
    background: ${token('color-background')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  .toolbar {
    display: flex;
    justify-content: flex-end;
  }
  .field {
    display: inline-flex;
    gap: ${token('space-xs')};
    align-items: center;
  }
  .field .label {
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
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--kpis-figure-min-width)), 1fr));
    gap: var(--kpis-gap);
    margin: 0;
  }
  .figure {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
    min-width: 0;
    padding: ${token('space-s')} ${token('space-m')};
    background: var(--kpis-figure-background);
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
  }
  .figure dd {
    margin: 0;
  }
  .figure .label,
  .detail,
  .note {
    color: ${token('color-text-muted')};
  }
  .value {
    font-size: var(--kpis-value-size);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    line-height: 1.15;
    color: var(--kpis-value-color);
  }
  .note {
    margin: 0;
    font-size: 0.875em;
  }
  .trend {
    display: flex;
    gap: 2px;
    align-items: flex-end;
    height: var(--kpis-trend-height);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .bar {
    position: relative;
    display: flex;
    flex: 1 1 0;
    align-items: flex-end;
    height: 100%;
    min-width: 2px;
  }
  .bar-fill {
    display: block;
    width: 100%;
    background: var(--kpis-trend-color);
    border-radius: 1px 1px 0 0;
  }
`;
