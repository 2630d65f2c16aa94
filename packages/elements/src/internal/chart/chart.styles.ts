import { css } from 'lit';
import { token } from '../../themes/tokens.js';

/**
 * Styles for an element that hosts a `VegaChart`: add them to its `static styles`. The chart container must
 * be positioned (the tooltip is placed inside it); the tooltip's look follows the tokens and can be
 * restyled from outside with `::part(tooltip)`.
 */
export const chartStyles = css`
  .lens-chart-view > svg,
  .lens-chart-view > canvas {
    display: block;
  }
  [part~='tooltip'] {
    box-sizing: border-box;
    max-width: 18rem;
    padding: ${token('space-xs')} ${token('space-s')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
    font-family: ${token('font-family')};
    font-size: ${token('font-size-s')};
    line-height: 1.35;
    white-space: pre-line;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
  }
  [part~='tooltip'][hidden] {
    display: none;
  }
`;
