// Registers <lens-data>. Import this file (or define.js) to use the tag; index.js registers nothing.
import { LensData } from './data/data.js';

export { LensData };

LensData.define('lens-data');

declare global {
  interface HTMLElementTagNameMap {
    'lens-data': LensData;
  }
}
