// Registers <lens-cross-sell>. Import this file (or define.js) to use the tag; index.js registers nothing.
import { LensCrossSell } from './cross-sell/cross-sell.js';

export { LensCrossSell };

LensCrossSell.define('lens-cross-sell');

declare global {
  interface HTMLElementTagNameMap {
    'lens-cross-sell': LensCrossSell;
  }
}
