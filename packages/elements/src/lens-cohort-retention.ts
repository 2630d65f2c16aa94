// Registers <lens-cohort-retention>. Import this file (or define.js) to use the tag; index.js registers nothing.
import { LensCohortRetention } from './cohort-retention/cohort-retention.js';

export { LensCohortRetention };

LensCohortRetention.define('lens-cohort-retention');

declare global {
  interface HTMLElementTagNameMap {
    'lens-cohort-retention': LensCohortRetention;
  }
}
