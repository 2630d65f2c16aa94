// Registers <lens-value-pyramid>. Import this file (or define.js) to use the tag; index.js registers nothing.
import { LensValuePyramid } from './value-pyramid/value-pyramid.js';

export { LensValuePyramid };

LensValuePyramid.define('lens-value-pyramid');

declare global {
  interface HTMLElementTagNameMap {
    'lens-value-pyramid': LensValuePyramid;
  }
}
