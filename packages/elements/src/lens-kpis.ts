// Registers <lens-kpis>. Import this file (or define.js) to use the tag; index.js registers nothing.
import { LensKpis } from './kpis/kpis.js';

export { LensKpis };

LensKpis.define('lens-kpis');

declare global {
  interface HTMLElementTagNameMap {
    'lens-kpis': LensKpis;
  }
}
