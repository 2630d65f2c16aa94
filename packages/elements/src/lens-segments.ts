// Registers <lens-segments>. Import this file (or define.js) to use the tag; index.js registers nothing.
import { LensSegments } from './segments/segments.js';

export { LensSegments };

LensSegments.define('lens-segments');

declare global {
  interface HTMLElementTagNameMap {
    'lens-segments': LensSegments;
  }
}
