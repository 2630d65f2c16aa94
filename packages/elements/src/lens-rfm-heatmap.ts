// Registers <lens-rfm-heatmap>. Import this file (or define.js) to use the tag; index.js registers nothing.
import { LensRfmHeatmap } from './rfm-heatmap/rfm-heatmap.js';

export { LensRfmHeatmap };

LensRfmHeatmap.define('lens-rfm-heatmap');

declare global {
  interface HTMLElementTagNameMap {
    'lens-rfm-heatmap': LensRfmHeatmap;
  }
}
