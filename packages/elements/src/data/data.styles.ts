import { css } from 'lit';
import { token } from '../themes/tokens.js';

export const dataStyles = css`
  :host {
    --lens-data-status-color: ${token('color-text-muted')};
  }
  .status {
    margin-block-end: ${token('space-s')};
    font-size: ${token('font-size-s')};
    color: var(--lens-data-status-color);
  }
`;
