// Registers <lens-drilldown>. Import this file (or define.js) to use the tag; index.js registers nothing.
import { LensDrilldown } from './drilldown/drilldown.js';

export { LensDrilldown };

LensDrilldown.define('lens-drilldown');

declare global {
  interface HTMLElementTagNameMap {
    'lens-drilldown': LensDrilldown;
  }
}
